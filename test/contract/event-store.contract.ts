import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  ValidationError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
} from '#kernel';
import type { StoreFixture } from './store-fixture.js';
import { collect } from '../support/collect.js';


const SLOW_TEST_MS = 30_000;
/** Ends a subscription that misses events, so that the assertions report what arrived. */
const SUBSCRIPTION_GIVE_UP_MS = 10_000;

/** A category of its own per test, so that the suite can also run against a shared server. */
function uniqueCategory(): string {
  return `ct${randomUUID().replaceAll('-', '')}`;
}

function newEvent(type = 'ThingHappened', data: unknown = { n: 0 }): EventToAppend {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: {
      occurredAt: '2026-01-05T09:00:00.000Z',
      actor: { id: 'tester', roles: ['admin'] },
      correlationId: randomUUID(),
      causationId: null,
      schemaVersion: 1,
    },
  };
}

function numbered(count: number, type = 'ThingHappened'): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => newEvent(type, { n }));
}

/** The first `count` items; stops early when the iterable ends. */
async function take<T>(iterable: AsyncIterable<T>, count: number): Promise<T[]> {
  const items: T[] = [];
  if (count === 0) return items;
  for await (const item of iterable) {
    items.push(item);
    if (items.length === count) break;
  }
  return items;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

async function expectConflict(promise: Promise<unknown>, actualRevision: number): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ConcurrencyError);
  expect((error as ConcurrencyError).actualRevision).toBe(actualRevision);
}

function ids(events: readonly { eventId: string }[]): string[] {
  return events.map((event) => event.eventId);
}

function expectStrictlyIncreasing(positions: readonly Position[]): void {
  positions.slice(1).forEach((position, index) => expect(position > positions[index]!).toBe(true));
}

