import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { systemClock, type Clock, type IdempotencyPolicy } from '#kernel';
import { SqliteEventStore, SqliteIdempotencyStore, SqliteReadStore } from '#stores/sqlite';

export interface TempStores {
  readonly dir: string;
  readonly file: string;
  readonly events: SqliteEventStore;
  readonly reads: SqliteReadStore;
  readonly idempotency: SqliteIdempotencyStore;
  cleanup(): Promise<void>;
}

/** A day of retention and a lease of ten seconds, as a test that does not look at them may have them. */
const TEST_IDEMPOTENCY_POLICY: IdempotencyPolicy = { retentionMs: 86_400_000, leaseMs: 10_000 };

/** The embedded stores on a fresh file in a temporary folder, removed by `cleanup`. */
export function openTempStores(clock: Clock = systemClock): TempStores {
  const dir = mkdtempSync(join(tmpdir(), 'quality-ledger-test-'));
  const file = join(dir, 'store.sqlite');
  const events = SqliteEventStore.open({ file, clock, pollIntervalMs: 20 });
  const reads = SqliteReadStore.open({ file });
  const idempotency = SqliteIdempotencyStore.open({ file, clock, policy: TEST_IDEMPOTENCY_POLICY });
  return {
    dir,
    file,
    events,
    reads,
    idempotency,
    async cleanup() {
      await Promise.allSettled([events.close(), reads.close(), idempotency.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The servers the environment points the tests at; none by default. */
export interface TestServers {
  readonly eventStoreUrl?: string;
  readonly mongodbUrl?: string;
}

export function testServers(env: NodeJS.ProcessEnv = process.env): TestServers {
  return { eventStoreUrl: env.EVENTSTORE_URL?.trim() || undefined, mongodbUrl: env.MONGODB_URL?.trim() || undefined };
}

/** Stores of their own on the servers: the environment that selects them, and how to drop what can be dropped. */
export interface TempServerStores {
  readonly env: Readonly<Record<string, string>>;
  drop(): Promise<void>;
}

/**
 * A fresh stream namespace on EventStoreDB and a fresh database on MongoDB, for whichever of the two
 * servers is set. The database is dropped by `drop`; the namespace's streams stay (EventStoreDB has no
 * cheap way to drop them), invisible to every other namespace.
 */
export function openTempServerStores(servers: TestServers): TempServerStores {
  const env: Record<string, string> = {};
  const namespace = `e2e${randomBytes(6).toString('hex')}`;
  const database = freshMongoDatabase('ql_e2e');
  if (servers.eventStoreUrl) Object.assign(env, { EVENTSTORE_URL: servers.eventStoreUrl, EVENTSTORE_NAMESPACE: namespace });
  if (servers.mongodbUrl) env.MONGODB_URL = withDatabase(servers.mongodbUrl, database);
  return {
    env,
    drop: async () => {
      if (servers.mongodbUrl) await dropMongoDatabase(servers.mongodbUrl, database);
    },
  };
}

/** A fresh database name for a test on a MongoDB server. */
export function freshMongoDatabase(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** The connection string with `database` as its database, options kept. */
export function withDatabase(url: string, database: string): string {
  const parts = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (parts === null) throw new Error('MONGODB_URL is not a mongodb:// or mongodb+srv:// connection string');
  return `${parts[1]}/${database}${parts[2] ?? ''}`;
}

export async function dropMongoDatabase(url: string, database: string): Promise<void> {
  const client = new MongoClient(url);
  try {
    await client.connect();
    await client.db(database).dropDatabase();
  } finally {
    await client.close();
  }
}
