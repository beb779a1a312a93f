import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { isBefore } from '../organisation/references.js';
import type { Money } from '../shared/money.js';
import { withoutAbsent } from '../shared/objects.js';
import {
  validCancelTrainingSession,
  validRecordTrainingAttendance,
  validScheduleTrainingSession,
  type RecordTrainingAttendance,
  type TrainingSessionCommand,
} from './training-session.commands.js';
import {
  TRAINING_ATTENDANCE_RECORDED,
  TRAINING_SESSION_CANCELLED,
  TRAINING_SESSION_SCHEDULED,
  type AttendanceChange,
  type TrainingSessionEvent,
  type TrainingSessionKind,
} from './training-session.events.js';

export type TrainingSessionState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'scheduled' | 'cancelled';
      readonly sessionId: string;
      readonly kind: TrainingSessionKind;
      readonly startsAt: string;
      readonly hours: number;
      readonly cost?: Money;
      /** Whether each employee recorded so far attended. */
      readonly attendance: ReadonlyMap<string, boolean>;
    };

type ExistingSession = Exclude<TrainingSessionState, { status: 'absent' }>;

export type TrainingSessionDecider = Decider<TrainingSessionCommand, TrainingSessionEvent, TrainingSessionState>;

/**
 * A group training session: scheduled with its length and, for an outside one, its cost; its
 * attendance is recorded per employee once it has started, and may be corrected (only the entries that
 * change are recorded). A session nobody is recorded at may be cancelled; one that took place may not.
 */
export function trainingSessionDecider(): TrainingSessionDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'ScheduleTrainingSession': {
          const { sessionId, kind, title, trainerId, provider, startsAt, hours, cost, competencyIds = [], at } = validScheduleTrainingSession(command);
          if (state.status !== 'absent') throw new DomainRuleError('SESSION_EXISTS', `training session ${sessionId} already exists`, { sessionId });
          return [
            {
              type: TRAINING_SESSION_SCHEDULED,
              data: withoutAbsent({ sessionId, kind, title, trainerId, provider, startsAt, hours, cost, competencyIds, scheduledAt: at }),
            },
          ];
        }
        case 'RecordTrainingAttendance':
          return recordAttendance(validRecordTrainingAttendance(command), state);
        case 'CancelTrainingSession': {
          const { sessionId, reason, at } = validCancelTrainingSession(command);
          const session = notCancelled(state, sessionId);
          if ([...session.attendance.values()].some(Boolean)) {
            throw new DomainRuleError('SESSION_HELD', `training session ${sessionId} took place: it has attendees`, { sessionId });
          }
          const { kind, startsAt, cost } = session;
          return [{ type: TRAINING_SESSION_CANCELLED, data: withoutAbsent({ sessionId, kind, startsAt, cost, reason, cancelledAt: at }) }];
        }
      }
    },

    evolve,
  };
}

function recordAttendance(command: RecordTrainingAttendance, state: TrainingSessionState): TrainingSessionEvent[] {
  const session = notCancelled(state, command.sessionId);
  if (isBefore(command.at, session.startsAt)) {
    throw new DomainRuleError('SESSION_NOT_STARTED', `training session ${session.sessionId} starts after ${command.at}`, {
      sessionId: session.sessionId,
      startsAt: session.startsAt,
      at: command.at,
    });
  }
  const changes: AttendanceChange[] = command.attendance
    .filter(({ employeeId, attended }) => session.attendance.get(employeeId) !== attended)
    .map(({ employeeId, sectionId, attended }) =>
      withoutAbsent({ employeeId, sectionId, attended, wasAttending: session.attendance.get(employeeId) === true }),
    );
  if (changes.length === 0) return [];
  const { sessionId, kind, startsAt, hours } = session;
  return [{ type: TRAINING_ATTENDANCE_RECORDED, data: { sessionId, kind, startsAt, hours, changes, recordedAt: command.at } }];
}

function notCancelled(state: TrainingSessionState, sessionId: string): ExistingSession {
  if (state.status === 'absent') throw new NotFoundError('training session', sessionId);
  if (state.status === 'cancelled') throw new DomainRuleError('SESSION_CANCELLED', `training session ${sessionId} is cancelled`, { sessionId });
  return state;
}

function evolve(state: TrainingSessionState, event: TrainingSessionEvent): TrainingSessionState {
  if (event.type === TRAINING_SESSION_SCHEDULED) {
    const { sessionId, kind, startsAt, hours, cost } = event.data;
    return withoutAbsent({ status: 'scheduled' as const, sessionId, kind, startsAt, hours, cost, attendance: new Map<string, boolean>() });
  }
  if (state.status === 'absent') return state;
  if (event.type === TRAINING_SESSION_CANCELLED) return { ...state, status: 'cancelled' };
  const attendance = new Map(state.attendance);
  for (const { employeeId, attended } of event.data.changes) attendance.set(employeeId, attended);
  return { ...state, attendance };
}
