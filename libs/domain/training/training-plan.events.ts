import type { DomainEvent } from '#kernel';
import type { Money } from '../shared/money.js';

/** Stream category of individual training plans: each lives in `trainingPlan-<planId>`. */
export const TRAINING_PLAN_CATEGORY = 'trainingPlan';

export const TRAINING_PLAN_PROPOSED = 'TrainingPlanProposed';
export const TRAINING_PLAN_REVISED = 'TrainingPlanRevised';
export const TRAINING_PLAN_APPROVED = 'TrainingPlanApproved';
export const TRAINING_COMPLETED = 'TrainingCompleted';
export const TRAINING_PLAN_COMPLETED = 'TrainingPlanCompleted';
export const REASSESSMENT_SCHEDULED = 'ReassessmentScheduled';
export const TRAINING_PLAN_CANCELLED = 'TrainingPlanCancelled';

/**
 * material: a knowledge-base material to study; internal-session: a session run in the company;
 * external-course: a course or trainer bought from outside, with its cost; mentoring: by a colleague.
 */
export const TRAINING_ITEM_KINDS = ['material', 'internal-session', 'external-course', 'mentoring'] as const;
export type TrainingItemKind = (typeof TRAINING_ITEM_KINDS)[number];

/** One thing the employee is to do, by a day, for some of their competencies. */
export interface TrainingItem {
  /** Unique within the plan. */
  readonly itemId: string;
  readonly kind: TrainingItemKind;
  readonly title: string;
  /** The material to study: kind material only. */
  readonly materialId?: string;
  /** The internal session to attend, when it is scheduled already: kind internal-session only. */
  readonly sessionId?: string;
  /** Who sells the course or the training: kind external-course only. */
  readonly provider?: string;
  /** What the course costs: kind external-course only, and required there. */
  readonly cost?: Money;
  /** The colleague who mentors: kind mentoring only. */
  readonly mentorId?: string;
  /** The competencies the item addresses. */
  readonly competencyIds: readonly string[];
  /** The day by which it is to be done. */
  readonly dueOn: string;
  /** Hours it is planned to take. */
  readonly hours?: number;
}

/** A gap of the employee when the plan was proposed: required level minus the level that counted then. */
export interface PlanGap {
  readonly competencyId: string;
  readonly required: number;
  /** Null when the employee was never assessed on it. */
  readonly level: number | null;
  readonly gap: number;
}

/** The event a plan was proposed for. */
interface TriggeringEvent {
  readonly eventId: string;
  /**
   * The position of the event in the log, as a decimal string: processing the log again, the proposer
   * tells the plans proposed for earlier events from those proposed for later ones.
   */
  readonly position: string;
}

/** The assessment that opened the gaps the plan was proposed for. */
export interface AssessmentTrigger extends TriggeringEvent {
  readonly assessmentId: string;
}

/** The training need of an improvement program that named the employee. */
export interface TrainingNeedTrigger extends TriggeringEvent {
  readonly programId: string;
  readonly needId: string;
}

export type PlanTrigger = AssessmentTrigger | TrainingNeedTrigger;

export interface TrainingPlanProposedData {
  readonly planId: string;
  readonly employeeId: string;
  readonly sectionId?: string;
  readonly positionId?: string;
  readonly trigger: PlanTrigger;
  readonly gaps: readonly PlanGap[];
  readonly items: readonly TrainingItem[];
  readonly proposedAt: string;
}

/** The items as edited before approval: the whole new list. */
export interface TrainingPlanRevisedData {
  readonly planId: string;
  readonly items: readonly TrainingItem[];
  readonly revisedAt: string;
}

/**
 * The plan is on: its items can be completed from now on. The section and the plan's due day (its
 * latest item's) are repeated so that the plan's metric needs no lookup.
 */
export interface TrainingPlanApprovedData {
  readonly planId: string;
  readonly employeeId: string;
  readonly sectionId?: string;
  readonly dueOn: string;
  /** The API key (subject) that approved. */
  readonly approverId: string;
  /** The employee the approving key belongs to. */
  readonly approverEmployeeId?: string;
  readonly approvedAt: string;
}

/** The core event of training: an item of a plan done, with the facts its metrics need. */
export interface TrainingCompletedData {
  readonly planId: string;
  readonly itemId: string;
  readonly employeeId: string;
  readonly sectionId?: string;
  readonly kind: TrainingItemKind;
  readonly competencyIds: readonly string[];
  readonly dueOn: string;
  /** Completed on or before its due day. */
  readonly onTime: boolean;
  /** The result, 0 to 100, when the training was scored. */
  readonly score?: number;
  /** Hours spent: as reported, or as planned. */
  readonly hours?: number;
  readonly cost?: Money;
  readonly completedAt: string;
}

/** The last item is done. `gaps` are the plan's starting gaps, against which its effectiveness is judged. */
export interface TrainingPlanCompletedData {
  readonly planId: string;
  readonly employeeId: string;
  readonly sectionId?: string;
  readonly dueOn: string;
  /** Every item completed on or before its due day. */
  readonly onTime: boolean;
  readonly gaps: readonly PlanGap[];
  readonly completedAt: string;
}

/** After a plan, its competencies are assessed again to tell whether the gaps closed. */
export interface ReassessmentScheduledData {
  readonly planId: string;
  readonly employeeId: string;
  readonly competencyIds: readonly string[];
  readonly dueOn: string;
  readonly scheduledAt: string;
}

export interface TrainingPlanCancelledData {
  readonly planId: string;
  readonly employeeId: string;
  readonly sectionId?: string;
  readonly reason: string;
  /** The plan's due day, when it was approved: its metric takes the plan back. */
  readonly approvedDueOn?: string;
  readonly cancelledAt: string;
}

export type TrainingPlanProposed = DomainEvent<typeof TRAINING_PLAN_PROPOSED, TrainingPlanProposedData>;
export type TrainingPlanRevised = DomainEvent<typeof TRAINING_PLAN_REVISED, TrainingPlanRevisedData>;
export type TrainingPlanApproved = DomainEvent<typeof TRAINING_PLAN_APPROVED, TrainingPlanApprovedData>;
export type TrainingCompleted = DomainEvent<typeof TRAINING_COMPLETED, TrainingCompletedData>;
export type TrainingPlanCompleted = DomainEvent<typeof TRAINING_PLAN_COMPLETED, TrainingPlanCompletedData>;
export type ReassessmentScheduled = DomainEvent<typeof REASSESSMENT_SCHEDULED, ReassessmentScheduledData>;
export type TrainingPlanCancelled = DomainEvent<typeof TRAINING_PLAN_CANCELLED, TrainingPlanCancelledData>;

export type TrainingPlanEvent =
  | TrainingPlanProposed
  | TrainingPlanRevised
  | TrainingPlanApproved
  | TrainingCompleted
  | TrainingPlanCompleted
  | ReassessmentScheduled
  | TrainingPlanCancelled;
