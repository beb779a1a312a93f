import { inBatches } from './batches.js';
import { PositionWaiters, sleepUnlessAborted } from './position-waiters.js';
import type { RecordedEvent, Position } from './events.js';
import type { EventStore } from './event-store.js';
import { documentIdsOf, handlesType, projectEvent, type FactInput, type ProjectedDocument, type Projection } from './projection.js';
import {
  GenerationRetiredError,
  LeaseLostError,
  type DocumentWrite,
  type Generation,
  type Lease,
  type MetricFact,
  type ReadStore,
  type TimeMark,
} from './read-store.js';

export type RunnerState = 'idle' | 'catching-up' | 'rebuilding' | 'live' | 'retrying' | 'stopped';

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly generation: number | undefined;
  readonly state: RunnerState;
  /** Last position processed; undefined before the first batch. */
  readonly checkpoint: Position | undefined;
  /** The last error, while the runner is retrying after it. */
  readonly lastError: string | undefined;
}

export interface RebuildProgress {
  readonly processed: number;
  readonly position: Position;
  readonly head: Position | undefined;
}

/** Called after every batch of a rebuild; the rebuild waits for a returned promise. */
export type ProgressListener = (progress: RebuildProgress) => void | Promise<void>;

/** The lease a runner works under: every batch is committed under it. */
export interface RunnerLease {
  readonly lease: Lease;
  /** Called when the read store refused a batch because the lease is lost; the runner has stopped working. */
  readonly onLost: (error: LeaseLostError) => void;
}

export interface ProjectionRunnerOptions {
  readonly projection: Projection<unknown>;
  readonly events: EventStore;
  readonly reads: ReadStore;
  readonly batchSize?: number;
  /** First delay after a failure; it doubles up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly onError?: (error: unknown, status: ProjectionStatus) => void;
}

/**
 * Keeps one projection up to date: follows the log from its checkpoint, processes events in batches,
 * and writes documents, facts, time marks and the checkpoint in one atomic commit per batch.
 *
 * When the projection's `version` differs from the active generation's, it first rebuilds the
 * projection into a new generation from the start of the log while the old one keeps serving reads,
 * then swaps and goes on live.
 */
export class ProjectionRunner {
  private readonly projection: Projection<unknown>;
  private readonly handles: (type: string) => boolean;
  private readonly batchSize: number;
  private generation: number | undefined;
  private state: RunnerState = 'idle';
  private checkpoint: Position | undefined;
  private lastError: string | undefined;
  private abort = new AbortController();
  private running: Promise<void> | undefined;
  private working: RunnerLease | undefined;
  private readonly waiters = new PositionWaiters();
  private retryDelay: number;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.projection = options.projection;
    this.handles = handlesType(options.projection);
    this.batchSize = options.batchSize ?? 1000;
    this.retryDelay = options.retryDelayMs ?? 500;
  }

  get name(): string {
    return this.projection.name;
  }

  status(): ProjectionStatus {
    return {
      name: this.projection.name,
      version: this.projection.version,
      generation: this.generation,
      state: this.state,
      checkpoint: this.checkpoint,
      lastError: this.lastError,
    };
  }

