import { validateMoney, type Money } from '../shared/money.js';
import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalId,
  optionalText,
  rejectRepeated,
  requireBoolean,
  requireId,
  requireIdList,
  requireList,
  requireNumber,
  requireOneOf,
  requireRecord,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import { MAX_PROVIDER_LENGTH, MAX_REASON_LENGTH } from './training-plan.commands.js';
import { TRAINING_SESSION_KINDS, type TrainingSessionKind } from './training-session.events.js';

export interface ScheduleTrainingSession {
  readonly type: 'ScheduleTrainingSession';
  readonly sessionId: string;
  readonly kind: TrainingSessionKind;
  readonly title: string;
  readonly trainerId?: string;
  readonly provider?: string;
  readonly startsAt: string;
  readonly hours: number;
  readonly cost?: Money;
  readonly competencyIds?: readonly string[];
  readonly at: string;
}

/** One employee's attendance; the command service adds the section they belong to. */
export interface AttendanceEntry {
  readonly employeeId: string;
  readonly sectionId?: string;
  readonly attended: boolean;
}

export interface RecordTrainingAttendance {
  readonly type: 'RecordTrainingAttendance';
  readonly sessionId: string;
  readonly attendance: readonly AttendanceEntry[];
  readonly at: string;
}

export interface CancelTrainingSession {
  readonly type: 'CancelTrainingSession';
  readonly sessionId: string;
  readonly reason?: string;
  readonly at: string;
}

export type TrainingSessionCommand = ScheduleTrainingSession | RecordTrainingAttendance | CancelTrainingSession;

export const MAX_SESSION_TITLE_LENGTH = 300;
export const MAX_SESSION_HOURS = 200;
export const MAX_SESSION_COMPETENCIES = 50;
export const MAX_ATTENDANCE_ENTRIES = 1000;

/**
 * An internal session is run by an employee and costs nothing here; an external trainer or a bought
 * course comes from a provider, at a cost.
 */
export function validScheduleTrainingSession(command: ScheduleTrainingSession): ScheduleTrainingSession {
  const kind = requireOneOf(command.kind, 'kind', TRAINING_SESSION_KINDS);
  const internal = kind === 'internal';
  if (internal && command.cost !== undefined) throw invalid('cost', 'an internal session costs nothing here');
  if (internal && command.provider !== undefined) throw invalid('provider', 'an internal session is run by an employee: give trainerId');
  if (!internal && command.trainerId !== undefined) throw invalid('trainerId', `a ${kind} comes from a provider: give provider`);
  return withoutAbsent({
    type: command.type,
    sessionId: requireId(command.sessionId, 'sessionId'),
    kind,
    title: withoutEmailAddress(requireText(command.title, 'title', MAX_SESSION_TITLE_LENGTH), 'title'),
    trainerId: optionalId(command.trainerId, 'trainerId'),
    provider: internal ? undefined : withoutEmailAddress(requireText(command.provider, 'provider', MAX_PROVIDER_LENGTH), 'provider'),
    startsAt: requireUtcInstant(command.startsAt, 'startsAt'),
    hours: requireNumber(command.hours, 'hours', { above: 0, atMost: MAX_SESSION_HOURS }),
    cost: internal ? undefined : validateMoney(command.cost, 'cost'),
    competencyIds: requireIdList(command.competencyIds ?? [], 'competencyIds', 0, MAX_SESSION_COMPETENCIES),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validRecordTrainingAttendance(command: RecordTrainingAttendance): RecordTrainingAttendance {
  const attendance = requireList(command.attendance, 'attendance', 1, MAX_ATTENDANCE_ENTRIES).map((entry, index) => {
    const field = `attendance.${index}`;
    const { employeeId, sectionId, attended } = requireRecord(entry, field, '{ employeeId, sectionId?, attended }');
    return withoutAbsent({
      employeeId: requireId(employeeId, `${field}.employeeId`),
      sectionId: optionalId(sectionId, `${field}.sectionId`),
      attended: requireBoolean(attended, `${field}.attended`),
    });
  });
  rejectRepeated(attendance.map((entry) => entry.employeeId), (index) => `attendance.${index}.employeeId`, 'repeats an employee of this list');
  return {
    type: command.type,
    sessionId: requireId(command.sessionId, 'sessionId'),
    attendance,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validCancelTrainingSession(command: CancelTrainingSession): CancelTrainingSession {
  return withoutAbsent({
    type: command.type,
    sessionId: requireId(command.sessionId, 'sessionId'),
    reason: optionalText(command.reason, 'reason', MAX_REASON_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  });
}
