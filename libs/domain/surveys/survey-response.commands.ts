import { v5 as uuidv5 } from 'uuid';
import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  rejectRepeated,
  requireId,
  requireList,
  requireNumber,
  requireOneOf,
  requireRecord,
  requireSha256Hex,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import { MAX_QUESTIONS, requireWave } from './survey.commands.js';
import {
  ANSWER_TAGS,
  RESPONDENT_KINDS,
  SCORE_SCALES,
  type AnswerTag,
  type QuestionKind,
  type Respondent,
  type SurveyAnswer,
  type SurveyQuestion,
} from './survey.events.js';

/** An answer as a respondent gives it: the question, one value of the kind the question asks for, and tags. */
export interface GivenAnswer {
  readonly questionId: string;
  readonly score?: number;
  readonly optionId?: string;
  readonly optionIds?: readonly string[];
  readonly text?: string;
  readonly tags?: readonly AnswerTag[];
}

/**
 * One response to a wave: identified by its respondent, or anonymous and authenticated by the hash of
 * a token already spent on it (`RedeemSurveyToken`), which goes into no event of the response. An
 * identified response's `responseId` derives from its respondent; an anonymous one's is random.
 */
export interface AnswerSurvey {
  readonly type: 'AnswerSurvey';
  readonly responseId: string;
  readonly surveyId: string;
  readonly wave: number;
  readonly respondent?: Respondent;
  readonly tokenHash?: string;
  readonly answers: readonly GivenAnswer[];
  readonly at: string;
}

/** Grants the bonus the response's wave offered for feedback. */
export interface GrantFeedbackBonus {
  readonly type: 'GrantFeedbackBonus';
  readonly responseId: string;
  readonly surveyId: string;
  readonly at: string;
}

export type SurveyResponseCommand = AnswerSurvey | GrantFeedbackBonus;

export const MAX_ANSWER_TEXT_LENGTH = 4000;

/** The field of an answer that carries the value, per kind of question. */
const VALUE_FIELDS = ['score', 'optionId', 'optionIds', 'text'] as const;
type ValueField = (typeof VALUE_FIELDS)[number];
const VALUE_FIELD_OF: Readonly<Record<QuestionKind, ValueField>> = {
  csat: 'score',
  nps: 'score',
  ces: 'score',
  'single-choice': 'optionId',
  'multiple-choice': 'optionIds',
  'free-text': 'text',
};

/** Names the response ids; fixed forever, or a respondent could answer a wave twice. */
const IDENTIFIED_RESPONSE_NAMESPACE = '5d0f8c2e-3a7b-4e61-9c4d-2b8e1f6a7c30';

/** The one response a respondent may give to a wave. */
export function identifiedResponseId(surveyId: string, wave: number, respondent: Respondent): string {
  return uuidv5(`${surveyId}\u0000${wave}\u0000${respondent.kind}\u0000${respondent.id}`, IDENTIFIED_RESPONSE_NAMESPACE);
}

/**
 * A random (version 4) UUID. Anything derived would let whoever knows its source find the response,
 * and a version 7 UUID carries the millisecond it was made.
 */
const RANDOM_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/*
 * The validators check the parts of a command that need no survey; the answers are checked against
 * the questions of the wave by `validAnswers`, in `decide`.
 */

export function validAnswerSurvey(command: AnswerSurvey): AnswerSurvey {
  if (command.respondent !== undefined && command.tokenHash !== undefined) {
    throw invalid('tokenHash', 'is for anonymous answers: an answer has a respondent or a token, not both');
  }
  if (command.respondent === undefined && command.tokenHash === undefined) {
    throw invalid('respondent', 'is required unless a survey token authenticates the answer');
  }
  const surveyId = requireId(command.surveyId, 'surveyId');
  const wave = requireWave(command.wave);
  const respondent = command.respondent === undefined ? undefined : validRespondent(command.respondent);
  const tokenHash = command.tokenHash === undefined ? undefined : requireSha256Hex(command.tokenHash, 'tokenHash');
  return withoutAbsent({
    type: command.type,
    responseId: respondent ? requireDerivedId(command.responseId, identifiedResponseId(surveyId, wave, respondent)) : requireRandomId(command.responseId),
    surveyId,
    wave,
    respondent,
    tokenHash,
    answers: requireList(command.answers, 'answers', 1, MAX_QUESTIONS) as readonly GivenAnswer[],
    at: requireUtcInstant(command.at, 'at'),
  });
}

function requireDerivedId(responseId: unknown, derivedId: string): string {
  if (responseId !== derivedId) throw invalid('responseId', 'must be the id derived from the survey, the wave and the respondent');
  return derivedId;
}

