import type { Actor, DomainEvent } from '#kernel';
import type { Money } from '../shared/money.js';

/** A survey lives in the stream `survey-<surveyId>`: its definition, its waves and the tokens issued for them. */
export const SURVEY_CATEGORY = 'survey';
/**
 * Each response lives in a stream of its own, `surveyResponse-<responseId>`, so that respondents never
 * wait on each other and "one response per respondent (or token) and wave" is an append to a stream
 * that must not exist yet.
 */
export const SURVEY_RESPONSE_CATEGORY = 'surveyResponse';
/**
 * Each survey token is spent in a stream of its own, `surveyToken-<tokenId>`: "a token answers once" is
 * an append to a stream that must not exist yet, and answering never queues on the survey's stream.
 */
export const SURVEY_TOKEN_CATEGORY = 'surveyToken';

export const SURVEY_CREATED = 'SurveyCreated';
export const SURVEY_REVISED = 'SurveyRevised';
export const SURVEY_WAVE_LAUNCHED = 'SurveyWaveLaunched';
export const SURVEY_WAVE_CLOSED = 'SurveyWaveClosed';
export const SURVEY_TOKENS_ISSUED = 'SurveyTokensIssued';
export const SURVEY_TOKEN_REDEEMED = 'SurveyTokenRedeemed';
export const SURVEY_ANSWERED = 'SurveyAnswered';
export const FEEDBACK_BONUS_GRANTED = 'FeedbackBonusGranted';

/**
 * Who a survey asks: clients who bought, clients who did not (their objections), the employees who
 * make the product or talk to clients, or every employee.
 */
export const SURVEY_AUDIENCES = ['clients-bought', 'clients-not-bought', 'employees', 'all-employees'] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];

export const EMPLOYEE_AUDIENCES: readonly SurveyAudience[] = ['employees', 'all-employees'];

export function isEmployeeAudience(audience: SurveyAudience): boolean {
  return EMPLOYEE_AUDIENCES.includes(audience);
}

export const SCORE_KINDS = ['csat', 'nps', 'ces'] as const;
export type ScoreKind = (typeof SCORE_KINDS)[number];

