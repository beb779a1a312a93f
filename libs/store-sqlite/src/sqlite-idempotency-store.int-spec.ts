import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, type IdempotencyPolicy, type IdempotencyStore } from '#kernel';
import { idempotencyStoreContract } from '../../../test/contract/idempotency-store.contract.js';
import { openDatabase } from './database.js';
import { IDEMPOTENCY_PURGE_INTERVAL_MS, SqliteIdempotencyStore } from './sqlite-idempotency-store.js';

function tempFile(): { file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'idempotency-store-'));
  return { file: join(dir, 'store.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

idempotencyStoreContract('SQLite', async (clock, policy) => {
  const { file, remove } = tempFile();
  const open = () => SqliteIdempotencyStore.open({ file, durable: false, clock, policy });
  const stores: IdempotencyStore[] = [open()];
  return {
    store: stores[0]!,
    async another() {
      stores.push(open());
      return stores.at(-1)!;
    },
    async cleanup() {
      await Promise.all(stores.map((store) => store.close()));
      remove();
    },
  };
});

describe('SqliteIdempotencyStore', () => {
  const policy: IdempotencyPolicy = { retentionMs: 60 * 60_000, leaseMs: 10_000 };
  let temp: ReturnType<typeof tempFile>;
  let clock: ManualClock;
  let store: SqliteIdempotencyStore;

  const storedRecords = () => {
    const db = openDatabase(temp.file);
    try {
      return db.prepare('SELECT count(*) FROM idempotency_records').pluck().get();
    } finally {
      db.close();
    }
  };

  const answered = async (scopeId: string) => {
    const claim = await store.claim(scopeId, 'hash');
    if (claim.outcome !== 'claimed') throw new Error(`expected a claim, got ${claim.outcome}`);
    await store.complete(scopeId, claim.token, { status: 200, body: { id: scopeId } });
  };

  beforeEach(() => {
    temp = tempFile();
    clock = new ManualClock('2026-03-01T12:00:00.000Z');
    store = SqliteIdempotencyStore.open({ file: temp.file, durable: false, clock, policy });
  });

  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  it('deletes expired records from the file, at most once per purge interval', async () => {
    const minute = 60_000;
    await answered('old');
    clock.advance(policy.retentionMs - minute);
    await answered('recent');

    clock.advance(minute);
    await answered('between-purges');
    expect(storedRecords()).toBe(3);

    clock.advance(IDEMPOTENCY_PURGE_INTERVAL_MS);
    await answered('late');
    expect(storedRecords()).toBe(3);
    expect(await store.claim('recent', 'hash')).toEqual({ outcome: 'answered', answer: { status: 200, body: { id: 'recent' } } });
  });

  it('keeps its records across close and reopen', async () => {
    await answered('kept');
    await store.close();

    store = SqliteIdempotencyStore.open({ file: temp.file, clock, policy });

    expect(await store.claim('kept', 'hash')).toEqual({ outcome: 'answered', answer: { status: 200, body: { id: 'kept' } } });
  });
});
