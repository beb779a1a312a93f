import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { loadConfig, type AppConfig } from '#config';
import { EventSchemaRegistry, systemClock, UpcasterRegistry, type Clock } from '#kernel';
import { DOMAIN_EVENT_SCHEMAS } from '#domain/catalogue/domain.schemas.js';
import { openStores, type Stores } from './stores.js';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const CLOCK = Symbol('CLOCK');
export const STORES = Symbol('STORES');
export const PERSISTENCE_OVERRIDES = Symbol('PERSISTENCE_OVERRIDES');

/**
 * What a process embedding the app may set instead of the environment and the system clock: the demo
 * replays two years of history on a simulated clock, so that `recordedAt` follows the story.
 */
export interface PersistenceOverrides {
  readonly config?: AppConfig;
  readonly clock?: Clock;
  /** The worker that runs the projections with `PROJECTIONS=worker`; tests that run the sources start the compiled one. */
  readonly projectionWorker?: URL;
}

/** Import once at the root, beside the app's module: it is global, so `PersistenceModule` sees it. */
@Module({})
export class PersistenceOverridesModule {
  static use(overrides: PersistenceOverrides): DynamicModule {
    return {
      module: PersistenceOverridesModule,
      global: true,
      providers: [{ provide: PERSISTENCE_OVERRIDES, useValue: overrides }],
      exports: [PERSISTENCE_OVERRIDES],
    };
  }
}

const OPTIONAL_OVERRIDES = { token: PERSISTENCE_OVERRIDES, optional: true };

/**
 * Provides the configuration, the clock, the stores and the upcasters to every other module. The
 * upcasters are shared: the store upcasts old events on read, and commands write new events with
 * the current schema version of the same registry.
 */
@Module({
  providers: [
    {
      provide: APP_CONFIG,
      inject: [OPTIONAL_OVERRIDES],
      useFactory: (overrides?: PersistenceOverrides): AppConfig => overrides?.config ?? loadConfig(),
    },
    {
      provide: CLOCK,
      inject: [OPTIONAL_OVERRIDES],
      useFactory: (overrides?: PersistenceOverrides): Clock => overrides?.clock ?? systemClock,
    },
    { provide: EventSchemaRegistry, useFactory: () => new EventSchemaRegistry(DOMAIN_EVENT_SCHEMAS) },
    {
      provide: UpcasterRegistry,
      inject: [EventSchemaRegistry],
      useFactory: (schemas: EventSchemaRegistry) => new UpcasterRegistry(schemas.upcasters()),
    },
    {
      provide: STORES,
      inject: [APP_CONFIG, CLOCK, UpcasterRegistry],
      useFactory: (config: AppConfig, clock: Clock, upcasters: UpcasterRegistry): Promise<Stores> =>
        openStores(config, { clock, upcasters }),
    },
  ],
  exports: [APP_CONFIG, CLOCK, STORES, UpcasterRegistry, EventSchemaRegistry],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
  }
}
