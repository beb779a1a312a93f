import { Logger } from '@nestjs/common';
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
  if (config.readStore === 'mongo') {
    const logger = new Logger('Stores');
    return connectWithRetry('the MongoDB read store', () => MongoReadStore.connect({ url: config.mongodbUrl! }), {
      log: (message) => logger.warn(message),
    });
  }
  return SqliteReadStore.open({ file: embeddedFile(config), durable: config.durable });
}

export interface ConnectRetryOptions {
  /** Give up once this long has passed since the first attempt; default 60 s. */
  readonly giveUpAfterMs?: number;
  /** Wait after the first failure; it doubles up to `maxDelayMs`. Default 1 s, up to 10 s. */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly log: (message: string) => void;
}

/**
 * Connects to a server that may still be starting (compose starts everything at once), saying so at
 * every failure. Past the bound it fails with a message naming the store, so that the process exits
 * with it instead of restarting without a word.
 */
export async function connectWithRetry<T>(what: string, connect: () => Promise<T>, options: ConnectRetryOptions): Promise<T> {
  const giveUpAt = Date.now() + (options.giveUpAfterMs ?? 60_000);
  let delay = options.firstDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (Date.now() + delay > giveUpAt) {
        throw new Error(`${what} did not answer after ${attempt} attempts, giving up: ${reason}`, { cause: error });
      }
      options.log(`${what} does not answer (attempt ${attempt}): ${reason}; retrying in ${delay} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, options.maxDelayMs ?? 10_000);
    }
  }
}
