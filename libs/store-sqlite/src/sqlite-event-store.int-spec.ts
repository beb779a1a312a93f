import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConcurrencyError,
  ManualClock,
  ValidationError,
  type EventToAppend,
  type RecordedEvent,
} from '#kernel';
import { eventStoreContract } from '../../../test/contract/event-store.contract.js';
import { collect } from '../../../test/support/collect.js';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.js';

async function temporaryFile(): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ql-event-store-'));
  return { file: join(dir, 'events.sqlite'), remove: () => rm(dir, { recursive: true, force: true }) };
}

eventStoreContract('SQLite', async () => {
  const { file, remove } = await temporaryFile();
  const store = SqliteEventStore.open({ file });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await remove();
    },
  };
});

function newEvent(type = 'ThingHappened'): EventToAppend {
  return {
    eventId: randomUUID(),
    type,
    data: { at: 1 },
    metadata: {
      occurredAt: '2026-01-05T09:00:00.000Z',
      actor: { id: 'tester', roles: [] },
      correlationId: 'c-1',
      causationId: null,
      schemaVersion: 1,
    },
  };
}

describe('SqliteEventStore', () => {
  let file: string;
  let remove: () => Promise<void>;
  let opened: SqliteEventStore[];

  const open = (options: Partial<SqliteEventStoreOptions> = {}) => {
    const store = SqliteEventStore.open({ file, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    ({ file, remove } = await temporaryFile());
    opened = [];
  });

  afterEach(async () => {
    for (const store of opened) await store.close();
    await remove();
  });

  it('numbers positions from 1 and has no head and no position at any time while empty', async () => {
    const store = open();

    expect(await store.headPosition()).toBeUndefined();
    expect(await store.positionAt(new Date())).toBeUndefined();
    const result = await store.append('thing-1', [newEvent(), newEvent()]);

    expect(result).toEqual({ streamId: 'thing-1', revision: 1, position: 2n });
    expect(await store.headPosition()).toBe(2n);
  });

  it('keeps the events after close and reopen, and continues their positions', async () => {
    const first = open();
    const event = newEvent();
    await first.append('thing-1', [event]);
    await first.close();

    const reopened = open();
    const result = await reopened.append('thing-1', [newEvent()], 0);

    expect((await collect(reopened.readStream('thing-1')))[0]).toMatchObject({ eventId: event.eventId, position: 1n });
    expect(result).toEqual({ streamId: 'thing-1', revision: 1, position: 2n });
  });

  it('shows a live subscriber the appends made through another connection to the same file', async () => {
    const writer = open();
    const reader = open({ pollIntervalMs: 10 });
    const seen: RecordedEvent[] = [];
    const events = [newEvent(), newEvent()];
    await writer.append('thing-1', [events[0]!]);

    for await (const event of reader.subscribeAll({ signal: AbortSignal.timeout(5_000) })) {
      seen.push(event);
      if (seen.length === 1) setTimeout(() => void writer.append('thing-1', [events[1]!]), 50);
      if (seen.length === 2) break;
    }

    expect(seen.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
  });


  it('wakes a live subscriber on another connection in this process at the commit, without waiting for its poll', async () => {
    const writer = open();
    const reader = open({ pollIntervalMs: 600_000 });
    const event = newEvent();
    const signal = AbortSignal.timeout(5_000);
    const subscription = reader.subscribeAll({ signal })[Symbol.asyncIterator]();
    const first = subscription.next();
    // The reader has found the log empty and sleeps until its poll, ten minutes on, or a wake-up.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writer.append('thing-1', [event]);

    const seen = await first;
    expect(seen.done ? 'ended before the append arrived' : seen.value.eventId).toBe(event.eventId);
    await subscription.return?.(undefined);
  });

  it('never lets recordedAt decrease, even when the clock goes backwards', async () => {
    const clock = new ManualClock('2026-03-01T10:00:00.000Z');
    const store = open({ clock });
    await store.append('thing-1', [newEvent()]);
    clock.set('2026-03-01T09:00:00.000Z');
    await store.append('thing-1', [newEvent()]);
    clock.set('2026-03-01T11:00:00.000Z');
    await store.append('thing-1', [newEvent()]);
    await store.close();
    const reopened = open({ clock: new ManualClock('2026-03-01T08:00:00.000Z') });
    await reopened.append('thing-1', [newEvent()]);

    const recordedAt = (await collect(reopened.readStream('thing-1'))).map((event) => event.metadata.recordedAt);

    expect(recordedAt).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T11:00:00.000Z',
      '2026-03-01T11:00:00.000Z',
    ]);
    expect(await reopened.positionAt(new Date('2026-03-01T10:30:00.000Z'))).toBe(2n);
    expect(await reopened.positionAt(new Date('2026-03-01T09:59:59.999Z'))).toBeUndefined();
  });

  it('settles each append of one commit group with its own outcome', async () => {
    const store = open();
    const stored = newEvent();

    const outcomes = await Promise.allSettled([
      store.append('thing-a', [stored], 'no_stream'),
      store.append('thing-a', [newEvent()], 'no_stream'),
      store.append('thing-a', [newEvent()], 0),
      store.append('thing-b', [newEvent(), newEvent()], 'exists'),
      store.append('thing-c', [newEvent(), stored]),
      store.append('thing-d', [newEvent('')]),
      store.append('thing-a', [stored], 5),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(outcomes[1]).toMatchObject({ reason: expect.any(ConcurrencyError) });
    expect((outcomes[1] as PromiseRejectedResult).reason.actualRevision).toBe(0);
    expect((outcomes[3] as PromiseRejectedResult).reason.actualRevision).toBe(-1);
    expect(outcomes[4]).toMatchObject({ reason: expect.any(ValidationError) });
    expect(outcomes[5]).toMatchObject({ reason: expect.any(ValidationError) });
    expect(outcomes[6]).toEqual(outcomes[0]);
    expect((await collect(store.readAll())).map((event) => [event.streamId, event.revision])).toEqual([
      ['thing-a', 0],
      ['thing-a', 1],
    ]);
  });

  const twice = newEvent();
  it.each([
    ['an empty stream id', '', [newEvent()], 'any'],
    ['no events', 'thing-1', [], 'any'],
    ['an event without a type', 'thing-1', [newEvent('')], 'any'],
    ['an event id twice', 'thing-1', [twice, twice], 'any'],
    ['data that is not JSON', 'thing-1', [{ ...newEvent(), data: 1n }], 'any'],
    ['a negative expected revision', 'thing-1', [newEvent()], -1],
  ] as const)('rejects an append with %s as invalid and stores nothing', async (_case, streamId, events, expected) => {
    const store = open();

    await expect(store.append(streamId, events, expected)).rejects.toBeInstanceOf(ValidationError);

    expect(await store.headPosition()).toBeUndefined();
  });

  it('commits the pending appends on close, then rejects every call', async () => {
    const store = open();
    const pending = store.append('thing-1', [newEvent()]);

    await store.close();

    expect(await pending).toEqual({ streamId: 'thing-1', revision: 0, position: 1n });
    await expect(store.append('thing-1', [newEvent()])).rejects.toThrow(/closed/);
    await expect(store.headPosition()).rejects.toThrow(/closed/);
    await expect(collect(store.readAll())).rejects.toThrow(/closed/);
    await expect(collect(store.subscribeAll())).rejects.toThrow(/closed/);
    expect(await collect(open().readStream('thing-1'))).toHaveLength(1);
  });

  it('ends live subscriptions when it closes', async () => {
    const store = open();
    await store.append('thing-1', [newEvent()]);
    const seen: RecordedEvent[] = [];

    const subscription = (async () => {
      for await (const event of store.subscribeAll()) {
        seen.push(event);
        setImmediate(() => void store.close());
      }
    })();

    await subscription;
    expect(seen).toHaveLength(1);
  });
});
