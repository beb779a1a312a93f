import { projectionSpec } from '#kernel/testing.js';
import { trainingSessionDecider, type TrainingSessionCommand } from '#domain/training/index.js';
import { trainerHistory } from './testing.js';
import { trainingSessions } from './training-sessions.projection.js';

const STARTS_AT = '2026-04-15T09:00:00.000Z';

const schedule: TrainingSessionCommand = {
  type: 'ScheduleTrainingSession',
  sessionId: 'q2',
  kind: 'internal',
  title: 'Quarterly training',
  trainerId: 'emp-trainer',
  startsAt: STARTS_AT,
  hours: 2,
  competencyIds: ['refunds'],
  at: '2026-04-01T09:00:00.000Z',
};
const attendance = (entries: [string, string, boolean][]): TrainingSessionCommand => ({
  type: 'RecordTrainingAttendance',
  sessionId: 'q2',
  attendance: entries.map(([employeeId, sectionId, attended]) => ({ employeeId, sectionId, attended })),
  at: STARTS_AT,
});

describe('training sessions projection', () => {
  it('shows a session with every employee recorded, in the order first recorded, and how many attended', () => {
    const history = trainerHistory(trainingSessionDecider(), 'trainingSession-q2', [
      schedule,
      attendance([['emp-1', 'support', true], ['emp-2', 'care', false]]),
      attendance([['emp-1', 'support', false], ['emp-3', 'care', true], ['emp-2', 'care', true]]),
    ]);
    projectionSpec(trainingSessions)
      .given(history)
      .thenDocument('q2', {
        id: 'q2',
        kind: 'internal',
        title: 'Quarterly training',
        trainerId: 'emp-trainer',
        provider: null,
        startsAt: STARTS_AT,
        hours: 2,
        cost: null,
        competencyIds: ['refunds'],
        status: 'scheduled',
        attendance: [
          { employeeId: 'emp-1', sectionId: 'support', attended: false },
          { employeeId: 'emp-2', sectionId: 'care', attended: true },
          { employeeId: 'emp-3', sectionId: 'care', attended: true },
        ],
        attendees: 2,
        scheduledAt: '2026-04-01T09:00:00.000Z',
        cancelledAt: null,
        cancellationReason: null,
      });
  });

  it('shows a cancellation', () => {
    const history = trainerHistory(trainingSessionDecider(), 'trainingSession-q2', [
      schedule,
      { type: 'CancelTrainingSession', sessionId: 'q2', reason: 'Trainer ill', at: '2026-04-10T09:00:00.000Z' },
    ]);
    const { documents } = projectionSpec(trainingSessions).given(history);
    expect(documents.get('q2')).toMatchObject({ status: 'cancelled', cancelledAt: '2026-04-10T09:00:00.000Z', cancellationReason: 'Trainer ill' });
  });
});
