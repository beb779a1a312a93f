import { randomUUID } from 'node:crypto';
import { ANY, NO_STREAM, STREAM_EXISTS, type AllStreamResolvedEvent, type Position as EsdbPosition } from '@eventstore/db-client';
import { nextRecordedAt, ValidationError, type EventToAppend } from '#kernel';
import {
  appendErrors,
  assertValidAppend,
  fromStreamName,
  isOwnEvent,
  matchesFilter,
  positionOf,
  serverFilter,
  toActualRevision,
  toEsdbExpected,
  toEsdbPosition,
  toEventData,
  toRecordedEvent,
  toStoredEvent,
  toStreamName,
} from './esdb-mapping.js';
import { asTheClientReadsIt } from '../../../test/support/esdb-client.js';

const metadata = {
  occurredAt: '2026-01-05T09:00:00.000Z',
  actor: { id: 'tester', roles: ['admin'] },
  correlationId: 'c-1',
  causationId: null,
  schemaVersion: 1,
};

function newEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return { eventId: randomUUID(), type: 'ThingHappened', data: { n: 1 }, metadata, ...overrides };
}

/** A resolved `$all` event as the client builds it from the gRPC reply. */
function resolved(overrides: Record<string, unknown> = {}, position: EsdbPosition = { commit: 4242n, prepare: 4242n }): AllStreamResolvedEvent {
  return {
    event: {
      streamId: 'careCase-1',
      id: '6f1c2b8e-2f4a-4d3e-9a43-0c8d1b2a3c4d',
      isJson: true,
      revision: 3n,
      type: 'CaseOpened',
      created: new Date('2030-01-01T00:00:00.000Z'),
      data: { title: 'a' },
      metadata: { ...metadata, recordedAt: '2026-01-05T09:00:01.000Z' },
      position,
      ...overrides,
    },
    commitPosition: position.commit,
  } as AllStreamResolvedEvent;
}

describe('expected revision mapping', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['exists', STREAM_EXISTS],
    [0, 0n],
    [41, 41n],
  ] as const)('maps %p to the client value %p', (expected, esdb) => {
    expect(toEsdbExpected(expected)).toBe(esdb);
  });

  it('maps the actual revision of a conflict, -1 for a stream that does not exist', () => {
    expect(toActualRevision(NO_STREAM)).toBe(-1);
    expect(toActualRevision(0n)).toBe(0);
    expect(toActualRevision(17n)).toBe(17);
  });
});

describe('positions', () => {
  it('is the commit position of an event written through gRPC, and maps back for fromPosition', () => {
    const position = positionOf({ commit: 2n ** 40n + 7n, prepare: 2n ** 40n + 7n }, 'an event');

    expect(position).toBe(2n ** 40n + 7n);
    expect(toEsdbPosition(position)).toEqual({ commit: 2n ** 40n + 7n, prepare: 2n ** 40n + 7n });
  });

  it('keeps the $all order: later log positions give greater positions', () => {
    const logPositions = [0n, 128n, 391n, 2n ** 63n - 1n];

    const positions = logPositions.map((p) => positionOf({ commit: p, prepare: p }, 'an event'));

    positions.slice(1).forEach((position, index) => expect(position > positions[index]!).toBe(true));
    expect(positions.map(toEsdbPosition).map((esdb) => esdb.commit)).toEqual(logPositions);
  });

  it('refuses an event of an explicit transaction, whose commit position other events share', () => {
    expect(() => positionOf({ commit: 900n, prepare: 700n }, 'event x')).toThrow(/explicit transaction/);
  });

  it('refuses a missing position (server older than 22.6)', () => {
    expect(() => positionOf(undefined, 'event x')).toThrow(/22\.6/);
  });
});

