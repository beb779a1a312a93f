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
import type { AppConfig } from '#config';
import {
  EventSchemaRegistry,
  LeaseLostError,
  ProcessManagerHost,
  ProjectionHost,
  UpcasterRegistry,
  type Clock,
  type ProjectionLeaseOptions,
} from '#kernel';
import { allProcessManagers, allProjections } from '#projections/index.js';
import { APP_CONFIG, CLOCK, PersistenceModule, STORES } from './persistence.module.js';
import { ProjectionPlacement, type ProjectionsStart } from './projection-placement.service.js';
import type { Stores } from './stores.js';

const PROJECTIONS_START = Symbol('PROJECTIONS_START');

/** Readable in the lease documents for operators; the random part tells two hosts of one process apart. */
function hostHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** The lease options of a host: its holder and ttl, and logs of every lease taken, lost or refused. */
function leaseOptions(logger: Logger, config: AppConfig): ProjectionLeaseOptions {
  const holder = hostHolder();
  return {
    holder,
    ttlMs: config.projectionLeaseTtlMs,
    onChange: (name, held, error) => {
      if (error instanceof LeaseLostError) {
        const next = held ? 'running again under a new token' : 'standing by';
        logger.warn(`${name}: a batch was refused, the lease had passed on meanwhile; ${next}`);
      } else if (error !== undefined) {
        logger.warn(`${name}: the lease could not be renewed or taken, the runner stands by: ${String(error)}`);
      } else if (held) {
        logger.log(`${name}: lease taken by ${holder}, running`);
      } else {
        logger.warn(`${name}: lease lost to another projector, standing by`);
      }
    },
  };
}

/** The host of every projection on these stores, under leases held in this process's name. */
export function newProjectionHost(stores: Stores, config: AppConfig): ProjectionHost {
  const logger = new Logger('Projections');
  return new ProjectionHost(allProjections, stores.events, stores.reads, {
    onError: (error, status) => logger.error(`${status.name} failed at ${status.checkpoint ?? 'start'}: ${status.lastError}`, (error as Error)?.stack),
    lease: leaseOptions(logger, config),
  });
}

/** Hosts the projection runners and the process managers, each under its lease. */
@Module({
  imports: [PersistenceModule],
  providers: [
    {
      provide: ProjectionHost,
      inject: [STORES, APP_CONFIG],
      useFactory: (stores: Stores, config: AppConfig) => newProjectionHost(stores, config),
    },
    {
      provide: ProcessManagerHost,
      inject: [STORES, APP_CONFIG, CLOCK, UpcasterRegistry, EventSchemaRegistry],
      useFactory: (stores: Stores, config: AppConfig, clock: Clock, upcasters: UpcasterRegistry, schemas: EventSchemaRegistry) => {
        const logger = new Logger('ProcessManagers');
        return new ProcessManagerHost(allProcessManagers, stores.events, stores.reads, {
          clock,
          upcasters,
          schemas,
          onError: (error, status) =>
            logger.error(`${status.name} at ${status.checkpoint ?? 'start'}: ${status.lastError}`, (error as Error)?.stack),
          lease: leaseOptions(logger, config),
        });
      },
    },
    ProjectionPlacement,
  ],
  exports: [ProjectionHost, ProcessManagerHost, ProjectionPlacement],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly placement: ProjectionPlacement,
    private readonly processManagers: ProcessManagerHost,
    @Inject(PROJECTIONS_START) private readonly start: ProjectionsStart,
  ) {}

  static register(start: ProjectionsStart): DynamicModule {
    return { module: ProjectionsModule, providers: [{ provide: PROJECTIONS_START, useValue: start }] };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (await this.placement.start(this.start)) this.processManagers.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.processManagers.stop();
    await this.placement.stop();
  }
}
