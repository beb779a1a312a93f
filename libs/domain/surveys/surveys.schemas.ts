import { exampleFromSchema, type JsonSchema } from '#kernel';
import { toTheDay } from '../shared/days.js';
import {
  boolean,
  definitionsOf,
  eventSchemaTable,
  eventType,
  eventTypesOf,
  id,
  ids,
  instant,
  integer,
  list,
  money,
  object,
  oneOf,
  sha256,
  text,
  variants,
} from '../shared/fields.schemas.js';
import {
  ANSWER_TAGS,
  FEEDBACK_BONUS_GRANTED,
  RESPONDENT_KINDS,
  SCORE_KINDS,
  SURVEY_ANSWERED,
  SURVEY_AUDIENCES,
  SURVEY_CATEGORY,
  SURVEY_CREATED,
  SURVEY_RESPONSE_CATEGORY,
  SURVEY_REVISED,
  SURVEY_TOKEN_CATEGORY,
  SURVEY_TOKEN_REDEEMED,
  SURVEY_TOKENS_ISSUED,
  SURVEY_WAVE_CLOSED,
  SURVEY_WAVE_LAUNCHED,
  type SurveyEvent,
  type SurveyResponseEvent,
  type SurveyTokenEvent,
} from './survey.events.js';

const surveyId = id('0196f3c0-1a2b-7c3d-8e4f-5a6b7c8d9e0f');
const responseId = id('0196f3c1-2b3c-7d4e-9f50-6a7b8c9d0e1f');
const questionId = id('satisfaction');
const productId = id('course-sales');
const wave = integer(1);
const bonus = object({ description: text('A discount on the next course') }, { amount: money() });
const respondent = object({ kind: oneOf(RESPONDENT_KINDS), id: id('client-4711') });
const questionText = text('How satisfied are you with the course?');
const questions = list(
  variants([
    object({ questionId, kind: oneOf([...SCORE_KINDS, 'free-text']), text: questionText, required: boolean() }),
    object({
      questionId,
      kind: oneOf(['single-choice', 'multiple-choice']),
      text: questionText,
      required: boolean(),
      options: list(object({ optionId: id('too-expensive'), text: text('Too expensive') }), 1),
    }),
  ]),
  1,
);
const tags = { tags: list(oneOf(ANSWER_TAGS)) };
const answer = variants([
  object({ questionId, kind: oneOf(SCORE_KINDS), score: integer(0, 5, 10) }, tags),
  object({ questionId, kind: oneOf(['single-choice']), optionId: id('too-expensive') }, tags),
  object({ questionId, kind: oneOf(['multiple-choice']), optionIds: ids('too-expensive', 1) }, tags),
  object({ questionId, kind: oneOf(['free-text']), text: text('More practice, please') }, tags),
]);

const answeredV1 = object(
  { responseId, surveyId, wave, audience: oneOf(SURVEY_AUDIENCES), anonymous: boolean(), answers: list(answer), answeredAt: instant() },
  { productId, respondent },
);

/** What version 2 asks more of an anonymous response: no respondent, and a time told to the day. */
const anonymousAnswer: JsonSchema = {
  properties: { respondent: false, answeredAt: { type: 'string', pattern: 'T00:00:00\\.000Z$' } },
};

function answeredAtToTheDayIfAnonymous(previous: unknown): unknown {
  const data = previous as { anonymous: boolean; answeredAt: string };
  return data.anonymous ? { ...data, answeredAt: toTheDay(data.answeredAt) } : data;
}

const SURVEY_TABLE = eventSchemaTable<SurveyEvent>()({
  [SURVEY_CREATED]: eventType(
    SURVEY_CATEGORY,
    'A survey was defined: its audience, whether it is anonymous, its questions and any bonus for feedback.',
    object(
      { surveyId, title: text('After the course'), audience: oneOf(SURVEY_AUDIENCES), anonymous: boolean(), questions, createdAt: instant() },
      { productId, bonus },
    ),
  ),
  [SURVEY_REVISED]: eventType(
    SURVEY_CATEGORY,
    'The title, questions and bonus offer of a survey from now on.',
    object({ surveyId, title: text('After the course'), questions, revisedAt: instant() }, { bonus }),
  ),
  [SURVEY_WAVE_LAUNCHED]: eventType(
    SURVEY_CATEGORY,
    'A wave of a survey was launched with the questions and bonus offer of the moment.',
    object({ surveyId, wave, questions, launchedAt: instant() }, { invited: integer(0, 120), bonus }),
  ),
  [SURVEY_WAVE_CLOSED]: eventType(SURVEY_CATEGORY, 'A wave of a survey was closed.', object({ surveyId, wave, closedAt: instant() })),
  [SURVEY_TOKENS_ISSUED]: eventType(
    SURVEY_CATEGORY,
    'Single-use tokens for anonymous answers were issued; only the SHA-256 hashes of their secrets are recorded.',
    object({ surveyId, wave, tokenHashes: list(sha256(), 1), issuedAt: instant() }),
  ),
});

export const SURVEY_EVENT_TYPES = eventTypesOf(SURVEY_TABLE);

const SURVEY_TOKEN_TABLE = eventSchemaTable<SurveyTokenEvent>()({
  [SURVEY_TOKEN_REDEEMED]: eventType(
    SURVEY_TOKEN_CATEGORY,
    'A single-use token was spent on an anonymous answer; it names neither the response nor the time of day.',
    object({ surveyId, wave, tokenHash: sha256() }),
  ),
});

export const SURVEY_TOKEN_EVENT_TYPES = eventTypesOf(SURVEY_TOKEN_TABLE);

const SURVEY_RESPONSE_TABLE = eventSchemaTable<SurveyResponseEvent>()({
  [SURVEY_ANSWERED]: {
    categories: [SURVEY_RESPONSE_CATEGORY],
    description: 'One response to one wave; an anonymous response has no respondent, a random id and the day it was given only.',
    versions: [
      { version: 1, schema: answeredV1 },
      {
        version: 2,
        change:
          'An anonymous response has a random `responseId` (version 1 derived it from the token) and `answeredAt` at midnight UTC of ' +
          'its day; version 1 anonymous responses read with `answeredAt` told to the day.',
        schema: { ...answeredV1, if: { properties: { anonymous: { const: true } } }, then: anonymousAnswer },
        upcastFrom: answeredAtToTheDayIfAnonymous,
      },
    ],
    example: { ...(exampleFromSchema(answeredV1) as object), anonymous: false },
  },
  [FEEDBACK_BONUS_GRANTED]: eventType(
    SURVEY_RESPONSE_CATEGORY,
    'An identified respondent was granted the bonus the survey offered for feedback.',
    object({ responseId, surveyId, wave, respondent, bonus, grantedAt: instant() }),
  ),
});

export const SURVEY_RESPONSE_EVENT_TYPES = eventTypesOf(SURVEY_RESPONSE_TABLE);

export const SURVEYS_SCHEMAS = [...definitionsOf(SURVEY_TABLE), ...definitionsOf(SURVEY_TOKEN_TABLE), ...definitionsOf(SURVEY_RESPONSE_TABLE)];