export const QUESTION_KINDS = [...SCORE_KINDS, 'single-choice', 'multiple-choice', 'free-text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type ChoiceKind = 'single-choice' | 'multiple-choice';

/** The scales of the scored questions: CSAT 1-5, NPS 0-10, CES 1-7. */
export const SCORE_SCALES: Readonly<Record<ScoreKind, { readonly min: number; readonly max: number }>> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

/** What an answer can be tagged as: the department collects objections, problems, ideas and training wishes. */
export const ANSWER_TAGS = ['objection', 'problem', 'idea', 'training-wish'] as const;
export type AnswerTag = (typeof ANSWER_TAGS)[number];

export interface ChoiceOption {
  readonly optionId: string;
  readonly text: string;
}

/** Choice questions carry their options; the other kinds carry none. */
export type SurveyQuestion =
  | { readonly questionId: string; readonly kind: ScoreKind | 'free-text'; readonly text: string; readonly required: boolean }
  | {
      readonly questionId: string;
      readonly kind: ChoiceKind;
      readonly text: string;
      readonly required: boolean;
      readonly options: readonly ChoiceOption[];
    };

/** What a survey offers for feedback: a description, and an amount when it is money. */
export interface BonusOffer {
  readonly description: string;
  readonly amount?: Money;
}

/**
 * An identified respondent, by id only: an employee answering with their own key, or a client whose
 * answers the survey manager records. Anonymous responses have no respondent at all.
 */
export const RESPONDENT_KINDS = ['employee', 'client'] as const;
export type RespondentKind = (typeof RESPONDENT_KINDS)[number];

export interface Respondent {
  readonly kind: RespondentKind;
  readonly id: string;
}

/**
 * The actor of every anonymous answer. The respondent authenticates with a survey token, never an API
 * key, and this fixed actor keeps the metadata free of anything that could point back at them.
 */
export const ANONYMOUS_ACTOR: Actor = { id: 'anonymous', roles: [] };

/**
 * Whether an event belongs to answering anonymously: a token spent, or the anonymous answer itself.
 * Their times are told to the day only, wherever they are shown, and nothing of who answered is.
 */
export function isAnonymousAnswering(type: string, data: unknown): boolean {
  if (type === SURVEY_TOKEN_REDEEMED) return true;
  return type === SURVEY_ANSWERED && typeof data === 'object' && data !== null && (data as { anonymous?: unknown }).anonymous === true;
}

/** Tags are chosen with the answer: by the respondent, or by the survey manager who records a client's answers. */
interface TaggedAnswer {
  readonly questionId: string;
  readonly tags?: readonly AnswerTag[];
}

/** One answer as recorded: the question's kind is repeated so that the answer can be read without the survey. */
export type SurveyAnswer =
  | (TaggedAnswer & { readonly kind: ScoreKind; readonly score: number })
  | (TaggedAnswer & { readonly kind: 'single-choice'; readonly optionId: string })
  | (TaggedAnswer & { readonly kind: 'multiple-choice'; readonly optionIds: readonly string[] })
  | (TaggedAnswer & { readonly kind: 'free-text'; readonly text: string });

/*
 * Event data holds ids and facts only: respondents are ids, never names or e-mails. Optional fields are
 * left out rather than set to undefined, so that the JSON is the same after a round trip through the
 * store. Times are canonical ISO-8601 UTC.
 */

export interface SurveyCreatedData {
  readonly surveyId: string;
  readonly title: string;
  readonly audience: SurveyAudience;
  readonly anonymous: boolean;
  readonly productId?: string;
  readonly bonus?: BonusOffer;
  readonly questions: readonly SurveyQuestion[];
  readonly createdAt: string;
}

/** The definition from now on: title, questions and bonus offer replace the previous ones. */
export interface SurveyRevisedData {
  readonly surveyId: string;
  readonly title: string;
  readonly bonus?: BonusOffer;
  readonly questions: readonly SurveyQuestion[];
  readonly revisedAt: string;
}

/** A wave runs with the questions and the bonus offer of the moment it was launched, recorded here. */
export interface SurveyWaveLaunchedData {
  readonly surveyId: string;
  readonly wave: number;
  /** How many were asked, when known: the denominator of the response rate. */
  readonly invited?: number;
  readonly bonus?: BonusOffer;
  readonly questions: readonly SurveyQuestion[];
  readonly launchedAt: string;
}

export interface SurveyWaveClosedData {
  readonly surveyId: string;
  readonly wave: number;
  readonly closedAt: string;
}

/** Single-use tokens for anonymous answers: only the SHA-256 hashes of their secrets are recorded. */
export interface SurveyTokensIssuedData {
  readonly surveyId: string;
  readonly wave: number;
  readonly tokenHashes: readonly string[];
  readonly issuedAt: string;
}

/**
 * A token was spent on an anonymous answer. It names the token, so that the token answers once, and
 * nothing else: not the response, which must not be tied to the token, nor the time of day.
 */
export interface SurveyTokenRedeemedData {
  readonly surveyId: string;
  readonly wave: number;
  readonly tokenHash: string;
}

/**
 * One response to one wave. Audience and product are repeated so that the metrics, and any subscriber
 * of the feed, need nothing else. An anonymous response has no `respondent`, a random `responseId` and
 * an `answeredAt` told to the day (midnight UTC), so that nothing in it points to who gave it or when.
 */
export interface SurveyAnsweredData {
  readonly responseId: string;
  readonly surveyId: string;
  readonly wave: number;
  readonly audience: SurveyAudience;
  readonly productId?: string;
  readonly anonymous: boolean;
  readonly respondent?: Respondent;
  readonly answers: readonly SurveyAnswer[];
  readonly answeredAt: string;
}

export interface FeedbackBonusGrantedData {
  readonly responseId: string;
  readonly surveyId: string;
  readonly wave: number;
  readonly respondent: Respondent;
  readonly bonus: BonusOffer;
  readonly grantedAt: string;
}

export type SurveyCreated = DomainEvent<typeof SURVEY_CREATED, SurveyCreatedData>;
export type SurveyRevised = DomainEvent<typeof SURVEY_REVISED, SurveyRevisedData>;
export type SurveyWaveLaunched = DomainEvent<typeof SURVEY_WAVE_LAUNCHED, SurveyWaveLaunchedData>;
export type SurveyWaveClosed = DomainEvent<typeof SURVEY_WAVE_CLOSED, SurveyWaveClosedData>;
export type SurveyTokensIssued = DomainEvent<typeof SURVEY_TOKENS_ISSUED, SurveyTokensIssuedData>;
export type SurveyTokenRedeemed = DomainEvent<typeof SURVEY_TOKEN_REDEEMED, SurveyTokenRedeemedData>;
export type SurveyAnswered = DomainEvent<typeof SURVEY_ANSWERED, SurveyAnsweredData>;
export type FeedbackBonusGranted = DomainEvent<typeof FEEDBACK_BONUS_GRANTED, FeedbackBonusGrantedData>;

export type SurveyEvent = SurveyCreated | SurveyRevised | SurveyWaveLaunched | SurveyWaveClosed | SurveyTokensIssued;
export type SurveyTokenEvent = SurveyTokenRedeemed;
export type SurveyResponseEvent = SurveyAnswered | FeedbackBonusGranted;
