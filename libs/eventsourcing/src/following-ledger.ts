import { eventLeaf, Frontier, isStoredLevel, lookupIn, nodesOf, type EventLeaf, type NewNode, type StoredEvent } from '#ledger';
import type { Position } from './events.js';
import { LedgerOnTables, type Ledger, type LedgerTables } from './ledger.js';
import { PositionWaiters, sleepUnlessAborted } from './position-waiters.js';

/** An event store that can hand out its events as stored, for a ledger that follows it. */
export interface LedgerSource {
  /** The events after `after` as stored, up to the head as it is when reading starts, a page at a time. */
  readStored(after?: Position): AsyncIterable<readonly StoredEvent[]>;
  /** The events after `after` as stored, then each one as it is appended, until `signal` aborts. */
  followStored(after: Position | undefined, signal: AbortSignal): AsyncIterable<StoredEvent>;
  headPosition(): Promise<Position | undefined>;
}

export interface FollowingLedgerOptions {
  /** Leaves written in one go while catching up. */
  readonly batchSize?: number;
  /** How long a leaf may wait for others before it is written, while the log is quiet. */
  readonly flushAfterMs?: number;
  /** First delay after a failure; it doubles up to 30 s. */
  readonly retryDelayMs?: number;
  readonly onError?: (error: unknown) => void;
}

const DEFAULT_BATCH = 500;
const DEFAULT_FLUSH_AFTER_MS = 20;
const DEFAULT_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 30_000;

/** What is computed but not yet written: leaves from `fromIndex` on, and the stored nodes they complete. */
interface PendingLeaves {
  readonly fromIndex: number;
  readonly leaves: EventLeaf[];
  readonly nodes: NewNode[];
}

/**
 * A ledger that follows a log it cannot write in the same transaction (EventStoreDB): it computes
 * the leaves in the log's order, from the bytes as stored, and writes them to its tables. Several
 * followers of one log compute the same tree, so running one in every process is harmless; each
 * resumes from what the tables hold.
 */
export class FollowingLedger extends LedgerOnTables implements Ledger {
  readonly writtenWithEvents = false;
  private readonly waiters = new PositionWaiters();
  private reached: Position | undefined;
  private abort = new AbortController();
  private running: Promise<void> | undefined;
  private lastError: string | undefined;

  constructor(
    private readonly source: LedgerSource,
    tables: LedgerTables,
    private readonly options: FollowingLedgerOptions = {},
  ) {
    super(tables);
  }

  start(): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.running = this.followUntilStopped(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.running = undefined;
    this.waiters.settle(this.reached, true);
  }

  /** Why the last attempt to follow failed, while it is being retried. */
  get error(): string | undefined {
    return this.lastError;
  }

  readStored(after?: Position): AsyncIterable<readonly StoredEvent[]> {
    return this.source.readStored(after);
  }

  async waitFor(position: Position | undefined, timeoutMs: number): Promise<boolean> {
    const target = position ?? (await this.source.headPosition());
    if (target === undefined) return true;
    const [last] = await this.tables.leaves(Math.max((await this.tables.size()) - 1, 0), 1);
    if (last !== undefined && last.position >= target) return true;
    return this.waiters.wait(target, this.reached, timeoutMs);
  }

  private async followUntilStopped(signal: AbortSignal): Promise<void> {
    let delay = this.options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    while (!signal.aborted) {
      try {
        await this.follow(signal);
      } catch (error) {
        if (signal.aborted) return;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(error);
        await sleepUnlessAborted(delay, signal);
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
      }
    }
  }

  /** Continues the tree the tables hold, from the event after its last leaf. */
  private async follow(signal: AbortSignal): Promise<void> {
    const size = await this.tables.size();
    const frontier = Frontier.of(size, lookupIn(await this.tables.nodes(nodesOf([{ start: 0, end: size }]))));
    const [last] = size === 0 ? [] : await this.tables.leaves(size - 1, 1);
    this.advance(last?.position);
    // A write that fails while the log is quiet ends the attempt at once, so that it is retried.
    const attempt = new AbortController();
    const endAttempt = () => attempt.abort();
    signal.addEventListener('abort', endAttempt, { once: true });
    const writer = new BatchWriter(this.tables, size, this.options, {
      written: (position) => {
        this.lastError = undefined;
        this.advance(position);
      },
      failed: endAttempt,
    });
    try {
      for await (const event of this.source.followStored(last?.position, attempt.signal)) {
        const leaf = eventLeaf(event);
        const completed = frontier.append(leaf.leafHash).filter((node) => node.level > 0 && isStoredLevel(node.level));
        await writer.add(leaf, completed);
      }
      await writer.flush();
    } finally {
      writer.cancel();
      signal.removeEventListener('abort', endAttempt);
    }
  }

  private advance(position: Position | undefined): void {
    if (position === undefined) return;
    this.reached = position;
    this.waiters.settle(position, false);
  }
}

/** Writes leaves in batches: when a batch is full, or shortly after its first leaf while the log is quiet. */
class BatchWriter {
  private pending: PendingLeaves;
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;

  constructor(
    private readonly tables: LedgerTables,
    private nextIndex: number,
    private readonly options: FollowingLedgerOptions,
    private readonly outcome: { written(position: Position): void; failed(): void },
  ) {
    this.pending = { fromIndex: nextIndex, leaves: [], nodes: [] };
  }

  async add(leaf: EventLeaf, nodes: readonly NewNode[]): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    this.pending.leaves.push(leaf);
    this.pending.nodes.push(...nodes);
    this.nextIndex += 1;
    if (this.pending.leaves.length >= (this.options.batchSize ?? DEFAULT_BATCH)) await this.flush();
    else this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.options.flushAfterMs ?? DEFAULT_FLUSH_AFTER_MS);
  }

  /** Writes what is pending, after whatever is being written; batches are written in order. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = { fromIndex: this.nextIndex, leaves: [], nodes: [] };
    if (batch.leaves.length > 0) {
      this.writing = this.writing.then(async () => {
        if (this.failure !== undefined) return;
        try {
          await this.tables.appendLeaves(batch.fromIndex, batch.leaves, batch.nodes);
          this.outcome.written(batch.leaves[batch.leaves.length - 1]!.position);
        } catch (error) {
          this.failure = error;
          this.outcome.failed();
        }
      });
    }
    return this.writing.then(() => {
      if (this.failure !== undefined) throw this.failure;
    });
  }

  cancel(): void {
    clearTimeout(this.timer);
  }
}
