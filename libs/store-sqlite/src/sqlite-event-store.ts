import canonicalize from 'canonicalize';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { sha256Text, type Frontier, type Hash, type StoredEvent } from '#ledger';
import {
  categoryOf,
  ConcurrencyError,
  expectedRevisionErrors,
  matchesExpected,
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
  type FieldError,
  type LedgerSource,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeAllOptions,
} from '#kernel';
import { openDatabase, writeIfUnlocked, type SqliteDatabase } from './database.js';
import { SqliteLedger } from './sqlite-ledger.js';

export interface SqliteEventStoreOptions {
  readonly file: string;
  /** See `openDatabase`; default true. */
  readonly durable?: boolean;
  /** Source of `recordedAt`; default the system clock. */
  readonly clock?: Clock;
  /** How often live subscriptions look for appends made by other processes; default 100 ms. */
  readonly pollIntervalMs?: number;
}

/**
 * Written into the statements rather than bound: a bound LIMIT cost each query about 10 µs more, an
 * empty one included, which a command pays on every stream it reads.
 */
const PAGE_SIZE = 500;
/**
 * A read of the log starts with a smaller page: a page of the history asks for a few dozen events, and
 * reading 500 rows for it took most of its time.
 */
const FIRST_PAGE_SIZE = 64;
const DEFAULT_POLL_INTERVAL_MS = 100;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    TEXT    NOT NULL UNIQUE,
    stream_id   TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL, -- as appended; recorded_at supplies metadata.recordedAt
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  ) STRICT;
  CREATE INDEX IF NOT EXISTS events_by_recorded_at ON events (recorded_at);
