import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLedgerTables } from '#stores/sqlite';
import { eventStoreContract } from '../../../test/contract/event-store.contract.js';
import { followingLedgerFixture, ledgerContract } from '../../../test/contract/ledger.contract.js';
import { EsdbEventStore } from './esdb-event-store.js';

const url = process.env.EVENTSTORE_URL?.trim();

if (url) {
  eventStoreContract('EventStoreDB', async () => {
    const store = EsdbEventStore.connect({ connectionString: url });
    return { store, cleanup: () => store.close() };
  });

  // A fresh namespace per test: the contract then also proves that a namespace sees nothing but its own streams.
  eventStoreContract('EventStoreDB in a namespace', async () => {
    const store = EsdbEventStore.connect({ connectionString: url, namespace: `ct${randomBytes(6).toString('hex')}` });
    return { store, cleanup: () => store.close() };
  });

  ledgerContract('a ledger following EventStoreDB', async () => {
    const store = EsdbEventStore.connect({ connectionString: url, namespace: `lg${randomBytes(6).toString('hex')}` });
    const dir = mkdtempSync(join(tmpdir(), 'ql-esdb-ledger-'));
    const tables = SqliteLedgerTables.open(join(dir, 'ledger.sqlite'), { durable: false });
    return followingLedgerFixture(store, tables, async () => {
      tables.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
  });
} else {
  process.stdout.write('EventStoreDB contract suite skipped: EVENTSTORE_URL is not set\n');
  describe('EventStore contract: EventStoreDB', () => {
    it.todo('runs when EVENTSTORE_URL points at a server (e.g. esdb://localhost:2113?tls=false)');
  });
}
