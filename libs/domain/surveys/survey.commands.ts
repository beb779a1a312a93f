import { validateMoney } from '../shared/money.js';
import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalId,
  requireBoolean,
  requireId,
  requireList,
  requireNumber,
  rejectRepeated,
  requireOneOf,
  requireRecord,
  requireSha256Hex,
  requireText,
  requireUtcInstant,
} from '../shared/validation.js';
import {
  QUESTION_KINDS,
  SURVEY_AUDIENCES,
  type BonusOffer,
  type ChoiceOption,
  type QuestionKind,
  type SurveyAudience,
  type SurveyQuestion,
} from './survey.events.js';

/*
 * `at` is the business time of the command (the occurredAt the command handler resolved from its
 * clock or the request): an ISO-8601 UTC instant. The decider never reads a clock.
 */

/** A question as a caller describes it; `required` defaults to false, options belong to choice questions only. */
export interface DescribedQuestion {
  readonly questionId: string;
  readonly kind: QuestionKind;
  readonly text: string;
  readonly required?: boolean;
  readonly options?: readonly ChoiceOption[];
}

export interface CreateSurvey {
  readonly type: 'CreateSurvey';
  readonly surveyId: string;
  readonly title: string;
  readonly audience: SurveyAudience;
  readonly anonymous: boolean;
  readonly productId?: string;
  readonly bonus?: BonusOffer;
  readonly questions: readonly DescribedQuestion[];
  readonly at: string;
}

/** Replaces the definition: title, questions and bonus offer (none when absent). */
export interface ReviseSurvey {
  readonly type: 'ReviseSurvey';
  readonly surveyId: string;
  readonly title: string;
  readonly bonus?: BonusOffer;
  readonly questions: readonly DescribedQuestion[];
  readonly at: string;
}

export interface LaunchSurveyWave {
  readonly type: 'LaunchSurveyWave';
  readonly surveyId: string;
  readonly invited?: number;
  readonly at: string;
}

export interface CloseSurveyWave {
  readonly type: 'CloseSurveyWave';
  readonly surveyId: string;
  readonly wave: number;
  readonly at: string;
}

export interface IssueSurveyTokens {
  readonly type: 'IssueSurveyTokens';
  readonly surveyId: string;
  readonly wave: number;
  /** SHA-256 hashes of the token secrets, lower-case hex; the secrets never reach the domain. */
  readonly tokenHashes: readonly string[];
  readonly at: string;
}

export type SurveyCommand = CreateSurvey | ReviseSurvey | LaunchSurveyWave | CloseSurveyWave | IssueSurveyTokens;

/** A command whose questions were checked. */
export type WithValidQuestions<C extends { readonly questions: readonly DescribedQuestion[] }> = Omit<C, 'questions'> & {
  readonly questions: readonly SurveyQuestion[];
};

export const MAX_TITLE_LENGTH = 200;
export const MAX_QUESTIONS = 100;
export const MAX_QUESTION_TEXT_LENGTH = 500;
export const MAX_OPTIONS = 50;
export const MAX_OPTION_TEXT_LENGTH = 200;
export const MAX_BONUS_DESCRIPTION_LENGTH = 200;
export const MAX_INVITED = 10_000_000;
export const MAX_TOKENS_PER_ISSUE = 1000;


/*
 * Each validator checks a command that may come from anywhere (HTTP, CLI, a replayed script) and
 * returns it with canonical values; `decide` works on the result only.
 */

