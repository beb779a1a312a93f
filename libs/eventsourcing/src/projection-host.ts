import type { Position } from './events.js';
import type { EventStore } from './event-store.js';
import { newId } from './ids.js';
import type { Projection } from './projection.js';
import { ProjectionRunner, type ProjectionRunnerOptions, type ProjectionStatus } from './projection-runner.js';
import type { ReadStore } from './read-store.js';

export interface ProjectionHealth extends ProjectionStatus {
  /** Positions between the head of the log and the checkpoint. */
  readonly lag: bigint;
}

export const DEFAULT_LEASE_TTL_MS = 15_000;

export interface ProjectionLeaseOptions {
  /** Who this host is in the leases; unique per process. Default: a fresh id. */
  readonly holder?: string;
  /**
   * How long a lease lasts unless renewed; default 15 s. The host renews its leases, and tries to take
   * the others, every third of it; a host that dies leaves its projections to another after at most this.
   */
  readonly ttlMs?: number;
  /** Called when this host takes or loses a projection's lease; with `error` when the read store failed. */
  readonly onChange?: (projection: string, held: boolean, error?: unknown) => void;
}

export interface ProjectionHostOptions extends Omit<ProjectionRunnerOptions, 'projection' | 'events' | 'reads'> {
  readonly lease?: ProjectionLeaseOptions;
}

/** The lease in the read store that decides which host runs a projection. */
export function projectionLease(projection: string): string {
  return `projection:${projection}`;
}

/**
 * Runs a set of projections side by side, each with its own checkpoint. Several hosts may share the
 * stores (projector processes for fail-over): each projection runs only in the host that holds its
 * lease, the others stand by and take it over when it expires.
 */
export class ProjectionHost {
  private readonly runners: ProjectionRunner[];
  private readonly leased: LeasedRunner[];

  constructor(projections: readonly Projection<unknown>[], events: EventStore, reads: ReadStore, options: ProjectionHostOptions = {}) {
    const names = new Set<string>();
    for (const { name } of projections) {
      if (names.has(name)) throw new Error(`two projections are named ${name}`);
      names.add(name);
    }
    const { lease = {}, ...runnerOptions } = options;
    this.runners = projections.map((projection) => new ProjectionRunner({ ...runnerOptions, projection, events, reads }));
    const holder = lease.holder ?? newId();
    const ttlMs = lease.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.leased = this.runners.map((runner) => new LeasedRunner(runner, reads, holder, ttlMs, lease.onChange));
  }

  /** Starts competing for the leases; each projection runs once its lease is taken. */
  start(): void {
    for (const leased of this.leased) leased.start();
  }

  /** Stops the runners and releases the leases, so that a standby host takes over at once. */
  async stop(): Promise<void> {
    await Promise.all(this.leased.map((leased) => leased.stop()));
  }

  runner(name: string): ProjectionRunner | undefined {
    return this.runners.find((runner) => runner.name === name);
  }

  async health(): Promise<ProjectionHealth[]> {
    return Promise.all(this.runners.map(async (runner) => ({ ...runner.status(), lag: await runner.lag() })));
  }

  /** Read-your-writes: true once every projection has processed `position`, false after `timeoutMs`. */
  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const reached = await Promise.all(this.runners.map((runner) => runner.waitFor(position, timeoutMs)));
    return reached.every(Boolean);
  }
}

/** One runner under its lease: runs while the lease is held, renewing it on a timer. */
class LeasedRunner {
  private readonly lease: string;
  private readonly intervalMs: number;
  private active = false;
  private held = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly reads: ReadStore,
    private readonly holder: string,
    private readonly ttlMs: number,
    private readonly onChange: ProjectionLeaseOptions['onChange'],
  ) {
    this.lease = projectionLease(runner.name);
    this.intervalMs = Math.max(1, Math.floor(ttlMs / 3));
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.ticking = this.tick();
  }

  async stop(): Promise<void> {
    this.active = false;
    clearTimeout(this.timer);
    await this.ticking;
    await this.runner.stop();
    if (!this.held) return;
    this.held = false;
    // A release that fails leaves the lease to expire: the standby then waits at most one ttl.
    await this.reads.releaseLease(this.lease, this.holder).catch(() => undefined);
  }

  /**
   * Takes or renews the lease and starts or stops the runner to match. A renewal the store did not
   * answer counts as lost: the lease may expire meanwhile and another host take it, and two writers
   * must never work on one projection.
   */
  private async tick(): Promise<void> {
    let held = false;
    let failed = false;
    let failure: unknown;
    try {
      held = await this.reads.acquireLease(this.lease, this.holder, this.ttlMs);
    } catch (error) {
      failed = true;
      failure = error;
    }
    const changed = held !== this.held;
    this.held = held;
    if (!this.active) return;
    if (changed && held) this.runner.start();
    if (changed && !held) await this.runner.stop();
    if (changed || failed) this.onChange?.(this.runner.name, held, failure);
    if (this.active) this.timer = setTimeout(() => (this.ticking = this.tick()), this.intervalMs);
  }
}
