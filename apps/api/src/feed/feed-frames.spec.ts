import { ValidationError } from '#kernel';
import { eventFrame, resumePosition } from './feed-frames.js';
import type { DisclosedEvent } from '#domain/catalogue/event-visibility.js';

describe('eventFrame', () => {
  it('is one Server-Sent Events frame: the position as id, the type as event, the envelope on one data line', () => {
    const envelope: DisclosedEvent = {
      eventId: 'e-1',
      type: 'RefundIssued',
      streamId: 'careCase-c-1',
      revision: 2,
      position: '18446744073709551615',
      data: { reason: 'line one\nline two' },
      metadata: {
        occurredAt: '2026-03-01T10:00:00.000Z',
        recordedAt: '2026-03-01T10:00:00.000Z',
        actor: { id: 'apiKey:k-1', roles: ['care-agent'] },
        correlationId: 'r-1',
        causationId: null,
        schemaVersion: 1,
      },
    };
    const frame = eventFrame(envelope);
    expect(frame.endsWith('\n\n')).toBe(true);
    expect(frame.slice(0, -2).split('\n')).toEqual(['id: 18446744073709551615', 'event: RefundIssued', `data: ${JSON.stringify(envelope)}`]);
    expect(JSON.parse(frame.split('\n')[2]!.slice('data: '.length))).toEqual(envelope);
  });
});

describe('resumePosition', () => {
  it('starts after Last-Event-ID, else after fromPosition, else at the start', () => {
    expect(resumePosition('5', '12')).toBe(12n);
    expect(resumePosition('5', undefined)).toBe(5n);
    expect(resumePosition('5', '')).toBe(5n);
    expect(resumePosition(undefined, undefined)).toBeUndefined();
    expect(resumePosition(undefined, '18446744073709551615')).toBe(2n ** 64n - 1n);
  });

  it.each(['abc', '-1', '4.5', '18446744073709551616'])('refuses the Last-Event-ID %s, naming the header, whatever fromPosition says', (lastEventId) => {
    expect(refusedFields('1', lastEventId)).toEqual(['Last-Event-ID']);
  });

  it('refuses a fromPosition beyond 64 bits', () => {
    expect(refusedFields('18446744073709551616', undefined)).toEqual(['fromPosition']);
  });
});

function refusedFields(fromPosition: string | undefined, lastEventId: string | undefined): string[] {
  try {
    resumePosition(fromPosition, lastEventId);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors.map((fieldError) => fieldError.field);
  }
  throw new Error('expected a ValidationError');
}
