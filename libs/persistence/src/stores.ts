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
import { EsdbEventStore } from '#libs/store-esdb/src/index.js';
import { MongoReadStore } from '#libs/store-mongo/src/index.js';
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
export async function openStores(config: AppConfig, options: OpenStoresOptions = {}): Promise<Stores> {
  const raw = openEventStore(config, options.clock ?? systemClock);
  const events = withUpcasting(raw, options.upcasters ?? new UpcasterRegistry());
  let reads: ReadStore;
  try {
    reads = await openReadStore(config);
  } catch (error) {
    await events.close();
    throw error;
  }
  return {
    events,
    reads,
    async close() {
      await Promise.allSettled([events.close(), reads.close()]);
    },
  };
}

function embeddedFile(config: AppConfig): string {
  return join(config.dataDir, EMBEDDED_STORE_FILE);
}

function openEventStore(config: AppConfig, clock: Clock): EventStore {
  if (config.eventStore === 'esdb') return EsdbEventStore.connect({ connectionString: config.eventStoreUrl!, clock });
  return SqliteEventStore.open({ file: embeddedFile(config), durable: config.durable, clock });
}

async function openReadStore(config: AppConfig): Promise<ReadStore> {
  if (config.readStore === 'mongo') return MongoReadStore.connect({ url: config.mongodbUrl! });
  return SqliteReadStore.open({ file: embeddedFile(config), durable: config.durable });
}
