import type { Position } from './events.js';
import type { EventStore } from './event-store.js';
import type { Projection } from './projection.js';
import { ProjectionRunner, type ProjectionRunnerOptions, type ProjectionStatus } from './projection-runner.js';
import type { ReadStore } from './read-store.js';

export interface ProjectionHealth extends ProjectionStatus {
  /** Positions between the head of the log and the checkpoint. */
  readonly lag: bigint;
}

/** Runs a set of projections side by side, each with its own checkpoint. */
export class ProjectionHost {
  private readonly runners: ProjectionRunner[];

  constructor(
    projections: readonly Projection<unknown>[],
    events: EventStore,
    reads: ReadStore,
    options: Omit<ProjectionRunnerOptions, 'projection' | 'events' | 'reads'> = {},
  ) {
    const names = new Set<string>();
    for (const { name } of projections) {
      if (names.has(name)) throw new Error(`two projections are named ${name}`);
      names.add(name);
    }
    this.runners = projections.map((projection) => new ProjectionRunner({ ...options, projection, events, reads }));
  }

  start(): void {
    for (const runner of this.runners) runner.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
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
