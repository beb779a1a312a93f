import type { DomainEvent } from '#kernel';

/** Stream category of knowledge checks: each lives in `knowledgeCheck-<checkId>`. */
export const KNOWLEDGE_CHECK_CATEGORY = 'knowledgeCheck';

export const KNOWLEDGE_CHECK_DEFINED = 'KnowledgeCheckDefined';
export const KNOWLEDGE_CHECK_RETIRED = 'KnowledgeCheckRetired';

/**
 * How a question is answered and scored: `single` and `multiple` choice are scored on the server by
 * their answer key; an `open` answer is marked by a trainer.
 */
export const QUESTION_KINDS = ['single', 'multiple', 'open'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface ChoiceOption {
  readonly optionId: string;
  readonly text: string;
}

/** The knowledge-base material, and the version of it, that a question asks about. */
export interface MaterialCitation {
  readonly materialId: string;
  readonly version: number;
}

/** A question scores up to `points` for the one competency it checks. */
interface QuestionBase {
  readonly questionId: string;
  readonly text: string;
  readonly competencyId: string;
  readonly points: number;
  readonly cites?: MaterialCitation;
}

/**
 * A choice question with its answer key: one correct option for `single`, one or more for
 * `multiple`. An answer scores the question's points when it chooses exactly the correct options,
 * nothing otherwise.
 */
export interface ChoiceQuestion extends QuestionBase {
  readonly kind: 'single' | 'multiple';
  readonly options: readonly ChoiceOption[];
  readonly correctOptionIds: readonly string[];
}

/** A question answered in the employee's words and marked by a trainer, up to its points. */
export interface OpenQuestion extends QuestionBase {
  readonly kind: 'open';
}

export type CheckQuestion = ChoiceQuestion | OpenQuestion;

export interface KnowledgeCheckDefinedData {
  readonly checkId: string;
  readonly title: string;
  /** True when the regulations may be consulted during the check (the usual quarterly check). */
  readonly openBook: boolean;
  readonly questions: readonly CheckQuestion[];
  readonly definedAt: string;
}

export interface KnowledgeCheckRetiredData {
  readonly checkId: string;
  readonly retiredAt: string;
}

export type KnowledgeCheckDefined = DomainEvent<typeof KNOWLEDGE_CHECK_DEFINED, KnowledgeCheckDefinedData>;
export type KnowledgeCheckRetired = DomainEvent<typeof KNOWLEDGE_CHECK_RETIRED, KnowledgeCheckRetiredData>;

export type KnowledgeCheckEvent = KnowledgeCheckDefined | KnowledgeCheckRetired;
