import { MongoClient, type Collection, type Filter } from 'mongodb';
import {
  bodyText,
  claimMoments,
  newId,
  systemClock,
  verdictOn,
  type Clock,
  type IdempotencyClaim,
  type IdempotencyPolicy,
  type IdempotencyStore,
  type IdempotentAnswer,
  type StandingRecord,
} from '#kernel';
import { databaseName, isDuplicateKey } from './mongo-read-store.js';

export interface MongoIdempotencyStoreOptions {
  readonly url: string;
  /** Default: the database of the URL, else `quality_ledger`. */
  readonly database?: string;
  readonly policy: IdempotencyPolicy;
  readonly clock?: Clock;
}

/** One record per scope, as `StandingRecord` says. A claim holds `token` until `leaseEndsAt`; an answered record has no token. */
interface IdempotencyDocument extends StandingRecord {
  readonly _id: string;
  readonly token: string | null;
  readonly leaseEndsAt: Date | null;
  readonly expiresAt: Date;
}

export const IDEMPOTENCY_COLLECTION = 'idempotency_records';

/**
 * The idempotency records on MongoDB, collection `idempotency_records`. A claim is one conditional
 * upsert on the scope id: it updates a record that expired or whose claim of the same request ran out
 * of lease, and otherwise tries to insert one, which the unique `_id` refuses while the record stands.
 * Of concurrent claims, exactly one therefore wins. A TTL index on `expiresAt` purges expired records.
 */
export class MongoIdempotencyStore implements IdempotencyStore {
  private readonly clock: Clock;

  private constructor(
    private readonly client: MongoClient,
    private readonly records: Collection<IdempotencyDocument>,
    private readonly policy: IdempotencyPolicy,
    clock: Clock | undefined,
  ) {
    this.clock = clock ?? systemClock;
  }

  static async connect(options: MongoIdempotencyStoreOptions): Promise<MongoIdempotencyStore> {
    const client = new MongoClient(options.url);
    try {
      await client.connect();
      const records = client.db(databaseName(options.url, options.database)).collection<IdempotencyDocument>(IDEMPOTENCY_COLLECTION);
      await records.createIndex({ expiresAt: 1 }, { name: 'expiry', expireAfterSeconds: 0 });
      return new MongoIdempotencyStore(client, records, options.policy, options.clock);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  async claim(scopeId: string, requestHash: string): Promise<IdempotencyClaim> {
    const now = this.clock.now();
    const { leaseEndsAt, expiresAt } = claimMoments(now, this.policy);
    const token = newId();
    try {
      await this.records.updateOne(
        claimable(scopeId, requestHash, now),
        { $set: { requestHash, token, leaseEndsAt: new Date(leaseEndsAt), expiresAt: new Date(expiresAt), status: null, body: null } },
        { upsert: true },
      );
      return { outcome: 'claimed', token };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const record = await this.records.findOne({ _id: scopeId });
    // Purged between the refused upsert and this read: the scope is free again.
    if (record === null) return this.claim(scopeId, requestHash);
    return verdictOn(record, requestHash);
  }

  async complete(scopeId: string, token: string, answer: IdempotentAnswer): Promise<void> {
    await this.records.updateOne(
      { _id: scopeId, token: { $eq: token } },
      { $set: { status: answer.status, body: bodyText(answer), token: null, leaseEndsAt: null } },
    );
  }

  async release(scopeId: string, token: string): Promise<void> {
    await this.records.deleteOne({ _id: scopeId, token: { $eq: token } });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * Matches the record when it may be claimed: its retention has passed (the TTL monitor runs only
 * once a minute), or it is a claim of the same request whose lease ran out.
 */
function claimable(scopeId: string, requestHash: string, now: Date): Filter<IdempotencyDocument> {
  return {
    _id: scopeId,
    $or: [{ expiresAt: { $lte: now } }, { status: null, requestHash: { $eq: requestHash }, leaseEndsAt: { $lte: now } }],
  };
}
