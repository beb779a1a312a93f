import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerProofs, type EventToAppend } from '#kernel';
import { toHex, verifyConsistency } from '#ledger';
import { followingLedgerFixture, ledgerContract } from '../../../test/contract/ledger.contract.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteLedgerTables } from './sqlite-ledger.js';

async function temporaryFile(): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ql-ledger-'));
  return { file: join(dir, 'events.sqlite'), remove: () => rm(dir, { recursive: true, force: true }) };
}

ledgerContract('SQLite, written with the events', async () => {
  const { file, remove } = await temporaryFile();
  const store = SqliteEventStore.open({ file, durable: false });
  return {
    store,
    ledger: store.ledger,
    caughtUp: async () => undefined,
    cleanup: async () => {
      await store.close();
      await remove();
    },
  };
});

function newEvent(n: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'ThingHappened',
    data: { n },
    metadata: { occurredAt: '2026-01-05T09:00:00.000Z', actor: { id: 'tester', roles: [] }, correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
  };
}

describe('SQLite ledger', () => {
  let file: string;
  let remove: () => Promise<void>;

  beforeEach(async () => {
    ({ file, remove } = await temporaryFile());
  });

  afterEach(async () => {
    await remove();
  });

  it('grows one tree when two processes append to the same file in turns', async () => {
    const first = SqliteEventStore.open({ file, durable: false });
    const second = SqliteEventStore.open({ file, durable: false });
    try {
      for (let n = 0; n < 20; n++) {
        await (n % 3 === 0 ? second : first).append(`thing-${n % 4}`, [newEvent(n)]);
      }
      const proofs = new LedgerProofs(first.ledger);
      const head = await proofs.head();
      expect(head.treeSize).toBe(20);
      for (const size of [1, 7, 16, 19]) {
        const proof = await proofs.consistency(size, 20);
        expect(verifyConsistency(size, 20, proof.from.rootHash, head.rootHash, proof.proof)).toBeUndefined();
      }
      expect(toHex((await new LedgerProofs(second.ledger).head()).rootHash)).toBe(toHex(head.rootHash));
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('continues the tree after a restart', async () => {
    const before = SqliteEventStore.open({ file, durable: false });
    for (let n = 0; n < 13; n++) await before.append('thing-1', [newEvent(n)]);
    const oldHead = await new LedgerProofs(before.ledger).head();
    await before.close();

    const after = SqliteEventStore.open({ file, durable: false });
    try {
      for (let n = 13; n < 30; n++) await after.append('thing-1', [newEvent(n)]);
      const proofs = new LedgerProofs(after.ledger);
      const proof = await proofs.consistency(13, 30);
      expect(verifyConsistency(13, 30, oldHead.rootHash, proof.to.rootHash, proof.proof)).toBeUndefined();
    } finally {
      await after.close();
    }
  });

  it('hashes a log written before the ledger existed when it first opens it, and nothing slipped in later', async () => {
    const store = SqliteEventStore.open({ file, durable: false });
    for (let n = 0; n < 5; n++) await store.append('thing-1', [newEvent(n)]);
    const head = await new LedgerProofs(store.ledger).head();
    await store.close();

    const db = new Database(file);
    db.exec('DELETE FROM ledger_leaves; DELETE FROM ledger_nodes;');
    db.close();
    const reopened = SqliteEventStore.open({ file, durable: false });
    expect(toHex((await new LedgerProofs(reopened.ledger).head()).rootHash)).toBe(toHex(head.rootHash));
    await reopened.close();

    const raw = new Database(file);
    raw
      .prepare("INSERT INTO events (event_id, stream_id, category, revision, type, data, metadata, recorded_at) VALUES (?, 'thing-9', 'thing', 0, 'Slipped', '{}', '{}', ?)")
      .run(randomUUID(), new Date().toISOString());
    raw.close();
    const again = SqliteEventStore.open({ file, durable: false });
    try {
      expect(await again.ledger.size()).toBe(5);
    } finally {
      await again.close();
    }
  });
});

ledgerContract('a ledger following a SQLite log, its tables in a file of their own', async () => {
  const { file, remove } = await temporaryFile();
  const store = SqliteEventStore.open({ file, durable: false });
  const tables = SqliteLedgerTables.open(`${file}.ledger`, { durable: false });
  return followingLedgerFixture(store, tables, async () => {
    tables.close();
    await store.close();
    await remove();
  });
});
