import type { DomainEvent } from '#kernel';
import type { ChecklistCriterion } from './checklist-template.events.js';

/** Stream category of inspections: an inspection lives in the stream `inspection-<inspectionId>`. */
export const INSPECTION_CATEGORY = 'inspection';

export const INSPECTION_STARTED = 'InspectionStarted';
export const INSPECTION_RESULTS_RECORDED = 'InspectionResultsRecorded';
export const CHECKLIST_PASSED = 'ChecklistPassed';
export const CHECKLIST_FAILED = 'ChecklistFailed';
export const REINSPECTION_STARTED = 'ReinspectionStarted';
export const VERDICT_DISPUTED = 'VerdictDisputed';
export const DISPUTE_RESOLVED = 'DisputeResolved';

/** What gets inspected: the products and funnels of the sections, and the support answers, tickets and calls. */
export const DELIVERABLE_KINDS = [
  'landing-page',
  'email',
  'funnel',
  'webinar',
  'platform-process',
  'support-answer',
  'ticket',
  'call',
  'other',
] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];

export const CRITERION_RESULTS = ['pass', 'fail', 'n/a'] as const;
export type CriterionResult = (typeof CRITERION_RESULTS)[number];

export const VERDICTS = ['passed', 'failed'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const DISPUTE_OUTCOMES = ['accepted', 'partly-accepted', 'rejected'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export interface Deliverable {
  readonly kind: DeliverableKind;
  /** Which one: an address, a ticket or call number, a short description. */
  readonly reference: string;
}

/** Who inspects or resolves: the API key's subject, and the employee the key belongs to, when it does. */
export interface Inspector {
  readonly actorId: string;
  readonly employeeId?: string;
}

export interface InspectionCriterion extends ChecklistCriterion {
  /** Title of the template section the criterion is grouped in. */
  readonly section: string;
}

/** The exact template version an inspection is given under, embedded so that its scores stay tied to it. */
export interface InspectionTemplate {
  readonly templateId: string;
  readonly version: number;
  readonly passMark: number;
  readonly criteria: readonly InspectionCriterion[];
}

/** Where an inspection stands in its chain of rework and re-inspection. */
export interface ChainPosition {
  /** The id of the chain's first inspection. */
  readonly chainId: string;
  /** 1 for the first inspection, 2 for the first re-inspection, ... */
  readonly attempt: number;
  /** The failed inspection this one re-inspects; absent on attempt 1. */
  readonly previousInspectionId?: string;
  /** When the chain's first inspection started: time to pass is measured from it. */
  readonly chainStartedAt: string;
}

export interface CriterionResultEntry {
  readonly criterionId: string;
  readonly result: CriterionResult;
  /** Required for a fail: the author must learn what to rework. */
  readonly comment?: string;
}

/** A verdict with its figures: given at completion, or revised by the resolution of a dispute. */
export interface ScoredVerdict {
  readonly verdict: Verdict;
  /** Σ(weight × passed) / Σ(weight of the applicable criteria). */
  readonly score: number;
  readonly criticalFailed: boolean;
  /** The ids of the failed criteria, in template order. */
  readonly failedCriteria: readonly string[];
}

/*
 * Event data holds ids and facts only; optional fields are left out rather than undefined, and times
 * are canonical ISO-8601 UTC.
 */

export interface InspectionStartedData {
  readonly inspectionId: string;
  readonly deliverable: Deliverable;
  readonly productId: string;
  readonly sectionId: string;
  /** The employee whose work is inspected. */
  readonly authorId: string;
  readonly inspector: Inspector;
  readonly template: InspectionTemplate;
  readonly chain: ChainPosition;
  readonly startedAt: string;
}

export interface InspectionResultsRecordedData {
  readonly inspectionId: string;
  /** The results this recording sets or changes. */
  readonly results: readonly CriterionResultEntry[];
  readonly recordedAt: string;
}

/**
 * The data of `ChecklistPassed` and `ChecklistFailed`. Template, product, section, author and chain
 * are repeated so that the verdict can be counted from the event alone.
 */
export interface ChecklistCompletedData extends Omit<ScoredVerdict, 'verdict'> {
  readonly inspectionId: string;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly passMark: number;
  readonly productId: string;
  readonly sectionId: string;
  readonly authorId: string;
  readonly chainId: string;
  readonly attempt: number;
  readonly completedAt: string;
}

/** On a failed inspection: its rework is being re-inspected by `reinspectionId`, the next attempt of the chain. */
export interface ReinspectionStartedData {
  readonly inspectionId: string;
  readonly reinspectionId: string;
  readonly attempt: number;
  readonly startedAt: string;
}

export interface VerdictDisputedData {
  readonly inspectionId: string;
  /** 1 for the first dispute of the inspection, 2 for the next one after the first was resolved, ... */
  readonly disputeNumber: number;
  readonly authorId: string;
  /** The failed criteria the author contests. */
  readonly criterionIds: readonly string[];
  readonly comment: string;
  readonly disputedAt: string;
}

/** The revised verdict stands next to the previous one: the original results are never overwritten. */
export interface DisputeResolvedData extends ScoredVerdict {
  readonly inspectionId: string;
  readonly disputeNumber: number;
  readonly outcome: DisputeOutcome;
  readonly comment: string;
  /** The results the resolution changes; none for a rejection. */
  readonly revisedResults: readonly CriterionResultEntry[];
  readonly resolver: Inspector;
  readonly previous: Pick<ScoredVerdict, 'verdict' | 'score'>;
  readonly resolvedAt: string;
}

export type InspectionStarted = DomainEvent<typeof INSPECTION_STARTED, InspectionStartedData>;
export type InspectionResultsRecorded = DomainEvent<typeof INSPECTION_RESULTS_RECORDED, InspectionResultsRecordedData>;
export type ChecklistPassed = DomainEvent<typeof CHECKLIST_PASSED, ChecklistCompletedData>;
export type ChecklistFailed = DomainEvent<typeof CHECKLIST_FAILED, ChecklistCompletedData>;
export type ReinspectionStarted = DomainEvent<typeof REINSPECTION_STARTED, ReinspectionStartedData>;
export type VerdictDisputed = DomainEvent<typeof VERDICT_DISPUTED, VerdictDisputedData>;
export type DisputeResolved = DomainEvent<typeof DISPUTE_RESOLVED, DisputeResolvedData>;
export type InspectionEvent =
  | InspectionStarted
  | InspectionResultsRecorded
  | ChecklistPassed
  | ChecklistFailed
  | ReinspectionStarted
  | VerdictDisputed
  | DisputeResolved;

/** The id inspections are counted and filtered under: the inspector's employee id, or the key's subject. */
export function inspectorIdOf(inspector: Inspector): string {
  return inspector.employeeId ?? inspector.actorId;
}
