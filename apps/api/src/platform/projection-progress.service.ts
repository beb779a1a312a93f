import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '#config';
import {
  ProcessManagerHost,
  ProjectionHost,
  processManagerCheckpoint,
  type Position,
  type ProcessManagerState,
  type RunnerState,
} from '#kernel';
import { APP_CONFIG, ProjectionPlacement, STORES, type Stores } from '#persistence';
import { ReadModelBehindError } from './http-errors.js';

export interface ProjectionProgressEntry {
  readonly name: string;
  readonly version: number;
  /** `external` when a separate projector runs the projections (`PROJECTIONS=off`), or while they start on the worker thread. */
  readonly state: RunnerState | 'external';
  readonly checkpoint: Position | undefined;
  /** Positions between the head of the log and the checkpoint. */
  readonly lag: bigint;
  readonly lastError: string | undefined;
}

export interface ProcessManagerProgressEntry extends Omit<ProjectionProgressEntry, 'version' | 'state'> {
  readonly state: ProcessManagerState | 'external';
}

/** A position the named projections (all without names) must have processed; none: nothing to wait for. */
export interface ProgressGoal {
  readonly position: Position | null | undefined;
  readonly projections?: readonly string[] | undefined;
}

type PendingGoal = ProgressGoal & { readonly position: Position };

const POLL_INTERVAL_MS = 25;

/**
 * How far the read models are, whoever runs them. On this thread the runners say so themselves; on
 * the worker thread (`PROJECTIONS=worker`) the worker answers for them; with `off` they live in the
 * projector, and their checkpoints are read from the read store, which both processes share. The
 * process managers run on this thread unless a projector runs them.
 */
@Injectable()
export class ProjectionProgress {
  constructor(
    private readonly host: ProjectionHost,
    private readonly managers: ProcessManagerHost,
    private readonly placement: ProjectionPlacement,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get timeoutMs(): number {
    return this.config.readYourWritesTimeoutMs;
  }

  async snapshot(): Promise<ProjectionProgressEntry[]> {
    if (this.placement.worker) return this.placement.worker.health();
    const local = await this.host.health();
    if (this.placement.onThisThread) return local;
    const head = await this.stores.events.headPosition();
    return Promise.all(
      local.map(async ({ name, version }) => {
        const checkpoint = await this.committedCheckpoint(name);
        return { name, version, state: 'external' as const, checkpoint, lag: lagBehind(head, checkpoint), lastError: undefined };
      }),
    );
  }

  /** How far the process managers are, read like the projections' progress. */
  async processManagers(): Promise<ProcessManagerProgressEntry[]> {
    const local = await this.managers.health();
    if (this.config.projections !== 'off') return local;
    const head = await this.stores.events.headPosition();
    return Promise.all(
      local.map(async ({ name }) => {
        const checkpoint = await this.committedCheckpoint(processManagerCheckpoint(name));
        return { name, state: 'external' as const, checkpoint, lag: lagBehind(head, checkpoint), lastError: undefined };
      }),
    );
  }

  /**
   * True once the named projections (all by default) have processed `position`; false when the
   * configured bound (`READ_YOUR_WRITES_TIMEOUT_MS`) runs out first.
   */
  async reached(position: Position, projections?: readonly string[]): Promise<boolean> {
    if (this.placement.worker) return this.placement.worker.waitFor(position, projections, this.timeoutMs);
    if (this.placement.onThisThread) return this.host.waitFor(position, this.timeoutMs, projections);
    const names = projections ?? (await this.host.health()).map((p) => p.name);
    return this.pollStoredCheckpoints(position, names);
  }

  /**
   * Returns once the named projections (all by default) have processed `position`, at once without one
   * (a read as of nothing waits for nothing); 503 `READ_MODEL_BEHIND` when the bound runs out first.
   */
  async requireReached(position: Position | null | undefined, projections?: readonly string[]): Promise<void> {
    await this.requireAllReached([{ position, projections }]);
  }

  /** Returns once the named projections have processed everything the log holds now; 503 `READ_MODEL_BEHIND` after the bound. */
  async requireCaughtUp(projections: readonly string[]): Promise<void> {
    await this.requireReached(await this.stores.events.headPosition(), projections);
  }

  /**
   * Returns once every goal is reached, waiting for all of them at once so that the bound applies once;
   * 503 `READ_MODEL_BEHIND` naming the first goal missed, in the order given.
   */
  async requireAllReached(goals: readonly ProgressGoal[]): Promise<void> {
    const pending = goals.filter((goal): goal is PendingGoal => goal.position !== null && goal.position !== undefined);
    const reached = await Promise.all(pending.map((goal) => this.reached(goal.position, goal.projections)));
    const missed = pending.find((_goal, index) => !reached[index]);
    if (missed) throw new ReadModelBehindError(missed.position, this.timeoutMs);
  }

  /** The last position the projection (or process manager) has committed to the read store; undefined before its first batch. */
  async committedCheckpoint(projection: string): Promise<Position | undefined> {
    const generations = await this.stores.reads.generations(projection);
    return generations.find((generation) => generation.status === 'active')?.checkpoint;
  }

  private async pollStoredCheckpoints(position: Position, names: readonly string[]): Promise<boolean> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const checkpoints = await Promise.all(names.map((name) => this.committedCheckpoint(name)));
      if (checkpoints.every((checkpoint) => checkpoint !== undefined && checkpoint >= position)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }
}

function lagBehind(head: Position | undefined, checkpoint: Position | undefined): bigint {
  if (head === undefined) return 0n;
  const lag = head - (checkpoint ?? 0n);
  return lag > 0n ? lag : 0n;
}
