import { randomBytes } from 'node:crypto';
import { eventStoreContract } from '../../../test/contract/event-store.contract.js';
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
} else {
  process.stdout.write('EventStoreDB contract suite skipped: EVENTSTORE_URL is not set\n');
  describe('EventStore contract: EventStoreDB', () => {
    it.todo('runs when EVENTSTORE_URL points at a server (e.g. esdb://localhost:2113?tls=false)');
  });
}
