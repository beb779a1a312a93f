import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { sameJson, withoutAbsent } from '../shared/objects.js';
import {
  validCloseSurveyWave,
  validCreateSurvey,
  validIssueSurveyTokens,
  validLaunchSurveyWave,
  validReviseSurvey,
  type CloseSurveyWave,
  type CreateSurvey,
  type IssueSurveyTokens,
  type LaunchSurveyWave,
  type ReviseSurvey,
  type SurveyCommand,
  type WithValidQuestions,
} from './survey.commands.js';
import {
  SURVEY_CREATED,
  SURVEY_REVISED,
  SURVEY_TOKENS_ISSUED,
  SURVEY_WAVE_CLOSED,
  SURVEY_WAVE_LAUNCHED,
  type BonusOffer,
  type QuestionKind,
  type SurveyAudience,
  type SurveyEvent,
  type SurveyQuestion,
} from './survey.events.js';

/** The stable codes of the survey rules (409). */
export const SURVEY_RULES = {
  surveyExists: 'SURVEY_EXISTS',
  waveOpen: 'WAVE_OPEN',
  waveAlreadyOpen: 'WAVE_ALREADY_OPEN',
  waveClosed: 'WAVE_CLOSED',
  questionKindChanged: 'QUESTION_KIND_CHANGED',
  surveyNotAnonymous: 'SURVEY_NOT_ANONYMOUS',
  tokenAlreadyIssued: 'TOKEN_ALREADY_ISSUED',
  datedTooEarly: 'DATED_TOO_EARLY',
} as const;

export interface SurveyWave {
  readonly wave: number;
  readonly launchedAt: string;
  readonly closedAt?: string;
  readonly invited?: number;
  readonly bonus?: BonusOffer;
  /** The questions the wave runs with, as they were when it was launched. */
  readonly questions: readonly SurveyQuestion[];
  /** Hashes of the tokens issued for the wave. */
  readonly tokenHashes: ReadonlySet<string>;
}

export interface ExistingSurvey {
  readonly status: 'exists';
  readonly surveyId: string;
  readonly title: string;
  readonly audience: SurveyAudience;
  readonly anonymous: boolean;
  readonly productId?: string;
  readonly bonus?: BonusOffer;
  readonly questions: readonly SurveyQuestion[];
  /** Business time of the latest step; no later step is dated before it. */
  readonly lastStepAt: string;
  readonly waves: readonly SurveyWave[];
}

export type SurveyState = { readonly status: 'absent' } | ExistingSurvey;

export type SurveyDecider = Decider<SurveyCommand, SurveyEvent, SurveyState>;

/**
 * The survey: created as a draft, then run in waves (1, 2, ...), at most one open at a time. Its
 * questions can be revised while no wave is open; each wave records the questions it ran with. A
 * question keeps its kind across waves, so that its answers stay comparable (`QUESTION_KIND_CHANGED`).
 * Anonymous surveys are answered with single-use tokens issued for an open wave: a token is spent
 * here, once (`TOKEN_USED`), on the wave it was issued for (`TOKEN_NOT_ISSUED`), and only on answers
 * the wave takes; the answer itself goes to a response stream of its own, with nothing that names the
 * token.
 *
 * Every step is dated no earlier than the step before it (`DATED_TOO_EARLY`): creation, revisions,
 * launches, token issues and closings form one timeline. Spending a token is no step of it: it is
 * recorded to the day only, and must not hold the survey's timeline back.
 */
export const surveyDecider: SurveyDecider = {
  initialState: () => ({ status: 'absent' }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateSurvey':
        return create(validCreateSurvey(command), state);
      case 'ReviseSurvey': {
        const valid = validReviseSurvey(command);
        return revise(valid, existingSurvey(state, valid.surveyId));
      }
      case 'LaunchSurveyWave': {
        const valid = validLaunchSurveyWave(command);
        return launch(valid, existingSurvey(state, valid.surveyId));
      }
      case 'CloseSurveyWave': {
        const valid = validCloseSurveyWave(command);
        return close(valid, existingSurvey(state, valid.surveyId));
      }
      case 'IssueSurveyTokens': {
        const valid = validIssueSurveyTokens(command);
        return issueTokens(valid, existingSurvey(state, valid.surveyId));
      }
    }
  },

  evolve,
};

