import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { loggableUrl, type AppConfig } from '#libs/config/src/index.js';
import {
  FollowingLedger,
  systemClock,
  UpcasterRegistry,
  withUpcasting,
  type Clock,
  type EventStore,
  type IdempotencyPolicy,
  type IdempotencyStore,
  type Ledger,
  type LedgerTables,
  type ReadStore,
} from '#libs/eventsourcing/src/index.js';
import { domainUpcasters } from '#libs/domain/catalogue/domain.schemas.js';
import { EsdbEventStore } from '#libs/store-esdb/src/index.js';
import { MongoIdempotencyStore, MongoLedgerTables, MongoReadStore } from '#libs/store-mongo/src/index.js';
import { SqliteEventStore, SqliteIdempotencyStore, SqliteLedgerTables, SqliteReadStore } from '#libs/store-sqlite/src/index.js';

export interface Stores {
  readonly events: EventStore;
  readonly reads: ReadStore;
  /** The answers kept for requests with an `Idempotency-Key`: beside the read models, on MongoDB or in the embedded file. */
  readonly idempotency: IdempotencyStore;
  /** The tree over the log and its signed checkpoints: in the log's own transactions on SQLite, following it on EventStoreDB. */
  readonly ledger: Ledger;
  close(): Promise<void>;
}

/** The log and its ledger, opened together: the embedded store writes both in one transaction. */
interface OpenedLog {
  readonly raw: EventStore;
  readonly ledger: Ledger;
  close(): Promise<void>;
}

/** Where a ledger that follows EventStoreDB keeps its tree when the read models are in the embedded file. */
export const FOLLOWING_LEDGER_FILE = 'ledger.sqlite';

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

/**
 * How long a claim on an idempotency key holds before a retry may take it over: longer than a command
 * takes, kernel retries included, yet short enough that a retry after a crash does not wait long. A
 * command that outlives it all the same (a read-model wait configured near its bound) does no harm:
 * the retry that takes over derives the same event ids, so one of the two appends nothing.
 */
export const IDEMPOTENCY_CLAIM_LEASE_MS = 30_000;

const HOUR_MS = 3_600_000;

/** Picks and opens the adapters the configuration names: the only place that knows about them. */
export async function openStores(config: AppConfig, options: OpenStoresOptions = {}): Promise<Stores> {
  const clock = options.clock ?? systemClock;
  const log = await openLog(config, clock);
  const events = withUpcasting(log.raw, options.upcasters ?? new UpcasterRegistry(domainUpcasters()));
  const opened: { close(): Promise<void> }[] = [log];
  try {
    const reads = await openReadStore(config);
    opened.push(reads);
    const idempotency = await openIdempotencyStore(config, clock);
    return {
      events,
      reads,
      idempotency,
      ledger: log.ledger,
      async close() {
        await Promise.allSettled([log.close(), reads.close(), idempotency.close()]);
      },
    };
  } catch (error) {
    await Promise.allSettled(opened.map((store) => store.close()));
    throw error;
  }
}

function embeddedFile(config: AppConfig): string {
  return join(config.dataDir, EMBEDDED_STORE_FILE);
}

async function openLog(config: AppConfig, clock: Clock): Promise<OpenedLog> {
  if (config.eventStore === 'sqlite') {
    const store = SqliteEventStore.open({ file: embeddedFile(config), durable: config.durable, clock });
    return { raw: store, ledger: store.ledger, close: () => store.close() };
  }
  const store = EsdbEventStore.connect({ connectionString: config.eventStoreUrl!, namespace: config.eventStoreNamespace, clock });
  let tables: LedgerTables & { close(): unknown };
  try {
    tables = await openLedgerTables(config);
  } catch (error) {
    await store.close();
    throw error;
  }
  const logger = new Logger('Ledger');
  const ledger = new FollowingLedger(store, tables, { onError: (error) => logger.warn(`the ledger cannot follow the log, retrying: ${String(error)}`) });
  ledger.start();
  return {
    raw: store,
    ledger,
    async close() {
      await ledger.stop();
      await Promise.allSettled([tables.close(), store.close()]);
    },
  };
}

/** The tree of a ledger that follows EventStoreDB: beside the read models, on MongoDB or in a file of its own. */
async function openLedgerTables(config: AppConfig): Promise<LedgerTables & { close(): unknown }> {
  if (config.readStore === 'mongo') {
    const url = config.mongodbUrl!;
    return connectToMongo(`the MongoDB ledger tables at ${loggableUrl(url)}`, () => MongoLedgerTables.connect({ url }));
  }
  return SqliteLedgerTables.open(join(config.dataDir, FOLLOWING_LEDGER_FILE), { durable: config.durable });
}

async function openReadStore(config: AppConfig): Promise<ReadStore> {
  if (config.readStore === 'mongo') {
    const url = config.mongodbUrl!;
    return connectToMongo(`the MongoDB read store at ${loggableUrl(url)}`, () =>
      MongoReadStore.connect({ url, probeTimeoutMs: MONGODB_STARTUP_PROBE_MS }),
    );
  }
  return SqliteReadStore.open({ file: embeddedFile(config), durable: config.durable });
}

/**
 * The embedded records are not fsync'd at every claim and answer, which would triple the fsyncs of a
 * command with a key: a record a power cut loses only lets a retry run its command again, and the
 * event ids derived from the key's scope make that append nothing.
 */
async function openIdempotencyStore(config: AppConfig, clock: Clock): Promise<IdempotencyStore> {
  const policy: IdempotencyPolicy = { retentionMs: config.idempotencyRetentionHours * HOUR_MS, leaseMs: IDEMPOTENCY_CLAIM_LEASE_MS };
  if (config.readStore === 'mongo') {
    const url = config.mongodbUrl!;
    return connectToMongo(`the MongoDB idempotency records at ${loggableUrl(url)}`, () =>
      MongoIdempotencyStore.connect({ url, policy, clock }),
    );
  }
  return SqliteIdempotencyStore.open({ file: embeddedFile(config), durable: false, policy, clock });
}

function connectToMongo<T>(what: string, connect: () => Promise<T>): Promise<T> {
  const logger = new Logger('Stores');
  return connectWithRetry(what, connect, { log: (message) => logger.warn(message) });
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
