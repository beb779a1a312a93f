import { v5 as uuidv5 } from 'uuid';
import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalText,
  rejectRepeated,
  requireId,
  requireIdList,
  requireList,
  requireRecord,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import type { Assessor } from './assessment.events.js';
import type { AnswerMark, CheckAnswer } from './check-attempt.events.js';
import type { CheckCampaignState } from './check-campaign.decider.js';
import { validQuestionScore, validStanding, type EmployeeStanding } from './competence-record.commands.js';
import type { KnowledgeCheckState } from './knowledge-check.decider.js';
import { MAX_QUESTIONS, MAX_OPTIONS } from './knowledge-check.commands.js';
import type { CheckQuestion } from './knowledge-check.events.js';
import type { ProficiencyScale } from './proficiency-scale.js';

/*
 * An attempt is addressed by its campaign and its employee: its id derives from both, so that an
 * employee has one attempt per campaign, found again by whoever knows the two. The command service
 * reads the campaign and the check from their streams, the employee from the organisation catalogue.
 */

export interface AttemptAddress {
  readonly campaignId: string;
  readonly employeeId: string;
}

/** The employee, through their own key, starts their attempt. */
export interface StartCheckAttempt extends AttemptAddress {
  readonly type: 'StartCheckAttempt';
  readonly campaign: CheckCampaignState;
  readonly check: KnowledgeCheckState;
  readonly employee: EmployeeStanding;
  readonly at: string;
}

/** An answer as the employee gives it: options for a choice question, a text for an open one. */
export interface AnswerDraft {
  readonly questionId: string;
  readonly optionIds?: readonly string[];
  readonly text?: string;
}

export interface SaveCheckAnswers extends AttemptAddress {
  readonly type: 'SaveCheckAnswers';
  readonly check: KnowledgeCheckState;
  readonly answers: readonly AnswerDraft[];
  readonly at: string;
}

export interface SubmitCheckAttempt extends AttemptAddress {
  readonly type: 'SubmitCheckAttempt';
  readonly check: KnowledgeCheckState;
  readonly employee: EmployeeStanding;
  readonly scale: ProficiencyScale;
  readonly at: string;
}

export interface MarkCheckAnswers extends AttemptAddress {
  readonly type: 'MarkCheckAnswers';
  readonly check: KnowledgeCheckState;
  readonly employee: EmployeeStanding;
  readonly scale: ProficiencyScale;
  readonly marks: readonly AnswerMark[];
  readonly marker: Assessor;
  readonly at: string;
}

export type CheckAttemptCommand = StartCheckAttempt | SaveCheckAnswers | SubmitCheckAttempt | MarkCheckAnswers;

export const MAX_ANSWER_LENGTH = 4000;
export const MAX_MARK_COMMENT_LENGTH = 2000;

/** Fixed forever: changing it would give every employee a second attempt at every campaign. */
const ATTEMPT_NAMESPACE = '6a0f3c2e-9b41-4d7a-8e5c-2f1b0d9c8a73';

export function checkAttemptId({ campaignId, employeeId }: AttemptAddress): string {
  return uuidv5(`${campaignId}\u0000${employeeId}`, ATTEMPT_NAMESPACE);
}

export function validAddress<C extends AttemptAddress & { readonly at: string }>(command: C): C {
  return {
    ...command,
    campaignId: requireId(command.campaignId, 'campaignId'),
    employeeId: requireId(command.employeeId, 'employeeId'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validStandingOf<C extends { readonly employee: EmployeeStanding }>(command: C): C {
  return { ...command, employee: validStanding(command.employee) };
}

/**
 * The answers, each to a question of the check, once, in the form its kind takes: the options of a
 * choice question chosen among its own (one at most for a single-choice question), the text of an open one.
 */
export function validAnswers(value: unknown, questions: readonly CheckQuestion[]): CheckAnswer[] {
  const answers = requireList(value, 'answers', 1, MAX_QUESTIONS).map((answer, index) => validAnswer(answer, `answers.${index}`, questions));
  rejectRepeated(answers.map(({ questionId }) => questionId), (index) => `answers.${index}.questionId`);
  return answers;
}

function validAnswer(value: unknown, field: string, questions: readonly CheckQuestion[]): CheckAnswer {
  const answer = requireRecord(value, field);
  const questionId = requireId(answer.questionId, `${field}.questionId`);
  const question = questions.find((candidate) => candidate.questionId === questionId);
  if (question === undefined) throw invalid(`${field}.questionId`, 'no such question in the check');
  if (question.kind === 'open') {
    if (answer.optionIds !== undefined) throw invalid(`${field}.optionIds`, 'an open question is answered with a text');
    return { questionId, text: withoutEmailAddress(requireText(answer.text, `${field}.text`, MAX_ANSWER_LENGTH), `${field}.text`) };
  }
  if (answer.text !== undefined) throw invalid(`${field}.text`, 'a choice question is answered with options');
  const optionIds = requireIdList(answer.optionIds, `${field}.optionIds`, 0, question.kind === 'single' ? 1 : MAX_OPTIONS);
  const unknown = optionIds.findIndex((optionId) => !question.options.some((option) => option.optionId === optionId));
  if (unknown !== -1) throw invalid(`${field}.optionIds.${unknown}`, 'names no option of the question');
  return { questionId, optionIds };
}

/** The marks, each once, in whole points up to the question's (which the decider checks against the check). */
export function validMarks(value: unknown): AnswerMark[] {
  const marks = requireList(value, 'marks', 1, MAX_QUESTIONS).map((mark, index) => validMark(mark, `marks.${index}`));
  rejectRepeated(marks.map(({ questionId }) => questionId), (index) => `marks.${index}.questionId`);
  return marks;
}

function validMark(value: unknown, field: string): AnswerMark {
  return withoutAbsent({
    ...validQuestionScore(value, field),
    comment: withoutEmailAddress(optionalText(requireRecord(value, field).comment, `${field}.comment`, MAX_MARK_COMMENT_LENGTH), `${field}.comment`),
  });
}
