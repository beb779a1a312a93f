import type { DomainEvent } from '#kernel';
import type { Money } from '../shared/money.js';

/** Stream category of group training sessions: each lives in `trainingSession-<sessionId>`. */
export const TRAINING_SESSION_CATEGORY = 'trainingSession';

export const TRAINING_SESSION_SCHEDULED = 'TrainingSessionScheduled';
export const TRAINING_ATTENDANCE_RECORDED = 'TrainingAttendanceRecorded';
export const TRAINING_SESSION_CANCELLED = 'TrainingSessionCancelled';

/**
 * internal: the planned training for everyone, run in the company every 2-3 months; external-trainer:
 * a trainer brought in from outside; bought-course: a course bought for the staff.
 */
export const TRAINING_SESSION_KINDS = ['internal', 'external-trainer', 'bought-course'] as const;
export type TrainingSessionKind = (typeof TRAINING_SESSION_KINDS)[number];

export interface TrainingSessionScheduledData {
  readonly sessionId: string;
  readonly kind: TrainingSessionKind;
  readonly title: string;
  /** The employee who runs an internal session. */
  readonly trainerId?: string;
  /** The outside trainer or the seller of the course. */
  readonly provider?: string;
  readonly startsAt: string;
  /** How long it lasts: what each attendee's training hours grow by. */
  readonly hours: number;
  /** What an external trainer or a bought course costs; internal sessions cost nothing here. */
  readonly cost?: Money;
  readonly competencyIds: readonly string[];
  readonly scheduledAt: string;
}

/** One employee's attendance as it changed; `sectionId` is theirs then, for the metrics by section. */
export interface AttendanceChange {
  readonly employeeId: string;
  readonly sectionId?: string;
  readonly attended: boolean;
  /** Whether they counted as attending before this record. */
  readonly wasAttending: boolean;
}

/** Attendance that changed; the session's start, kind and hours are repeated for its metrics. */
export interface TrainingAttendanceRecordedData {
  readonly sessionId: string;
  readonly kind: TrainingSessionKind;
  readonly startsAt: string;
  readonly hours: number;
  readonly changes: readonly AttendanceChange[];
  readonly recordedAt: string;
}

/** The session will not take place; its cost, when it had one, is taken back at its start. */
export interface TrainingSessionCancelledData {
  readonly sessionId: string;
  readonly kind: TrainingSessionKind;
  readonly startsAt: string;
  readonly cost?: Money;
  readonly reason?: string;
  readonly cancelledAt: string;
}

export type TrainingSessionScheduled = DomainEvent<typeof TRAINING_SESSION_SCHEDULED, TrainingSessionScheduledData>;
export type TrainingAttendanceRecorded = DomainEvent<typeof TRAINING_ATTENDANCE_RECORDED, TrainingAttendanceRecordedData>;
export type TrainingSessionCancelled = DomainEvent<typeof TRAINING_SESSION_CANCELLED, TrainingSessionCancelledData>;

export type TrainingSessionEvent = TrainingSessionScheduled | TrainingAttendanceRecorded | TrainingSessionCancelled;
