import { projectionSpec } from '#kernel/testing.js';
import { webinarDecider } from '#domain/training/index.js';
import { trainerHistory } from './testing.js';
import { webinars } from './webinars.projection.js';

const HELD_AT = '2026-03-12T17:00:00.000Z';

describe('webinars projection', () => {
  it('shows the counts as corrected, the conversion against the 30 % target, and every correction', () => {
    const history = trainerHistory(
      webinarDecider(),
      'webinar-w1',
      [
        { type: 'RecordWebinar', webinarId: 'w1', trainerId: 'emp-trainer', title: 'Spring', attendees: 120, buyers: 30, at: HELD_AT },
        { type: 'CorrectWebinarCounts', webinarId: 'w1', attendees: 100, buyers: 35, reason: 'Late sales', at: '2026-03-14T09:00:00.000Z' },
      ],
      'apiKey:trainer-2',
    );
    projectionSpec(webinars)
      .given(history.slice(0, 1))
      .thenDocument('w1', {
        id: 'w1',
        trainerId: 'emp-trainer',
        title: 'Spring',
        heldAt: HELD_AT,
        attendees: 120,
        buyers: 30,
        conversion: 0.25,
        meetsTarget: false,
        corrections: [],
      });
    projectionSpec(webinars)
      .given(history)
      .thenDocument('w1', {
        id: 'w1',
        trainerId: 'emp-trainer',
        title: 'Spring',
        heldAt: HELD_AT,
        attendees: 100,
        buyers: 35,
        conversion: 0.35,
        meetsTarget: true,
        corrections: [
          { attendees: 100, buyers: 35, previous: { attendees: 120, buyers: 30 }, reason: 'Late sales', correctedAt: '2026-03-14T09:00:00.000Z', actorId: 'apiKey:trainer-2' },
        ],
      });
  });

  it('has no conversion without attendees', () => {
    const history = trainerHistory(webinarDecider(), 'webinar-w2', [
      { type: 'RecordWebinar', webinarId: 'w2', trainerId: 'emp-trainer', title: 'Empty', attendees: 0, buyers: 0, at: HELD_AT },
    ]);
    expect(projectionSpec(webinars).given(history).documents.get('w2')).toMatchObject({ conversion: null, meetsTarget: null });
  });
});
