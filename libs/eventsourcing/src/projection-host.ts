import type { Position } from './events.js';
import type { EventStore } from './event-store.js';
import { newId } from './ids.js';
import type { Projection } from './projection.js';
import type { RunnerLease } from './log-follower.js';
import { ProjectionFeed } from './projection-feed.js';
import { ProjectionRunner, type ProjectionRunnerOptions, type ProjectionStatus } from './projection-runner.js';
import type { Lease, LeaseLostError, ReadStore } from './read-store.js';

const DEFAULT_LEASE_TTL_MS = 15_000;

export interface ProjectionLeaseOptions {
  /** Who this host is in the leases; unique per process. Default: a fresh id. */
  readonly holder?: string;
  /**
   * How long a lease lasts unless renewed; default 15 s. The host renews its leases, and tries to take
   * the others, every third of it; a host that dies leaves its projections to another after at most this.
   */
  readonly ttlMs?: number;
  /**
   * Called when this host takes or loses a projection's lease; with `error` when the read store failed
   * or refused a batch because the lease had passed on (`LeaseLostError`).
   */
  readonly onChange?: (projection: string, held: boolean, error?: unknown) => void;
}

export interface ProjectionHostOptions extends Omit<ProjectionRunnerOptions, 'projection' | 'events' | 'reads' | 'feed'> {
  readonly lease?: ProjectionLeaseOptions;
}

/** The lease in the read store that decides which host runs a projection. */
export function projectionLease(projection: string): string {
  return `projection:${projection}`;
}

/** A follower of the log a host runs under a lease: a projection's runner, or a process manager's. */
export interface HostedRunner<Status> extends LeasedWork {
  status(): Status;
  lag(): Promise<bigint>;
}

/**
 * Runs followers of the log side by side, each under a lease of its own in the read store. Several
 * hosts may share the stores (processes for fail-over): each follower runs only in the host that
 * holds its lease, the others stand by and take it over when it expires.
 */
export abstract class LeasedHost<Status, Runner extends HostedRunner<Status>> {
  private readonly leased: LeasedRunner[];

  /** `kind` names the followers in the error about two of one name; `leaseName` gives each one's lease. */
  protected constructor(
    kind: string,
    protected readonly runners: readonly Runner[],
    reads: ReadStore,
    leaseName: (name: string) => string,
    lease: ProjectionLeaseOptions = {},
  ) {
    const names = new Set<string>();
    for (const { name } of runners) {
      if (names.has(name)) throw new Error(`two ${kind} are named ${name}`);
      names.add(name);
    }
    const holder = lease.holder ?? newId();
    const ttlMs = lease.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.leased = runners.map((runner) => new LeasedRunner(runner, leaseName(runner.name), reads, holder, ttlMs, lease.onChange));
  }

  /** Starts competing for the leases; each follower runs once its lease is taken. */
  start(): void {
    for (const leased of this.leased) leased.start();
  }

  /** Stops the runners and releases the leases, so that a standby host takes over at once. */
  async stop(): Promise<void> {
    await Promise.all(this.leased.map((leased) => leased.stop()));
  }

  runner(name: string): Runner | undefined {
    return this.runners.find((runner) => runner.name === name);
  }

  /** Each follower's status, with `lag`: the positions between the head of the log and its checkpoint. */
  async health(): Promise<(Status & { readonly lag: bigint })[]> {
    return Promise.all(this.runners.map(async (runner) => ({ ...runner.status(), lag: await runner.lag() })));
  }
}

/**
 * Runs a set of projections side by side, each with its own checkpoint, under leases (see
 * `LeasedHost`). Every batch is committed under the lease's token, so a host frozen past its lease
 * writes nothing once another took over. The runners it runs live share one feed: the log is read
 * once for all of them, and their batches are committed together.
 */
export class ProjectionHost extends LeasedHost<ProjectionStatus, ProjectionRunner> {
  constructor(projections: readonly Projection<unknown>[], events: EventStore, reads: ReadStore, options: ProjectionHostOptions = {}) {
    const { lease, ...runnerOptions } = options;
    const feed = new ProjectionFeed({ events, reads, batchSize: runnerOptions.batchSize });
    const runners = projections.map((projection) => new ProjectionRunner({ ...runnerOptions, projection, events, reads, feed }));
    super('projections', runners, reads, projectionLease, lease);
  }

  /**
   * Read-your-writes: true once the named projections (every one without names) have processed
   * `position`, false after `timeoutMs`. A name no projection has is an error of the caller's code.
   */
  async waitFor(position: Position, timeoutMs: number, projections?: readonly string[]): Promise<boolean> {
    const runners = projections === undefined ? this.runners : projections.map((name) => this.namedRunner(name));
    const reached = await Promise.all(runners.map((runner) => runner.waitFor(position, timeoutMs)));
    return reached.every(Boolean);
  }

