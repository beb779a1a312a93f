import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendToStreamOptions,
  type EventData,
  type EventStoreDBClient,
  type Filter,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { ConcurrencyError, ManualClock, ValidationError, type EventToAppend, type ExpectedRevision } from '#kernel';
import { collect } from '../../../test/support/collect.js';
import { asTheClientReadsIt } from '../../../test/support/esdb-client.js';
import { EsdbEventStore } from './esdb-event-store.js';

interface Stored {
  readonly id: string;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly revision: bigint;
  readonly position: bigint;
}

/**
 * Just enough of the client for the append logic and the reads of `$all`: appendToStream checks the
 * expected revision like the server (and, unlike it, never recognises a re-append), readStream reads
 * forwards or backwards, readAll reads `$all` backwards in pages, and subscribeToAll delivers the
 * events after a position that its filter selects, then ends (a real subscription would wait for
 * more). It counts the pages read and the events delivered.
 */
class FakeClient {
  readonly streams = new Map<string, Stored[]>();
  readonly counts = { pages: 0, delivered: 0 };
  private nextPosition = 100n;

  async appendToStream(streamName: string, events: EventData[], { expectedRevision = ANY }: AppendToStreamOptions = {}) {
    await new Promise((resolve) => setImmediate(resolve));
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? NO_STREAM : BigInt(stream.length - 1);
    if (!this.matches(expectedRevision, stream.length)) {
      throw new WrongExpectedVersionError(undefined, { streamName, expected: expectedRevision, current });
    }
    for (const event of events) {
      stream.push({ ...asTheClientReadsIt(event), revision: BigInt(stream.length), position: (this.nextPosition += 10n) });
    }
    this.streams.set(streamName, stream);
    return { success: true, nextExpectedRevision: BigInt(stream.length - 1), position: undefined };
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}) {
    await new Promise((resolve) => setImmediate(resolve));
    const stream = this.streams.get(streamName);
    if (!stream) throw new StreamNotFoundError(undefined, streamName);
    const ordered = options.direction === BACKWARDS ? [...stream].reverse() : stream;
    const from = typeof options.fromRevision === 'bigint' ? options.fromRevision : undefined;
    const selected = ordered.filter((event) => from === undefined || event.revision >= from);
    for (const event of selected.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER))) {
      yield {
        event: {
          ...event,
          streamId: streamName,
          created: new Date(),
          position: { commit: event.position, prepare: event.position },
        },
      };
    }
  }

  /** Backwards only, from the end or from a position (exclusive). */
  async *readAll({ fromPosition = END, maxCount = Number.MAX_SAFE_INTEGER }: ReadAllOptions = {}) {
    this.counts.pages += 1;
    const below = typeof fromPosition === 'object' ? fromPosition.commit : undefined;
    const page = this.all()
      .reverse()
      .filter(({ event }) => below === undefined || event.position < below)
      .slice(0, Number(maxCount));
    for (const { streamId, event } of page) yield resolvedAll(streamId, event);
  }

  subscribeToAll({ fromPosition = START, filter }: SubscribeToAllOptions = {}) {
    const after = typeof fromPosition === 'object' ? fromPosition.commit : undefined;
    const selected = this.all().filter(({ streamId, event }) => (after === undefined || event.position > after) && passes(filter, streamId, event.type));
    const counts = this.counts;
    async function* deliver() {
      for (const { streamId, event } of selected) {
        counts.delivered += 1;
        yield resolvedAll(streamId, event);
      }
    }
    return Object.assign(deliver(), { unsubscribe: async () => undefined, destroy: () => undefined });
  }

  private all() {
    const all = [...this.streams].flatMap(([streamId, events]) => events.map((event) => ({ streamId, event })));
    return all.sort((a, b) => (a.event.position < b.event.position ? -1 : 1));
  }

  async dispose() {}

  private matches(expected: AppendExpectedRevision, length: number): boolean {
    if (expected === ANY) return true;
    if (expected === NO_STREAM) return length === 0;
    if (expected === STREAM_EXISTS) return length > 0;
    return BigInt(length - 1) === expected;
  }
}

function resolvedAll(streamId: string, event: Stored) {
  return { event: { ...event, streamId, created: new Date(), position: { commit: event.position, prepare: event.position } } };
}

/** The server's filter: on the stream name or the event type, by prefixes or a regex. */
function passes(filter: Filter | undefined, streamId: string, type: string): boolean {
  if (filter === undefined) return true;
  const value = filter.filterOn === 'streamName' ? streamId : type;
  return 'prefixes' in filter ? filter.prefixes.some((prefix) => value.startsWith(prefix)) : new RegExp(filter.regex).test(value);
}

