import type { DomainEvent } from '#kernel';
import { meetsTarget, type IndicatorDirection } from '../catalogue/indicators.js';

/** Stream category of improvement programs: `improvementProgram-<programId>`. */
export const PROGRAM_CATEGORY = 'improvementProgram';

/** A program runs from its creation until the council closes it. */
export const PROGRAM_STATUSES = ['running', 'closed'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export const PROGRAM_CREATED = 'ImprovementProgramCreated';
export const ACTION_PLANNED = 'ImprovementActionPlanned';
export const ACTION_COMPLETED = 'ImprovementActionCompleted';
export const ACTION_RESCHEDULED = 'ImprovementActionRescheduled';
export const ACTION_CANCELLED = 'ImprovementActionCancelled';
export const STAGE_PLANNED = 'ImprovementStagePlanned';
export const STANDARDS_LISTED = 'ImprovementStandardsListed';
export const TRAINING_NEED_RECORDED = 'ImprovementTrainingNeedRecorded';
export const DOCUMENT_CHANGE_PLANNED = 'ImprovementDocumentChangePlanned';
export const DOCUMENT_CHANGE_COMPLETED = 'ImprovementDocumentChangeCompleted';
export const EFFECTIVENESS_CHECKED = 'ProgramEffectivenessChecked';
export const PROGRAM_CLOSED = 'ImprovementProgramClosed';

/**
 * A goal on one indicator of the metrics pack, e.g. "care.retentionShare at least 0.6 by 2026-06-30".
 * `baseline` is the indicator's value in the pack the decision was based on (null: no data then).
 */
export interface Goal {
  readonly indicator: string;
  readonly direction: IndicatorDirection;
  readonly targetValue: number;
  readonly targetDate: string;
  readonly baseline: number | null;
}

/** One goal at the effectiveness check: the indicator before (baseline) and after (as measured then). */
export interface GoalResult {
  readonly indicator: string;
  readonly targetValue: number;
  readonly before: number | null;
  readonly after: number | null;
  readonly achieved: boolean;
}

export interface ProgramCreatedData {
  readonly programId: string;
  readonly decisionId: string;
  readonly title: string;
  readonly goals: readonly Goal[];
  readonly createdAt: string;
}

/** A stage of the plan; stages come in the order they were planned. */
export interface StagePlannedData {
  readonly programId: string;
  readonly stageId: string;
  readonly title: string;
  readonly plannedAt: string;
}

export interface ActionPlannedData {
  readonly programId: string;
  readonly actionId: string;
  /** The stage the action belongs to; absent for the actions planned before programs had stages. */
  readonly stageId?: string;
  readonly description: string;
  /** The employee who answers for the action. */
  readonly ownerId: string;
  readonly deadline: string;
  readonly completionCriteria: string;
  readonly plannedAt: string;
}

export interface ActionCompletedData {
  readonly programId: string;
  readonly actionId: string;
  readonly completedAt: string;
}

/** The action's deadline moved, with the reason; `previousDeadline` is the one it replaces. */
export interface ActionRescheduledData {
  readonly programId: string;
  readonly actionId: string;
  readonly deadline: string;
  readonly previousDeadline: string;
  readonly reason: string;
  readonly rescheduledAt: string;
}

/** The action will not be done, with the reason. */
export interface ActionCancelledData {
  readonly programId: string;
  readonly actionId: string;
  readonly reason: string;
  readonly cancelledAt: string;
}

/** The standards the program applies: the whole list, replacing the one before. */
export interface StandardsListedData {
  readonly programId: string;
  readonly standardIds: readonly string[];
  readonly listedAt: string;
}

/**
 * Employees who must learn a competency by a day. `employeeIds` are all of them: those named, and
 * those who held one of `positionIds` when the need was recorded. Each gets an individual training plan.
 */
export interface TrainingNeedRecordedData {
  readonly programId: string;
  readonly needId: string;
  readonly competencyId: string;
  readonly employeeIds: readonly string[];
  readonly positionIds: readonly string[];
  readonly dueOn: string;
  readonly recordedAt: string;
}

/** What can be changed: a material of the knowledge base (a regulation or another document) or a standard. */
export const DOCUMENT_KINDS = ['knowledge-base', 'standard'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A document as it stood when a change to it was planned: `version` is its current version then. */
export interface DocumentReference {
  readonly kind: DocumentKind;
  readonly id: string;
  readonly version: number;
}

/** A regulation or standard the program must change: what, by whom, by when. */
export interface DocumentChangePlannedData {
  readonly programId: string;
  readonly changeId: string;
  readonly document: DocumentReference;
  readonly change: string;
  /** The employee who answers for the change. */
  readonly ownerId: string;
  readonly deadline: string;
  readonly plannedAt: string;
}

/** The change is made; `version` is the document's version that carries it, when the change published one. */
export interface DocumentChangeCompletedData {
  readonly programId: string;
  readonly changeId: string;
  readonly version?: number;
  readonly completedAt: string;
}

export interface EffectivenessCheckedData {
  readonly programId: string;
  readonly results: readonly GoalResult[];
  /** Every goal achieved. */
  readonly effective: boolean;
  readonly checkedAt: string;
}

export interface ProgramClosedData {
  readonly programId: string;
  readonly effective: boolean;
  readonly closedAt: string;
}

export type ProgramEvent =
  | DomainEvent<typeof PROGRAM_CREATED, ProgramCreatedData>
  | DomainEvent<typeof STAGE_PLANNED, StagePlannedData>
  | DomainEvent<typeof ACTION_PLANNED, ActionPlannedData>
  | DomainEvent<typeof ACTION_COMPLETED, ActionCompletedData>
  | DomainEvent<typeof ACTION_RESCHEDULED, ActionRescheduledData>
  | DomainEvent<typeof ACTION_CANCELLED, ActionCancelledData>
  | DomainEvent<typeof STANDARDS_LISTED, StandardsListedData>
  | DomainEvent<typeof TRAINING_NEED_RECORDED, TrainingNeedRecordedData>
  | DomainEvent<typeof DOCUMENT_CHANGE_PLANNED, DocumentChangePlannedData>
  | DomainEvent<typeof DOCUMENT_CHANGE_COMPLETED, DocumentChangeCompletedData>
  | DomainEvent<typeof EFFECTIVENESS_CHECKED, EffectivenessCheckedData>
  | DomainEvent<typeof PROGRAM_CLOSED, ProgramClosedData>;

/** Whether `value` meets the goal's target in its direction; no data meets nothing. */
export function meetsGoal(goal: Pick<Goal, 'direction' | 'targetValue'>, value: number | null): boolean {
  return value !== null && meetsTarget(goal.direction, value, goal.targetValue);
}
