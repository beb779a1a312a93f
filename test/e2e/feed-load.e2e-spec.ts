import { newId, type EventToAppend } from '#kernel';
import { FeedStreams } from '../../apps/api/src/feed/feed-streams.service.js';
import { careDesk, keyWith, type Auth } from '../support/care-cases.js';
import { collect } from '../support/collect.js';
import { eventually, FeedClient, idsOf, listenLocally } from '../support/feed.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const CONSUMERS = 200;
const COMMANDS = 30;
/** Far more than the socket buffers of a local connection hold. */
const BULK_EVENTS = 4_000;
const BULK_BATCH = 500;
const BULK_NOTE = 'x'.repeat(8 * 1024);
/** A guard against a hang on a busy machine, not a target: the figures are in `npm run bench`. */
const LONG_TEST_MS = 60_000;

describe('the event feed under load', () => {
  let api: TestApp;
  let base: string;
  let service: Auth;
  const clients: FeedClient[] = [];

  beforeAll(async () => {
    // One key for every consumer, as one downstream system scaled out would hold.
    api = await startTestApp({ env: { FEED_MAX_CONNECTIONS: '250', FEED_MAX_CONNECTIONS_PER_KEY: '250' } });
    base = await listenLocally(api);
    service = await keyWith(api, 'service');
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await api.destroy();
  });

  const follow = async (query: string) => {
    const client = await FeedClient.open(base, { auth: service, query });
    clients.push(client);
    return client;
  };
  const head = async () => (await api.stores.events.headPosition())!.toString();
  const streams = () => api.app.get(FeedStreams);

  it(`delivers every event to each of ${CONSUMERS} consumers that connect while commands keep arriving`, async () => {
    const from = await head();
    const desk = careDesk(api, await keyWith(api, 'care-agent'));
    const writing = (async () => {
      for (let index = 0; index < COMMANDS; index++) await desk.open().expect(201);
    })();
    const consumers = await Promise.all(Array.from({ length: CONSUMERS }, () => follow(`fromPosition=${from}&category=careCase`)));
    await writing;

    const expected = (await collect(api.stores.events.readAll({ after: BigInt(from), filter: { categories: ['careCase'] } }))).map((event) =>
      event.position.toString(),
    );
    await Promise.all(consumers.map((consumer) => consumer.untilId(expected.at(-1)!)));

    expect(expected).toHaveLength(COMMANDS);
    for (const consumer of consumers) expect(idsOf(consumer.frames)).toEqual(expected);
    expect(streams().connections()).toHaveLength(CONSUMERS);
  }, LONG_TEST_MS);
});

/*
 * The projections stay off here: the bulk events would keep them busy reading, which says nothing
 * about the feed. The bootstrap admin key needs no read model to authenticate.
 */
describe('the event feed with a consumer that does not read', () => {
  let api: TestApp;
  let base: string;
  let stalled: FeedClient | undefined;

  beforeAll(async () => {
    api = await startTestApp({ env: { PROJECTIONS: 'off' } });
    base = await listenLocally(api);
  });

  afterAll(async () => {
    stalled?.close();
    await api.destroy();
  });

  it('stops taking events for it, then sends it everything once it reads', async () => {
    const streams = api.app.get(FeedStreams);
    stalled = await FeedClient.open(base, { auth: asAdmin, query: 'type=BulkNoted', reading: false });
    await eventually(() => streams.connections().length === 1);
    for (let offset = 0; offset < BULK_EVENTS; offset += BULK_BATCH) {
      await api.stores.events.append(`bulk-${offset}`, Array.from({ length: BULK_BATCH }, () => bulkNote()), 'no_stream');
    }

    await eventually(() => streams.connections()[0]!.waitingForDrain);
    const held = streams.connections()[0]!;
    expect(held.pulled).toBeLessThan(BULK_EVENTS / 2);
    expect(held.sent).toBe(held.pulled);
    // Other requests keep the server busy meanwhile: the stalled connection takes nothing more.
    await api.http().get('/health').expect(200);
    await api.http().get('/metrics').expect(200);
    expect(streams.connections()).toEqual([held]);

    stalled.read();
    const expected = (await collect(api.stores.events.readAll({ filter: { types: ['BulkNoted'] } }))).map((event) => event.position.toString());
    await stalled.untilId(expected.at(-1)!);
    expect(idsOf(stalled.frames)).toEqual(expected);
    expect(expected).toHaveLength(BULK_EVENTS);
  }, LONG_TEST_MS);
});

function bulkNote(): EventToAppend {
  return {
    eventId: newId(),
    type: 'BulkNoted',
    data: { note: BULK_NOTE },
    metadata: { occurredAt: new Date().toISOString(), actor: { id: 'bulk', roles: [] }, correlationId: newId(), causationId: null, schemaVersion: 1 },
  };
}
