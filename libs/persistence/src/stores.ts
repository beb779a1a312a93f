import { loggableUrl, type AppConfig } from '#config';
import {
  systemClock,
  UpcasterRegistry,
  withUpcasting,
  type Clock,
  type EventStore,
  type IdempotencyPolicy,
  type IdempotencyStore,
  type Ledger,
  type ReadStore,
} from '#kernel';
import { domainUpcasters } from '#domain/catalogue/domain.schemas.js';
import { MongoIdempotencyStore, MongoReadStore } from '#stores/mongo';
import { SqliteIdempotencyStore, SqliteReadStore } from '#stores/sqlite';
import { connectToMongo } from './connect.js';
import { embeddedFile, openLog } from './log.js';

export interface Stores {
  readonly events: EventStore;
  readonly reads: ReadStore;
  /** The answers kept for requests with an `Idempotency-Key`: beside the read models, on MongoDB or in the embedded file. */
  readonly idempotency: IdempotencyStore;
  /** The tree over the log and its signed checkpoints: in the log's own transactions on SQLite, following it on EventStoreDB. */
  readonly ledger: Ledger;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  readonly clock?: Clock;
  readonly upcasters?: UpcasterRegistry;
}


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

/**
 * `DURABLE_COMMIT` leaves the embedded read models alone: they are rebuilt from the log, so their
 * commits are not fsync'd, which leaves the log's own as durable as configured (see `SqliteReadStore`).
 */
async function openReadStore(config: AppConfig): Promise<ReadStore> {
  if (config.readStore === 'mongo') {
    const url = config.mongodbUrl!;
    return connectToMongo(`the MongoDB read store at ${loggableUrl(url)}`, () =>
      MongoReadStore.connect({ url, probeTimeoutMs: MONGODB_STARTUP_PROBE_MS }),
    );
  }
  return SqliteReadStore.open({ file: embeddedFile(config) });
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
