import { eventStoreContract } from '../../../test/contract/event-store.contract.js';
import { EsdbEventStore } from './esdb-event-store.js';

const url = process.env.EVENTSTORE_URL?.trim();

if (url) {
  eventStoreContract('EventStoreDB', async () => {
    const store = EsdbEventStore.connect({ connectionString: url });
    return { store, cleanup: () => store.close() };
  });
} else {
  process.stdout.write('EventStoreDB contract suite skipped: EVENTSTORE_URL is not set\n');
  describe('EventStore contract: EventStoreDB', () => {
    it.todo('runs when EVENTSTORE_URL points at a server (e.g. esdb://localhost:2113?tls=false)');
  });
}
