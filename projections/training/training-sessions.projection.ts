import type { Projection, RecordedOf } from '#kernel';
import type { Money } from '#domain/shared/money.js';
import {
  TRAINING_ATTENDANCE_RECORDED,
  TRAINING_SESSION_CANCELLED,
  TRAINING_SESSION_EVENT_TYPES,
  TRAINING_SESSION_SCHEDULED,
  type TrainingSessionEvent,
  type TrainingSessionKind,
} from '#domain/training/index.js';

export interface AttendanceDocument {
  readonly employeeId: string;
  readonly sectionId: string | null;
  readonly attended: boolean;
}

/** A group training session with its attendance. Absent facts are null. */
export interface TrainingSessionDocument {
  readonly id: string;
  readonly kind: TrainingSessionKind;
  readonly title: string;
  readonly trainerId: string | null;
  readonly provider: string | null;
  readonly startsAt: string;
  readonly hours: number;
  readonly cost: Money | null;
  readonly competencyIds: readonly string[];
  readonly status: 'scheduled' | 'cancelled';
  /** Every employee recorded, in the order first recorded. */
  readonly attendance: readonly AttendanceDocument[];
  readonly attendees: number;
  readonly scheduledAt: string;
  readonly cancelledAt: string | null;
  readonly cancellationReason: string | null;
}

type SessionRecord = RecordedOf<TrainingSessionEvent>;

export const trainingSessions: Projection<TrainingSessionDocument, TrainingSessionEvent> = {
  name: 'trainingSessions',
  version: 1,
  indexes: [{ fields: ['startsAt'] }],
  handles: TRAINING_SESSION_EVENT_TYPES,
  documentId: (event) => event.data.sessionId,
  evolve: (document, event) => evolveSession(document, event),
};

function evolveSession(document: TrainingSessionDocument | null, event: SessionRecord): TrainingSessionDocument | null {
  if (event.type === TRAINING_SESSION_SCHEDULED) {
    const { sessionId, kind, title, trainerId, provider, startsAt, hours, cost, competencyIds, scheduledAt } = event.data;
    return {
      id: sessionId,
      kind,
      title,
      trainerId: trainerId ?? null,
      provider: provider ?? null,
      startsAt,
      hours,
      cost: cost ?? null,
      competencyIds,
      status: 'scheduled',
      attendance: [],
      attendees: 0,
      scheduledAt,
      cancelledAt: null,
      cancellationReason: null,
    };
  }
  if (document === null) return null;
  switch (event.type) {
    case TRAINING_ATTENDANCE_RECORDED: {
      const attendance = [...document.attendance];
      for (const { employeeId, sectionId, attended } of event.data.changes) {
        const entry = { employeeId, sectionId: sectionId ?? null, attended };
        const index = attendance.findIndex((recorded) => recorded.employeeId === employeeId);
        if (index === -1) attendance.push(entry);
        else attendance[index] = entry;
      }
      return { ...document, attendance, attendees: attendance.filter((entry) => entry.attended).length };
    }
    case TRAINING_SESSION_CANCELLED:
      return { ...document, status: 'cancelled', cancelledAt: event.data.cancelledAt, cancellationReason: event.data.reason ?? null };
  }
}
