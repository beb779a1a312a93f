import type { Response } from 'supertest';
import { collect } from '../support/collect.js';
import { expectInvalid, expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { idsOf, orgDesk } from '../support/organisation.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const POSITION = /^\d+$/;
const JAN = '2025-01-10T09:00:00Z';
const FEB = '2025-02-10T09:00:00Z';
const MAR = '2025-03-10T09:00:00Z';

type Body = Record<string, unknown>;

describe('standards over HTTP', () => {
  let api: TestApp;
  let inspector: Auth;
  let reader: Auth;

  beforeAll(async () => {
    api = await startTestApp();
    [inspector, reader] = await Promise.all([keyWith(api, 'quality-inspector'), keyWith(api, 'care-agent')]);
    const admin = orgDesk(api, asAdmin);
    await admin.createSection({ id: 'support', name: 'Support', occurredAt: JAN }).expect(201);
    await admin.createSection({ id: 'closed-unit', occurredAt: JAN }).expect(201);
    await admin.closeSection('closed-unit', { occurredAt: FEB }).expect(200);
    await admin.createProduct('support', { id: 'old-product', occurredAt: JAN }).expect(201);
    await admin.retireProduct('old-product', { occurredAt: FEB }).expect(200);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = () => api.stores.events.headPosition();

  function publish(body: Body = {}, auth: Auth = inspector, headers: Record<string, string> = {}) {
    return api
      .http()
      .post('/standards')
      .set(auth)
      .set(headers)
      .send({ type: 'external', sectionId: 'support', title: 'Greeting a client', body: 'Greet the client by name.', occurredAt: JAN, ...body });
  }

  function revise(id: string, body: Body = {}, headers: Record<string, string> = {}) {
    return api.http().post(`/standards/${id}/revisions`).set(inspector).set(headers).send({ body: 'Greet the client and introduce yourself.', occurredAt: FEB, ...body });
  }

  function retire(id: string, body: Body = {}) {
    return api.http().post(`/standards/${id}/retirement`).set(inspector).send({ occurredAt: MAR, ...body });
  }

  function read(path: string, query: Record<string, string | number> = {}) {
    return api.http().get(path).set(reader).query(query);
  }

  describe('publishing and revising', () => {
    it('publishes version 1 in the standard stream, and shows it as the current version', async () => {
      const published = await publish({ id: 'greeting' }).expect(201);
      expect(published.body).toEqual({ id: 'greeting', revision: 0, position: expect.stringMatching(POSITION) });
      const [event] = await collect(api.stores.events.readStream('standard-greeting'));
      expect(event).toMatchObject({
        type: 'StandardPublished',
        data: { standardId: 'greeting', version: 1, type: 'external', owner: { sectionId: 'support' }, publishedAt: '2025-01-10T09:00:00.000Z' },
        metadata: { actor: { roles: ['quality-inspector'] } },
      });

      const view = await read('/standards/greeting', { minPosition: published.body.position }).expect(200);
      expect(view.body).toEqual({
        id: 'greeting',
        type: 'external',
        sectionId: 'support',
        productId: null,
        status: 'current',
        title: 'Greeting a client',
        currentVersion: 1,
        publishedAt: '2025-01-10T09:00:00.000Z',
        retiredAt: null,
        retirementReason: null,
        current: {
          version: 1,
          title: 'Greeting a client',
          body: 'Greet the client by name.',
          link: null,
          changeNote: null,
          publishedAt: '2025-01-10T09:00:00.000Z',
          actorId: event!.metadata.actor.id,
          eventId: event!.eventId,
        },
        versions: [{ version: 1, title: 'Greeting a client', changeNote: null, publishedAt: '2025-01-10T09:00:00.000Z', actorId: event!.metadata.actor.id }],
        position: published.body.position,
      });
    });

    it('publishes version n+1 on each revision and keeps the earlier versions exactly as published', async () => {
      await publish({ id: 'phone' }).expect(201);
      const { position: _read, ...v1 } = (await read('/standards/phone/versions/1', { minPosition: String(await head()) }).expect(200)).body;
      const second = await revise('phone', { title: 'Phone greeting', changeNote: 'Agents forgot to introduce themselves' }).expect(200);
      expect(second.body).toEqual({ id: 'phone', revision: 1, position: expect.stringMatching(POSITION) });
      await revise('phone', { body: undefined, link: 'https://wiki.example.org/phone', occurredAt: MAR }).expect(200);

      const view = await read('/standards/phone', { minPosition: String(await head()) }).expect(200);
      expect(view.body).toMatchObject({ title: 'Phone greeting', currentVersion: 3, current: { version: 3, body: null, link: 'https://wiki.example.org/phone' } });
      expect(view.body.versions.map((version: { version: number; title: string; changeNote: string | null }) => [version.version, version.title, version.changeNote])).toEqual([
        [1, 'Greeting a client', null],
        [2, 'Phone greeting', 'Agents forgot to introduce themselves'],
        [3, 'Phone greeting', null],
      ]);
      const { position: _readLater, ...v1Later } = (await read('/standards/phone/versions/1').expect(200)).body;
      expect(v1Later).toEqual(v1);
      expect((await read('/standards/phone/versions/2').expect(200)).body).toMatchObject({
        standardId: 'phone',
        version: 2,
        body: 'Greet the client and introduce yourself.',
        publishedAt: '2025-02-10T09:00:00.000Z',
      });
      expectProblem(await read('/standards/phone/versions/4'), 404);
    });

    it('appends nothing for a revision that says what the current version says', async () => {
      await publish({ id: 'same' }).expect(201);
      const unchanged = await revise('same', { body: 'Greet the client by name.' }).expect(200);
      expect(unchanged.body).toEqual({ id: 'same', revision: 0, position: null });
    });

    it('retires a standard, which then takes no revision', async () => {
      await publish({ id: 'retiring' }).expect(201);
      const retired = await retire('retiring', { reason: 'Replaced by the phone standard' }).expect(200);
      expectRule(await revise('retiring', { occurredAt: MAR }), 'STANDARD_RETIRED');
      expectRule(await retire('retiring'), 'STANDARD_RETIRED');
      expect((await read('/standards/retiring', { minPosition: retired.body.position }).expect(200)).body).toMatchObject({
        status: 'retired',
        retiredAt: '2025-03-10T09:00:00.000Z',
        retirementReason: 'Replaced by the phone standard',
      });
    });

    it('refuses a second standard under the same id, and a revision dated before the last version', async () => {
      await publish({ id: 'twice' }).expect(201);
      expectRule(await publish({ id: 'twice' }), 'STANDARD_EXISTS');
      await revise('twice', { occurredAt: MAR }).expect(200);
      expectRule(await revise('twice', { body: 'Earlier', occurredAt: FEB }), 'DATED_BEFORE_LAST_CHANGE');
    });

    it('lets an admin publish too', async () => {
      await publish({}, asAdmin).expect(201);
    });
  });

  describe('owners from the organisation catalogue', () => {
    it('publishes for a product created a moment ago, without waiting on the client side', async () => {
      const product = await orgDesk(api, asAdmin).createProduct('support', { id: 'fresh-webinar', name: 'Fresh webinar' }).expect(201);
      expect(product.body.position).toMatch(POSITION);
      const published = await publish({ id: 'webinar-standard', sectionId: undefined, productId: 'fresh-webinar', type: 'behavioural', occurredAt: undefined });
      expect(published.status).toBe(201);
      expect((await read('/standards/webinar-standard', { minPosition: published.body.position }).expect(200)).body).toMatchObject({
        sectionId: null,
        productId: 'fresh-webinar',
      });
    });

    it('refuses a closed section or a retired product as the owner', async () => {
      expectRule(await publish({ sectionId: 'closed-unit', occurredAt: MAR }), 'STANDARD_OWNER_INACTIVE');
      expectRule(await publish({ sectionId: undefined, productId: 'old-product', occurredAt: MAR }), 'STANDARD_OWNER_INACTIVE');
    });
  });

  describe('lists', () => {
    let lastPosition: string;

    beforeAll(async () => {
      await api.http().post('/sections').set(asAdmin).send({ id: 'listing', name: 'Listing', valuableFinalProduct: 'x', occurredAt: JAN }).expect(201);
      await publish({ id: 'list-b', sectionId: 'listing', type: 'internal', occurredAt: '2025-01-02T00:00:00Z' }).expect(201);
      await publish({ id: 'list-a', sectionId: 'listing', type: 'internal', occurredAt: '2025-01-02T00:00:00Z' }).expect(201);
      await publish({ id: 'list-c', sectionId: 'listing', type: 'structural', occurredAt: '2025-01-01T00:00:00Z' }).expect(201);
      lastPosition = (await retire('list-a').expect(200)).body.position;
    });

    const list = (query: Record<string, string | number>) => read('/standards', { minPosition: lastPosition, sectionId: 'listing', ...query });

    it('pages through the standards of a section by first publication, then id', async () => {
      const first = await list({ limit: 2 }).expect(200);
      expect(idsOf(first)).toEqual(['list-c', 'list-a']);
      expect(first.body.items[0].versions).toBeUndefined();
      const second = await list({ limit: 2, cursor: first.body.nextCursor }).expect(200);
      expect(idsOf(second)).toEqual(['list-b']);
      expect(second.body.nextCursor).toBeNull();
    });

    it('filters by type, status and owner product, and answers as of a position', async () => {
      expect(idsOf(await list({ type: 'internal' }).expect(200))).toEqual(['list-a', 'list-b']);
      expect(idsOf(await list({ status: 'retired' }).expect(200))).toEqual(['list-a']);
      expect(idsOf(await list({ status: 'retired', asOf: String(BigInt(lastPosition) - 1n) }).expect(200))).toEqual([]);
      expect(idsOf(await read('/standards', { productId: 'no-such-product' }).expect(200))).toEqual([]);
    });

    it('reads a standard as it was known at its first publication', async () => {
      const published = await publish({ id: 'as-of' }).expect(201);
      await revise('as-of').expect(200);
      const then = await read('/standards/as-of', { minPosition: String(await head()), asOf: published.body.position }).expect(200);
      expect(then.body).toMatchObject({ currentVersion: 1, versions: [{ version: 1 }] });
      expectProblem(await read('/standards/as-of', { asOf: String(BigInt(published.body.position) - 1n) }), 404);
    });
  });

  describe('errors', () => {
    it('answers 404 for an unknown standard, appending nothing', async () => {
      const before = await head();
      for (const response of [await read('/standards/nothing'), await read('/standards/nothing/versions/1'), await revise('nothing'), await retire('nothing')]) {
        expectProblem(response, 404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
      expect(await head()).toBe(before);
    });

    it('answers 401 without a key, and 403 to a role that does not keep standards', async () => {
      await publish({ id: 'guarded' }).expect(201);
      expectProblem(await api.http().post('/standards').send({}), 401);
      expectProblem(await api.http().get('/standards/guarded'), 401);
      const [hr, agent] = await Promise.all([keyWith(api, 'hr'), keyWith(api, 'care-agent')]);
      const before = await head();
      expectProblem(await publish({}, hr), 403);
      expectProblem(await api.http().post('/standards/guarded/revisions').set(agent).send({ body: 'x' }), 403);
      expectProblem(await api.http().post('/standards/guarded/retirement').set(agent).send({}), 403);
      expect(await head()).toBe(before);
    });

    it('answers 412 when If-Match names a revision the standard has left', async () => {
      await publish({ id: 'pinned' }).expect(201);
      await revise('pinned').expect(200);
      expectProblem(await revise('pinned', { body: 'Third', occurredAt: MAR }, { 'If-Match': '0' }), 412);
      await revise('pinned', { body: 'Third', occurredAt: MAR }, { 'If-Match': '1' }).expect(200);
    });

    it.each<[string, () => Promise<Response>, string]>([
      ['an owner section not in the catalogue', () => publish({ sectionId: 'no-such-section' }), 'sectionId'],
      ['an owner product not in the catalogue', () => publish({ sectionId: undefined, productId: 'no-such-product' }), 'productId'],
      ['two owners', () => publish({ productId: 'old-product' }), 'sectionId'],
      ['no owner', () => publish({ sectionId: undefined }), 'sectionId'],
      ['an unknown type', () => publish({ type: 'moral' }), 'type'],
      ['neither a body nor a link', () => publish({ body: undefined }), 'body'],
      ['a link that is no web link', () => publish({ link: 'file:///etc/passwd' }), 'link'],
      ['a blank title', () => publish({ title: ' ' }), 'title'],
      ['an unknown field', () => publish({ author: 'Ann' }), 'author'],
      ['a standard id that is no id', () => publish({ id: 'a/b' }), 'id'],
      ['a future occurredAt', () => publish({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }), 'occurredAt'],
      ['a revision without content', () => revise('greeting', { body: undefined }), 'body'],
      ['a version of 0', () => read('/standards/greeting/versions/0'), 'version'],
      ['a version that is no number', () => read('/standards/greeting/versions/one'), 'version'],
      ['an unknown status filter', () => read('/standards', { status: 'draft' }), 'status'],
    ])('answers %s with a 400 naming the field, appending nothing', (_name, send, field) => expectInvalid(api, send, field));
  });

  it('documents every standards route in /docs-json with bearer security and its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operations: [string, string, string][] = [
      ['/standards', 'post', 'quality-inspector, admin'],
      ['/standards', 'get', 'admin, quality-inspector'],
      ['/standards/{id}', 'get', 'admin, quality-inspector'],
      ['/standards/{id}/revisions', 'post', 'quality-inspector, admin'],
      ['/standards/{id}/retirement', 'post', 'quality-inspector, admin'],
      ['/standards/{id}/versions/{version}', 'get', 'admin, quality-inspector'],
    ];
    for (const [path, method, roles] of operations) {
      const operation = document.paths[path]?.[method];
      expect(operation).toMatchObject({ security: [{ bearer: [] }], tags: ['standards'], description: expect.stringContaining(`Roles: ${roles}`) });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
  });
});
