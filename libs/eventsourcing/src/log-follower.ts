import type { Position } from './events.js';
import type { EventStore } from './event-store.js';
import { PositionWaiters, sleepUnlessAborted } from './position-waiters.js';
import { GenerationRetiredError, LeaseLostError, type Lease } from './read-store.js';

/** The states every follower of the log goes through; a projection runner adds `rebuilding`. */
export type FollowerState = 'idle' | 'catching-up' | 'live' | 'retrying' | 'stopped';

/** The lease a runner works under: every batch is committed under it. */
export interface RunnerLease {
  readonly lease: Lease;
  /** Called when the read store refused a batch because the lease is lost; the runner has stopped working. */
  readonly onLost: (error: LeaseLostError) => void;
}

export interface LogFollowerOptions<Status> {
  readonly events: EventStore;
  /** First delay after a failure; it doubles up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly onError?: (error: unknown, status: Status) => void;
}

/** The state of a follower that starts following at `checkpoint` while the log ends at `head`. */
export function followingState(head: Position | undefined, checkpoint: Position | undefined): 'catching-up' | 'live' {
  return head !== undefined && head > (checkpoint ?? -1n) ? 'catching-up' : 'live';
}

const DEFAULT_RETRY_DELAY_MS = 500;
const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;

/**
 * What a projection runner and a process-manager runner share: following the log in the background
 * from a checkpoint, retrying with a doubling delay after a failure, stopping on a lost lease, and
 * answering the callers that wait for the checkpoint to reach a position.
 */
export abstract class LogFollower<Status, ExtraState extends string = never> {
  protected state: FollowerState | ExtraState = 'idle';
  protected checkpoint: Position | undefined;
  protected lastError: string | undefined;
  protected abort = new AbortController();
  private running: Promise<void> | undefined;
  private working: RunnerLease | undefined;
  private readonly waiters = new PositionWaiters();
  private retryDelay: number;

  protected constructor(private readonly followerOptions: LogFollowerOptions<Status>) {
    this.retryDelay = followerOptions.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  }

  abstract get name(): string;

  abstract status(): Status;

  /**
   * One attempt at following the log under `lease`: returns only once the runner is stopped; throws
   * what is to be retried.
   */
  protected abstract follow(lease: Lease | undefined): Promise<void>;

  /** How many positions the runner is behind the head of the log. */
  async lag(): Promise<bigint> {
    const head = await this.followerOptions.events.headPosition();
    if (head === undefined) return 0n;
    const lag = head - (this.checkpoint ?? 0n);
    return lag > 0n ? lag : 0n;
  }

  /**
   * Starts following the log in the background; under a lease, every batch is committed under it and
   * a lost lease stops the runner, which then waits for `stop()` before it can start again.
   */
  start(lease?: RunnerLease): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.working = lease;
    this.running = this.runUntilStopped();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.running = undefined;
    this.state = 'stopped';
    this.settleWaiters();
  }

  /** Resolves true once the runner has processed `position` (see `committed`), false after `timeoutMs`. */
  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, this.checkpoint, timeoutMs);
  }

  /**
   * Records a batch that went through and answers the callers waiting for it: a projection calls it
   * once the batch is committed, a process manager also for events that called for nothing, whose
   * checkpoint it commits later.
   */
  protected committed(checkpoint: Position): void {
    this.checkpoint = checkpoint;
    this.settleWaiters();
  }

  /** A batch of the live log went through: the failure before it, if any, is over. */
  protected recovered(): void {
    this.lastError = undefined;
    this.retryDelay = this.followerOptions.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  }

  /** Records a failure, in the state it leaves the runner in, and reports it. */
  protected fail(error: unknown, state: FollowerState | ExtraState): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.state = state;
    this.followerOptions.onError?.(error, this.status());
  }

  protected sleep(milliseconds: number): Promise<void> {
    return sleepUnlessAborted(milliseconds, this.abort.signal);
  }

  private async runUntilStopped(): Promise<void> {
    const lease = this.working?.lease;
    while (!this.abort.signal.aborted) {
      try {
        await this.follow(lease);
        if (!this.abort.signal.aborted) throw new Error('the event subscription ended unexpectedly');
      } catch (error) {
        if (error instanceof LeaseLostError) {
          this.lastError = error.message;
          this.state = 'stopped';
          this.working?.onLost(error);
          return;
        }
        if (error instanceof GenerationRetiredError || this.abort.signal.aborted) continue;
        this.fail(error, 'retrying');
        await this.sleep(this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, this.followerOptions.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS);
      }
    }
  }

  private settleWaiters(): void {
    this.waiters.settle(this.checkpoint, this.abort.signal.aborted);
  }
}