function numbered(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => ({
    eventId: randomUUID(),
    type: 'Ticked',
    data: { n },
    metadata: { occurredAt: '2026-01-05T09:00:00.000Z', actor: { id: 't', roles: [] }, correlationId: 'c', causationId: null, schemaVersion: 1 },
  }));
}

describe('EsdbEventStore append logic (on a fake client)', () => {
  let client: FakeClient;
  let store: EsdbEventStore;

  beforeEach(() => {
    client = new FakeClient();
    store = EsdbEventStore.withClient(client as unknown as EventStoreDBClient, { clock: new ManualClock('2026-03-01T10:00:00.000Z') });
  });

  const stored = (streamId: string) => client.streams.get(streamId)?.map((event) => event.id) ?? [];

  it('returns the revision and the position of the last event, and stores recordedAt in the metadata', async () => {
    const result = await store.append('thing-1', numbered(2), 'no_stream');

    expect(result).toEqual({ streamId: 'thing-1', revision: 1, position: 120n });
    expect(client.streams.get('thing-1')![0]!.metadata).toMatchObject({ recordedAt: '2026-03-01T10:00:00.000Z' });
  });

  it('never records an earlier recordedAt than the log already holds, also after a restart with a clock behind', async () => {
    await store.append('thing-1', numbered(1));
    const restarted = EsdbEventStore.withClient(client as unknown as EventStoreDBClient, { clock: new ManualClock('2026-03-01T09:00:00.000Z') });

    await restarted.append('thing-1', numbered(1));

    expect(client.streams.get('thing-1')!.map((event) => (event.metadata as { recordedAt: string }).recordedAt)).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
    ]);
    expect(await restarted.headPosition()).toBe(120n);
    expect(await restarted.positionAt(new Date('2026-03-01T10:00:00.000Z'))).toBe(120n);
    expect(await restarted.positionAt(new Date('2026-03-01T09:59:59.999Z'))).toBeUndefined();
  });

  it.each([
    ['an older revision', 0, 1],
    ['a newer revision', 5, 1],
    ['no_stream', 'no_stream', 1],
  ] as const)('maps a conflict on %s to ConcurrencyError with the actual revision', async (_case, expected, actual) => {
    await store.append('thing-1', numbered(2));

    const error = await store.append('thing-1', numbered(1), expected).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConcurrencyError);
    expect((error as ConcurrencyError).actualRevision).toBe(actual);
  });

  it.each([0, 'exists'] as const)('gives -1 as the actual revision of a stream that does not exist (expected %p)', async (expected) => {
    const error = await store.append('thing-1', numbered(1), expected).catch((caught: unknown) => caught);

    expect((error as ConcurrencyError).actualRevision).toBe(-1);
    expect(client.streams.has('thing-1')).toBe(false);
  });

  it('returns the original result of a re-append whatever the expected revision says, and stores it once', async () => {
    const events = numbered(2);
    const original = await store.append('thing-1', events);
    await store.append('thing-1', numbered(1));

    for (const expected of ['no_stream', 0, 7, 'exists', 'any'] as ExpectedRevision[]) {
      expect(await store.append('thing-1', events, expected)).toEqual(original);
    }
    expect(client.streams.get('thing-1')).toHaveLength(3);
  });

  it('stores concurrent retries of one append with any once', async () => {
    const events = numbered(2);

    const results = await Promise.all([1, 2, 3].map(() => store.append('thing-1', events)));

    expect(new Set(results.map((result) => result.position)).size).toBe(1);
    expect(stored('thing-1')).toEqual(events.map((event) => event.eventId));
  });

  it('rejects a re-append that repeats an earlier one only in part', async () => {
    const [first, second] = numbered(2);
    await store.append('thing-1', [first!, ...numbered(1)]);

    await expect(store.append('thing-1', [first!, second!], 'any')).rejects.toThrow(ValidationError);
  });

  it('answers a conflict when some of the events were stored since the revision the caller read', async () => {
    const [opened, taken, fresh] = numbered(3);
    await store.append('thing-1', [opened!], 'no_stream');
    await store.append('thing-1', [taken!], 0);

    await expect(store.append('thing-1', [taken!, fresh!], 0)).rejects.toMatchObject({ constructor: ConcurrencyError, actualRevision: 1 });
    expect(stored('thing-1')).toEqual([opened!.eventId, taken!.eventId]);
  });

  it('reads nothing from a stream that does not exist, and a revision range of one that does', async () => {
    await store.append('thing-1', numbered(5));

    expect(await collect(store.readStream('thing-2'))).toEqual([]);
    expect((await collect(store.readStream('thing-1', { fromRevision: 1, toRevision: 3 }))).map((event) => event.revision)).toEqual([1, 2, 3]);
  });
});

