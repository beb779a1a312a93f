import type { DomainEvent } from '#kernel';
import type { CompetencyAssessed, SelfAssessmentValidated } from './assessment.events.js';
import type { CareerPathBasis } from './career-path.events.js';

/**
 * Stream category of competence records: what is known of an employee's competencies lives in
 * `competenceRecord-<employeeId>` (assessments by check, manager and self, and the career target);
 * an attestation's results live in the attestation's stream.
 */
export const COMPETENCE_RECORD_CATEGORY = 'competenceRecord';

export const KNOWLEDGE_CHECK_ATTEMPTED = 'KnowledgeCheckAttempted';
export const CAREER_TARGET_SET = 'CareerTargetSet';
export const CAREER_TARGET_CLEARED = 'CareerTargetCleared';

/** One competency's score in an attempt, and the level it maps to. */
export interface CheckCompetencyResult {
  readonly competencyId: string;
  readonly points: number;
  readonly maxPoints: number;
  readonly level: number;
}

/** Followed by one `CompetencyAssessed` per competency the check covers. */
export interface KnowledgeCheckAttemptedData {
  readonly attemptId: string;
  readonly checkId: string;
  readonly employeeId: string;
  readonly openBook: boolean;
  /** The version of the proficiency scale the points were mapped onto levels with. */
  readonly scaleVersion: number;
  readonly results: readonly CheckCompetencyResult[];
  readonly attemptedAt: string;
}

/** The next step the employee works toward; the path starts at the position they hold. */
export interface CareerTargetSetData {
  readonly employeeId: string;
  readonly careerPathId: string;
  readonly fromPositionId: string;
  readonly toPositionId: string;
  readonly basis: CareerPathBasis;
  readonly setAt: string;
}

export interface CareerTargetClearedData {
  readonly employeeId: string;
  readonly careerPathId: string;
  readonly clearedAt: string;
}

export type KnowledgeCheckAttempted = DomainEvent<typeof KNOWLEDGE_CHECK_ATTEMPTED, KnowledgeCheckAttemptedData>;
export type CareerTargetSet = DomainEvent<typeof CAREER_TARGET_SET, CareerTargetSetData>;
export type CareerTargetCleared = DomainEvent<typeof CAREER_TARGET_CLEARED, CareerTargetClearedData>;

export type CompetenceRecordEvent =
  | CompetencyAssessed
  | SelfAssessmentValidated
  | KnowledgeCheckAttempted
  | CareerTargetSet
  | CareerTargetCleared;
