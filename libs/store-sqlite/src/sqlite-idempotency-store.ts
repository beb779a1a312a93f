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
import { openDatabase, type SqliteDatabase } from './database.js';

export interface SqliteIdempotencyStoreOptions {
  readonly file: string;
  /** See `OpenDatabaseOptions.durable`; default true. */
  readonly durable?: boolean;
  readonly policy: IdempotencyPolicy;
  readonly clock?: Clock;
}

/**
 * `idempotency_records` shares the file with the events and the read models. Times are milliseconds
 * since the epoch. A claim holds `token` until `lease_ends_at`; an answered record has a `status` (and
 * a `body`, JSON, unless the answer had none) and no token. `expires_at` ends its retention, and is
 * indexed for the purge.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency_records (
  scope_id TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  token TEXT,
  lease_ends_at INTEGER,
  expires_at INTEGER NOT NULL,
  status INTEGER,
  body TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_records_expiry ON idempotency_records (expires_at);
`;

/** Expired records cost nothing but space, so they are deleted in one go at most this often rather than at every claim. */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 5 * 60_000;

/**
 * The idempotency records on the embedded file, on a connection of their own. A claim is one
 * IMMEDIATE transaction, which holds the file's write lock: claims are atomic across every process
 * sharing the file.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly clock: Clock;
  private readonly policy: IdempotencyPolicy;
  private lastPurgeAt = Number.NEGATIVE_INFINITY;
  private readonly takeClaim;
  private readonly standingRecord;
  private readonly keepAnswer;
  private readonly dropClaim;
  private readonly purgeExpired;

  private constructor(
    private readonly db: SqliteDatabase,
    options: SqliteIdempotencyStoreOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.policy = options.policy;
    db.exec(SCHEMA);
    // The update only happens where the record has expired, or is a claim of the same request whose
    // lease ran out: no row back means the record stands.
    this.takeClaim = db
      .prepare<{ scopeId: string; requestHash: string; token: string; leaseEndsAt: number; expiresAt: number; now: number }, string>(
        `INSERT INTO idempotency_records (scope_id, request_hash, token, lease_ends_at, expires_at)
         VALUES (:scopeId, :requestHash, :token, :leaseEndsAt, :expiresAt)
         ON CONFLICT (scope_id) DO UPDATE SET
           request_hash = excluded.request_hash,
           token = excluded.token,
           lease_ends_at = excluded.lease_ends_at,
           expires_at = excluded.expires_at,
           status = NULL,
           body = NULL
         WHERE idempotency_records.expires_at <= :now
            OR (idempotency_records.status IS NULL
                AND idempotency_records.request_hash = excluded.request_hash
                AND idempotency_records.lease_ends_at <= :now)
         RETURNING token`,
      )
      .pluck();
    this.standingRecord = db.prepare<[string], StandingRecord>(
      'SELECT request_hash AS requestHash, status, body FROM idempotency_records WHERE scope_id = ?',
    );
    this.keepAnswer = db.prepare<[number, string | null, string, string]>(
      'UPDATE idempotency_records SET status = ?, body = ?, token = NULL, lease_ends_at = NULL WHERE scope_id = ? AND token = ?',
    );
    this.dropClaim = db.prepare<[string, string]>('DELETE FROM idempotency_records WHERE scope_id = ? AND token = ?');
    this.purgeExpired = db.prepare<[number]>('DELETE FROM idempotency_records WHERE expires_at <= ?');
  }

  static open(options: SqliteIdempotencyStoreOptions): SqliteIdempotencyStore {
    return new SqliteIdempotencyStore(openDatabase(options.file, { durable: options.durable }), options);
  }

  async claim(scopeId: string, requestHash: string): Promise<IdempotencyClaim> {
    const now = this.clock.now();
    this.purgeWhenDue(now.getTime());
    const claim = { scopeId, requestHash, token: newId(), now: now.getTime(), ...claimMoments(now, this.policy) };
    return this.db
      .transaction((): IdempotencyClaim => {
        const token = this.takeClaim.get(claim);
        if (token !== undefined) return { outcome: 'claimed', token };
        return verdictOn(this.standingRecord.get(scopeId)!, requestHash);
      })
      .immediate();
  }

  async complete(scopeId: string, token: string, answer: IdempotentAnswer): Promise<void> {
    this.keepAnswer.run(answer.status, bodyText(answer), scopeId, token);
  }

  async release(scopeId: string, token: string): Promise<void> {
    this.dropClaim.run(scopeId, token);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private purgeWhenDue(now: number): void {
    if (now - this.lastPurgeAt < IDEMPOTENCY_PURGE_INTERVAL_MS) return;
    this.purgeExpired.run(now);
    this.lastPurgeAt = now;
  }
}
