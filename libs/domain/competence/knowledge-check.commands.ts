import { invalid, requireBoolean, requireId, requireList, requireNumber, requireText, requireUtcInstant } from '../shared/validation.js';
import type { CompetencyCatalogue } from './competency-catalogue.decider.js';
import type { CheckQuestion } from './knowledge-check.events.js';

export interface DefineKnowledgeCheck {
  readonly type: 'DefineKnowledgeCheck';
  readonly checkId: string;
  readonly title: string;
  readonly openBook: boolean;
  readonly questions: readonly CheckQuestion[];
  readonly catalogue: CompetencyCatalogue;
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

export function validDefineKnowledgeCheck(command: DefineKnowledgeCheck): DefineKnowledgeCheck {
  const questions = requireList(command.questions, 'questions', 1, MAX_QUESTIONS).map((question, index) =>
    validQuestion(question, `questions.${index}`),
  );
  const seen = new Set<string>();
  questions.forEach(({ questionId }, index) => {
    if (seen.has(questionId)) throw invalid(`questions.${index}.questionId`, 'repeats a question id of this check');
    seen.add(questionId);
  });
  return {
    type: command.type,
    checkId: requireId(command.checkId, 'checkId'),
    title: requireText(command.title, 'title', MAX_CHECK_TITLE_LENGTH),
    openBook: requireBoolean(command.openBook, 'openBook'),
    questions,
    catalogue: command.catalogue,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRetireKnowledgeCheck(command: RetireKnowledgeCheck): RetireKnowledgeCheck {
  return { type: command.type, checkId: requireId(command.checkId, 'checkId'), at: requireUtcInstant(command.at, 'at') };
}

function validQuestion(value: unknown, field: string): CheckQuestion {
  if (typeof value !== 'object' || value === null) throw invalid(field, 'must be an object { questionId, text, competencyId, points }');
  const question = value as CheckQuestion;
  return {
    questionId: requireId(question.questionId, `${field}.questionId`),
    text: requireText(question.text, `${field}.text`, MAX_QUESTION_LENGTH),
    competencyId: requireId(question.competencyId, `${field}.competencyId`),
    points: requireNumber(question.points, `${field}.points`, { whole: true, atLeast: 1, atMost: MAX_QUESTION_POINTS }),
  };
}
