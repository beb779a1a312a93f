import { v5 as uuidv5 } from 'uuid';
import { DomainRuleError, type Decider } from '#kernel';
import { requireId, requireList, requireSha256Hex, requireUtcInstant } from '../shared/validation.js';
import { validAnswers } from './survey-response.commands.js';
import { MAX_QUESTIONS, requireWave } from './survey.commands.js';
import { existingSurvey, existingWave, rejectClosedWave, rejectDatedBeforeLaunch, rejectIdentified, type SurveyState } from './survey.decider.js';
import { SURVEY_TOKEN_REDEEMED, type SurveyTokenEvent } from './survey.events.js';

/** The stable codes of the token rules (409; a token not issued for the wave is the caller's 401). */
export const SURVEY_TOKEN_RULES = {
  tokenNotIssued: 'TOKEN_NOT_ISSUED',
  tokenUsed: 'TOKEN_USED',
} as const;

/**
 * Spends a token on an anonymous answer. The answers come along to be checked against the wave, so
 * that a token is spent only on an answer the wave takes; they are recorded with the response, never
 * with the token.
 */
export interface RedeemSurveyToken {
  readonly type: 'RedeemSurveyToken';
  readonly surveyId: string;
  readonly wave: number;
  readonly tokenHash: string;
  readonly answers: readonly unknown[];
  readonly at: string;
}

export type SurveyTokenState = { readonly status: 'unspent' } | { readonly status: 'spent' };

export type SurveyTokenDecider = Decider<RedeemSurveyToken, SurveyTokenEvent, SurveyTokenState>;

/**
 * Names the token streams. Fixed forever: it is also the namespace anonymous responses were named in
 * before they got random ids, so that a token's stream id is the id of the response it gave then.
 */
const SURVEY_TOKEN_NAMESPACE = 'a3c9e7d1-6b2f-4f08-8e5a-71d4c0b9e2f6';

/** The stream a token is spent in; derived from the token's hash, never from anything about its holder. */
export function surveyTokenId(surveyId: string, wave: number, tokenHash: string): string {
  return uuidv5(`${surveyId}\u0000${wave}\u0000${tokenHash}`, SURVEY_TOKEN_NAMESPACE);
}

/** The answers are checked against the wave's questions by `validAnswers`, in `decide`. */
export function validRedeemSurveyToken(command: RedeemSurveyToken): RedeemSurveyToken {
  return {
    type: command.type,
    surveyId: requireId(command.surveyId, 'surveyId'),
    wave: requireWave(command.wave),
    tokenHash: requireSha256Hex(command.tokenHash, 'tokenHash'),
    answers: requireList(command.answers, 'answers', 1, MAX_QUESTIONS),
    at: requireUtcInstant(command.at, 'at'),
  };
}

/**
 * One survey token, decided against the survey as it stands (`survey`, folded by the caller). The token
 * must have been issued for an open wave of an anonymous survey (`TOKEN_NOT_ISSUED`), and answers once
 * (`TOKEN_USED`): a second spend meets a stream that exists. `answeredBefore` tells of a token that
 * answered before tokens were spent in streams of their own, when its answer was the proof.
 */
export function surveyTokenDecider(survey: SurveyState, answeredBefore: boolean): SurveyTokenDecider {
  return {
    initialState: () => ({ status: 'unspent' }),

    decide(command, state) {
      const valid = validRedeemSurveyToken(command);
      const existing = existingSurvey(survey, valid.surveyId);
      rejectIdentified(existing);
      const wave = rejectClosedWave(existingWave(existing, valid.wave));
      const where = { surveyId: existing.surveyId, wave: wave.wave };
      if (!wave.tokenHashes.has(valid.tokenHash)) {
        throw new DomainRuleError(SURVEY_TOKEN_RULES.tokenNotIssued, `the token was not issued for wave ${wave.wave} of survey ${existing.surveyId}`, where);
      }
      if (state.status === 'spent' || answeredBefore) {
        throw new DomainRuleError(SURVEY_TOKEN_RULES.tokenUsed, `wave ${wave.wave} of survey ${existing.surveyId} was already answered with this token`, where);
      }
      rejectDatedBeforeLaunch(wave, valid.at);
      validAnswers(valid.answers, wave.questions);
      return [{ type: SURVEY_TOKEN_REDEEMED, data: { ...where, tokenHash: valid.tokenHash } }];
    },

    evolve: () => ({ status: 'spent' }),
  };
}