export function validCreateSurvey(command: CreateSurvey): WithValidQuestions<CreateSurvey> {
  return withoutAbsent({
    type: command.type,
    surveyId: requireId(command.surveyId, 'surveyId'),
    title: requireText(command.title, 'title', MAX_TITLE_LENGTH),
    audience: requireOneOf(command.audience, 'audience', SURVEY_AUDIENCES),
    anonymous: requireBoolean(command.anonymous, 'anonymous'),
    productId: optionalId(command.productId, 'productId'),
    bonus: optionalBonus(command.bonus, 'bonus'),
    questions: validQuestions(command.questions, 'questions'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validReviseSurvey(command: ReviseSurvey): WithValidQuestions<ReviseSurvey> {
  return withoutAbsent({
    type: command.type,
    surveyId: requireId(command.surveyId, 'surveyId'),
    title: requireText(command.title, 'title', MAX_TITLE_LENGTH),
    bonus: optionalBonus(command.bonus, 'bonus'),
    questions: validQuestions(command.questions, 'questions'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validLaunchSurveyWave(command: LaunchSurveyWave): LaunchSurveyWave {
  return withoutAbsent({
    type: command.type,
    surveyId: requireId(command.surveyId, 'surveyId'),
    invited: command.invited === undefined ? undefined : requireNumber(command.invited, 'invited', { atLeast: 1, atMost: MAX_INVITED, whole: true }),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validCloseSurveyWave(command: CloseSurveyWave): CloseSurveyWave {
  return {
    type: command.type,
    surveyId: requireId(command.surveyId, 'surveyId'),
    wave: requireWave(command.wave),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validIssueSurveyTokens(command: IssueSurveyTokens): IssueSurveyTokens {
  const tokenHashes = requireList(command.tokenHashes, 'tokenHashes', 1, MAX_TOKENS_PER_ISSUE).map((hash, index) =>
    requireSha256Hex(hash, `tokenHashes.${index}`),
  );
  rejectRepeated(tokenHashes, (index) => `tokenHashes.${index}`);
  return {
    type: command.type,
    surveyId: requireId(command.surveyId, 'surveyId'),
    wave: requireWave(command.wave),
    tokenHashes,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function requireWave(value: unknown): number {
  return requireNumber(value, 'wave', { atLeast: 1, whole: true });
}

function validQuestions(value: unknown, field: string): SurveyQuestion[] {
  const questions = requireList(value, field, 1, MAX_QUESTIONS).map((question, index) => validQuestion(question, `${field}.${index}`));
  rejectRepeated(questions.map((question) => question.questionId), (index) => `${field}.${index}.questionId`);
  return questions;
}

function validQuestion(value: unknown, field: string): SurveyQuestion {
  const question = requireRecord(value, field);
  const kind = requireOneOf(question.kind, `${field}.kind`, QUESTION_KINDS);
  const base = {
    questionId: requireId(question.questionId, `${field}.questionId`),
    text: requireText(question.text, `${field}.text`, MAX_QUESTION_TEXT_LENGTH),
    required: question.required === undefined ? false : requireBoolean(question.required, `${field}.required`),
  };
  if (kind === 'single-choice' || kind === 'multiple-choice') {
    return { questionId: base.questionId, kind, text: base.text, required: base.required, options: validOptions(question.options, `${field}.options`) };
  }
  if (question.options !== undefined) throw invalid(`${field}.options`, `a ${kind} question has no options`);
  return { questionId: base.questionId, kind, text: base.text, required: base.required };
}

/** A choice needs at least two options to choose from. */
function validOptions(value: unknown, field: string): ChoiceOption[] {
  const options = requireList(value, field, 2, MAX_OPTIONS).map((option, index) => {
    const record = requireRecord(option, `${field}.${index}`);
    return {
      optionId: requireId(record.optionId, `${field}.${index}.optionId`),
      text: requireText(record.text, `${field}.${index}.text`, MAX_OPTION_TEXT_LENGTH),
    };
  });
  rejectRepeated(options.map((option) => option.optionId), (index) => `${field}.${index}.optionId`);
  return options;
}

function optionalBonus(value: unknown, field: string): BonusOffer | undefined {
  if (value === undefined) return undefined;
  const bonus = requireRecord(value, field);
  const amount = bonus.amount === undefined ? undefined : validateMoney(bonus.amount, `${field}.amount`);
  if (amount?.minor === 0) throw invalid(`${field}.amount.minor`, 'must be positive: a bonus of nothing is no bonus');
  return withoutAbsent({ description: requireText(bonus.description, `${field}.description`, MAX_BONUS_DESCRIPTION_LENGTH), amount });
}
