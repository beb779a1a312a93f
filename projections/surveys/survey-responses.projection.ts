import type { Projection, RecordedOf } from '#kernel';
import {
  FEEDBACK_BONUS_GRANTED,
  SURVEY_ANSWERED,
  SURVEY_RESPONSE_EVENT_TYPES,
  type AnswerTag,
  type Respondent,
  type SurveyAnswer,
  type SurveyAudience,
  type SurveyResponseEvent,
} from '#domain/surveys/index.js';
import type { Money } from '#domain/shared/money.js';

export interface GrantedBonus {
  readonly description: string;
  readonly amount: Money | null;
  readonly grantedAt: string;
}

/**
 * One response. An anonymous one has no respondent: the event holds none, and neither does this.
 * `freeTextKeys` indexes the free-text answers by question and tag (see `freeTextKey`), because a read
 * store filters on document fields and not inside lists.
 */
export interface SurveyResponseDocument {
  readonly id: string;
  readonly surveyId: string;
  readonly wave: number;
  readonly audience: SurveyAudience;
  readonly productId: string | null;
  readonly anonymous: boolean;
  readonly respondent: Respondent | null;
  readonly answers: readonly SurveyAnswer[];
  readonly answeredAt: string;
  readonly bonus: GrantedBonus | null;
  readonly freeTextKeys: Readonly<Record<string, true>>;
}

/** What free-text answers can be listed by. */
export interface FreeTextFilter {
  readonly questionId?: string;
  readonly tag?: AnswerTag;
}

export type FreeTextAnswer = Extract<SurveyAnswer, { kind: 'free-text' }>;

type ResponseRecord = RecordedOf<SurveyResponseEvent>;

/**
 * One document per response. An anonymous response's `answeredAt` arrives told to the day (version 2
 * of the event, or upcast from version 1), so that neither its document nor its history says more.
 */
export const surveyResponses: Projection<SurveyResponseDocument, SurveyResponseEvent> = {
  name: 'surveyResponses',
  version: 2,
  handles: SURVEY_RESPONSE_EVENT_TYPES,
  indexes: [{ fields: ['surveyId', 'answeredAt'] }, { fields: ['surveyId', 'wave', 'answeredAt'] }],
  documentId: (event) => event.data.responseId,
  evolve: (document, event) => evolveResponse(document, event),
};

function evolveResponse(document: SurveyResponseDocument | null, event: ResponseRecord): SurveyResponseDocument | null {
  switch (event.type) {
    case SURVEY_ANSWERED: {
      const { responseId, surveyId, wave, audience, productId, anonymous, respondent, answers, answeredAt } = event.data;
      return {
        id: responseId,
        surveyId,
        wave,
        audience,
        productId: productId ?? null,
        anonymous,
        respondent: respondent ?? null,
        answers,
        answeredAt,
        bonus: null,
        freeTextKeys: Object.fromEntries(freeTextKeysOf(answers).map((key) => [key, true] as const)),
      };
    }
    case FEEDBACK_BONUS_GRANTED: {
      if (document === null) return null;
      const { bonus, grantedAt } = event.data;
      return { ...document, bonus: { description: bonus.description, amount: bonus.amount ?? null, grantedAt } };
    }
  }
}

/**
 * The key under which a response is indexed when it holds a free-text answer matching the filter:
 * `any`, `tag_<tag>`, `question_<hex>` or `question_<hex>_tag_<tag>`. Field paths are letters, digits
 * and underscores only, so the question id is written in hex and the tag's dashes as underscores.
 */
export function freeTextKey(filter: FreeTextFilter): string {
  const parts = [
    ...(filter.questionId !== undefined ? [`question_${Buffer.from(filter.questionId, 'utf8').toString('hex')}`] : []),
    ...(filter.tag !== undefined ? [`tag_${filter.tag.replaceAll('-', '_')}`] : []),
  ];
  return parts.length === 0 ? 'any' : parts.join('_');
}

function freeTextKeysOf(answers: readonly SurveyAnswer[]): string[] {
  const keys = new Set<string>();
  for (const answer of answers) {
    if (answer.kind !== 'free-text') continue;
    for (const tag of [undefined, ...(answer.tags ?? [])]) {
      keys.add(freeTextKey({ tag }));
      keys.add(freeTextKey({ questionId: answer.questionId, tag }));
    }
  }
  return [...keys];
}

/** The free-text answers of a response that match the filter, in the order they were given. */
export function matchingFreeTexts(answers: readonly SurveyAnswer[], filter: FreeTextFilter): FreeTextAnswer[] {
  return answers.filter(
    (answer): answer is FreeTextAnswer =>
      answer.kind === 'free-text' &&
      (filter.questionId === undefined || answer.questionId === filter.questionId) &&
      (filter.tag === undefined || (answer.tags ?? []).includes(filter.tag)),
  );
}