describe('server-side filter', () => {
  it('excludes system events when nothing is selected', () => {
    for (const filter of [undefined, {}, { types: [], categories: [] }]) {
      expect(serverFilter(filter)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    }
  });

  it('selects categories by an anchored stream-name regex that stops at the first dash', () => {
    const filter = serverFilter({ categories: ['careCase', 'tally'], types: ['Opened'] });

    expect(filter).toMatchObject({ filterOn: 'streamName' });
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(regex.test('careCase-123')).toBe(true);
    expect(regex.test('tally-a-b')).toBe(true);
    expect(regex.test('careCaseX-1')).toBe(false);
    expect(regex.test('$ce-careCase')).toBe(false);
    expect(regex.test('other-careCase-1')).toBe(false);
  });

  it('selects exact type names when only types are asked for, escaping regex characters', () => {
    const filter = serverFilter({ types: ['Opened', 'Closed.v2'] });

    expect(filter).toMatchObject({ filterOn: 'eventType' });
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(['Opened', 'Closed.v2'].every((type) => regex.test(type))).toBe(true);
    expect(['OpenedLater', 'ReOpened', 'ClosedXv2', '$>'].some((type) => regex.test(type))).toBe(false);
  });

  it('completes the filter on the client: types, categories and no system events', () => {
    const filter = { types: ['Opened'], categories: ['careCase'] };

    expect(matchesFilter(filter, 'careCase-1', 'Opened')).toBe(true);
    expect(matchesFilter(filter, 'careCase-1', 'Closed')).toBe(false);
    expect(matchesFilter(filter, 'tally-1', 'Opened')).toBe(false);
    expect(matchesFilter(undefined, '$ce-careCase', 'Opened')).toBe(false);
    expect(matchesFilter(undefined, 'careCase-1', '$>')).toBe(false);
    expect(matchesFilter({ types: [], categories: [] }, 'anything-1', 'Any')).toBe(true);
  });
});

describe('namespaces', () => {
  it('prefixes stream ids with the namespace and a dot, and strips it on read', () => {
    expect(toStreamName('careCase-1', 'plantB')).toBe('plantB.careCase-1');
    expect(fromStreamName('plantB.careCase-1', 'plantB')).toBe('careCase-1');
    expect(toStreamName('careCase-1', undefined)).toBe('careCase-1');
    expect(fromStreamName('careCase-1', undefined)).toBe('careCase-1');
  });

  it('sees no stream of another namespace, nor one without a namespace, as its own', () => {
    expect(fromStreamName('plantA.careCase-1', 'plantB')).toBeUndefined();
    expect(fromStreamName('plantBB.careCase-1', 'plantB')).toBeUndefined();
    expect(fromStreamName('careCase-1', 'plantB')).toBeUndefined();
    expect(fromStreamName('$ce-plantB.careCase', 'plantB')).toBeUndefined();
  });

  it('keeps the category of a namespaced stream per installation: up to the first dash', () => {
    expect(toStreamName('careCase-1-a', 'plantB').split('-')[0]).toBe('plantB.careCase');
  });

  it('tells this installation\'s events from system events and other namespaces', () => {
    expect(isOwnEvent('plantB.careCase-1', 'CaseOpened', 'plantB')).toBe(true);
    expect(isOwnEvent('plantB.careCase-1', '$metadata', 'plantB')).toBe(false);
    expect(isOwnEvent('plantA.careCase-1', 'CaseOpened', 'plantB')).toBe(false);
    expect(isOwnEvent('careCase-1', 'CaseOpened', undefined)).toBe(true);
    expect(isOwnEvent('$stats-127.0.0.1:2113', 'StatsCollected', undefined)).toBe(false);
  });

  it('filters on the namespace prefix on the server, leaving event types to the client', () => {
    for (const filter of [undefined, {}, { types: ['Opened'] }]) {
      expect(serverFilter(filter, 'plantB')).toMatchObject({ filterOn: 'streamName', prefixes: ['plantB.'] });
    }
  });

  it('filters on the namespace and the categories in one anchored stream-name regex', () => {
    const filter = serverFilter({ categories: ['careCase', 'tally'], types: ['Opened'] }, 'plantB');

    expect(filter).toMatchObject({ filterOn: 'streamName' });
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(regex.test('plantB.careCase-1')).toBe(true);
    expect(regex.test('plantB.tally-a-b')).toBe(true);
    expect(regex.test('careCase-1')).toBe(false);
    expect(regex.test('plantA.careCase-1')).toBe(false);
    expect(regex.test('plantBxcareCase-1')).toBe(false);
    expect(regex.test('plantB.careCaseX-1')).toBe(false);
  });

  it('reads an event of the namespace as ours, with its stream id, and passes over the others without reading them', () => {
    expect(toRecordedEvent(resolved({ streamId: 'plantB.careCase-1' }), 'plantB')).toMatchObject({ streamId: 'careCase-1', type: 'CaseOpened' });
    expect(toRecordedEvent(resolved({ streamId: 'plantA.careCase-1', isJson: false, data: new Uint8Array() }), 'plantB')).toBeUndefined();
    expect(toRecordedEvent(resolved(), 'plantB')).toBeUndefined();
  });
});

describe('envelope mapping', () => {
  it('passes the event id through, writes data and metadata as canonical JSON bytes, and adds recordedAt to our metadata', () => {
    const event = newEvent({ data: { z: 1, a: { y: 'é', b: [2, 1] } } });

    const data = toEventData(event, '2026-02-01T10:00:00.000Z');

    expect(data).toMatchObject({ id: event.eventId, type: 'ThingHappened', contentType: 'application/octet-stream' });
    expect(Buffer.from(data.data as Uint8Array).toString('utf8')).toBe('{"a":{"b":[2,1],"y":"é"},"z":1}');
    expect((data.metadata as Uint8Array).constructor).toBe(Uint8Array);
    expect(JSON.parse(Buffer.from(data.metadata as Uint8Array).toString('utf8'))).toEqual({ ...metadata, recordedAt: '2026-02-01T10:00:00.000Z' });
  });

  it('hands the ledger the payload bytes as stored, and the metadata in the canonical form it was written in', () => {
    const event = newEvent({ data: { z: 1, a: 2 } });
    const data = toEventData(event, '2026-02-01T10:00:00.000Z');
    const written = asTheClientReadsIt(data);

    const stored = toStoredEvent(resolved(written));

    expect(stored).toMatchObject({ eventId: event.eventId, streamId: 'careCase-1', revision: 3, position: 4242n, recordedAt: '2026-02-01T10:00:00.000Z' });
    expect(Buffer.from(stored!.payload).equals(Buffer.from(data.data as Uint8Array))).toBe(true);
    expect(Buffer.from(stored!.metadata).equals(Buffer.from(data.metadata as Uint8Array))).toBe(true);
    expect(toStoredEvent(resolved({ streamId: '$stats-127.0.0.1:2113' }))).toBeUndefined();
  });

  it('hashes an event written as JSON before the ledger by the canonical form of its data', () => {
    const stored = toStoredEvent(resolved({ data: { title: 'a', at: 1 } }));
    expect(Buffer.from(stored!.payload).toString('utf8')).toBe('{"at":1,"title":"a"}');
  });

  it('builds our envelope from a resolved event, with recordedAt from the metadata, not created', () => {
    expect(toRecordedEvent(resolved())).toEqual({
      eventId: '6f1c2b8e-2f4a-4d3e-9a43-0c8d1b2a3c4d',
      type: 'CaseOpened',
      streamId: 'careCase-1',
      revision: 3,
      position: 4242n,
      data: { title: 'a' },
      metadata: { ...metadata, recordedAt: '2026-01-05T09:00:01.000Z' },
    });
  });

  it('passes over what is not a user event', () => {
    expect(toRecordedEvent({})).toBeUndefined();
    expect(toRecordedEvent(resolved({ streamId: '$stats-127.0.0.1:2113' }))).toBeUndefined();
    expect(toRecordedEvent(resolved({ type: '$metadata' }))).toBeUndefined();
  });

  it('refuses events that Quality Ledger did not write', () => {
    expect(() => toRecordedEvent(resolved({ isJson: false, data: Uint8Array.of(0xff, 0x00) }))).toThrow(/not JSON/);
    expect(() => toRecordedEvent(resolved({ metadata: { occurredAt: 'x' } }))).toThrow(/recordedAt/);
  });

  it('round-trips: what is appended reads back as the same envelope', () => {
    const event = newEvent({ data: { amount: 1250, currency: 'EUR', tags: ['x'] } });
    const data = toEventData(event, '2026-02-01T10:00:00.000Z');

    const back = toRecordedEvent(resolved(asTheClientReadsIt(data)));

    expect(back).toMatchObject({ eventId: event.eventId, type: event.type, data: event.data, metadata: { ...event.metadata } });
  });
});

describe('recordedAt', () => {
  it('follows the clock but never goes back', () => {
    expect(nextRecordedAt(new Date('2026-03-01T10:00:00.000Z'), undefined)).toBe('2026-03-01T10:00:00.000Z');
    expect(nextRecordedAt(new Date('2026-03-01T09:00:00.000Z'), '2026-03-01T10:00:00.000Z')).toBe('2026-03-01T10:00:00.000Z');
    expect(nextRecordedAt(new Date('2026-03-01T11:00:00.000Z'), '2026-03-01T10:00:00.000Z')).toBe('2026-03-01T11:00:00.000Z');
  });
});

describe('append validation', () => {
  it('accepts a well-formed append', () => {
    expect(appendErrors('thing-1', [newEvent(), newEvent()], 3)).toEqual([]);
  });

  const twice = newEvent();
  it.each([
    ['an empty stream id', '', [newEvent()], 'any', 'streamId'],
    ['a system stream', '$thing', [newEvent()], 'any', 'streamId'],
    ['no events', 'thing-1', [], 'any', 'events'],
    ['an id that is not a UUID (ESDB needs UUIDs)', 'thing-1', [newEvent({ eventId: 'abc' })], 'any', 'events[0].eventId'],
    ['an id twice', 'thing-1', [twice, { ...twice, eventId: twice.eventId.toUpperCase() }], 'any', 'events[1].eventId'],
    ['an empty type', 'thing-1', [newEvent({ type: '' })], 'any', 'events[0].type'],
    ['a system type', 'thing-1', [newEvent({ type: '$>' })], 'any', 'events[0].type'],
    ['data that is not JSON', 'thing-1', [newEvent({ data: 1n })], 'any', 'events[0].data'],
    ['a negative revision', 'thing-1', [newEvent()], -1, 'expected'],
  ] as const)('rejects %s', (_case, streamId, events, expected, field) => {
    expect(appendErrors(streamId, events as readonly EventToAppend[], expected).map((error) => error.field)).toContain(field);
    expect(() => assertValidAppend(streamId, events as readonly EventToAppend[], expected)).toThrow(ValidationError);
  });
});