  private namedRunner(name: string): ProjectionRunner {
    const runner = this.runner(name);
    if (!runner) throw new Error(`no projection is named ${name}`);
    return runner;
  }
}

/** Hears each outcome of taking or renewing a lease: the lease, or undefined (with `error` when the store failed). */
export type LeaseListener = (lease: Lease | undefined, error?: unknown) => void | Promise<void>;

/**
 * Holds a lease: takes it, then renews it every third of its ttl, so that it does not expire while its
 * holder lives. A renewal the store did not answer counts as lost: the lease may expire meanwhile and
 * another process take it.
 */
export class LeaseKeeper {
  private readonly intervalMs: number;
  private active = false;
  private current: Lease | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly reads: ReadStore,
    readonly name: string,
    readonly holder: string,
    private readonly ttlMs: number,
    private readonly listener?: LeaseListener,
  ) {
    this.intervalMs = Math.max(1, Math.floor(ttlMs / 3));
  }

  /** Starts taking and renewing the lease; resolves with the outcome of the first attempt. */
  async start(): Promise<Lease | undefined> {
    if (!this.active) {
      this.active = true;
      this.renewNow();
    }
    await this.ticking;
    return this.current;
  }

  /** Takes or renews the lease at once rather than at the next interval. */
  renewNow(): void {
    clearTimeout(this.timer);
    this.ticking = this.ticking.then(() => this.tick());
  }

  /** Stops renewing; the lease stands until it expires or is released. */
  async stop(): Promise<void> {
    this.active = false;
    clearTimeout(this.timer);
    await this.ticking;
  }

  /** Stops renewing and gives the lease up, so that another process may take it at once. */
  async release(): Promise<void> {
    await this.stop();
    if (this.current === undefined) return;
    this.current = undefined;
    // A release that fails leaves the lease to expire: the next holder then waits at most one ttl.
    await this.reads.releaseLease(this.name, this.holder).catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (!this.active) return;
    let failure: unknown;
    try {
      this.current = await this.reads.acquireLease(this.name, this.holder, this.ttlMs);
    } catch (error) {
      this.current = undefined;
      failure = error;
    }
    if (!this.active) return;
    await this.listener?.(this.current, failure);
    if (this.active) this.timer = setTimeout(() => this.renewNow(), this.intervalMs);
  }
}

/** A worker that follows the log under a lease: a projection's runner, or a process manager's. */
export interface LeasedWork {
  readonly name: string;
  /** Starts working; every commit goes under `lease`, and a refused one is reported through it. */
  start(lease: RunnerLease): void;
  stop(): Promise<void>;
}

/** One worker under its lease: runs while the lease is held, each batch committed under the lease's token. */
export class LeasedRunner {
  private readonly keeper: LeaseKeeper;
  /** The lease the runner works under, while it runs. */
  private working: Lease | undefined;
  private lost: LeaseLostError | undefined;

  constructor(
    private readonly runner: LeasedWork,
    leaseName: string,
    reads: ReadStore,
    holder: string,
    ttlMs: number,
    private readonly onChange: ProjectionLeaseOptions['onChange'],
  ) {
    this.keeper = new LeaseKeeper(reads, leaseName, holder, ttlMs, (lease, error) => this.follow(lease, error));
  }

  start(): void {
    void this.keeper.start();
  }

  async stop(): Promise<void> {
    await this.keeper.stop();
    await this.runner.stop();
    this.working = undefined;
    await this.keeper.release();
  }

  /**
   * Matches the runner to the lease as it now stands: stopped when the lease is gone or the store
   * refused a batch under it, restarted when the lease came back with a new token. Two writers must
   * never work on one projection, and a batch is never written under a token that is not current.
   */
  private async follow(lease: Lease | undefined, error: unknown): Promise<void> {
    const lost = this.lost;
    this.lost = undefined;
    const changed = lost !== undefined || lease?.token !== this.working?.token;
    if (changed && this.working !== undefined) {
      await this.runner.stop();
      this.working = undefined;
    }
    if (changed && lease !== undefined) {
      this.runner.start({ lease, onLost: (reason) => this.loseLease(reason) });
      this.working = lease;
    }
    if (changed || error !== undefined) this.onChange?.(this.runner.name, lease !== undefined, error ?? lost);
  }

  /** The store refused a batch: the lease passed on while this process was not renewing it. */
  private loseLease(reason: LeaseLostError): void {
    this.lost = reason;
    this.keeper.renewNow();
  }
}
