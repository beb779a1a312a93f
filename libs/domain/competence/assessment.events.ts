import { v5 as uuidv5 } from 'uuid';
import type { DomainEvent } from '#kernel';

/*
 * The assessment events, the core of the competence record: every level an employee is known to have
 * comes from one of them. A knowledge check's attempt and a commission's results assess several
 * competencies at once; each competency gets an assessment of its own, whose id derives from the
 * attempt or the attestation and the competency, so that the same result always has the same id.
 */

export const COMPETENCY_ASSESSED = 'CompetencyAssessed';
export const SELF_ASSESSMENT_VALIDATED = 'SelfAssessmentValidated';

/** Where a level comes from: a knowledge check, an attestation commission, a manager, or the employee (until validated). */
export const ASSESSMENT_SOURCES = ['check', 'attestation', 'manager', 'self'] as const;
export type AssessmentSource = (typeof ASSESSMENT_SOURCES)[number];

export interface CompetencyAssessedData {
  readonly assessmentId: string;
  readonly employeeId: string;
  readonly competencyId: string;
  readonly level: number;
  readonly source: AssessmentSource;
  /** What the level rests on: the check's score, the commission's finding, the manager's observation. */
  readonly evidence?: string;
  /** The employee (or, for a key of no employee, the key's subject) who assessed; the chair for a commission. */
  readonly assessorId: string;
  readonly assessedAt: string;
  /** False for a self assessment, which counts only once validated (`SelfAssessmentValidated`). */
  readonly validated: boolean;
}

export interface SelfAssessmentValidatedData {
  readonly assessmentId: string;
  readonly employeeId: string;
  readonly competencyId: string;
  readonly level: number;
  readonly validatorId: string;
  readonly validatedAt: string;
}

export type CompetencyAssessed = DomainEvent<typeof COMPETENCY_ASSESSED, CompetencyAssessedData>;
export type SelfAssessmentValidated = DomainEvent<typeof SELF_ASSESSMENT_VALIDATED, SelfAssessmentValidatedData>;

/** Who assesses or validates: the actor of the command, and the employee its key belongs to, if any. */
export interface Assessor {
  readonly actorId: string;
  readonly employeeId?: string;
}

/** The id recorded for an assessor: the employee when the key names one, the key's subject otherwise. */
export function assessorIdOf(assessor: Assessor): string {
  return assessor.employeeId ?? assessor.actorId;
}

/** Fixed forever: changing it would give the same result another id on a replayed import. */
const DERIVED_ASSESSMENT_NAMESPACE = '4f5b2f0e-8d7a-4c1e-9b3a-6e2d1c0f9a87';

/** The id of the assessment of one competency by an attempt or an attestation. */
export function derivedAssessmentId(sourceId: string, competencyId: string): string {
  return uuidv5(`${sourceId}\u0000${competencyId}`, DERIVED_ASSESSMENT_NAMESPACE);
}