`;

/**
 * An event as read for a caller, in the order of `EVENT_COLUMNS`: an array rather than an object,
 * which is cheaper for better-sqlite3 to build on a path that reads the whole log.
 */
type EventRow = readonly [
  position: bigint,
  eventId: string,
  streamId: string,
  revision: bigint,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

interface StoredEventRef {
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/** An event validated, serialised and hashed before it joins a commit group, so that the write lock is held for writing only. */
interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly payloadHash: Hash;
  readonly metadataHash: Hash;
}

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type AppendOutcome = { readonly result: AppendResult } | { readonly error: unknown };

interface CommittedGroup {
  readonly outcomes: AppendOutcome[];
  readonly frontier: Frontier;
}

interface LogPageQuery {
  readonly after: Position;
  readonly upTo: Position;
  readonly types: string;
  readonly categories: string;
}

/** The statement of a log page by its filter shape and size. */
function logPageKey(byType: boolean, byCategory: boolean, size: number): string {
  return `${byType ? 't' : ''}${byCategory ? 'c' : ''}${size}`;
}

function prepareStatements(db: SqliteDatabase) {
  /** One statement per filter shape and page size, so that an absent list adds no condition to the query. */
  const logPage = (byType: boolean, byCategory: boolean, size: number) =>
    db
      .prepare<LogPageQuery, EventRow>(
        [
          `SELECT ${EVENT_COLUMNS} FROM events WHERE position > @after AND position <= @upTo`,
          byType ? 'AND type IN (SELECT value FROM json_each(@types))' : '',
          byCategory ? 'AND category IN (SELECT value FROM json_each(@categories))' : '',
          `ORDER BY position LIMIT ${size}`,
        ].join(' '),
      )
      .raw(true)
      .safeIntegers(true);
  return {
    insert: db
      .prepare<[string, string, string, number, string, string, string, string]>(
        `INSERT INTO events (event_id, stream_id, category, revision, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .safeIntegers(true),
    storedEvent: db
      .prepare<[string], StoredEventRef>('SELECT event_id, stream_id, revision, position FROM events WHERE event_id = ?')
      .safeIntegers(true),
    streamRevision: db.prepare<[string], number | null>('SELECT MAX(revision) FROM events WHERE stream_id = ?').pluck(),
    lastRecordedAt: db
      .prepare<[], string>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1')
      .pluck(),
    streamPage: db
      .prepare<[string, number, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision <= ?
         ORDER BY revision LIMIT ${PAGE_SIZE}`,
      )
      .raw(true)
      .safeIntegers(true),
    logPages: new Map<string, ReturnType<typeof logPage>>(
      [false, true].flatMap((byType) =>
        [false, true].flatMap((byCategory) =>
          [FIRST_PAGE_SIZE, PAGE_SIZE].map((size) => [logPageKey(byType, byCategory, size), logPage(byType, byCategory, size)] as const),
        ),
      ),
    ),
    head: db.prepare<[], bigint | null>('SELECT MAX(position) FROM events').pluck().safeIntegers(true),
    positionAt: db
      .prepare<[string], bigint>(
        'SELECT position FROM events WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1',
      )
      .pluck()
      .safeIntegers(true),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/** How long the commits of other instances in this process are gathered before their subscribers here are woken. */
const OTHER_COMMITS_WINDOW_MS = 5;

/**
 * The event log in one SQLite file, with its ledger (`SqliteLedger`): every append writes the leaves
 * of its events and the tree nodes they complete in the same transaction.
 *
 * Group commit: the appends that arrive within one tick are committed in one transaction, so they
 * share one fsync; each call runs in its own savepoint and settles with its own outcome.
 *
 * An append of zero events is rejected with `ValidationError`: it has no last event whose position it
 * could return, and a stream that does not exist has no position at all.
 *
 * Positions are the table's AUTOINCREMENT keys. SQLite has one writer at a time, so a position is
 * never committed after a greater one: a reader that has seen position P has seen everything below P.
 *
 * Data and metadata are stored as RFC 8785 canonical JSON, the bytes their leaves hash.
 */
export class SqliteEventStore implements EventStore, LedgerSource {
  readonly ledger: SqliteLedger;
  private readonly statements: Statements;
  private readonly subscribers = new EventEmitter().setMaxListeners(0);
  /**
   * Tells the other instances on the same file in this process, such as a projection worker thread's,
   * that a group was committed, so that their subscribers read it within a few milliseconds rather
   * than at their next poll. Other processes still find it by polling.
   */
  private readonly commits: BroadcastChannel | undefined;
  private commitsHeard: NodeJS.Timeout | undefined;
  private pending: PendingAppend[] = [];
  private scheduledFlush: NodeJS.Immediate | undefined;
  /** A flush that found the write lock taken tries again then, with the appends that came meanwhile. */
  private retriedFlush: NodeJS.Timeout | undefined;
  /** Since when the waiting appends have found the write lock taken. */
  private lockedSince: number | undefined;
  private closed = false;
  /** The tree's right edge as of the last commit of this instance; checked against the file before each group. */
  private frontier: Frontier | undefined;
  private readonly commitGroup: (group: readonly PendingAppend[]) => CommittedGroup;
  private readonly appendInSavepoint: (call: PendingAppend, recordedAt: string, frontier: Frontier) => AppendResult;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly pollIntervalMs: number,
  ) {
    this.statements = prepareStatements(db);
    this.commits = db.memory ? undefined : new BroadcastChannel(`quality-ledger:commits:${resolve(db.name)}`);
    this.commits?.unref();
    this.commits?.addEventListener('message', () => this.wakeAfterOtherCommits());
    this.ledger = new SqliteLedger(db, () => this.assertOpen());
    this.appendInSavepoint = db.transaction((call: PendingAppend, recordedAt: string, frontier: Frontier) =>
      this.appendCall(call, recordedAt, frontier),
    );
    this.commitGroup = db.transaction((group: readonly PendingAppend[]) => {
      const recordedAt = this.nextRecordedAt();
      let frontier = this.currentFrontier();
      const outcomes = group.map((call) => {
        const working = frontier.copy();
        const outcome = this.tryAppendCall(call, recordedAt, working);
        if ('result' in outcome) frontier = working;
        return outcome;
      });
      return { outcomes, frontier };
    }).immediate;
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = openDatabase(options.file, { durable: options.durable });
    db.exec(SCHEMA);
    const store = new SqliteEventStore(db, options.clock ?? systemClock, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    store.ledger.hashUnledgeredLog();
    return store;
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision = 'any',
  ): Promise<AppendResult> {
    this.assertOpen();
    const prepared = prepareAppend(streamId, events, expected);
    return new Promise((resolve, reject) => {
      this.pending.push({ ...prepared, resolve, reject });
      if (this.retriedFlush === undefined) this.scheduledFlush ??= setImmediate(() => this.flush());
    });
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const toRevision = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    let fromRevision = options.fromRevision ?? 0;
    for (;;) {
      const page = this.use().streamPage.all(streamId, fromRevision, toRevision);
      for (const row of page) yield toRecordedEvent(row);
      if (page.length < PAGE_SIZE) return;
      fromRevision = Number(page[page.length - 1]![3]) + 1;
    }
  }

  /**
   * Reads up to the head as it is when reading starts, so that the read ends under constant appends.
   * Loops over the pages itself rather than delegating to `readRange`: a catch-up reads the whole
   * log, and each event through a second async generator costs another promise.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const upTo = options.to ?? this.head() ?? 0n;
    for (const page of this.logPages(options.after ?? 0n, upTo, options.filter, () => false)) {
      for (const row of page) yield toRecordedEvent(row);
    }
  }

  /** Completes when the store closes; a subscription started after that rejects instead. */
  async *subscribeAll(options: SubscribeAllOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const stopped = () => this.closed || options.signal?.aborted === true;
    let cursor = options.after ?? 0n;
    while (!stopped()) {
      const head = this.head() ?? 0n;
      if (cursor < head) {
        yield* this.readRange(cursor, head, options.filter, stopped);
        cursor = head;
      } else {
        await this.nextWakeUp(options.signal);
      }
    }
  }

  async headPosition(): Promise<Position | undefined> {
    return this.head();
  }

  /** The events as stored, for a ledger that follows this store (tests of the ledger every store can follow). */
  readStored(after?: Position): AsyncIterable<readonly StoredEvent[]> {
    return this.ledger.readStored(after);
  }

  async *followStored(after: Position | undefined, signal: AbortSignal): AsyncGenerator<StoredEvent> {
    this.assertOpen();
    const stopped = () => this.closed || signal.aborted;
    let cursor = after ?? 0n;
    while (!stopped()) {
      const head = this.head() ?? 0n;
      if (cursor >= head) {
        await this.nextWakeUp(signal);
        continue;
      }
      for await (const page of this.ledger.readStored(cursor)) {
        for (const event of page) {
          if (stopped()) return;
          yield event;
          cursor = event.position;
        }
      }
      if (cursor < head) cursor = head;
    }
  }

  async positionAt(time: Date): Promise<Position | undefined> {
    const at = positionAtInstant(time);
    return this.use().positionAt.get(at);
  }

  /** Commits the appends still waiting for their group, ends live subscriptions, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    clearImmediate(this.scheduledFlush);
    clearTimeout(this.retriedFlush);
    this.flush(true);
    this.closed = true;
    this.commits?.close();
    clearTimeout(this.commitsHeard);
    this.subscribers.emit('wake');
    this.db.close();
  }

  /**
   * Commits the waiting appends as one group. While another connection holds the write lock, the
   * thread stays free: the group tries again a millisecond later, with the appends that came meanwhile,
   * until the busy timeout has passed; then, and on `close`, it waits for the lock as SQLite does.
   */
  private flush(waitForLock = false): void {
    this.scheduledFlush = undefined;
    this.retriedFlush = undefined;
    const group = this.pending;
    if (group.length === 0) return;
    let committed: CommittedGroup;
    try {
      const attempt = waitForLock ? { written: this.commitGroup(group) } : writeIfUnlocked(this.db, () => this.commitGroup(group), this.lockedSince);
      if (attempt === undefined) {
        this.lockedSince ??= Date.now();
        this.retriedFlush = setTimeout(() => this.flush(), 1);
        return;
      }
      committed = attempt.written;
    } catch (error) {
      this.pending = [];
      this.lockedSince = undefined;
      this.frontier = undefined;
      for (const call of group) call.reject(error);
      return;
    }
    this.pending = [];
    this.lockedSince = undefined;
    this.frontier = committed.frontier;
    committed.outcomes.forEach((outcome, index) => settle(group[index]!, outcome));
    this.subscribers.emit('wake');
    this.commits?.postMessage(null);
  }

  private tryAppendCall(call: PendingAppend, recordedAt: string, frontier: Frontier): AppendOutcome {
    try {
      return { result: this.appendInSavepoint(call, recordedAt, frontier) };
    } catch (error) {
      return { error };
    }
  }

  /** The cached frontier while no other process appended since; otherwise the file's. Inside the write lock. */
  private currentFrontier(): Frontier {
    if (this.frontier?.size !== this.ledger.tables.storedSize()) this.frontier = this.ledger.tables.frontier();
    return this.frontier;
  }

  private appendCall(call: PendingAppend, recordedAt: string, frontier: Frontier): AppendResult {
    const original = this.originalAppend(call);
    if (original) return original;
    const current = this.statements.streamRevision.get(call.streamId) ?? -1;
    if (!matchesExpected(call.expected, current)) {
      throw new ConcurrencyError(call.streamId, String(call.expected), current);
    }
    const category = categoryOf(call.streamId);
    let position = 0n;
    call.events.forEach((event, index) => {
      const revision = current + 1 + index;
      const { lastInsertRowid } = this.insertEvent(
        event.eventId,
        call.streamId,
        category,
        revision,
        event.type,
        event.data,
        event.metadata,
        recordedAt,
      );
      position = BigInt(lastInsertRowid);
      const { eventId, type, payloadHash, metadataHash } = event;
      this.ledger.tables.record(frontier, { position, eventId, streamId: call.streamId, revision, type, recordedAt, payloadHash, metadataHash });
    });
    return { streamId: call.streamId, revision: current + call.events.length, position };
  }

  private insertEvent(...row: Parameters<Statements['insert']['run']>) {
    try {
      return this.statements.insert.run(...row);
    } catch (error) {
      if (String((error as Error).message).includes('events.event_id')) {
        throw new ValidationError(`an event with id ${row[0]} is already stored`, [
          { field: 'events', message: `event id ${row[0]} is already stored` },
        ]);
      }
      throw error;
    }
  }

  /**
   * The result of the earlier append of these events, when the first of them is already stored.
   * Only the first and the last id are looked up; a repeated id anywhere else fails the insert. When
   * only some are stored and the stream has moved since the revision the caller read, another writer
   * appended some of the same idempotent events meanwhile: a conflict, which the caller decides again.
   */
  private originalAppend(call: PendingAppend): AppendResult | undefined {
    const first = this.statements.storedEvent.get(call.events[0]!.eventId);
    if (!first) return undefined;
    const last = this.statements.storedEvent.get(call.events[call.events.length - 1]!.eventId);
    if (!last || last.stream_id !== first.stream_id) {
      const current = this.statements.streamRevision.get(call.streamId) ?? -1;
      if (!matchesExpected(call.expected, current)) throw new ConcurrencyError(call.streamId, String(call.expected), current);
      throw partlyRepeated(call);
    }
    return { streamId: last.stream_id, revision: Number(last.revision), position: last.position };
  }

  /** Read inside the write lock, so that it also covers what other processes appended. */
  private nextRecordedAt(): string {
    return nextRecordedAt(this.clock.now(), this.statements.lastRecordedAt.get());
  }

  private async *readRange(
    after: Position,
    upTo: Position,
    filter: EventFilter | undefined,
    stopped: () => boolean,
  ): AsyncGenerator<RecordedEvent> {
    for (const page of this.logPages(after, upTo, filter, stopped)) {
      for (const row of page) {
        if (stopped()) return;
        yield toRecordedEvent(row);
      }
    }
  }

  /** Bounded by `upTo`, so that a sparse filter moves past the rows it skipped instead of scanning them again. */
  private *logPages(
    after: Position,
    upTo: Position,
    filter: EventFilter | undefined,
    stopped: () => boolean,
  ): Generator<EventRow[]> {
    let cursor = after;
    let size = FIRST_PAGE_SIZE;
    while (cursor < upTo && !stopped()) {
      const page = this.logPage(cursor, upTo, filter, size);
      yield page;
      cursor = page.length < size ? upTo : page[page.length - 1]![0];
      size = PAGE_SIZE;
    }
  }

  private logPage(after: Position, upTo: Position, filter: EventFilter | undefined, size: number): EventRow[] {
    const types = filter?.types ?? [];
    const categories = filter?.categories ?? [];
    this.assertOpen();
    return this.statements.logPages.get(logPageKey(types.length > 0, categories.length > 0, size))!.all({
      after,
      upTo,
      types: JSON.stringify(types),
      categories: JSON.stringify(categories),
    });
  }

  /**
   * Wakes the subscribers once for the commits other instances make within a few milliseconds. Under
   * load they commit a group every millisecond or two; a projection woken by each would commit as
   * many small batches, each taking the file's one write lock from the appends.
   */
  private wakeAfterOtherCommits(): void {
    this.commitsHeard ??= setTimeout(() => {
      this.commitsHeard = undefined;
      this.subscribers.emit('wake');
    }, OTHER_COMMITS_WINDOW_MS).unref();
  }

  /** Resolves on an append by this instance or another on the file in this process, on the next poll for other processes' appends, or on abort. */
  private nextWakeUp(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.subscribers.off('wake', wake);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, this.pollIntervalMs);
      this.subscribers.on('wake', wake);
      signal?.addEventListener('abort', wake);
    });
  }

  private head(): Position | undefined {
    return this.use().head.get() ?? undefined;
  }

  private use(): Statements {
    this.assertOpen();
    return this.statements;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the SQLite event store is closed');
  }
}

function partlyRepeated(call: PendingAppend): ValidationError {
  return new ValidationError('some of these events are already stored, but not as one earlier append', [
    { field: 'events', message: `ids ${call.events.map((event) => event.eventId).join(', ')} repeat an earlier append only in part` },
  ]);
}

function settle(call: PendingAppend, outcome: AppendOutcome): void {
  if ('result' in outcome) call.resolve(outcome.result);
  else call.reject(outcome.error);
}

/** The parsed metadata is a fresh object: setting `recordedAt` on it spares a copy per event. */
function toRecordedEvent(row: EventRow): RecordedEvent {
  const [position, eventId, streamId, revision, type, data, metadata, recordedAt] = row;
  const parsedMetadata = JSON.parse(metadata);
  parsedMetadata.recordedAt = recordedAt;
  return { eventId, type, streamId, revision: Number(revision), position, data: JSON.parse(data), metadata: parsedMetadata };
}

/** Validates and serialises an append up front, so that bad input never joins a commit group. */
function prepareAppend(
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Pick<PendingAppend, 'streamId' | 'events' | 'expected'> {
  const errors = [...streamIdErrors(streamId), ...expectedRevisionErrors(expected)];
  const prepared = prepareEvents(events, errors);
  if (errors.length > 0) throw new ValidationError('the append is invalid', errors);
  return { streamId, expected, events: prepared };
}

function streamIdErrors(streamId: string): FieldError[] {
  return isNonEmptyString(streamId) ? [] : [{ field: 'streamId', message: 'must be a non-empty string' }];
}

/** Serialises the events and adds what is wrong with them to `errors`. */
function prepareEvents(events: readonly EventToAppend[], errors: FieldError[]): NewEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    errors.push({ field: 'events', message: 'must hold at least one event' });
    return [];
  }
  const seen = new Set<unknown>();
  return events.map((event, index) => {
    const prepared = serialiseEvent(event);
    errors.push(...newEventErrors(prepared, seen, `events[${index}]`));
    seen.add(prepared.eventId);
    return prepared as NewEvent;
  });
}

function serialiseEvent(event: EventToAppend): Partial<NewEvent> {
  const data = serialise(event?.data);
  const metadata = isObject(event?.metadata) ? serialise(event.metadata) : undefined;
  return {
    eventId: event?.eventId,
    type: event?.type,
    data,
    metadata,
    payloadHash: data === undefined ? undefined : sha256Text(data),
    metadataHash: metadata === undefined ? undefined : sha256Text(metadata),
  };
}

function newEventErrors(event: Partial<NewEvent>, seenIds: ReadonlySet<unknown>, field: string): FieldError[] {
  const checks: [failed: boolean, property: string, message: string][] = [
    [!isNonEmptyString(event.eventId), 'eventId', 'must be a non-empty string'],
    [seenIds.has(event.eventId), 'eventId', 'appears twice in this append'],
    [!isNonEmptyString(event.type), 'type', 'must be a non-empty string'],
    [event.data === undefined, 'data', 'must be JSON'],
    [event.metadata === undefined, 'metadata', 'must be a JSON object'],
  ];
  return checks
    .filter(([failed]) => failed)
    .map(([, property, message]) => ({ field: `${field}.${property}`, message }));
}

/** Well-formed too: ids, stream ids and types are part of the leaf, which is UTF-8. */
function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.isWellFormed();
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 8785 canonical JSON; undefined for what is not JSON (a cycle, a lone surrogate, a non-finite number). */
function serialise(value: unknown): string | undefined {
  try {
    return canonicalize(value);
  } catch {
    return undefined;
  }
}
