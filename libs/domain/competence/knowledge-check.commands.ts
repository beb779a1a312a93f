import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  rejectRepeated,
  requireBoolean,
  requireId,
  requireIdList,
  requireList,
  requireNumber,
  requireOneOf,
  requireRecord,
  requireText,
  requireUtcInstant,
} from '../shared/validation.js';
import type { CompetencyCatalogue } from './competency-catalogue.decider.js';
import {
  QUESTION_KINDS,
  type CheckQuestion,
  type ChoiceOption,
  type ChoiceQuestion,
  type MaterialCitation,
  type QuestionKind,
} from './knowledge-check.events.js';

/**
 * A question as a trainer writes it. Without a `kind` it is an open question, as every question was
 * before checks had answer keys; choice questions carry their options and the key.
 */
export interface QuestionDraft {
  readonly questionId: string;
  readonly text: string;
  readonly competencyId: string;
  readonly points: number;
  readonly kind?: QuestionKind;
  readonly options?: readonly ChoiceOption[];
  readonly correctOptionIds?: readonly string[];
  readonly cites?: MaterialCitation;
}

/** A knowledge-base material a question cites, as the command service found it. */
export interface CitableMaterial {
  readonly status: 'current' | 'retired';
  /** Its current version: a question may cite it or any earlier one. */
  readonly version: number;
}

export interface DefineKnowledgeCheck {
  readonly type: 'DefineKnowledgeCheck';
  readonly checkId: string;
  readonly title: string;
  readonly openBook: boolean;
  readonly questions: readonly QuestionDraft[];
  readonly catalogue: CompetencyCatalogue;
  /** The materials the questions cite, by id; one the knowledge base does not have is absent. */
  readonly materials: ReadonlyMap<string, CitableMaterial>;
  readonly at: string;
}

export interface RetireKnowledgeCheck {
  readonly type: 'RetireKnowledgeCheck';
  readonly checkId: string;
  readonly at: string;
}

export type KnowledgeCheckCommand = DefineKnowledgeCheck | RetireKnowledgeCheck;

export const MAX_CHECK_TITLE_LENGTH = 200;
export const MAX_QUESTIONS = 200;
export const MAX_QUESTION_LENGTH = 2000;
export const MAX_QUESTION_POINTS = 100;
export const MAX_OPTIONS = 20;
export const MAX_OPTION_LENGTH = 500;

/** A defined check: its questions with their kinds, options and keys. */
export type ValidDefineKnowledgeCheck = Omit<DefineKnowledgeCheck, 'questions'> & { readonly questions: readonly CheckQuestion[] };

export function validDefineKnowledgeCheck(command: DefineKnowledgeCheck): ValidDefineKnowledgeCheck {
  const questions = requireList(command.questions, 'questions', 1, MAX_QUESTIONS).map((question, index) =>
    validQuestion(question, `questions.${index}`),
  );
  rejectRepeated(questions.map(({ questionId }) => questionId), (index) => `questions.${index}.questionId`);
  return {
    type: command.type,
    checkId: requireId(command.checkId, 'checkId'),
    title: requireText(command.title, 'title', MAX_CHECK_TITLE_LENGTH),
    openBook: requireBoolean(command.openBook, 'openBook'),
    questions,
    catalogue: command.catalogue,
    materials: command.materials,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRetireKnowledgeCheck(command: RetireKnowledgeCheck): RetireKnowledgeCheck {
  return { type: command.type, checkId: requireId(command.checkId, 'checkId'), at: requireUtcInstant(command.at, 'at') };
}

function validQuestion(value: unknown, field: string): CheckQuestion {
  const question = requireRecord(value, field);
  const kind = question.kind === undefined ? 'open' : requireOneOf(question.kind, `${field}.kind`, QUESTION_KINDS);
  const base = withoutAbsent({
    questionId: requireId(question.questionId, `${field}.questionId`),
    text: requireText(question.text, `${field}.text`, MAX_QUESTION_LENGTH),
    competencyId: requireId(question.competencyId, `${field}.competencyId`),
    points: requireNumber(question.points, `${field}.points`, { whole: true, atLeast: 1, atMost: MAX_QUESTION_POINTS }),
    cites: question.cites === undefined ? undefined : validCitation(question.cites, `${field}.cites`),
  });
  if (kind === 'open') {
    for (const choiceField of ['options', 'correctOptionIds']) {
      if (question[choiceField] !== undefined) throw invalid(`${field}.${choiceField}`, 'belongs to choice questions: a trainer marks an open answer');
    }
    return { ...base, kind };
  }
  const options = validOptions(question.options, `${field}.options`);
  return { ...base, kind, options, correctOptionIds: validAnswerKey(question.correctOptionIds, `${field}.correctOptionIds`, kind, options) };
}

/** A choice needs at least two options to choose from. */
function validOptions(value: unknown, field: string): ChoiceOption[] {
  const options = requireList(value, field, 2, MAX_OPTIONS).map((option, index) => {
    const record = requireRecord(option, `${field}.${index}`);
    return {
      optionId: requireId(record.optionId, `${field}.${index}.optionId`),
      text: requireText(record.text, `${field}.${index}.text`, MAX_OPTION_LENGTH),
    };
  });
  rejectRepeated(options.map(({ optionId }) => optionId), (index) => `${field}.${index}.optionId`);
  return options;
}

/** The correct options: exactly one of a single-choice question, at least one of a multiple-choice one. */
function validAnswerKey(value: unknown, field: string, kind: ChoiceQuestion['kind'], options: readonly ChoiceOption[]): string[] {
  const correct = requireIdList(value, field, 1, options.length);
  if (kind === 'single' && correct.length !== 1) throw invalid(field, 'must name exactly one option: the question has one correct answer');
  const unknown = correct.findIndex((optionId) => !options.some((option) => option.optionId === optionId));
  if (unknown !== -1) throw invalid(`${field}.${unknown}`, 'names no option of the question');
  return correct;
}

function validCitation(value: unknown, field: string): MaterialCitation {
  const citation = requireRecord(value, field);
  return {
    materialId: requireId(citation.materialId, `${field}.materialId`),
    version: requireNumber(citation.version, `${field}.version`, { whole: true, atLeast: 1 }),
  };
}
