import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#stores/sqlite';
import { followingLedgerFixture, ledgerContract } from '../../../test/contract/ledger.contract.js';
import { dropMongoDatabase, freshMongoDatabase } from '../../../test/support/temp-stores.js';
import { MongoLedgerTables } from './mongo-ledger-tables.js';

/** The ledger contract with the tables on MongoDB, following an embedded log: each test on a fresh database. */
const url = process.env.MONGODB_URL?.trim();

if (url) {
  ledgerContract('a ledger following a log, its tables on MongoDB', async () => {
    const database = freshMongoDatabase('ql_ledger');
    const dir = mkdtempSync(join(tmpdir(), 'ql-mongo-ledger-'));
    const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), durable: false });
    const tables = await MongoLedgerTables.connect({ url, database });
    return followingLedgerFixture(store, tables, async () => {
      await tables.close();
      await store.close();
      await dropMongoDatabase(url, database);
      rmSync(dir, { recursive: true, force: true });
    });
  });
} else {
  describe('Ledger contract: tables on MongoDB', () => {
    it.todo('runs when MONGODB_URL points at a replica set');
  });
}
