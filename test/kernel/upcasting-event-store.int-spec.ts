import { UpcasterRegistry, withUpcasting, type EventStore, type RecordedEvent } from '#kernel';
import { fixtureEvent } from '../support/audit.js';
import { collect } from '../support/collect.js';
import { openTempStores, type TempStores } from '../support/temp-stores.js';

describe('an event store read through the upcaster registry', () => {
  let stores: TempStores;
  let upcasting: EventStore;
  const registry = new UpcasterRegistry([
    {
      type: 'RefundIssued',
      fromVersion: 1,
      upcast: (data) => ({ amount: { minor: (data as { cents: number }).cents, currency: 'EUR' } }),
    },
  ]);

  beforeEach(async () => {
    stores = openTempStores();
    upcasting = withUpcasting(stores.events, registry);
    await stores.events.append('careCase-1', [
      fixtureEvent('RefundIssued', { cents: 1250 }, 'a', '2025-05-01T10:00:00.000Z'),
    ]);
  });
  afterEach(() => stores.cleanup());

  const expectCurrentShape = (event: RecordedEvent | undefined) => {
    expect(event?.data).toEqual({ amount: { minor: 1250, currency: 'EUR' } });
    expect(event?.metadata.schemaVersion).toBe(2);
  };

  it('upcasts a stored v1 event on every kind of read, and leaves the stored event as it was', async () => {
    const [fromStream] = await collect(upcasting.readStream('careCase-1'));
    const [fromLog] = await collect(upcasting.readAll());
    const abort = new AbortController();
    let fromSubscription: RecordedEvent | undefined;
    for await (const event of upcasting.subscribeAll({ signal: abort.signal })) {
      fromSubscription = event;
      abort.abort();
    }

    expectCurrentShape(fromStream);
    expectCurrentShape(fromLog);
    expectCurrentShape(fromSubscription);
    const [raw] = await collect(stores.events.readStream('careCase-1'));
    expect(raw?.data).toEqual({ cents: 1250 });
  });
});