describe('EsdbEventStore with a namespace (on a fake client)', () => {
  let client: FakeClient;
  let store: EsdbEventStore;
  const clock = new ManualClock('2026-03-01T10:00:00.000Z');

  /** Another installation writing to the same cluster, without a namespace or under another one. */
  const other = (namespace?: string) => EsdbEventStore.withClient(client as unknown as EventStoreDBClient, { clock, namespace });

  beforeEach(() => {
    client = new FakeClient();
    store = other('plantB');
  });

  it('writes its streams under the namespace, and reads them back by our stream ids', async () => {
    const result = await store.append('thing-1', numbered(2), 'no_stream');

    expect(result).toMatchObject({ streamId: 'thing-1', revision: 1 });
    expect([...client.streams.keys()]).toEqual(['plantB.thing-1']);
    expect((await collect(store.readStream('thing-1'))).map((event) => [event.streamId, event.revision])).toEqual([
      ['thing-1', 0],
      ['thing-1', 1],
    ]);
  });

  it('sees streams of the same id in another namespace as other streams', async () => {
    await other('plantA').append('thing-1', numbered(3));

    expect(await store.append('thing-1', numbered(1), 'no_stream')).toMatchObject({ revision: 0 });
    const error = await store.append('thing-1', numbered(1), 2).catch((caught: unknown) => caught);
    expect((error as ConcurrencyError).actualRevision).toBe(0);
    expect((error as ConcurrencyError).streamId).toBe('thing-1');
  });

  it('reads its own events only, filtered on the server by its prefix, and its head among them', async () => {
    await other().append('thing-1', numbered(1));
    const own = await store.append('thing-1', numbered(2));
    await other('plantA').append('thing-1', numbered(1));
    await store.append('tally-1', [{ ...numbered(1)[0]!, type: 'Counted' }]);
    await other('plantA').append('tally-1', numbered(2));

    const read = await collect(store.readAll());

    expect(read.map((event) => [event.streamId, event.type])).toEqual([
      ['thing-1', 'Ticked'],
      ['thing-1', 'Ticked'],
      ['tally-1', 'Counted'],
    ]);
    expect(client.counts.delivered).toBe(3);
    expect(await collect(store.readAll({ after: own.position, filter: { types: ['Counted'] } }))).toHaveLength(1);
    expect(await store.headPosition()).toBe(read[2]!.position);
  });

  it('stops a read of $all at the head as it was when the read started, or at `to`', async () => {
    const first = await store.append('thing-1', numbered(1));
    await store.append('thing-1', numbered(1));
    await other('plantA').append('thing-1', numbered(1));

    expect((await collect(store.readAll({ to: first.position }))).map((event) => event.position)).toEqual([first.position]);
    expect(await collect(store.readAll({ after: first.position, to: first.position }))).toEqual([]);
  });

  it('subscribes to its own events only, by category on the server and by type on the client', async () => {
    await store.append('thing-1', numbered(1));
    await other('plantA').append('thing-1', numbered(1));
    await store.append('tally-1', numbered(1));
    await store.append('thing-2', [{ ...numbered(1)[0]!, type: 'Untouched' }]);

    const events = await collect(store.subscribeAll({ filter: { categories: ['thing'], types: ['Ticked'] } }));

    expect(events.map((event) => event.streamId)).toEqual(['thing-1']);
    expect(client.counts.delivered).toBe(2);
  });

  it('has no head and reads nothing while only other installations wrote', async () => {
    await other('plantA').append('thing-1', numbered(2));

    expect(await store.headPosition()).toBeUndefined();
    expect(await collect(store.readAll())).toEqual([]);
    expect(await store.positionAt(new Date('2030-01-01T00:00:00.000Z'))).toBeUndefined();
  });

  it('reads $all back no further than it must, once it knows where its events end', async () => {
    const own = await store.append('thing-1', numbered(1));
    const busy = other('plantA');
    for (let i = 0; i < 6; i++) await busy.append(`thing-${i}`, numbered(200));
    const restarted = other('plantB');
    client.counts.pages = 0;

    expect(await restarted.headPosition()).toBe(own.position);
    const firstLookPages = client.counts.pages;
    expect(await restarted.headPosition()).toBe(own.position);
    const secondLookPages = client.counts.pages - firstLookPages;

    // 1,200 events of the other installation above ours: three pages of 500 the first time, then the
    // first page alone reaches what is known.
    expect(firstLookPages).toBe(3);
    expect(secondLookPages).toBe(1);
  });
});
