import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { toTheDay } from '../shared/days.js';
import { withoutAbsent } from '../shared/objects.js';
import {
  validAnswers,
  validAnswerSurvey,
  validGrantFeedbackBonus,
  type AnswerSurvey,
  type GrantFeedbackBonus,
  type SurveyResponseCommand,
} from './survey-response.commands.js';
import {
  existingSurvey,
  existingWave,
  rejectClosedWave,
  rejectDatedBeforeLaunch,
  rejectIdentified,
  SURVEY_RULES,
  type ExistingSurvey,
  type SurveyState,
} from './survey.decider.js';
import {
  FEEDBACK_BONUS_GRANTED,
  isEmployeeAudience,
  SURVEY_ANSWERED,
  type Respondent,
  type SurveyResponseEvent,
} from './survey.events.js';

/** The stable codes of the response rules (409). */
export const SURVEY_RESPONSE_RULES = {
  alreadyAnswered: 'ALREADY_ANSWERED',
  tokenNotRedeemed: 'TOKEN_NOT_REDEEMED',
  anonymousSurvey: 'ANONYMOUS_SURVEY',
  surveyNotAnonymous: SURVEY_RULES.surveyNotAnonymous,
  respondentNotInAudience: 'RESPONDENT_NOT_IN_AUDIENCE',
  anonymousResponseBonus: 'BONUS_FOR_ANONYMOUS_RESPONSE',
  noBonusOffered: 'NO_BONUS_OFFERED',
  bonusAlreadyGranted: 'BONUS_ALREADY_GRANTED',
  waveClosed: SURVEY_RULES.waveClosed,
  datedTooEarly: SURVEY_RULES.datedTooEarly,
} as const;

export interface AnsweredResponse {
  readonly status: 'answered';
  readonly responseId: string;
  readonly surveyId: string;
  readonly wave: number;
  readonly anonymous: boolean;
  readonly respondent?: Respondent;
  readonly answeredAt: string;
  readonly bonusGranted: boolean;
}

export type SurveyResponseState = { readonly status: 'absent' } | AnsweredResponse;

export type SurveyResponseDecider = Decider<SurveyResponseCommand, SurveyResponseEvent, SurveyResponseState>;

/**
 * One response to a survey wave, in its own stream, decided against the survey as it stands (`survey`,
 * folded from the survey's stream by the caller). An identified response's stream id derives from the
 * survey, the wave and the respondent, so a second answer meets a stream that exists.
 *
 * - The wave must exist and be open (`WAVE_CLOSED`), and the answer not dated before its launch.
 * - An anonymous survey takes anonymous responses only (`ANONYMOUS_SURVEY`), an identified one
 *   identified responses only (`SURVEY_NOT_ANONYMOUS`); employees answer employee surveys, clients
 *   client surveys (`RESPONDENT_NOT_IN_AUDIENCE`).
 * - A respondent answers a wave once (`ALREADY_ANSWERED`). An anonymous answer needs its token spent
 *   first (`spentTokenHash`, the token the caller just spent in its own stream, which is where a token
 *   answers once: `TOKEN_NOT_REDEEMED` otherwise); its stream is random, so that nothing ties it to
 *   the token, and it is recorded to the day.
 * - The bonus the wave offered is granted once (`BONUS_ALREADY_GRANTED`), for identified responses
 *   only: an anonymous respondent is nobody to pay (`BONUS_FOR_ANONYMOUS_RESPONSE`).
 */
export function surveyResponseDecider(survey: SurveyState, spentTokenHash?: string): SurveyResponseDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'AnswerSurvey': {
          const valid = validAnswerSurvey(command);
          return answer(valid, existingSurvey(survey, valid.surveyId), state, spentTokenHash);
        }
        case 'GrantFeedbackBonus':
          return grantBonus(validGrantFeedbackBonus(command), survey, state);
      }
    },

    evolve,
  };
}

