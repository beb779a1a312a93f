import { join } from 'node:path';
import type { AppConfig } from '#libs/config/src/index.js';
import {
  systemClock,
  UpcasterRegistry,
  withUpcasting,
  type Clock,
  type EventStore,
  type ReadStore,
} from '#libs/eventsourcing/src/index.js';
import { SqliteEventStore, SqliteReadStore } from '#libs/store-sqlite/src/index.js';

export interface Stores {
  readonly events: EventStore;
  readonly reads: ReadStore;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  readonly clock?: Clock;
  readonly upcasters?: UpcasterRegistry;
}

export const EMBEDDED_STORE_FILE = 'quality-ledger.sqlite';

/** Picks and opens the adapters the configuration names: the only place that knows about them. */
export function openStores(config: AppConfig, options: OpenStoresOptions = {}): Stores {
  const file = join(config.dataDir, EMBEDDED_STORE_FILE);
  const raw = SqliteEventStore.open({ file, durable: config.durable, clock: options.clock ?? systemClock });
  const events = withUpcasting(raw, options.upcasters ?? new UpcasterRegistry());
  const reads = SqliteReadStore.open({ file, durable: config.durable });
  return {
    events,
    reads,
    async close() {
      await Promise.allSettled([events.close(), reads.close()]);
    },
  };
}
