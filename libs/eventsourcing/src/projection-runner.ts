import { inBatches } from './batches.js';
import type { RecordedEvent, Position } from './events.js';
import { followingState, LogFollower, type FollowerState, type LogFollowerOptions } from './log-follower.js';
import { documentIdsOf, handlesType, projectEvent, type FactInput, type ProjectedDocument, type Projection } from './projection.js';
import { ProjectionFeed, type FeedMember } from './projection-feed.js';
import type { DocumentWrite, Generation, Lease, MetricFact, ProjectionBatch, ReadStore, TimeMark } from './read-store.js';

export type RunnerState = FollowerState | 'rebuilding';

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

export interface ProjectionRunnerOptions extends LogFollowerOptions<ProjectionStatus> {
  readonly projection: Projection<unknown>;
  readonly reads: ReadStore;
  readonly batchSize?: number;
  /** The read of the log it shares with the other runners of its host; default one of its own. */
  readonly feed?: ProjectionFeed;
}

/**
 * Keeps one projection up to date: follows the log from its checkpoint, processes events in batches,
 * and writes documents, facts, time marks and the checkpoint in one atomic commit per batch. Live, it
 * is served by a feed (see `ProjectionFeed`), which its host shares among its runners.
 *
 * When the projection's `version` differs from the active generation's, it first rebuilds the
 * projection into a new generation from the start of the log while the old one keeps serving reads,
 * then swaps and goes on live.
 */
export class ProjectionRunner extends LogFollower<ProjectionStatus, 'rebuilding'> {
  private readonly projection: Projection<unknown>;
  private readonly handles: (type: string) => boolean;
  private readonly batchSize: number;
  private readonly feed: ProjectionFeed;
  private generation: number | undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {
    super(options);
    this.projection = options.projection;
    this.handles = handlesType(options.projection);
    this.batchSize = options.batchSize ?? 1000;
    this.feed = options.feed ?? new ProjectionFeed({ events: options.events, reads: options.reads, batchSize: this.batchSize });
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

  protected async follow(lease: Lease | undefined): Promise<void> {
    const generation = await this.resolveGeneration();
    if (generation.status === 'building') {
      this.state = 'rebuilding';
      await this.catchUp(generation, lease);
      if (this.abort.signal.aborted) return;
      await this.options.reads.activateGeneration(generation.id);
    }
    await this.followLive(generation, lease);
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
    await this.adopt(generation);
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

  private async followLive(generation: Generation, lease: Lease | undefined): Promise<void> {
    await this.adopt(generation);
    const head = await this.options.events.headPosition();
    this.state = followingState(head, generation.checkpoint);
    await this.feed.serve(this.member(generation.id, lease), this.abort.signal);
  }

  /** This runner as the feed serves it, on `generation` under `lease`. */
  private member(generation: number, lease: Lease | undefined): FeedMember {
    return {
      checkpoint: () => this.checkpoint,
      catchUp: (to) => this.catchUpTo(generation, lease, to),
      prepare: (events) => this.prepare(generation, events, lease),
      committed: (checkpoint, live) => {
        this.committed(checkpoint);
        this.followed(live);
      },
    };
  }

  /** Catches up alone with the feed: from the checkpoint up to `to`. */
  private async catchUpTo(generation: number, lease: Lease | undefined, to: Position): Promise<void> {
    const log = this.options.events.readAll({ after: this.checkpoint, to });
    for await (const events of inBatches(log, this.batchSize)) {
      await this.process(generation, events, lease);
      this.followed(events.length < this.batchSize);
      if (this.abort.signal.aborted) return;
    }
  }

  /** A batch went through: the failure before it is over, and one that held whatever the log had then makes the runner live. */
  private followed(live: boolean): void {
    if (live) this.state = 'live';
    this.recovered();
  }

  private async adopt(generation: Generation): Promise<void> {
    await this.options.reads.ensureIndexes(generation.id, this.projection.indexes ?? []);
    this.generation = generation.id;
    this.checkpoint = generation.checkpoint;
  }

  /** Projects and commits a batch alone. */
  private async process(generation: number, events: readonly RecordedEvent[], lease: Lease | undefined): Promise<void> {
    const batch = await this.prepare(generation, events, lease);
    await this.options.reads.commit(batch);
    this.committed(batch.checkpoint);
  }

  /** What a batch of events makes of the projection: the events it does not handle only move its checkpoint. */
  private async prepare(generation: number, events: readonly RecordedEvent[], lease: Lease | undefined): Promise<ProjectionBatch> {
    const handled = events.filter((event) => this.handles(event.type));
    const { documents, facts } = await this.project(generation, handled);
    const checkpoint = events[events.length - 1]!.position;
    return { generation, lease, documents, facts, marks: timeMarks(events), checkpoint };
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
