import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Filter,
  type Position as EsdbPosition,
  type ReadPosition,
} from '@eventstore/db-client';
import {
  ConcurrencyError,
  nextRecordedAt,
  positionAtInstant,
  systemClock,
  ValidationError,
  type AppendResult,
  type Clock,
  type EventFilter,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type LedgerSource,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeAllOptions,
} from '#kernel';
import {
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
import type { StoredEvent } from '#ledger';
import { KnownHead } from './known-head.js';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
  /** Source of `recordedAt`; default the system clock. */
  readonly clock?: Clock;
  /** How many of a stream's latest events are searched for the ids of an append; default 500. */
  readonly idempotencyWindow?: number;
  /**
   * Letters and digits that prefix every stream this store writes (`<namespace>.<streamId>`), so that
   * several installations share one cluster; reads see this namespace only. Default: none.
   */
  readonly namespace?: string;
}

/** A resolved `$all` event that carries its event. */
type AllEvent = AllStreamResolvedEvent & { event: NonNullable<AllStreamResolvedEvent['event']> };

const PAGE_SIZE = 500;
const DEFAULT_IDEMPOTENCY_WINDOW = 500;
/** Rounds of read-then-append at the read revision for `any` / `exists` before leaving it to ESDB. */
const CHECKED_APPEND_ATTEMPTS = 5;

/** What the end of a stream says about an append: the stream's revision, and the earlier append of these ids. */
interface StreamTail {
  readonly current: number;
  readonly original: AppendResult | undefined;
  /** Some of the events are stored, but not as one earlier append. */
  readonly partlyStored: boolean;
}

/**
 * The event log on EventStoreDB (KurrentDB), through the official gRPC client.
 *
 * Positions are ESDB commit positions; see `positionOf` in `esdb-mapping.ts` for why they are unique
 * and strictly increasing for everything written through gRPC, and how they map back for resuming.
 *
 * `recordedAt` is our clock's time, kept in the event metadata (ESDB's own `created` is the server's
 * time and is not used), so envelopes look the same on every store. It never decreases within one
 * process, and the first append of a process starts no earlier than the last event of the log. Several
 * writer processes with skewed clocks can still record a slightly earlier `recordedAt` after a later
 * one; `positionAt` is then off by at most that skew.
 *
 * Idempotency. Event ids pass through to ESDB. What holds:
 * - `no_stream` or a revision: ESDB itself recognises the same ids re-appended at the same expected
 *   revision and returns the original revision. Any other expectation that conflicts makes this
 *   adapter look for the first id among the stream's last `idempotencyWindow` events; when found, the
 *   original result is returned instead of `ConcurrencyError`. Not covered: a revision that equals the
 *   stream's current revision while the ids were stored earlier in it; ESDB then stores them again
 *   (`handleCommand` detects such replays itself when it loads the stream).
 * - `any` and `exists`: the stream's tail is read first: ids found there return the original result;
 *   otherwise the append expects the revision just read, and a conflict repeats the round. So
 *   concurrent retries of one append store it once. After `CHECKED_APPEND_ATTEMPTS` lost rounds the
 *   append goes out with ESDB's own `any` / `stream_exists`, whose idempotency is best effort only.
 * - Ids are looked up in the target stream only: unlike SQLite, the same id in another stream is not
 *   detected (ESDB has no global index of event ids).
 *
 * Reading `$all`. The client (6.x) filters only subscriptions on the server, not reads. So `readAll`
 * is a catch-up subscription that ends at the head as it was when reading started (or at `to`), and
 * both it and `subscribeAll` have the server filter out what they do not want: the server filters on
 * one dimension, so the rest (event types, when categories or a namespace take the stream name) is
 * filtered on the client; see `serverFilter`. The head, `positionAt` and the first `recordedAt` read
 * `$all` backwards, page by page, passing over events of other namespaces and system events; what
 * `KnownHead` remembers keeps those reads short.
 *
 * Namespaces (`namespace`): see `toStreamName`. Streams and positions of another namespace are
 * invisible: `readStream`, `readAll`, `subscribeAll`, `headPosition` and `positionAt` answer for this
 * namespace only, so several installations (or test runs) share a cluster without seeing each other.
 *
 * Costs: each append makes one extra read to learn the position of its last event (the append reply's
 * position is not documented to be the last event's); `any` / `exists` read the stream tail first.
 */
