import type { DomainEvent } from '#kernel';
import type { CompetencyAssessed } from './assessment.events.js';

/** Stream category of attestations: each commission and its results live in `attestation-<attestationId>`. */
export const ATTESTATION_CATEGORY = 'attestation';

export const ATTESTATION_COMMISSION_FORMED = 'AttestationCommissionFormed';
export const ATTESTATION_COMPLETED = 'AttestationCompleted';

/** A gap is never grounds for dismissal: it is what the employee's training plan closes. */
export const ATTESTATION_RESULTS = ['conforms', 'gap'] as const;
export type AttestationResult = (typeof ATTESTATION_RESULTS)[number];

export interface ProfileLevel {
  readonly competencyId: string;
  readonly requiredLevel: number;
}

/** A commission to attest one employee against the profile in force for their position when it was formed. */
export interface AttestationCommissionFormedData {
  readonly attestationId: string;
  readonly employeeId: string;
  readonly positionId: string;
  readonly profileVersion: number;
  readonly requirements: readonly ProfileLevel[];
  /** Employee ids; the chair is one of them. */
  readonly members: readonly string[];
  readonly chairId: string;
  readonly sittingAt: string;
  readonly formedAt: string;
}

export interface CompetencyFinding {
  readonly competencyId: string;
  readonly level: number;
  readonly requiredLevel: number;
  /** `conforms` when the level reaches the required one, `gap` otherwise. */
  readonly result: AttestationResult;
}

/** The commission's results and minutes; followed by one `CompetencyAssessed` per finding. */
export interface AttestationCompletedData {
  readonly attestationId: string;
  readonly employeeId: string;
  readonly findings: readonly CompetencyFinding[];
  readonly minutes: string;
  readonly completedAt: string;
}

export type AttestationCommissionFormed = DomainEvent<typeof ATTESTATION_COMMISSION_FORMED, AttestationCommissionFormedData>;
export type AttestationCompleted = DomainEvent<typeof ATTESTATION_COMPLETED, AttestationCompletedData>;

export type AttestationEvent = AttestationCommissionFormed | AttestationCompleted | CompetencyAssessed;
