import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { loadConfig, type AppConfig } from '#libs/config/src/index.js';
import { systemClock, type Clock } from '#libs/eventsourcing/src/index.js';
import { openStores, type Stores } from './stores.js';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const CLOCK = Symbol('CLOCK');
export const STORES = Symbol('STORES');

/** Provides the configuration, the clock and the stores to every other module. */
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: (): AppConfig => loadConfig() },
    { provide: CLOCK, useValue: systemClock },
    {
      provide: STORES,
      inject: [APP_CONFIG, CLOCK],
      useFactory: (config: AppConfig, clock: Clock): Stores => openStores(config, { clock }),
    },
  ],
  exports: [APP_CONFIG, CLOCK, STORES],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
  }
}