function create(command: WithValidQuestions<CreateSurvey>, state: SurveyState): SurveyEvent[] {
  if (state.status !== 'absent') {
    throw new DomainRuleError(SURVEY_RULES.surveyExists, `survey ${command.surveyId} already exists`, { surveyId: command.surveyId });
  }
  const { surveyId, title, audience, anonymous, productId, bonus, questions, at } = command;
  return [{ type: SURVEY_CREATED, data: withoutAbsent({ surveyId, title, audience, anonymous, productId, bonus, questions, createdAt: at }) }];
}

/** A revision identical to the definition in force appends nothing, so a retried request changes nothing. */
function revise(command: WithValidQuestions<ReviseSurvey>, state: ExistingSurvey): SurveyEvent[] {
  rejectOpenWave(state);
  rejectDatedTooEarly(state, command.at);
  rejectChangedKinds(state, command.questions);
  const { title, bonus, questions } = command;
  const current = { title: state.title, bonus: state.bonus, questions: state.questions };
  if (sameJson(current, { title, bonus, questions })) return [];
  return [{ type: SURVEY_REVISED, data: withoutAbsent({ surveyId: state.surveyId, title, bonus, questions, revisedAt: command.at }) }];
}

function launch(command: LaunchSurveyWave, state: ExistingSurvey): SurveyEvent[] {
  const open = openWaveOf(state);
  if (open !== undefined) {
    throw new DomainRuleError(SURVEY_RULES.waveAlreadyOpen, `wave ${open.wave} of survey ${state.surveyId} is still open`, {
      surveyId: state.surveyId,
      wave: open.wave,
    });
  }
  rejectDatedTooEarly(state, command.at);
  const { surveyId, bonus, questions, waves } = state;
  return [
    {
      type: SURVEY_WAVE_LAUNCHED,
      data: withoutAbsent({ surveyId, wave: waves.length + 1, invited: command.invited, bonus, questions, launchedAt: command.at }),
    },
  ];
}

function close(command: CloseSurveyWave, state: ExistingSurvey): SurveyEvent[] {
  const wave = rejectClosedWave(existingWave(state, command.wave));
  rejectDatedTooEarly(state, command.at);
  return [{ type: SURVEY_WAVE_CLOSED, data: { surveyId: state.surveyId, wave: wave.wave, closedAt: command.at } }];
}

function issueTokens(command: IssueSurveyTokens, state: ExistingSurvey): SurveyEvent[] {
  rejectIdentified(state);
  const wave = rejectClosedWave(existingWave(state, command.wave));
  rejectDatedTooEarly(state, command.at);
  if (command.tokenHashes.some((hash) => state.waves.some((issued) => issued.tokenHashes.has(hash)))) {
    throw new DomainRuleError(SURVEY_RULES.tokenAlreadyIssued, 'a token of this issue was issued before', { surveyId: state.surveyId });
  }
  return [{ type: SURVEY_TOKENS_ISSUED, data: { surveyId: state.surveyId, wave: wave.wave, tokenHashes: command.tokenHashes, issuedAt: command.at } }];
}

export function rejectIdentified(state: ExistingSurvey): void {
  if (!state.anonymous) {
    throw new DomainRuleError(SURVEY_RULES.surveyNotAnonymous, `survey ${state.surveyId} is not anonymous: its respondents answer as themselves`, {
      surveyId: state.surveyId,
    });
  }
}

/** An answer given before its wave was launched would count for a wave that was not running. */
export function rejectDatedBeforeLaunch(wave: SurveyWave, at: string): void {
  if (Date.parse(at) < Date.parse(wave.launchedAt)) {
    throw new DomainRuleError(SURVEY_RULES.datedTooEarly, `wave ${wave.wave} was launched after ${at}`, { launchedAt: wave.launchedAt, at });
  }
}

export function existingSurvey(state: SurveyState, surveyId: string): ExistingSurvey {
  if (state.status === 'absent') throw new NotFoundError('survey', surveyId);
  return state;
}