function requireRandomId(responseId: unknown): string {
  if (typeof responseId !== 'string' || !RANDOM_UUID.test(responseId)) {
    throw invalid('responseId', 'must be a random (version 4) UUID: an anonymous response carries nothing derived, nor the time');
  }
  return responseId;
}

export function validGrantFeedbackBonus(command: GrantFeedbackBonus): GrantFeedbackBonus {
  return {
    type: command.type,
    responseId: requireId(command.responseId, 'responseId'),
    surveyId: requireId(command.surveyId, 'surveyId'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

function validRespondent(value: unknown): Respondent {
  const respondent = requireRecord(value, 'respondent');
  return {
    kind: requireOneOf(respondent.kind, 'respondent.kind', RESPONDENT_KINDS),
    id: requireId(respondent.id, 'respondent.id'),
  };
}

/**
 * The answers checked against the questions a wave runs with: known questions, each answered once,
 * with a value of the question's kind on its scale or among its options, and every required question
 * answered. Free text refers to people by id only, like the rest of the survey.
 */
export function validAnswers(inputs: readonly unknown[], questions: readonly SurveyQuestion[]): SurveyAnswer[] {
  const byId = new Map(questions.map((question) => [question.questionId, question]));
  const answers = inputs.map((input, index) => validAnswer(input, `answers.${index}`, byId));
  rejectRepeated(answers.map((answer) => answer.questionId), (index) => `answers.${index}.questionId`);
  const unanswered = questions.find((question) => question.required && !answers.some((answer) => answer.questionId === question.questionId));
  if (unanswered !== undefined) throw invalid('answers', `must answer the required question ${unanswered.questionId}`);
  return answers;
}

function validAnswer(value: unknown, field: string, questions: ReadonlyMap<string, SurveyQuestion>): SurveyAnswer {
  const answer = requireRecord(value, field);
  const questionId = requireId(answer.questionId, `${field}.questionId`);
  const question = questions.get(questionId);
  if (question === undefined) throw invalid(`${field}.questionId`, 'is not a question of this wave');
  const expected = VALUE_FIELD_OF[question.kind];
  const stray = VALUE_FIELDS.find((name) => name !== expected && answer[name] !== undefined);
  if (stray !== undefined) throw invalid(`${field}.${stray}`, `does not answer a ${question.kind} question, which takes ${expected}`);
  const tags = optionalTags(answer.tags, `${field}.tags`);
  switch (question.kind) {
    case 'csat':
    case 'nps':
    case 'ces': {
      const { min, max } = SCORE_SCALES[question.kind];
      const score = requireNumber(answer.score, `${field}.score`, { atLeast: min, atMost: max, whole: true });
      return withoutAbsent({ questionId, kind: question.kind, score, tags });
    }
    case 'single-choice':
      return withoutAbsent({ questionId, kind: question.kind, optionId: chosenOption(answer.optionId, `${field}.optionId`, question.options), tags });
    case 'multiple-choice': {
      const chosen = requireList(answer.optionIds, `${field}.optionIds`, 1, question.options.length);
      const optionIds = chosen.map((optionId, index) => chosenOption(optionId, `${field}.optionIds.${index}`, question.options));
      rejectRepeated(optionIds, (index) => `${field}.optionIds.${index}`);
      return withoutAbsent({ questionId, kind: question.kind, optionIds, tags });
    }
    case 'free-text': {
      const text = withoutEmailAddress(requireText(answer.text, `${field}.text`, MAX_ANSWER_TEXT_LENGTH), `${field}.text`);
      return withoutAbsent({ questionId, kind: question.kind, text, tags });
    }
  }
}

function chosenOption(value: unknown, field: string, options: readonly { readonly optionId: string }[]): string {
  const optionId = requireId(value, field);
  if (!options.some((option) => option.optionId === optionId)) throw invalid(field, 'is not an option of the question');
  return optionId;
}

/** Tags in a canonical form: each once, in the order of `ANSWER_TAGS`; none is the same as an empty list. */
function optionalTags(value: unknown, field: string): AnswerTag[] | undefined {
  if (value === undefined) return undefined;
  const tags = requireList(value, field, 0, ANSWER_TAGS.length).map((tag, index) => requireOneOf(tag, `${field}.${index}`, ANSWER_TAGS));
  rejectRepeated(tags, (index) => `${field}.${index}`);
  return tags.length === 0 ? undefined : ANSWER_TAGS.filter((tag) => tags.includes(tag));
}