function answer(command: AnswerSurvey, survey: ExistingSurvey, state: SurveyResponseState, spentTokenHash: string | undefined): SurveyResponseEvent[] {
  const wave = rejectClosedWave(existingWave(survey, command.wave));
  rejectWrongRespondent(survey, command.respondent);
  if (command.tokenHash !== undefined && command.tokenHash !== spentTokenHash) {
    throw new DomainRuleError(SURVEY_RESPONSE_RULES.tokenNotRedeemed, `the token was not spent on wave ${wave.wave} before its answer`, { wave: wave.wave });
  }
  if (state.status === 'answered') {
    throw new DomainRuleError(SURVEY_RESPONSE_RULES.alreadyAnswered, `response ${state.responseId} to wave ${wave.wave} of survey ${survey.surveyId} was given already`, {
      surveyId: survey.surveyId,
      wave: wave.wave,
    });
  }
  rejectDatedBeforeLaunch(wave, command.at);
  const answers = validAnswers(command.answers, wave.questions);
  const { surveyId, audience, productId, anonymous } = survey;
  return [
    {
      type: SURVEY_ANSWERED,
      data: withoutAbsent({
        responseId: command.responseId,
        surveyId,
        wave: wave.wave,
        audience,
        productId,
        anonymous,
        respondent: command.respondent,
        answers,
        answeredAt: anonymous ? toTheDay(command.at) : command.at,
      }),
    },
  ];
}

function rejectWrongRespondent(survey: ExistingSurvey, respondent: Respondent | undefined): void {
  if (survey.anonymous && respondent !== undefined) {
    throw new DomainRuleError(
      SURVEY_RESPONSE_RULES.anonymousSurvey,
      `survey ${survey.surveyId} is anonymous: it is answered with a survey token, never as a known respondent`,
      { surveyId: survey.surveyId },
    );
  }
  if (respondent === undefined) rejectIdentified(survey);
  if (respondent !== undefined && (respondent.kind === 'employee') !== isEmployeeAudience(survey.audience)) {
    throw new DomainRuleError(SURVEY_RESPONSE_RULES.respondentNotInAudience, `survey ${survey.surveyId} asks ${survey.audience}, not a ${respondent.kind}`, {
      surveyId: survey.surveyId,
      audience: survey.audience,
      respondentKind: respondent.kind,
    });
  }
}

function grantBonus(command: GrantFeedbackBonus, survey: SurveyState, state: SurveyResponseState): SurveyResponseEvent[] {
  if (state.status === 'absent' || state.surveyId !== command.surveyId) throw new NotFoundError('survey response', command.responseId);
  if (state.respondent === undefined) {
    throw new DomainRuleError(SURVEY_RESPONSE_RULES.anonymousResponseBonus, 'an anonymous response has nobody to grant a bonus to', {
      responseId: state.responseId,
    });
  }
  const { bonus } = existingWave(existingSurvey(survey, state.surveyId), state.wave);
  if (bonus === undefined) {
    throw new DomainRuleError(SURVEY_RESPONSE_RULES.noBonusOffered, `wave ${state.wave} of survey ${state.surveyId} offered no bonus for feedback`, {
      surveyId: state.surveyId,
      wave: state.wave,
    });
  }
  if (state.bonusGranted) {
    throw new DomainRuleError(SURVEY_RESPONSE_RULES.bonusAlreadyGranted, `the bonus for response ${state.responseId} was already granted`, {
      responseId: state.responseId,
    });
  }
  if (Date.parse(command.at) < Date.parse(state.answeredAt)) {
    throw new DomainRuleError(SURVEY_RESPONSE_RULES.datedTooEarly, `response ${state.responseId} was given after ${command.at}`, {
      answeredAt: state.answeredAt,
      at: command.at,
    });
  }
  const { responseId, surveyId, wave, respondent } = state;
  return [{ type: FEEDBACK_BONUS_GRANTED, data: { responseId, surveyId, wave, respondent, bonus, grantedAt: command.at } }];
}

function evolve(state: SurveyResponseState, event: SurveyResponseEvent): SurveyResponseState {
  switch (event.type) {
    case SURVEY_ANSWERED: {
      const { responseId, surveyId, wave, anonymous, respondent, answeredAt } = event.data;
      return withoutAbsent({ status: 'answered', responseId, surveyId, wave, anonymous, respondent, answeredAt, bonusGranted: false });
    }
    case FEEDBACK_BONUS_GRANTED:
      return state.status === 'absent' ? state : { ...state, bonusGranted: true };
  }
}
