import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { AppConfig } from '#config';
import { ProjectionHost } from '#kernel';
import { APP_CONFIG, PERSISTENCE_OVERRIDES, type PersistenceOverrides } from './persistence.module.js';
import { startProjectionWorker, type ProjectionWorker } from './projection-worker.js';

/** `always` in the projector process, on its thread; `as-configured` in the api, which obeys `PROJECTIONS`. */
export type ProjectionsStart = 'always' | 'as-configured';

/**
 * Where this process runs its projections: on this thread, on a worker thread, or not at all (a
 * projector process runs them). With `PROJECTIONS=worker` and no compiled worker to start (the sources
 * under a test runner), they run on this thread. A worker that fails later hands them to this thread:
 * its leases expire, and this thread's runners take them over.
 */
@Injectable()
export class ProjectionPlacement {
  private readonly logger = new Logger('Projections');
  private runningHere = false;
  private running: ProjectionWorker | undefined;

  constructor(
    private readonly host: ProjectionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(PERSISTENCE_OVERRIDES) private readonly overrides: PersistenceOverrides | undefined,
  ) {}

  /** True while the runners live on this thread, so that their own state says how far they are. */
  get onThisThread(): boolean {
    return this.runningHere;
  }

  /** The worker that runs them, while it does. */
  get worker(): ProjectionWorker | undefined {
    return this.running;
  }

  /** Starts the projections where the configuration says; false when this process leaves them to a projector. */
  async start(start: ProjectionsStart): Promise<boolean> {
    const wanted = start === 'always' ? 'inline' : this.config.projections;
    if (wanted === 'off') return false;
    if (wanted === 'worker') {
      const worker = await startProjectionWorker({ config: this.config }, this.overrides?.projectionWorker);
      if (worker) {
        this.running = worker;
        worker.failure.catch((error: unknown) => this.takeOverFrom(worker, error));
        this.logger.log('the projections run on a worker thread');
        return true;
      }
      this.logger.log('no compiled projection worker beside the sources: the projections run on the main thread');
    }
    this.runHere();
    return true;
  }

  async stop(): Promise<void> {
    const worker = this.running;
    this.running = undefined;
    this.runningHere = false;
    await Promise.all([worker?.stop(), this.host.stop()]);
  }

  private takeOverFrom(worker: ProjectionWorker, error: unknown): void {
    if (this.running !== worker) return;
    this.running = undefined;
    this.logger.error(`the projection worker failed; the projections go on on the main thread once its leases expire: ${String(error)}`, (error as Error)?.stack);
    this.runHere();
  }

  private runHere(): void {
    this.runningHere = true;
    this.host.start();
  }
}