export function existingWave(state: ExistingSurvey, wave: number): SurveyWave {
  const found = state.waves[wave - 1];
  if (found === undefined) throw new NotFoundError('survey wave', `${state.surveyId}/waves/${wave}`);
  return found;
}

export function rejectClosedWave(wave: SurveyWave): SurveyWave {
  if (wave.closedAt !== undefined) {
    throw new DomainRuleError(SURVEY_RULES.waveClosed, `wave ${wave.wave} is closed`, { wave: wave.wave, closedAt: wave.closedAt });
  }
  return wave;
}

export function openWaveOf(state: ExistingSurvey): SurveyWave | undefined {
  const last = state.waves[state.waves.length - 1];
  return last?.closedAt === undefined ? last : undefined;
}

function rejectOpenWave(state: ExistingSurvey): void {
  const open = openWaveOf(state);
  if (open !== undefined) {
    throw new DomainRuleError(SURVEY_RULES.waveOpen, `wave ${open.wave} of survey ${state.surveyId} is open: close it before revising`, {
      surveyId: state.surveyId,
      wave: open.wave,
    });
  }
}

function rejectDatedTooEarly(state: ExistingSurvey, at: string): void {
  if (Date.parse(at) < Date.parse(state.lastStepAt)) {
    throw new DomainRuleError(SURVEY_RULES.datedTooEarly, `survey ${state.surveyId} had a later step at ${state.lastStepAt}`, {
      surveyId: state.surveyId,
      lastStepAt: state.lastStepAt,
      at,
    });
  }
}

function rejectChangedKinds(state: ExistingSurvey, questions: readonly SurveyQuestion[]): void {
  const ranWith = kindsThatRan(state);
  for (const question of questions) {
    const kind = ranWith.get(question.questionId);
    if (kind !== undefined && kind !== question.kind) {
      throw new DomainRuleError(
        SURVEY_RULES.questionKindChanged,
        `question ${question.questionId} ran as ${kind}; a question of another kind needs another id`,
        { questionId: question.questionId, ranAs: kind, revisedAs: question.kind },
      );
    }
  }
}

function kindsThatRan(state: ExistingSurvey): Map<string, QuestionKind> {
  return new Map(state.waves.flatMap((wave) => wave.questions.map((question) => [question.questionId, question.kind] as const)));
}

function evolve(state: SurveyState, event: SurveyEvent): SurveyState {
  if (event.type === SURVEY_CREATED) {
    const { surveyId, title, audience, anonymous, productId, bonus, questions, createdAt } = event.data;
    return withoutAbsent({ status: 'exists', surveyId, title, audience, anonymous, productId, bonus, questions, lastStepAt: createdAt, waves: [] });
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case SURVEY_REVISED: {
      const { title, bonus, questions, revisedAt } = event.data;
      const { bonus: _previous, ...rest } = state;
      return withoutAbsent({ ...rest, title, bonus, questions, lastStepAt: revisedAt });
    }
    case SURVEY_WAVE_LAUNCHED: {
      const { wave, invited, bonus, questions, launchedAt } = event.data;
      const launched: SurveyWave = withoutAbsent({
        wave,
        launchedAt,
        invited,
        bonus,
        questions,
        tokenHashes: new Set<string>(),
      });
      return { ...state, lastStepAt: launchedAt, waves: [...state.waves, launched] };
    }
    case SURVEY_WAVE_CLOSED:
      return { ...state, lastStepAt: event.data.closedAt, waves: changeWave(state, event.data.wave, (wave) => ({ ...wave, closedAt: event.data.closedAt })) };
    case SURVEY_TOKENS_ISSUED: {
      const { wave: number, tokenHashes, issuedAt } = event.data;
      const waves = changeWave(state, number, (wave) => ({ ...wave, tokenHashes: new Set([...wave.tokenHashes, ...tokenHashes]) }));
      return { ...state, lastStepAt: issuedAt, waves };
    }
  }
}

function changeWave(state: ExistingSurvey, number: number, change: (wave: SurveyWave) => SurveyWave): SurveyWave[] {
  return state.waves.map((wave) => (wave.wave === number ? change(wave) : wave));
}
