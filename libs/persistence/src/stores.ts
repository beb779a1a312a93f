import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { loggableUrl, type AppConfig } from '#libs/config/src/index.js';
import {
  systemClock,
  UpcasterRegistry,
  withUpcasting,
  type Clock,
  type EventStore,
  type ReadStore,
} from '#libs/eventsourcing/src/index.js';
import { domainUpcasters } from '#libs/domain/catalogue/domain.schemas.js';
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

/**
 * How long one start-up attempt waits for MongoDB to answer. Short, so that a server still starting
 * is tried again soon, with backoff, instead of once per driver timeout (30 s).
 */
export const MONGODB_STARTUP_PROBE_MS = 3000;

/** Picks and opens the adapters the configuration names: the only place that knows about them. */
export async function openStores(config: AppConfig, options: OpenStoresOptions = {}): Promise<Stores> {
  const raw = openEventStore(config, options.clock ?? systemClock);
  const events = withUpcasting(raw, options.upcasters ?? new UpcasterRegistry(domainUpcasters()));
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
  if (config.eventStore === 'esdb') {
    return EsdbEventStore.connect({ connectionString: config.eventStoreUrl!, namespace: config.eventStoreNamespace, clock });
  }
  return SqliteEventStore.open({ file: embeddedFile(config), durable: config.durable, clock });
}

async function openReadStore(config: AppConfig): Promise<ReadStore> {
  if (config.readStore === 'mongo') {
    const url = config.mongodbUrl!;
    const logger = new Logger('Stores');
    return connectWithRetry(
      `the MongoDB read store at ${loggableUrl(url)}`,
      () => MongoReadStore.connect({ url, probeTimeoutMs: MONGODB_STARTUP_PROBE_MS }),
      { log: (message) => logger.warn(message) },
    );
  }
  return SqliteReadStore.open({ file: embeddedFile(config), durable: config.durable });
}

/** Time as the retries see it; tests pass a simulated one. */
export interface RetryTime {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

const realTime: RetryTime = {
  now: () => Date.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

export interface ConnectRetryOptions {
  /** Give up once this long has passed since the first attempt; default 60 s. */
  readonly giveUpAfterMs?: number;
  /** Wait after the first failure; it doubles up to `maxDelayMs`. Default 1 s, up to 10 s. */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly log: (message: string) => void;
  readonly time?: RetryTime;
}

/**
 * Connects to a server that may still be starting (compose starts everything at once), saying so at
 * every failure, with exponential backoff. No attempt starts past the bound: then it fails with a
 * message naming the store, so that the process exits with it instead of restarting without a word.
 * `what` ends up in logs: it must carry no credentials.
 */
export async function connectWithRetry<T>(what: string, connect: () => Promise<T>, options: ConnectRetryOptions): Promise<T> {
  const time = options.time ?? realTime;
  const started = time.now();
  const giveUpAt = started + (options.giveUpAfterMs ?? 60_000);
  let delay = options.firstDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (time.now() + delay > giveUpAt) {
        const seconds = Math.round((time.now() - started) / 1000);
        throw new Error(`${what} did not answer after ${attempt} attempts in ${seconds} s, giving up: ${reason}`, { cause: error });
      }
      options.log(`${what} does not answer (attempt ${attempt}): ${reason}; retrying in ${delay} ms`);
      await time.sleep(delay);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 10_000);
    }
  }
}
