import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { RecordWebinar, WebinarCommand } from './webinar.commands.js';
import { webinarDecider } from './webinar.decider.js';
import type { WebinarRecorded } from './webinar.events.js';

const HELD_AT = '2026-03-12T17:00:00.000Z';

const record: RecordWebinar = {
  type: 'RecordWebinar',
  webinarId: 'webinar-1',
  trainerId: 'emp-trainer',
  title: 'Spring sales',
  attendees: 120,
  buyers: 30,
  at: HELD_AT,
};

const recorded: WebinarRecorded = {
  type: 'WebinarRecorded',
  data: { webinarId: 'webinar-1', trainerId: 'emp-trainer', title: 'Spring sales', attendees: 120, buyers: 30, heldAt: HELD_AT },
};

const correct = (attendees: number, buyers: number, at = '2026-03-14T09:00:00.000Z'): WebinarCommand => ({
  type: 'CorrectWebinarCounts',
  webinarId: 'webinar-1',
  attendees,
  buyers,
  reason: 'Late sales',
  at,
});

const { given } = deciderSpec(webinarDecider());

describe('webinar decider', () => {
  it('records a webinar with its attendees and buyers at the time it was held', () => {
    given([]).when(record).then([recorded]);
  });

  it('refuses a second webinar under the same id', () => {
    given([recorded]).when(record).thenThrows(DomainRuleError, 'WEBINAR_EXISTS');
  });

  it('corrects the counts with a new event stating the previous ones', () => {
    given([recorded])
      .when(correct(118, 36))
      .then([
        {
          type: 'WebinarCountsCorrected',
          data: {
            webinarId: 'webinar-1',
            trainerId: 'emp-trainer',
            heldAt: HELD_AT,
            attendees: 118,
            buyers: 36,
            previous: { attendees: 120, buyers: 30 },
            reason: 'Late sales',
            correctedAt: '2026-03-14T09:00:00.000Z',
          },
        },
      ]);
  });

  it('appends nothing for the counts it has', () => {
    given([recorded]).when(correct(120, 30)).then([]);
  });

  it('is not corrected before it was held', () => {
    given([recorded]).when(correct(118, 36, '2026-03-12T16:59:59.000Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_WEBINAR');
  });

  it('is not found before it was recorded', () => {
    given([]).when(correct(118, 36)).thenThrows(NotFoundError);
  });

  it.each<[string, WebinarCommand, string]>([
    ['more buyers than attendees', { ...record, buyers: 121 }, 'buyers'],
    ['a fraction of an attendee', { ...record, attendees: 10.5 }, 'attendees'],
    ['negative buyers', correct(10, -1), 'buyers'],
    ['an e-mail address in the title', { ...record, title: 'for ann@example.org' }, 'title'],
  ])('rejects %s, naming the field', (_name, command, field) => {
    given([recorded]).when(command).thenRejects([field]);
  });
});
