import { DomainRuleError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { surveyDecider } from './survey.decider.js';
import type { SurveyEvent, SurveyQuestion } from './survey.events.js';
import { surveyTokenDecider, surveyTokenId, type RedeemSurveyToken } from './survey-token.decider.js';
import { CLOSED_AT, CREATED_AT, LAUNCHED_AT, recommend, satisfaction } from './testing.js';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const questions: SurveyQuestion[] = [satisfaction, { ...recommend, required: true }];

const created = (anonymous: boolean): SurveyEvent => ({
  type: 'SurveyCreated',
  data: { surveyId: 'survey-1', title: 'Everyone', audience: 'all-employees', anonymous, questions, createdAt: CREATED_AT },
});
const launched: SurveyEvent = { type: 'SurveyWaveLaunched', data: { surveyId: 'survey-1', wave: 1, questions, launchedAt: LAUNCHED_AT } };
const issued: SurveyEvent = { type: 'SurveyTokensIssued', data: { surveyId: 'survey-1', wave: 1, tokenHashes: [HASH_A], issuedAt: LAUNCHED_AT } };
const closed: SurveyEvent = { type: 'SurveyWaveClosed', data: { surveyId: 'survey-1', wave: 1, closedAt: CLOSED_AT } };

const surveyOf = (events: SurveyEvent[]) => events.reduce(surveyDecider.evolve, surveyDecider.initialState());
const withTokens = surveyOf([created(true), launched, issued]);
const spent = { type: 'SurveyTokenRedeemed' as const, data: { surveyId: 'survey-1', wave: 1, tokenHash: HASH_A } };
const answers = [{ questionId: 'satisfaction', score: 4 }, { questionId: 'recommend', score: 9 }];
const redeem = (tokenHash = HASH_A, at = '2026-03-04T10:17:42.318Z'): RedeemSurveyToken => ({ type: 'RedeemSurveyToken', surveyId: 'survey-1', wave: 1, tokenHash, answers, at });
const given = (survey = withTokens, answeredBefore = false) => deciderSpec(surveyTokenDecider(survey, answeredBefore)).given;

describe('survey token decider', () => {
  it('spends an issued token, naming it and nothing else: neither the answer nor the time of day', () => {
    given()([]).when(redeem()).then([spent]);
  });

  it('spends a token once, and not at all when it answered before tokens were spent in streams of their own', () => {
    given()([spent]).when(redeem()).thenThrows(DomainRuleError, 'TOKEN_USED');
    given(withTokens, true)([]).when(redeem()).thenThrows(DomainRuleError, 'TOKEN_USED');
  });

  it('spends no token that was not issued for the wave, nor on an identified survey or a closed wave', () => {
    given()([]).when(redeem(HASH_B)).thenThrows(DomainRuleError, 'TOKEN_NOT_ISSUED');
    given(surveyOf([created(false), launched]))([]).when(redeem()).thenThrows(DomainRuleError, 'SURVEY_NOT_ANONYMOUS');
    given(surveyOf([created(true), launched, issued, closed]))([]).when(redeem()).thenThrows(DomainRuleError, 'WAVE_CLOSED');
  });

  it('spends no token on answers the wave does not take, nor before the wave was launched', () => {
    given()([]).when({ ...redeem(), answers: [{ questionId: 'satisfaction', score: 9 }] }).thenRejects(['answers.0.score']);
    given()([]).when({ ...redeem(), answers: [] }).thenRejects(['answers']);
    given()([]).when(redeem(HASH_A, '2026-03-03T08:59:59.999Z')).thenThrows(DomainRuleError, 'DATED_TOO_EARLY');
  });

  it('names a stream per survey, wave and token, as the answers of old were named, so that one token is one stream', () => {
    expect(surveyTokenId('survey-1', 1, HASH_A)).toBe(surveyTokenId('survey-1', 1, HASH_A));
    expect(new Set([surveyTokenId('survey-1', 1, HASH_A), surveyTokenId('survey-1', 2, HASH_A), surveyTokenId('survey-1', 1, HASH_B), surveyTokenId('survey-2', 1, HASH_A)]).size).toBe(4);
    // The id the first version of anonymous answers was recorded under for survey-1, wave 1 and HASH_A.
    expect(surveyTokenId('survey-1', 1, HASH_A)).toBe('536cd82e-91db-58fb-a65d-f421212af7d6');
  });
});
