import { newId, type EventToAppend } from '#kernel';
import { collect } from '../support/collect.js';
import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';

interface EnvelopeBody {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  position: string;
  data: Record<string, unknown>;
  metadata: { occurredAt: string; recordedAt: string; actor: { id: string; roles: string[] }; correlationId: string };
}

interface PageBody<Next> {
  items: EnvelopeBody[];
  next: Next;
}

function ledgerEvent(type: string, data: Record<string, unknown>): EventToAppend {
  return {
    eventId: newId(),
    type,
    data,
    metadata: {
      occurredAt: '2026-01-05T10:00:00.000Z',
      actor: { id: 'apiKey:fixture', roles: ['care-agent'] },
      correlationId: newId(),
      causationId: null,
      schemaVersion: 1,
    },
  };
}

describe('raw history for auditors', () => {
  let api: TestApp;
  let auditorKey: string;
  let agentKey: string;

  beforeAll(async () => {
    api = await startTestApp();
    const issue = async (name: string, roles: string[]) =>
      (await api.http().post('/api-keys').set(asAdmin).send({ name, roles }).expect(201)).body as { id: string; key: string };
    auditorKey = (await issue('audit office', ['auditor'])).key;
    agentKey = (await api.http().post('/api-keys').set(asAdmin).send({ name: 'care desk', roles: ['care-agent'], employeeId: 'emp-agent' }).expect(201)).body.key;
    // Fixtures of two more categories, appended as the care commands would: the history reads any stream.
    await api.stores.events.append(
      'ledgerFixture-long',
      Array.from({ length: 7 }, (_, index) => ledgerEvent(index % 2 === 0 ? 'FixtureOpened' : 'FixtureNoted', { index })),
      'no_stream',
    );
    await api.stores.events.append('otherFixture-1', [ledgerEvent('FixtureOpened', { index: 0 })], 'no_stream');
  });

  afterAll(async () => {
    await api.destroy();
  });

  async function everyPage(path: string, query: Record<string, string | string[]>, fromParam: string) {
    const pages: PageBody<string | number | null>[] = [];
    let from: string | number | null | undefined;
    do {
      const response = await api
        .http()
        .get(path)
        .set(bearer(auditorKey))
        .query({ ...query, ...(from !== undefined ? { [fromParam]: String(from) } : {}) })
        .expect(200);
      pages.push(response.body);
      from = response.body.next;
    } while (from !== null);
    return pages;
  }

  describe('access', () => {
    it.each(['/events', '/streams/ledgerFixture-long'])('refuses %s without a key (401) and to a role without it (403)', async (path) => {
      expect((await api.http().get(path)).status).toBe(401);
      const forbidden = await api.http().get(path).set(bearer(agentKey));
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN' });
    });

    it.each(['/events', '/streams/ledgerFixture-long'])('serves %s to auditors and admins', async (path) => {
      await api.http().get(path).set(bearer(auditorKey)).expect(200);
      await api.http().get(path).set(asAdmin).expect(200);
    });
  });

  it('is described in the OpenAPI document, behind bearer auth', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const stream = document.paths['/streams/{streamId}'].get;
    const events = document.paths['/events'].get;
    expect(stream.security).toEqual([{ bearer: [] }]);
    expect(events.security).toEqual([{ bearer: [] }]);
    expect(stream.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['fromRevision', 'limit', 'streamId']);
    expect(events.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['category', 'fromPosition', 'limit', 'type']);
    expect(events.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/EventPage');
  });

  describe('GET /streams/{streamId}', () => {
    it("shows a stream's events as recorded, with positions as decimal strings", async () => {
      const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'temp', roles: ['hr'], employeeId: 'emp-temp' }).expect(201);
      await api.http().delete(`/api-keys/${issued.body.id}`).set(asAdmin).set('X-Request-Id', 'revoke-temp').expect(204);

      const response = await api.http().get(`/streams/apiKey-${issued.body.id}`).set(bearer(auditorKey)).expect(200);
      expect(response.body.next).toBeNull();
      expect(response.body.items).toEqual([
        expect.objectContaining({ type: 'ApiKeyIssued', streamId: `apiKey-${issued.body.id}`, revision: 0, position: issued.body.position }),
        expect.objectContaining({
          type: 'ApiKeyRevoked',
          revision: 1,
          position: expect.stringMatching(/^\d+$/),
          data: expect.objectContaining({ keyId: issued.body.id }),
          metadata: expect.objectContaining({
            actor: { id: 'apiKey:bootstrap', roles: ['admin'] },
            correlationId: 'revoke-temp',
            recordedAt: expect.any(String),
            occurredAt: expect.any(String),
          }),
        }),
      ]);
    });

    it('pages by revision: next is the fromRevision of the following page, null on the last', async () => {
      const pages = await everyPage('/streams/ledgerFixture-long', { limit: '3' }, 'fromRevision');
      expect(pages.map((page) => page.items.map((event) => event.revision))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
      expect(pages.map((page) => page.next)).toEqual([3, 6, null]);
    });

    it('ends with next null when the last page is exactly full', async () => {
      const response = await api.http().get('/streams/ledgerFixture-long').set(bearer(auditorKey)).query({ fromRevision: 4, limit: 3 });
      expect(response.body.items.map((event: EnvelopeBody) => event.revision)).toEqual([4, 5, 6]);
      expect(response.body.next).toBeNull();
    });

    it('gives 404 for a stream that holds no event, and an empty page past the end of one that does', async () => {
      const missing = await api.http().get('/streams/ledgerFixture-none').set(bearer(auditorKey));
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });

      const past = await api.http().get('/streams/ledgerFixture-long').set(bearer(auditorKey)).query({ fromRevision: 7 }).expect(200);
      expect(past.body).toEqual({ items: [], next: null });
    });

    it('returns 100 events by default', async () => {
      await api.stores.events.append(
        'ledgerFixture-busy',
        Array.from({ length: 101 }, (_, index) => ledgerEvent('FixtureNoted', { index })),
        'no_stream',
      );
      const response = await api.http().get('/streams/ledgerFixture-busy').set(bearer(auditorKey)).expect(200);
      expect(response.body.items).toHaveLength(100);
      expect(response.body.next).toBe(100);
    });

    it.each([
      ['a stream id without a category', '/streams/nocategory', {}, 'streamId'],
      ['a stream id with a space', '/streams/careCase-a%20b', {}, 'streamId'],
      ['a stream id starting with a dash', '/streams/-careCase-1', {}, 'streamId'],
      ['a negative fromRevision', '/streams/ledgerFixture-long', { fromRevision: '-1' }, 'fromRevision'],
      ['a fractional fromRevision', '/streams/ledgerFixture-long', { fromRevision: '1.5' }, 'fromRevision'],
      ['a limit of 0', '/streams/ledgerFixture-long', { limit: '0' }, 'limit'],
      ['a limit over 1000', '/streams/ledgerFixture-long', { limit: '1001' }, 'limit'],
      ['an unknown parameter', '/streams/ledgerFixture-long', { from: '1' }, 'from'],
    ])('refuses %s with a 400 naming the field', async (_case, path, query, field) => {
      const response = await api.http().get(path).set(bearer(auditorKey)).query(query);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field, message: expect.any(String) }] });
    });
  });

  describe('GET /events', () => {
    it('pages through the whole log in order: every event once, next = the last position of the page', async () => {
      const log = await collect(api.stores.events.readAll());
      const pages = await everyPage('/events', { limit: '4' }, 'fromPosition');

      const seen = pages.flatMap((page) => page.items.map((event) => event.position));
      expect(seen).toEqual(log.map((event) => event.position.toString()));
      expect(pages.length).toBe(Math.ceil(log.length / 4));
      for (const page of pages.slice(0, -1)) expect(page.next).toBe(page.items.at(-1)!.position);
      expect(pages.at(-1)!.next).toBeNull();
    });

    it('starts after fromPosition (exclusive)', async () => {
      const [first, second] = await collect(api.stores.events.readAll({ filter: { categories: ['ledgerFixture'] } }));
      const response = await api
        .http()
        .get('/events')
        .set(bearer(auditorKey))
        .query({ fromPosition: first!.position.toString(), limit: 1 })
        .expect(200);
      expect(response.body.items.map((event: EnvelopeBody) => event.eventId)).toEqual([second!.eventId]);
    });

    it('filters by type and by category, also across pages', async () => {
      const byType = await everyPage('/events', { type: 'FixtureOpened', limit: '2' }, 'fromPosition');
      const opened = byType.flatMap((page) => page.items);
      expect(opened.map((event) => [event.streamId, event.data.index])).toEqual([
        ['ledgerFixture-long', 0],
        ['ledgerFixture-long', 2],
        ['ledgerFixture-long', 4],
        ['ledgerFixture-long', 6],
        ['otherFixture-1', 0],
      ]);

      const byCategory = await everyPage('/events', { category: 'otherFixture' }, 'fromPosition');
      expect(byCategory.flatMap((page) => page.items.map((event) => event.streamId))).toEqual(['otherFixture-1']);

      const both = await api
        .http()
        .get('/events')
        .set(bearer(auditorKey))
        .query({ type: 'FixtureNoted', category: 'ledgerFixture', limit: 1000 })
        .expect(200);
      expect(new Set(both.body.items.map((event: EnvelopeBody) => `${event.type} ${event.streamId.split('-')[0]}`))).toEqual(
        new Set(['FixtureNoted ledgerFixture']),
      );
    });

    it('takes a repeated type as several types', async () => {
      const response = await api.http().get('/events?type=ApiKeyIssued&type=ApiKeyRevoked&limit=1000').set(bearer(auditorKey)).expect(200);
      const types = new Set(response.body.items.map((event: EnvelopeBody) => event.type));
      expect(types).toEqual(new Set(['ApiKeyIssued', 'ApiKeyRevoked']));
    });

    it('answers an empty last page from the head on, also for positions beyond 64 bits', async () => {
      const head = (await api.stores.events.headPosition())!;
      for (const fromPosition of [head.toString(), (head + 5n).toString(), '99999999999999999999']) {
        const response = await api.http().get('/events').set(bearer(auditorKey)).query({ fromPosition }).expect(200);
        expect(response.body).toEqual({ items: [], next: null });
      }
    });

    it.each([
      ['a negative fromPosition', { fromPosition: '-1' }, 'fromPosition'],
      ['a fromPosition that is no number', { fromPosition: 'abc' }, 'fromPosition'],
      ['a limit that is no number', { limit: 'ten' }, 'limit'],
      ['a limit over 1000', { limit: '5000' }, 'limit'],
      ['a type that is no event type', { type: 'Refund Issued' }, 'type'],
      ['a category with a dash', { category: 'care-case' }, 'category'],
      ['an unknown parameter', { after: '3' }, 'after'],
    ])('refuses %s with a 400 naming the field', async (_case, query, field) => {
      const response = await api.http().get('/events').set(bearer(auditorKey)).query(query);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field, message: expect.any(String) }] });
    });
  });
});
