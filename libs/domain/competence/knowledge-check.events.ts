import type { DomainEvent } from '#kernel';

/** Stream category of knowledge checks: each lives in `knowledgeCheck-<checkId>`. */
export const KNOWLEDGE_CHECK_CATEGORY = 'knowledgeCheck';

export const KNOWLEDGE_CHECK_DEFINED = 'KnowledgeCheckDefined';
export const KNOWLEDGE_CHECK_RETIRED = 'KnowledgeCheckRetired';

/** A question scores up to `points` for the one competency it checks. */
export interface CheckQuestion {
  readonly questionId: string;
  readonly text: string;
  readonly competencyId: string;
  readonly points: number;
}

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