  /** How many positions the projection is behind the head of the log. */
  async lag(): Promise<bigint> {
    const head = await this.options.events.headPosition();
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

  /** Resolves true once the projection has processed `position`, false after `timeoutMs`. */
  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, this.checkpoint, timeoutMs);
  }

  /**
   * Rebuilds the projection from the start of the log into a fresh generation, then makes it the
   * active one. Reads are served by the previous generation until the swap. Under a lease, every
   * batch is committed under it, and a lost lease fails the rebuild with `LeaseLostError`.
   */
  async rebuild(onProgress?: ProgressListener, lease?: Lease): Promise<Generation> {
    const reads = this.options.reads;
    for (const stale of await reads.generations(this.projection.name)) {
      if (stale.status === 'building') await reads.dropGeneration(stale.id);
    }
    const fresh = await reads.beginGeneration(this.projection.name, this.projection.version);
    await this.catchUp(fresh, lease, onProgress);
    if (fresh.status === 'building') await reads.activateGeneration(fresh.id);
    return fresh;
  }

  private async runUntilStopped(): Promise<void> {
    const lease = this.working?.lease;
    while (!this.abort.signal.aborted) {
      try {
        const generation = await this.resolveGeneration();
        if (generation.status === 'building') {
          this.state = 'rebuilding';
          await this.catchUp(generation, lease);
          if (this.abort.signal.aborted) return;
          await this.options.reads.activateGeneration(generation.id);
        }
        await this.follow(generation, lease);
        if (!this.abort.signal.aborted) throw new Error('the event subscription ended unexpectedly');
      } catch (error) {
        if (error instanceof LeaseLostError) {
          this.lastError = error.message;
          this.state = 'stopped';
          this.working?.onLost(error);
          return;
        }
        if (error instanceof GenerationRetiredError || this.abort.signal.aborted) continue;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.state = 'retrying';
        this.options.onError?.(error, this.status());
        await this.sleep(this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryDelayMs ?? 30_000);
      }
    }
  }

  /** The generation to work on: the active one of this version, or one being built for it. */
  private async resolveGeneration(): Promise<Generation> {
    const reads = this.options.reads;
    const generations = await reads.generations(this.projection.name);
    const active = generations.find((g) => g.status === 'active');
    if (active?.version === this.projection.version) return active;
    const building = generations.filter((g) => g.status === 'building' && g.version === this.projection.version).at(-1);
    return building ?? (await reads.beginGeneration(this.projection.name, this.projection.version));
  }

  private async catchUp(generation: Generation, lease: Lease | undefined, onProgress?: ProgressListener): Promise<void> {
    this.adopt(generation);
    const head = await this.options.events.headPosition();
    let processed = 0;
    const log = this.options.events.readAll({ after: generation.checkpoint });
    for await (const batch of inBatches(log, this.batchSize)) {
      await this.process(generation.id, batch, lease);
      processed += batch.length;
      await onProgress?.({ processed, position: this.checkpoint!, head });
      if (this.abort.signal.aborted) return;
    }
  }

  private async follow(generation: Generation, lease: Lease | undefined): Promise<void> {
    this.adopt(generation);
    const head = await this.options.events.headPosition();
    this.state = head !== undefined && head > (generation.checkpoint ?? -1n) ? 'catching-up' : 'live';
    const live = this.options.events.subscribeAll({ after: generation.checkpoint, signal: this.abort.signal });
    for await (const batch of inBatches(live, this.batchSize)) {
      await this.process(generation.id, batch, lease);
      if (batch.length < this.batchSize) this.state = 'live';
      this.lastError = undefined;
      this.retryDelay = this.options.retryDelayMs ?? 500;
    }
  }

  private adopt(generation: Generation): void {
    this.generation = generation.id;
    this.checkpoint = generation.checkpoint;
  }

  private async process(generation: number, events: readonly RecordedEvent[], lease: Lease | undefined): Promise<void> {
    const handled = events.filter((event) => this.handles(event.type));
    const { documents, facts } = await this.project(generation, handled);
    const checkpoint = events[events.length - 1]!.position;
    await this.options.reads.commit({ generation, lease, documents, facts, marks: timeMarks(events), checkpoint });
    this.checkpoint = checkpoint;
    this.settleWaiters();
  }

  private async project(generation: number, events: readonly RecordedEvent[]) {
    const { projection } = this;
    const ids = new Set<string>();
    if (!projection.documentIds) {
      for (const event of events) {
        const id = projection.documentId?.(event);
        if (id != null) ids.add(id);
      }
    }
    const current = new Map<string, ProjectedDocument>(
      ids.size > 0 ? await this.options.reads.loadDocuments(generation, [...ids]) : [],
    );
    const loaded = new Set(ids);
    const documents: DocumentWrite[] = [];
    const facts: MetricFact[] = [];
    for (const event of events) {
      if (projection.documentIds) await this.loadDocumentsOf(generation, event, current, loaded);
      const step = projectEvent(projection, current, event);
      if (!step) continue;
      documents.push(...step.writes);
      step.facts.forEach((fact, index) => facts.push(factAt(fact, event.position, index)));
    }
    return { documents, facts };
  }

  /**
   * Loads what an event of a projection with `documentIds` reads and changes. The ids may come from
   * documents it reads, so it asks again after each load, until the event needs no document more.
   */
  private async loadDocumentsOf(
    generation: number,
    event: RecordedEvent,
    current: Map<string, ProjectedDocument>,
    loaded: Set<string>,
  ): Promise<void> {
    for (;;) {
      const missing = new Set<string>();
      const read = (id: string) => {
        if (!loaded.has(id)) missing.add(id);
        return current.get(id)?.data ?? null;
      };
      for (const id of documentIdsOf(this.projection, event, read)) if (!loaded.has(id)) missing.add(id);
      if (missing.size === 0) return;
      const found = await this.options.reads.loadDocuments(generation, [...missing]);
      for (const id of missing) {
        loaded.add(id);
        const stored = found.get(id);
        if (stored) current.set(id, stored);
      }
    }
  }

  private settleWaiters(): void {
    this.waiters.settle(this.checkpoint, this.abort.signal.aborted);
  }

  private sleep(milliseconds: number): Promise<void> {
    return sleepUnlessAborted(milliseconds, this.abort.signal);
  }
}

/** Spelled out rather than spread: a spread takes a slower, generic copy for every fact of a catch-up. */
function factAt(fact: FactInput, position: Position, index: number): MetricFact {
  return { metric: fact.metric, occurredAt: fact.occurredAt, position, index, dims: fact.dims, measures: fact.measures };
}

/** For each instant in the batch, the last position recorded then. */
function timeMarks(events: readonly RecordedEvent[]): TimeMark[] {
  const marks = new Map<string, Position>();
  for (const event of events) marks.set(event.metadata.recordedAt, event.position);
  return [...marks].map(([recordedAt, position]) => ({ recordedAt, position }));
}
