import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppConfig } from '#libs/config/src/index.js';
import { LeaseLostError, ProjectionHost } from '#libs/eventsourcing/src/index.js';
import { allProjections } from '#projections/index.js';
import { APP_CONFIG, PersistenceModule, STORES } from './persistence.module.js';
import type { Stores } from './stores.js';

/** `always` in the projector process; `when-inline` in the api, which obeys `PROJECTIONS`. */
export type ProjectionsStart = 'always' | 'when-inline';

const PROJECTIONS_START = Symbol('PROJECTIONS_START');

/** Hosts the projection runners. */
@Module({
  imports: [PersistenceModule],
  providers: [
    {
      provide: ProjectionHost,
      inject: [STORES, APP_CONFIG],
      useFactory: (stores: Stores, config: AppConfig) => {
        const logger = new Logger('Projections');
        // Readable in the lease documents for operators; the random part tells two hosts of one process apart.
        const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
        return new ProjectionHost(allProjections, stores.events, stores.reads, {
          onError: (error, status) =>
            logger.error(`${status.name} failed at ${status.checkpoint ?? 'start'}: ${status.lastError}`, (error as Error)?.stack),
          lease: {
            holder,
            ttlMs: config.projectionLeaseTtlMs,
            onChange: (projection, held, error) => {
              if (error instanceof LeaseLostError) {
                const next = held ? 'running again under a new token' : 'standing by';
                logger.warn(`${projection}: a batch was refused, the lease had passed on meanwhile; ${next}`);
              } else if (error !== undefined) {
                logger.warn(`${projection}: the lease could not be renewed or taken, the runner stands by: ${String(error)}`);
              } else if (held) {
                logger.log(`${projection}: lease taken by ${holder}, running`);
              } else {
                logger.warn(`${projection}: lease lost to another projector, standing by`);
              }
            },
          },
        });
      },
    },
  ],
  exports: [ProjectionHost],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly host: ProjectionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTIONS_START) private readonly start: ProjectionsStart,
  ) {}

  static register(start: ProjectionsStart): DynamicModule {
    return { module: ProjectionsModule, providers: [{ provide: PROJECTIONS_START, useValue: start }] };
  }

  onApplicationBootstrap(): void {
    if (this.start === 'always' || this.config.projections === 'inline') this.host.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host.stop();
  }
}
