import type { DomainEvent } from '#kernel';
import type { CompetencyAssessed } from './assessment.events.js';
import type { QuestionScore } from './competence-record.commands.js';
import type { KnowledgeCheckAttempted } from './competence-record.events.js';

/**
 * Stream category of the attempts employees take in campaigns: each lives in `checkAttempt-<attemptId>`,
 * its id derived from the campaign and the employee, so that each employee has one per campaign.
 */
export const CHECK_ATTEMPT_CATEGORY = 'checkAttempt';

export const CHECK_ATTEMPT_STARTED = 'KnowledgeCheckAttemptStarted';
export const CHECK_ANSWERS_SAVED = 'KnowledgeCheckAnswersSaved';
export const CHECK_ATTEMPT_SUBMITTED = 'KnowledgeCheckAttemptSubmitted';
export const CHECK_ANSWERS_MARKED = 'KnowledgeCheckAnswersMarked';

/** A question as the attempt shows it, with its options (for a choice question) in the order shown. */
export interface ShownQuestion {
  readonly questionId: string;
  readonly optionIds?: readonly string[];
}

export interface CheckAttemptStartedData {
  readonly attemptId: string;
  readonly campaignId: string;
  readonly checkId: string;
  readonly employeeId: string;
  /** Every question of the check, in the order this attempt shows them. */
  readonly questions: readonly ShownQuestion[];
  readonly startedAt: string;
}

/** The options chosen for a choice question (none: left unanswered). */
export interface ChoiceAnswer {
  readonly questionId: string;
  readonly optionIds: readonly string[];
}

/** The answer to an open question, in the employee's words. */
export interface OpenAnswer {
  readonly questionId: string;
  readonly text: string;
}

export type CheckAnswer = ChoiceAnswer | OpenAnswer;

/** Each answer replaces the one saved before for its question. */
export interface CheckAnswersSavedData {
  readonly attemptId: string;
  readonly campaignId: string;
  readonly employeeId: string;
  readonly answers: readonly CheckAnswer[];
  readonly savedAt: string;
}

export interface CheckAttemptSubmittedData {
  readonly attemptId: string;
  readonly campaignId: string;
  readonly employeeId: string;
  /** The points of the questions scored on submission: every choice question, and every open one left unanswered. */
  readonly scores: readonly QuestionScore[];
  /** The open questions answered, which a trainer marks. */
  readonly awaitingMarking: readonly string[];
  readonly submittedAt: string;
}

/** A trainer's points for an open answer, up to the question's points, and why. */
export interface AnswerMark {
  readonly questionId: string;
  readonly points: number;
  readonly comment?: string;
}

export interface CheckAnswersMarkedData {
  readonly attemptId: string;
  readonly campaignId: string;
  readonly employeeId: string;
  readonly marks: readonly AnswerMark[];
  /** The trainer who marked, as the employee their key belongs to. */
  readonly markerId: string;
  readonly markedAt: string;
}

export type CheckAttemptStarted = DomainEvent<typeof CHECK_ATTEMPT_STARTED, CheckAttemptStartedData>;
export type CheckAnswersSaved = DomainEvent<typeof CHECK_ANSWERS_SAVED, CheckAnswersSavedData>;
export type CheckAttemptSubmitted = DomainEvent<typeof CHECK_ATTEMPT_SUBMITTED, CheckAttemptSubmittedData>;
export type CheckAnswersMarked = DomainEvent<typeof CHECK_ANSWERS_MARKED, CheckAnswersMarkedData>;

/** Once every question has its points, the attempt records the result as a trainer's attempt does. */
export type CheckAttemptEvent =
  | CheckAttemptStarted
  | CheckAnswersSaved
  | CheckAttemptSubmitted
  | CheckAnswersMarked
  | KnowledgeCheckAttempted
  | CompetencyAssessed;
