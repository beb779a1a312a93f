import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { ScheduleTrainingSession, TrainingSessionCommand } from './training-session.commands.js';
import { trainingSessionDecider } from './training-session.decider.js';
import type { TrainingSessionEvent, TrainingSessionScheduled } from './training-session.events.js';

const STARTS_AT = '2026-04-15T09:00:00.000Z';
const AFTER = '2026-04-15T13:00:00.000Z';

const schedule: ScheduleTrainingSession = {
  type: 'ScheduleTrainingSession',
  sessionId: 'course-1',
  kind: 'bought-course',
  title: 'Negotiation',
  provider: 'Negotiation School',
  startsAt: STARTS_AT,
  hours: 3,
  cost: { minor: 4_500_000, currency: 'RUB' },
  at: '2026-04-01T09:00:00.000Z',
};

const scheduled: TrainingSessionScheduled = {
  type: 'TrainingSessionScheduled',
  data: {
    sessionId: 'course-1',
    kind: 'bought-course',
    title: 'Negotiation',
    provider: 'Negotiation School',
    startsAt: STARTS_AT,
    hours: 3,
    cost: { minor: 4_500_000, currency: 'RUB' },
    competencyIds: [],
    scheduledAt: '2026-04-01T09:00:00.000Z',
  },
};

const attendance = (entries: [employeeId: string, attended: boolean][], at = AFTER): TrainingSessionCommand => ({
  type: 'RecordTrainingAttendance',
  sessionId: 'course-1',
  attendance: entries.map(([employeeId, attended]) => ({ employeeId, sectionId: 'support', attended })),
  at,
});

const recorded = (changes: [employeeId: string, attended: boolean, wasAttending: boolean][]): TrainingSessionEvent => ({
  type: 'TrainingAttendanceRecorded',
  data: {
    sessionId: 'course-1',
    kind: 'bought-course',
    startsAt: STARTS_AT,
    hours: 3,
    changes: changes.map(([employeeId, attended, wasAttending]) => ({ employeeId, sectionId: 'support', attended, wasAttending })),
    recordedAt: AFTER,
  },
});

const cancel: TrainingSessionCommand = { type: 'CancelTrainingSession', sessionId: 'course-1', reason: 'Trainer ill', at: '2026-04-10T09:00:00.000Z' };

const { given } = deciderSpec(trainingSessionDecider());

describe('training session decider', () => {
  it('schedules a bought course with its provider, length and cost', () => {
    given([]).when(schedule).then([scheduled]);
  });

  it('schedules an internal session run by an employee, at no cost', () => {
    given([])
      .when({ type: 'ScheduleTrainingSession', sessionId: 'q2', kind: 'internal', title: 'Quarterly', trainerId: 'emp-trainer', startsAt: STARTS_AT, hours: 2, competencyIds: ['refunds'], at: STARTS_AT })
      .then([
        {
          type: 'TrainingSessionScheduled',
          data: { sessionId: 'q2', kind: 'internal', title: 'Quarterly', trainerId: 'emp-trainer', startsAt: STARTS_AT, hours: 2, competencyIds: ['refunds'], scheduledAt: STARTS_AT },
        },
      ]);
  });

  it('refuses a second session under the same id', () => {
    given([scheduled]).when(schedule).thenThrows(DomainRuleError, 'SESSION_EXISTS');
  });

  describe('attendance', () => {
    it('records each employee once the session has started, with whether they attended before', () => {
      given([scheduled]).when(attendance([['emp-1', true], ['emp-2', false]])).then([recorded([['emp-1', true, false], ['emp-2', false, false]])]);
    });

    it('records only what changes, and nothing when nothing does', () => {
      const first = recorded([['emp-1', true, false], ['emp-2', false, false]]);
      given([scheduled, first]).when(attendance([['emp-1', false], ['emp-2', false], ['emp-3', true]])).then([recorded([['emp-1', false, true], ['emp-3', true, false]])]);
      given([scheduled, first]).when(attendance([['emp-1', true]])).then([]);
    });

    it('waits for the session to start', () => {
      given([scheduled]).when(attendance([['emp-1', true]], '2026-04-15T08:59:59.999Z')).thenThrows(DomainRuleError, 'SESSION_NOT_STARTED');
    });

    it('takes none for a cancelled session', () => {
      given([scheduled, { type: 'TrainingSessionCancelled', data: { sessionId: 'course-1', kind: 'bought-course', startsAt: STARTS_AT, cancelledAt: AFTER } }])
        .when(attendance([['emp-1', true]]))
        .thenThrows(DomainRuleError, 'SESSION_CANCELLED');
    });
  });

  describe('cancellation', () => {
    it('cancels a session nobody attended, carrying its cost to be taken back', () => {
      given([scheduled, recorded([['emp-2', false, false]])])
        .when(cancel)
        .then([
          {
            type: 'TrainingSessionCancelled',
            data: { sessionId: 'course-1', kind: 'bought-course', startsAt: STARTS_AT, cost: { minor: 4_500_000, currency: 'RUB' }, reason: 'Trainer ill', cancelledAt: '2026-04-10T09:00:00.000Z' },
          },
        ]);
    });

    it('refuses to cancel a session that took place', () => {
      given([scheduled, recorded([['emp-1', true, false]])]).when(cancel).thenThrows(DomainRuleError, 'SESSION_HELD');
    });

    it('refuses to cancel twice', () => {
      const cancelled = trainingSessionDecider().decide(cancel, trainingSessionDecider().evolve({ status: 'absent' }, scheduled));
      given([scheduled, ...cancelled]).when(cancel).thenThrows(DomainRuleError, 'SESSION_CANCELLED');
    });

    it('is not found for a session that does not exist', () => {
      given([]).when(cancel).thenThrows(NotFoundError);
    });
  });

  describe('input', () => {
    it.each<[string, TrainingSessionCommand, string]>([
      ['a cost for an internal session', { ...schedule, kind: 'internal', provider: undefined }, 'cost'],
      ['a provider for an internal session', { ...schedule, kind: 'internal', cost: undefined }, 'provider'],
      ['a trainer employee for a bought course', { ...schedule, trainerId: 'emp-1' }, 'trainerId'],
      ['an outside session without a provider', { ...schedule, provider: undefined }, 'provider'],
      ['an outside session without a cost', { ...schedule, cost: undefined }, 'cost'],
      ['no hours', { ...schedule, hours: 0 }, 'hours'],
      ['a start without a zone', { ...schedule, startsAt: '2026-04-15T09:00:00' }, 'startsAt'],
      ['no attendance', attendance([]), 'attendance'],
      ['an employee twice', attendance([['emp-1', true], ['emp-1', false]]), 'attendance.1.employeeId'],
    ])('rejects %s, naming the field', (_name, command, field) => {
      given([scheduled]).when(command).thenRejects([field]);
    });
  });
});