export class EsdbEventStore implements EventStore, LedgerSource {
  private lastRecordedAt: string | undefined;
  private seeded: Promise<void> | undefined;
  private closed = false;
  private readonly stopSubscriptions = new Set<() => void>();
  private readonly knownHead = new KnownHead();

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly clock: Clock,
    private readonly idempotencyWindow: number,
    private readonly namespace: string | undefined,
  ) {}

  static connect(options: EsdbEventStoreOptions): EsdbEventStore {
    return EsdbEventStore.withClient(EventStoreDBClient.connectionString(options.connectionString), options);
  }

  /** On a client made elsewhere; `close()` disposes it. */
  static withClient(client: EventStoreDBClient, options: Omit<EsdbEventStoreOptions, 'connectionString'> = {}): EsdbEventStore {
    return new EsdbEventStore(
      client,
      options.clock ?? systemClock,
      options.idempotencyWindow ?? DEFAULT_IDEMPOTENCY_WINDOW,
      options.namespace,
    );
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision = 'any'): Promise<AppendResult> {
    this.assertOpen();
    assertValidAppend(streamId, events, expected);
    if (expected === 'any' || expected === 'exists') return this.appendChecked(streamId, events, expected);
    try {
      return await this.write(streamId, events, toEsdbExpected(expected));
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // The stream moved since the caller read it. Only a whole earlier append of these events is this
      // one's result; some of them stored means another writer appended them meanwhile: a conflict too.
      const { original } = await this.tail(streamId, events);
      if (original) return original;
      throw new ConcurrencyError(streamId, String(expected), toActualRevision(error.actualVersion));
    }
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const from = options.fromRevision ?? 0;
    const to = options.toRevision;
    if (to !== undefined && to < from) return;
    const read = this.client.readStream(toStreamName(streamId, this.namespace), {
      fromRevision: BigInt(from),
      ...(to === undefined ? {} : { maxCount: BigInt(to - from + 1) }),
    });
    try {
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved, this.namespace);
        if (event) yield event;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  /**
   * Reads up to the head as it is when reading starts (or `to`), so that it ends under constant
   * appends; event types and categories are filtered here.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    for await (const resolved of this.ownUpToHead(options.after, options.to)) {
      const recorded = this.selected(resolved, options.filter);
      if (recorded) yield recorded;
    }
  }

  /** The events as stored, a page at a time, for the ledger that follows this store: data as the bytes the server holds. */
  async *readStored(after?: Position): AsyncGenerator<readonly StoredEvent[]> {
    let page: StoredEvent[] = [];
    for await (const resolved of this.ownUpToHead(after, undefined)) {
      const stored = toStoredEvent(resolved, this.namespace);
      if (stored) page.push(stored);
      if (page.length === PAGE_SIZE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  /** As `readStored`, then live, until the signal aborts or the store closes. */
  async *followStored(after: Position | undefined, signal: AbortSignal): AsyncGenerator<StoredEvent> {
    this.assertOpen();
    for await (const resolved of this.subscribe(after, serverFilter(undefined, this.namespace), signal)) {
      const stored = toStoredEvent(resolved, this.namespace);
      if (stored === undefined) continue;
      this.knownHead.saw(stored.position);
      yield stored;
    }
  }

  /**
   * This installation's events after `after`, up to the head as it is when reading starts (or `to`).
   * The head is an event this subscription's server filter lets through, so the read always reaches it.
   */
  private async *ownUpToHead(after: Position | undefined, to: Position | undefined): AsyncGenerator<AllEvent> {
    this.assertOpen();
    const head = await this.headPosition();
    const upTo = head !== undefined && to !== undefined && to < head ? to : head;
    if (upTo === undefined || (after !== undefined && after >= upTo)) return;
    for await (const resolved of this.subscribe(after, serverFilter(undefined, this.namespace))) {
      const position = resolved.event.position.commit;
      if (position > upTo) return;
      yield resolved;
      if (position === upTo) return;
    }
  }

  /**
   * A catch-up subscription to `$all` from the checkpoint, with the filter applied by the server (and
   * completed on the client). Ends when the signal aborts, when the consumer stops iterating, or when
   * the store closes.
   */
  async *subscribeAll(options: SubscribeAllOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const { after, filter, signal } = options;
    for await (const resolved of this.subscribe(after, serverFilter(filter, this.namespace), signal)) {
      const recorded = this.selected(resolved, filter);
      if (recorded) yield recorded;
    }
  }

  /**
   * The last event of this installation in `$all`: system events after it (statistics, links) and
   * other namespaces' events are passed over, down to where `KnownHead` already knows the answer.
   */
  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    let top: Position | undefined;
    for await (const { event } of this.scanAllBackwards()) {
      const position = event.position.commit;
      top ??= position;
      const known = this.knownHead.below(position);
      if (known) {
        this.knownHead.learn(top, known.head);
        return known.head;
      }
      if (isOwnEvent(event.streamId, event.type, this.namespace)) {
        const head = positionOf(event.position, `event ${event.id}`);
        this.knownHead.learn(top, head);
        return head;
      }
    }
    if (top !== undefined) this.knownHead.learn(top, undefined);
    return undefined;
  }

  /**
   * Reads `$all` backwards from the end to the first user event recorded at or before `time`. `$all`
   * has no index by our `recordedAt` and its positions are byte offsets, so there is nothing to
   * bisect: the cost is one page per `PAGE_SIZE` events recorded after `time`. The read store's time
   * marks answer this cheaply for projected positions; this is the store's own fallback.
   */
  async positionAt(time: Date): Promise<Position | undefined> {
    const at = positionAtInstant(time);
    this.assertOpen();
    for await (const resolved of this.ownEventsBackwards()) {
      const recorded = toRecordedEvent(resolved, this.namespace);
      if (recorded && recorded.metadata.recordedAt <= at) return recorded.position;
    }
    return undefined;
  }

  /** Ends the live subscriptions, then releases the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stopSubscriptions) stop();
    await this.client.dispose();
  }

  /**
   * `any` / `exists`: reads the tail, returns the original result of a re-append, otherwise appends at
   * the revision just read; a conflict means another writer came in between, so it starts over.
   */
  private async appendChecked(streamId: string, events: readonly EventToAppend[], expected: 'any' | 'exists'): Promise<AppendResult> {
    for (let attempt = 0; attempt < CHECKED_APPEND_ATTEMPTS; attempt++) {
      const { current, original, partlyStored } = await this.tail(streamId, events);
      if (original) return original;
      if (partlyStored) throw partlyRepeated(streamId, events);
      if (expected === 'exists' && current === -1) throw new ConcurrencyError(streamId, expected, -1);
      try {
        return await this.write(streamId, events, current === -1 ? NO_STREAM : BigInt(current));
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
    try {
      return await this.write(streamId, events, toEsdbExpected(expected));
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new ConcurrencyError(streamId, expected, toActualRevision(error.actualVersion));
      }
      throw error;
    }
  }

  private async write(streamId: string, events: readonly EventToAppend[], expectedRevision: AppendExpectedRevision): Promise<AppendResult> {
    const recordedAt = await this.nextRecordedAt();
    const result = await this.client.appendToStream(
      toStreamName(streamId, this.namespace),
      events.map((event) => toEventData(event, recordedAt)),
      { expectedRevision },
    );
    const revision = result.nextExpectedRevision;
    const position = await this.positionOfRevision(streamId, revision);
    this.knownHead.saw(position);
    return { streamId, revision: Number(revision), position };
  }

  private async positionOfRevision(streamId: string, revision: bigint): Promise<Position> {
    const read = this.client.readStream(toStreamName(streamId, this.namespace), { fromRevision: revision, maxCount: 1 });
    for await (const resolved of read) {
      return positionOf(resolved.event?.position, `revision ${revision} of ${streamId}`);
    }
    throw new Error(`revision ${revision} of ${streamId} was appended but cannot be read`);
  }

  /**
   * The stream's last `idempotencyWindow` events, read backwards: the current revision, and the
   * earlier append of `events` when its first id is among them.
   */
  private async tail(streamId: string, events: readonly EventToAppend[]): Promise<StreamTail> {
    const wanted = events.map((event) => event.eventId.toLowerCase());
    const idAt = new Map<number, string>();
    const positionAt = new Map<number, EsdbPosition | undefined>();
    let current = -1;
    let first: number | undefined;
    try {
      const read = this.client.readStream(toStreamName(streamId, this.namespace), {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: this.idempotencyWindow,
      });
      for await (const resolved of read) {
        const event = resolved.event;
        if (!event) continue;
        const revision = Number(event.revision);
        current = Math.max(current, revision);
        idAt.set(revision, event.id.toLowerCase());
        positionAt.set(revision, event.position);
        if (event.id.toLowerCase() === wanted[0]) {
          first = revision;
          break;
        }
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { current: -1, original: undefined, partlyStored: false };
      throw error;
    }
    if (first === undefined) return { current, original: undefined, partlyStored: false };
    const last = first + wanted.length - 1;
    if (!wanted.every((id, index) => idAt.get(first + index) === id)) return { current, original: undefined, partlyStored: true };
    return {
      current,
      original: { streamId, revision: last, position: positionOf(positionAt.get(last), `revision ${last} of ${streamId}`) },
      partlyStored: false,
    };
  }

  /**
   * `$all` backwards from the end, in pages. A page starts at the last position of the one before;
   * whatever was already passed is skipped, so it works whether the server treats `fromPosition` as
   * inclusive or not. Yields only resolved events that have an event.
   */
  private async *scanAllBackwards(): AsyncGenerator<AllEvent> {
    let from: ReadPosition = END;
    let passed: bigint | undefined;
    for (;;) {
      this.assertOpen();
      const page: AllStreamResolvedEvent[] = [];
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: PAGE_SIZE })) {
        page.push(resolved);
      }
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        const commit = event.position.commit;
        if (passed !== undefined && commit >= passed) continue;
        passed = commit;
        yield { ...resolved, event };
      }
      const lastEvent = page[page.length - 1]?.event;
      if (page.length < PAGE_SIZE || !lastEvent) return;
      from = lastEvent.position;
    }
  }

  /** This installation's events from the end of `$all` backwards, down to where `KnownHead` knows none are left. */
  private async *ownEventsBackwards(): AsyncGenerator<AllEvent> {
    for await (const resolved of this.scanAllBackwards()) {
      const { event } = resolved;
      const known = this.knownHead.below(event.position.commit);
      if (known !== undefined && known.head === undefined) return;
      if (isOwnEvent(event.streamId, event.type, this.namespace)) yield resolved;
    }
  }

  /**
   * `$all` after `after` (exclusive) through a catch-up subscription that the server filters, as
   * resolved events. Ends when the signal aborts, when the consumer stops iterating, or when the
   * store closes.
   */
  private async *subscribe(after: Position | undefined, filter: Filter, signal?: AbortSignal): AsyncGenerator<AllEvent> {
    if (signal?.aborted) return;
    const subscription = this.client.subscribeToAll({ fromPosition: after === undefined ? START : toEsdbPosition(after), filter });
    const iterator = subscription[Symbol.asyncIterator]();
    let stopping = false;
    let stop!: () => void;
    const stopped = new Promise<'stopped'>((resolve) => {
      stop = () => {
        stopping = true;
        resolve('stopped');
      };
    });
    signal?.addEventListener('abort', stop, { once: true });
    this.stopSubscriptions.add(stop);
    try {
      for (;;) {
        const pending = iterator.next();
        pending.catch(() => undefined); // settled after the stop, when nobody waits for it any more
        const next = await Promise.race([pending, stopped]);
        if (next === 'stopped' || next.done) return;
        const event = next.value.event;
        if (!event || (after !== undefined && event.position.commit <= after)) continue;
        yield { ...next.value, event };
      }
    } catch (error) {
      if (stopping) return;
      throw error;
    } finally {
      signal?.removeEventListener('abort', stop);
      this.stopSubscriptions.delete(stop);
      await subscription.unsubscribe().catch(() => undefined);
      subscription.destroy();
    }
  }

  /** Our envelope for an event of this installation that the filter selects; undefined otherwise. */
  private selected(resolved: AllEvent, filter: EventFilter | undefined): RecordedEvent | undefined {
    const { event } = resolved;
    const streamId = fromStreamName(event.streamId, this.namespace);
    if (streamId === undefined || !matchesFilter(filter, streamId, event.type)) return undefined;
    this.knownHead.saw(event.position.commit);
    return toRecordedEvent(resolved, this.namespace);
  }

  /** Seeds the first append from the log's last event, so that a restart with a clock behind does not go back. */
  private async nextRecordedAt(): Promise<string> {
    this.seeded ??= this.lastRecordedAtInLog().then(
      (last) => {
        if (last !== undefined) this.lastRecordedAt = nextRecordedAt(new Date(last), this.lastRecordedAt);
      },
      (error: unknown) => {
        this.seeded = undefined;
        throw error;
      },
    );
    await this.seeded;
    this.lastRecordedAt = nextRecordedAt(this.clock.now(), this.lastRecordedAt);
    return this.lastRecordedAt;
  }

  /** The `recordedAt` of this installation's last event; undefined when there is none or it carries none. */
  private async lastRecordedAtInLog(): Promise<string | undefined> {
    for await (const { event } of this.ownEventsBackwards()) {
      const recordedAt = (event.metadata as { recordedAt?: unknown } | undefined)?.recordedAt;
      return typeof recordedAt === 'string' && !Number.isNaN(Date.parse(recordedAt)) ? recordedAt : undefined;
    }
    return undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the EventStoreDB event store is closed');
  }
}

function partlyRepeated(streamId: string, events: readonly EventToAppend[]): ValidationError {
  return new ValidationError('some of these events are already stored, but not as one earlier append', [
    { field: 'events', message: `ids ${events.map((event) => event.eventId.toLowerCase()).join(', ')} repeat an earlier append of ${streamId} only in part` },
  ]);
}
