import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { loadConfig, type AppConfig } from '#libs/config/src/index.js';
import { systemClock, UpcasterRegistry, type Clock } from '#libs/eventsourcing/src/index.js';
import { openStores, type Stores } from './stores.js';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const CLOCK = Symbol('CLOCK');
export const STORES = Symbol('STORES');

/**
 * Provides the configuration, the clock, the stores and the upcasters to every other module. The
 * upcasters are shared: the store upcasts old events on read, and commands write new events with
 * the current schema version of the same registry.
 */
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: (): AppConfig => loadConfig() },
    { provide: CLOCK, useValue: systemClock },
    { provide: UpcasterRegistry, useFactory: () => new UpcasterRegistry() },
    {
      provide: STORES,
      inject: [APP_CONFIG, CLOCK, UpcasterRegistry],
      useFactory: (config: AppConfig, clock: Clock, upcasters: UpcasterRegistry): Stores =>
        openStores(config, { clock, upcasters }),
    },
  ],
  exports: [APP_CONFIG, CLOCK, STORES, UpcasterRegistry],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
  }
}