export function eventStoreContract(name: string, open: () => Promise<StoreFixture<EventStore>>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let category: string;
    /** The head before the test: reading from there keeps the tests quick on a shared server. */
    let start: Position | undefined;
    const stream = (id: string = randomUUID()) => `${category}-${id}`;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
      category = uniqueCategory();
      start = await store.headPosition();
    });

    afterEach(async () => {
      await cleanup();
    });

    const readStream = (streamId: string, options?: Parameters<EventStore['readStream']>[1]) =>
      collect(store.readStream(streamId, options));
    const readCategory = ({ after = start, to, types }: { after?: Position; to?: Position; types?: string[] } = {}) =>
      collect(store.readAll({ after, to, filter: { categories: [category], types } }));
    /** Gives up after a while, so that a subscription that misses events fails on the assertions. */
    const subscribeToCategory = ({
      after = start,
      types,
      signal = AbortSignal.timeout(SUBSCRIPTION_GIVE_UP_MS),
    }: { after?: Position; types?: string[]; signal?: AbortSignal } = {}) =>
      store.subscribeAll({ after, signal, filter: { categories: [category], types } });

    describe('append and readStream', () => {
      it('records the envelope of each event, revisions from 0 and increasing positions', async () => {
        const streamId = stream();
        const events = [newEvent('ThingOpened', { title: 'a' }), newEvent('ThingNamed', { name: 'b', tags: ['x'] })];

        const result = await store.append(streamId, events);
        const recorded = await readStream(streamId);

        expect(recorded).toHaveLength(2);
        recorded.forEach((event, index) => {
          expect(event).toMatchObject({
            eventId: events[index]!.eventId,
            type: events[index]!.type,
            streamId,
            revision: index,
            data: events[index]!.data,
            metadata: events[index]!.metadata,
          });
          expect(typeof event.position).toBe('bigint');
          expect(new Date(event.metadata.recordedAt).toISOString()).toBe(event.metadata.recordedAt);
        });
        expect(recorded[1]!.position > recorded[0]!.position).toBe(true);
        expect(result).toEqual({ streamId, revision: 1, position: recorded[1]!.position });
      });

      it('continues the revisions of a stream across appends', async () => {
        const streamId = stream();
        await store.append(streamId, numbered(2));

        const result = await store.append(streamId, numbered(3));

        expect(result.revision).toBe(4);
        expect((await readStream(streamId)).map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
      });

      it('reads a revision range of a stream, inclusive at both ends', async () => {
        const streamId = stream();
        await store.append(streamId, numbered(6));

        const range = await readStream(streamId, { fromRevision: 2, toRevision: 4 });

        expect(range.map((event) => event.revision)).toEqual([2, 3, 4]);
        expect((await readStream(streamId, { fromRevision: 4 })).map((event) => event.revision)).toEqual([4, 5]);
      });

      it('reads nothing from a stream that does not exist', async () => {
        expect(await readStream(stream())).toEqual([]);
      });

      it('keeps the streams apart', async () => {
        const [first, second] = [stream(), stream()];
        await store.append(first, numbered(2));
        await store.append(second, numbered(1));

        expect((await readStream(first)).every((event) => event.streamId === first)).toBe(true);
        expect(await readStream(second)).toHaveLength(1);
      });
    });

    describe('expected revision', () => {
      const accepted: [string, ExpectedRevision, number][] = [
        ['any on a new stream', 'any', 0],
        ['any on an existing stream', 'any', 2],
        ['no_stream on a new stream', 'no_stream', 0],
        ['exists on an existing stream', 'exists', 2],
        ['the current revision', 1, 2],
      ];
      it.each(accepted)('accepts %s', async (_case, expected, existing) => {
        const streamId = stream();
        if (existing > 0) await store.append(streamId, numbered(existing));

        const result = await store.append(streamId, [newEvent()], expected);

        expect(result.revision).toBe(existing);
      });

      const rejected: [string, ExpectedRevision, number, number][] = [
        ['no_stream on an existing stream', 'no_stream', 2, 1],
        ['exists on a new stream', 'exists', 0, -1],
        ['an older revision', 0, 2, 1],
        ['a newer revision', 5, 2, 1],
        ['a revision on a new stream', 0, 0, -1],
      ];
      it.each(rejected)('rejects %s with the actual revision', async (_case, expected, existing, actual) => {
        const streamId = stream();
        if (existing > 0) await store.append(streamId, numbered(existing));

        await expectConflict(store.append(streamId, [newEvent()], expected), actual);

        expect(await readStream(streamId)).toHaveLength(existing);
      });

      it('appends without a check when no expected revision is given', async () => {
        const streamId = stream();
        await store.append(streamId, numbered(1));

        expect((await store.append(streamId, [newEvent()])).revision).toBe(1);
      });

      it('stores nothing of a rejected append of several events', async () => {
        const streamId = stream();
        await store.append(streamId, numbered(1));
        const rejectedEvents = numbered(3);

        await expectConflict(store.append(streamId, rejectedEvents, 'no_stream'), 0);

        expect(await readStream(streamId)).toHaveLength(1);
        const all = await readCategory();
        expect(all.some((event) => ids(rejectedEvents).includes(event.eventId))).toBe(false);
      });
    });

    describe('idempotency', () => {
      it('returns the original result when the same events are appended again, and stores them once', async () => {
        const streamId = stream();
        const events = numbered(3);
        const original = await store.append(streamId, events, 'no_stream');

        const again = await store.append(streamId, events, 'no_stream');

        expect(again).toEqual(original);
        expect(ids(await readStream(streamId))).toEqual(ids(events));
      });

      it('returns the original result whatever the expected revision says', async () => {
        const streamId = stream();
        const events = numbered(2);
        const original = await store.append(streamId, events);
        await store.append(streamId, numbered(1));

        for (const expected of ['no_stream', 0, 7, 'exists', 'any'] as ExpectedRevision[]) {
          expect(await store.append(streamId, events, expected)).toEqual(original);
        }
        expect(await readStream(streamId)).toHaveLength(3);
      });

      it('answers a conflict when some of the events were stored since the revision the caller read, and a refusal when the stream did not move', async () => {
        const streamId = stream();
        const [opened, stored, fresh] = numbered(3);
        await store.append(streamId, [opened!], 'no_stream');
        // Another writer appended one of the caller's idempotent events after the caller read revision 0.
        await store.append(streamId, [stored!], 0);

        await expect(store.append(streamId, [stored!, fresh!], 0)).rejects.toMatchObject({ constructor: ConcurrencyError, actualRevision: 1 });
        await expect(store.append(streamId, [stored!, fresh!], 1)).rejects.toBeInstanceOf(ValidationError);
        expect(ids(await readStream(streamId))).toEqual(ids([opened!, stored!]));
      });

      it('stores concurrent retries of one append once', async () => {
        const streamId = stream();
        const events = numbered(2);

        const results = await Promise.all([1, 2, 3].map(() => store.append(streamId, events, 'any')));

        expect(new Set(results.map((result) => result.position)).size).toBe(1);
        expect(ids(await readStream(streamId))).toEqual(ids(events));
      });
    });

    describe('global order under concurrency', () => {
      it(
        'gives every event of many concurrent writers one strictly increasing position',
        async () => {
          const writers = 50;
          const appendsPerWriter = 20;
          const streams = Array.from({ length: writers }, () => stream());
          const results = new Map<string, AppendResult[]>();

          await Promise.all(
            streams.map(async (streamId) => {
              const mine: AppendResult[] = [];
              for (let n = 0; n < appendsPerWriter; n++) {
                mine.push(await store.append(streamId, [newEvent('Ticked', { n })]));
              }
              results.set(streamId, mine);
            }),
          );
          const all = await readCategory();

          expect(all).toHaveLength(writers * appendsPerWriter);
          expect(new Set(ids(all)).size).toBe(all.length);
          expectStrictlyIncreasing(all.map((event) => event.position));
          for (const streamId of streams) {
            const ofStream = all.filter((event) => event.streamId === streamId);
            expect(ofStream.map((event) => event.revision)).toEqual([...Array(appendsPerWriter).keys()]);
            expect(ofStream.map((event) => event.data)).toEqual(ofStream.map((_, n) => ({ n })));
            const appendedPositions = results.get(streamId)!.map((result) => result.position);
            expect(ofStream.map((event) => event.position)).toEqual(appendedPositions);
          }
        },
        SLOW_TEST_MS,
      );

      it('lets exactly one of several concurrent writers of one stream take each revision', async () => {
        const streamId = stream();
        const rounds = 10;
        const contenders = 8;
        const winners: string[] = [];

        for (let revision = 0; revision < rounds; revision++) {
          const attempts = Array.from({ length: contenders }, () => [newEvent('Claimed', { revision })]);
          const expected: ExpectedRevision = revision === 0 ? 'no_stream' : revision - 1;
          const outcomes = await Promise.allSettled(attempts.map((events) => store.append(streamId, events, expected)));

          const won = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
          expect(won).toHaveLength(1);
          expect((outcomes[won[0]!] as PromiseFulfilledResult<AppendResult>).value.revision).toBe(revision);
          for (const outcome of outcomes) {
            if (outcome.status === 'fulfilled') continue;
            expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
            expect((outcome.reason as ConcurrencyError).actualRevision).toBe(revision);
          }
          winners.push(attempts[won[0]!]![0]!.eventId);
        }

        const recorded = await readStream(streamId);
        expect(recorded.map((event) => event.revision)).toEqual([...Array(rounds).keys()]);
        expect(ids(recorded)).toEqual(winners);
      });
    });

    describe('readAll', () => {
      it('reads after a position (exclusive) up to a position (inclusive)', async () => {
        const streamId = stream();
        await store.append(streamId, numbered(5));
        const positions = (await readStream(streamId)).map((event) => event.position);

        const range = await readCategory({ after: positions[0], to: positions[3] });

        expect(range.map((event) => event.position)).toEqual(positions.slice(1, 4));
      });

      it('reads a log longer than any page in order, every event once, with and without a filter', async () => {
        const appended: EventToAppend[] = [];
        for (let batch = 0; batch < 13; batch++) {
          const events = [...numbered(50, 'Counted'), ...numbered(50, 'Noted')];
          await store.append(stream(), events);
          appended.push(...events);
        }

        const all = await readCategory();
        const counted = await readCategory({ types: ['Counted'] });

        expect(ids(all)).toEqual(ids(appended));
        expect(all.every((event, index) => index === 0 || event.position > all[index - 1]!.position)).toBe(true);
        expect(ids(counted)).toEqual(ids(appended.filter((event) => event.type === 'Counted')));
      });

      it('filters by type', async () => {
        const streamId = stream();
        await store.append(streamId, [newEvent('Opened'), newEvent('Noted'), newEvent('Closed'), newEvent('Noted')]);

        const selected = await readCategory({ types: ['Opened', 'Closed'] });

        expect(selected.map((event) => event.type)).toEqual(['Opened', 'Closed']);
      });

      it('filters by category, on the part of the stream id before the first dash', async () => {
        const other = uniqueCategory();
        await store.append(stream('a-b'), numbered(2));
        await store.append(`${other}-${randomUUID()}`, numbered(3));
        await store.append(stream(), numbered(1));

        const mine = await readCategory();
        const both = await collect(store.readAll({ after: start, filter: { categories: [category, other] } }));

        expect(mine.map((event) => event.streamId.split('-')[0])).toEqual([category, category, category]);
        expect(both).toHaveLength(6);
      });

      it('treats empty filter lists as no filter', async () => {
        const streamId = stream();
        await store.append(streamId, numbered(2));
        const [first, second] = await readStream(streamId);

        const events = await collect(
          store.readAll({ after: first!.position, to: second!.position, filter: { types: [], categories: [] } }),
        );

        expect(ids(events)).toEqual([second!.eventId]);
      });

      it(
        'reads more events than fit in one page, each once and in order, also with a filter',
        async () => {
          const streamId = stream();
          const rare = [newEvent('RarelySeen'), newEvent('RarelySeen')];
          const appended: string[] = [];
          for (const events of [[rare[0]!], ...Array.from({ length: 5 }, () => numbered(500)), [rare[1]!]]) {
            await store.append(streamId, events);
            appended.push(...ids(events));
          }

          const all = await readCategory();
          const rarelySeen = await readCategory({ types: ['RarelySeen'] });

          expect(ids(all)).toEqual(appended);
          expectStrictlyIncreasing(all.map((event) => event.position));
          expect(ids(rarelySeen)).toEqual(ids(rare));
        },
        SLOW_TEST_MS,
      );

      it('can be read while appends go on between the events it yields', async () => {
        const events = numbered(3);
        await store.append(stream(), events);
        const elsewhere = uniqueCategory();
        const read: string[] = [];

        for await (const event of store.readAll({ after: start, filter: { categories: [category] } })) {
          read.push(event.eventId);
          await store.append(`${elsewhere}-${randomUUID()}`, [newEvent()]);
        }

        expect(read).toEqual(ids(events));
      });
    });

    describe('subscribeAll', () => {
      it('catches up, then follows live appends', async () => {
        const streamId = stream();
        await store.append(streamId, numbered(3));
        const live = numbered(2);
        const seen: RecordedEvent[] = [];

        for await (const event of subscribeToCategory()) {
          seen.push(event);
          if (seen.length === 3) await store.append(streamId, live);
          if (seen.length === 5) break;
        }

        expect(seen.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(ids(seen.slice(3))).toEqual(ids(live));
      });

      it('starts after the checkpoint it is given', async () => {
        const streamId = stream();
        const { position } = await store.append(streamId, numbered(3));
        await store.append(streamId, numbered(2));

        const seen = await take(subscribeToCategory({ after: position }), 2);

        expect(seen.map((event) => event.revision)).toEqual([3, 4]);
      });

      it(
        'yields every event exactly once when resumed from a checkpoint while writers keep appending',
        async () => {
          const writers = 4;
          const appendsPerWriter = 50;
          const total = writers * appendsPerWriter;
          const writing = Promise.all(
            Array.from({ length: writers }, async () => {
              const streamId = stream();
              const appended: string[] = [];
              for (let n = 0; n < appendsPerWriter; n++) {
                const event = newEvent('Ticked', { n });
                await store.append(streamId, [event]);
                appended.push(event.eventId);
              }
              return appended;
            }),
          );

          const first = await take(subscribeToCategory(), 70);
          const checkpoint = first[first.length - 1]!.position;
          const rest = await take(subscribeToCategory({ after: checkpoint }), total - first.length);
          const appended = (await writing).flat();

          const seen = [...first, ...rest];
          expect(first).toHaveLength(70);
          expect(new Set(ids(seen)).size).toBe(seen.length);
          expect(new Set(ids(seen))).toEqual(new Set(appended));
          expectStrictlyIncreasing(seen.map((event) => event.position));
        },
        SLOW_TEST_MS,
      );

      it('filters by type and category', async () => {
        const streamId = stream();
        await store.append(`${uniqueCategory()}-${randomUUID()}`, [newEvent('Wanted')]);
        await store.append(streamId, [newEvent('Wanted'), newEvent('Unwanted'), newEvent('Wanted')]);

        const seen = await take(subscribeToCategory({ types: ['Wanted'] }), 2);

        expect(seen.map((event) => [event.streamId, event.type, event.revision])).toEqual([
          [streamId, 'Wanted', 0],
          [streamId, 'Wanted', 2],
        ]);
      });

      it('ends when its signal aborts while it waits for live events', async () => {
        const streamId = stream();
        await store.append(streamId, numbered(1));
        const controller = new AbortController();
        const seen: RecordedEvent[] = [];

        for await (const event of subscribeToCategory({ signal: controller.signal })) {
          seen.push(event);
          setTimeout(() => controller.abort(), 20);
        }

        expect(seen).toHaveLength(1);
      });

      it('yields nothing when its signal has already aborted', async () => {
        await store.append(stream(), numbered(2));

        expect(await collect(subscribeToCategory({ signal: AbortSignal.abort() }))).toEqual([]);
      });

      it('serves many subscribers at once', async () => {
        const streamId = stream();
        const subscriptions = Array.from({ length: 20 }, () => take(subscribeToCategory(), 4));
        const events = numbered(4);
        for (const event of events) await store.append(streamId, [event]);

        for (const seen of await Promise.all(subscriptions)) expect(ids(seen)).toEqual(ids(events));
      });
    });

    describe('headPosition and positionAt', () => {
      it('gives a head at or after the last append', async () => {
        const { position } = await store.append(stream(), numbered(2));

        const head = await store.headPosition();

        expect(head).toBeDefined();
        expect(head! >= position).toBe(true);
      });

      it('resolves a recorded time to a position that covers the events recorded by then', async () => {
        const streamId = stream();
        await store.append(streamId, numbered(1));
        await store.append(streamId, numbered(1));
        const [first, second] = await readStream(streamId);

        const atFirst = await store.positionAt(new Date(first!.metadata.recordedAt));
        const atSecond = await store.positionAt(new Date(second!.metadata.recordedAt));
        const later = await store.positionAt(new Date(Date.parse(second!.metadata.recordedAt) + 60_000));

        expect(atFirst! >= first!.position).toBe(true);
        expect(atSecond! >= second!.position).toBe(true);
        expect(later! >= atSecond!).toBe(true);
      });

      it('resolves a time before an event was recorded to a position before it, or to none', async () => {
        const { position } = await store.append(stream(), numbered(1));
        const [event] = await readCategory();

        const before = await store.positionAt(new Date(Date.parse(event!.metadata.recordedAt) - 1));

        expect(before === undefined || before < position).toBe(true);
      });
    });
  });
}
