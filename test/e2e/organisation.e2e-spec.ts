import type { Response } from 'supertest';
import { ProjectionHost } from '#kernel';
import { organisation } from '#projections/organisation/organisation.projection.js';
import { OrganisationDirectory } from '../../apps/api/src/organisation/organisation-directory.service.js';
import { collect } from '../support/collect.js';
import { expectInvalid, expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { orgDesk, type OrgDesk } from '../support/organisation.js';
import { asAdmin, bearer, startTestApp, type TestApp } from '../support/test-app.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POSITION = /^\d+$/;
const JAN = '2025-01-10T09:00:00Z';
const FEB = '2025-02-10T09:00:00Z';
const MAR = '2025-03-10T09:00:00Z';

describe('organisation catalogue over HTTP', () => {
  let api: TestApp;
  let hr: Auth;
  let auditor: Auth;
  /** Admin for sections and products, HR for positions and employees. */
  let admin: OrgDesk;
  let staff: OrgDesk;

  beforeAll(async () => {
    api = await startTestApp();
    [hr, auditor] = await Promise.all([keyWith(api, 'hr'), keyWith(api, 'auditor')]);
    admin = orgDesk(api, asAdmin);
    staff = orgDesk(api, hr);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = () => api.stores.events.headPosition();

  function read(path: string, query: Record<string, string> = {}, auth: Auth = auditor) {
    return api.http().get(path).set(auth).query(query);
  }

  async function section(id: string, body: Record<string, unknown> = {}): Promise<Response> {
    return admin.createSection({ id, occurredAt: JAN, ...body }).expect(201);
  }

  describe('sections', () => {
    it('creates a section under a new UUIDv7 in the structure stream, with the caller as the actor', async () => {
      const created = await admin.createSection({}, { 'X-Request-Id': 'section-1' }).expect(201);
      expect(created.body).toEqual({ id: expect.stringMatching(UUID_V7), revision: expect.any(Number), position: expect.stringMatching(POSITION) });

      const events = await collect(api.stores.events.readStream('orgStructure-main'));
      expect(events[events.length - 1]).toMatchObject({
        type: 'SectionCreated',
        revision: created.body.revision,
        data: { sectionId: created.body.id, name: 'Quality control', valuableFinalProduct: 'Products that meet their standards' },
        metadata: { actor: { id: 'apiKey:bootstrap', roles: ['admin'] }, correlationId: 'section-1' },
      });

      const view = await read(`/sections/${created.body.id}`, { minPosition: created.body.position }).expect(200);
      expect(view.body).toEqual({
        id: created.body.id,
        name: 'Quality control',
        valuableFinalProduct: 'Products that meet their standards',
        parentId: null,
        status: 'open',
        since: expect.any(String),
        until: null,
        lastChangedAt: view.body.since,
        history: [
          { name: 'Quality control', valuableFinalProduct: 'Products that meet their standards', parentId: null, status: 'open', from: view.body.since },
        ],
        position: created.body.position,
      });
    });

    it('creates a sub-section under an open parent, under the id the caller chose, once', async () => {
      await section('dept-a');
      const child = await section('dept-a-1', { parentId: 'dept-a' });
      expect(child.body.id).toBe('dept-a-1');
      expectRule(await admin.createSection({ id: 'dept-a-1' }), 'SECTION_EXISTS');
      const view = await read('/sections/dept-a-1', { minPosition: child.body.position }).expect(200);
      expect(view.body).toMatchObject({ parentId: 'dept-a', since: '2025-01-10T09:00:00.000Z' });
    });

    it('refuses a parent that is closed, or created after the child', async () => {
      await section('dept-closed');
      await admin.closeSection('dept-closed', { occurredAt: FEB }).expect(200);
      expectRule(await admin.createSection({ parentId: 'dept-closed', occurredAt: MAR }), 'SECTION_CLOSED');
      await section('dept-late', { occurredAt: MAR });
      expectRule(await admin.createSection({ parentId: 'dept-late', occurredAt: FEB }), 'SECTION_NOT_YET_CREATED');
    });

    it('renames a section and restates its valuable final product, appending nothing when nothing changes', async () => {
      await section('dept-rename');
      const renamed = await admin.renameSection('dept-rename', { name: 'Surveys', occurredAt: FEB }).expect(200);
      expect(renamed.body).toEqual({ id: 'dept-rename', revision: expect.any(Number), position: expect.stringMatching(POSITION) });
      const again = await admin.renameSection('dept-rename', { name: 'Surveys', occurredAt: FEB }).expect(200);
      expect(again.body).toEqual({ id: 'dept-rename', revision: renamed.body.revision, position: null });
      const restated = await admin.changeValuableFinalProduct('dept-rename', { valuableFinalProduct: 'Answers that tell what to fix', occurredAt: MAR }).expect(200);

      const view = await read('/sections/dept-rename', { minPosition: restated.body.position }).expect(200);
      expect(view.body).toMatchObject({ name: 'Surveys', valuableFinalProduct: 'Answers that tell what to fix', lastChangedAt: '2025-03-10T09:00:00.000Z' });
      expect(view.body.history.map((version: { name: string; from: string }) => [version.name, version.from])).toEqual([
        ['Quality control', '2025-01-10T09:00:00.000Z'],
        ['Surveys', '2025-02-10T09:00:00.000Z'],
        ['Surveys', '2025-03-10T09:00:00.000Z'],
      ]);
    });

    it('moves a section under another, back to the top, and refuses a cycle', async () => {
      await section('move-a');
      await section('move-b');
      await section('move-c', { parentId: 'move-b' });
      await admin.moveSection('move-b', 'move-a', { occurredAt: FEB }).expect(200);
      expectRule(await admin.moveSection('move-a', 'move-c', { occurredAt: FEB }), 'SECTION_CYCLE');
      const top = await admin.moveSection('move-b', null, { occurredAt: MAR }).expect(200);
      expect((await read('/sections/move-b', { minPosition: top.body.position }).expect(200)).body.parentId).toBeNull();
    });

    it('closes an empty section, which then takes no change', async () => {
      await section('close-empty');
      await admin.closeSection('close-empty', { occurredAt: FEB }).expect(200);
      expectRule(await admin.renameSection('close-empty', { occurredAt: MAR }), 'SECTION_CLOSED');
      expectRule(await admin.closeSection('close-empty', { occurredAt: MAR }), 'SECTION_CLOSED');
    });

    it('refuses to close a section with an open sub-section, an active product or an employee, appending nothing', async () => {
      await section('close-parent');
      await section('close-child', { parentId: 'close-parent' });
      await section('close-owner');
      await admin.createProduct('close-owner', { id: 'close-product', occurredAt: JAN }).expect(201);
      await section('close-staffed');
      await staff.createPosition({ id: 'close-position', occurredAt: JAN }).expect(201);
      await staff.hire('close-position', 'close-staffed', { id: 'close-employee', occurredAt: JAN }).expect(201);

      const before = await head();
      expectRule(await admin.closeSection('close-parent', { occurredAt: FEB }), 'SECTION_HAS_OPEN_SUBSECTIONS');
      expectRule(await admin.closeSection('close-owner', { occurredAt: FEB }), 'SECTION_HAS_ACTIVE_PRODUCTS');
      expectRule(await admin.closeSection('close-staffed', { occurredAt: FEB }), 'SECTION_HAS_EMPLOYEES');
      expect(await head()).toBe(before);

      await admin.retireProduct('close-product', { occurredAt: FEB }).expect(200);
      await admin.closeSection('close-owner', { occurredAt: MAR }).expect(200);
    });

    it('refuses to close a section whose product moves in after the closing date', async () => {
      await section('close-later');
      await section('close-elsewhere');
      await admin.createProduct('close-elsewhere', { id: 'close-mover', occurredAt: JAN }).expect(201);
      await admin.transferProduct('close-mover', 'close-later', { occurredAt: MAR }).expect(200);
      await admin.transferProduct('close-mover', 'close-elsewhere', { occurredAt: '2025-03-20T09:00:00Z' }).expect(200);
      expectRule(await admin.closeSection('close-later', { occurredAt: FEB }), 'SECTION_HAS_ACTIVE_PRODUCTS');
      await admin.closeSection('close-later', { occurredAt: '2025-03-21T09:00:00Z' }).expect(200);
    });

    it('refuses a change dated before the last one', async () => {
      await section('dated', { occurredAt: FEB });
      expectRule(await admin.renameSection('dated', { occurredAt: JAN }), 'DATED_BEFORE_LAST_CHANGE');
    });
  });

  describe('positions', () => {
    it('creates, renames and retires a position', async () => {
      await section('pos-section');
      const created = await staff.createPosition({ id: 'pos-1', sectionId: 'pos-section', occurredAt: JAN }).expect(201);
      expect(created.body).toEqual({ id: 'pos-1', revision: expect.any(Number), position: expect.stringMatching(POSITION) });
      expectRule(await staff.createPosition({ id: 'pos-1' }), 'POSITION_EXISTS');
      await staff.renamePosition('pos-1', { title: 'Senior inspector', occurredAt: FEB }).expect(200);
      const retired = await staff.retirePosition('pos-1', { occurredAt: MAR }).expect(200);
      expect((await read('/positions/pos-1', { minPosition: retired.body.position }).expect(200)).body).toMatchObject({
        title: 'Senior inspector',
        sectionId: 'pos-section',
        status: 'retired',
        until: '2025-03-10T09:00:00.000Z',
      });
      expectRule(await staff.renamePosition('pos-1', { occurredAt: MAR }), 'POSITION_RETIRED');
    });

    it('refuses to retire a position somebody holds, and a hire dated before the position existed', async () => {
      await section('held-section');
      await staff.createPosition({ id: 'held', occurredAt: FEB }).expect(201);
      expectRule(await staff.hire('held', 'held-section', { occurredAt: JAN }), 'POSITION_NOT_YET_CREATED');
      await staff.hire('held', 'held-section', { id: 'holder', occurredAt: FEB }).expect(201);
      expectRule(await staff.retirePosition('held', { occurredAt: MAR }), 'POSITION_HELD');
      await staff.recordDeparture('holder', { occurredAt: MAR }).expect(200);
      await staff.retirePosition('held', { occurredAt: MAR }).expect(200);
    });

    it('lets an admin manage positions too', async () => {
      await admin.createPosition({ id: 'admin-position' }).expect(201);
    });
  });

  describe('products and funnels', () => {
    it('creates a product in its own stream, renames, transfers and retires it', async () => {
      await section('prod-a');
      await section('prod-b');
      const created = await admin.createProduct('prod-a', { id: 'landing-1', kind: 'funnel', name: 'Landing funnel', occurredAt: JAN }).expect(201);
      expect(created.body).toEqual({ id: 'landing-1', revision: 0, position: expect.stringMatching(POSITION) });
      expect((await collect(api.stores.events.readStream('product-landing-1'))).map((event) => event.type)).toEqual(['ProductCreated']);
      expectRule(await admin.createProduct('prod-a', { id: 'landing-1' }), 'PRODUCT_EXISTS');

      await admin.renameProduct('landing-1', { name: 'Webinar funnel', occurredAt: FEB }).expect(200);
      const same = await admin.transferProduct('landing-1', 'prod-a', { occurredAt: FEB }).expect(200);
      expect(same.body.position).toBeNull();
      await admin.transferProduct('landing-1', 'prod-b', { occurredAt: FEB }).expect(200);
      const retired = await admin.retireProduct('landing-1', { occurredAt: MAR }).expect(200);
      expect(retired.body.revision).toBe(3);

      expect((await read('/products/landing-1', { minPosition: retired.body.position }).expect(200)).body).toMatchObject({
        kind: 'funnel',
        name: 'Webinar funnel',
        sectionId: 'prod-b',
        status: 'retired',
      });
      expectRule(await admin.renameProduct('landing-1', { occurredAt: MAR }), 'PRODUCT_RETIRED');
    });

    it('refuses an owner section that is closed, and names an unknown one', async () => {
      await section('prod-closed');
      await admin.closeSection('prod-closed', { occurredAt: FEB }).expect(200);
      expectRule(await admin.createProduct('prod-closed', { occurredAt: MAR }), 'SECTION_CLOSED');
      expectProblem(await admin.createProduct('no-such-section'), 400, 'sectionId');
    });
  });

  describe('employees', () => {
    it('hires, moves and records the departure of an employee', async () => {
      await section('emp-care');
      await section('emp-quality');
      await staff.createPosition({ id: 'emp-agent', sectionId: 'emp-care', occurredAt: JAN }).expect(201);
      await staff.createPosition({ id: 'emp-inspector', sectionId: 'emp-quality', occurredAt: JAN }).expect(201);

      const hired = await staff.hire('emp-agent', 'emp-care', { id: 'emp-1', occurredAt: JAN }).expect(201);
      expect(hired.body).toEqual({ id: 'emp-1', revision: 0, position: expect.stringMatching(POSITION) });
      expectRule(await staff.hire('emp-agent', 'emp-care', { id: 'emp-1' }), 'EMPLOYEE_EXISTS');
      expectRule(await staff.moveEmployee('emp-1', { sectionId: 'emp-quality', occurredAt: FEB }), 'POSITION_OF_ANOTHER_SECTION');
      await staff.moveEmployee('emp-1', { positionId: 'emp-inspector', sectionId: 'emp-quality', occurredAt: FEB }).expect(200);
      const left = await staff.recordDeparture('emp-1', { reason: 'Moved to another city', occurredAt: MAR }).expect(200);
      expectRule(await staff.moveEmployee('emp-1', { positionId: 'emp-agent', sectionId: 'emp-care', occurredAt: MAR }), 'EMPLOYEE_LEFT');

      const view = await read('/employees/emp-1', { minPosition: left.body.position }).expect(200);
      expect(view.body).toMatchObject({ name: 'Anna Petrova', positionId: 'emp-inspector', sectionId: 'emp-quality', status: 'left' });
      expect(view.body.history).toEqual([
        { positionId: 'emp-agent', sectionId: 'emp-care', status: 'employed', from: '2025-01-10T09:00:00.000Z' },
        { positionId: 'emp-inspector', sectionId: 'emp-quality', status: 'employed', from: '2025-02-10T09:00:00.000Z' },
        { positionId: 'emp-inspector', sectionId: 'emp-quality', status: 'left', from: '2025-03-10T09:00:00.000Z' },
      ]);
    });

    it('refuses a retired position and names an unknown one', async () => {
      await section('emp-any');
      await staff.createPosition({ id: 'emp-old', occurredAt: JAN }).expect(201);
      await staff.retirePosition('emp-old', { occurredAt: FEB }).expect(200);
      expectRule(await staff.hire('emp-old', 'emp-any', { occurredAt: MAR }), 'POSITION_RETIRED');
      expectProblem(await staff.hire('no-such-position', 'emp-any'), 400, 'positionId');
    });
  });

  describe('entries that do not exist', () => {
    it('answers 404 to a read or a change of an unknown entry, appending nothing', async () => {
      await staff.createPosition({ id: 'unknown-check' }).expect(201);
      const before = await head();
      for (const response of [
        await read('/sections/nowhere'),
        await read('/positions/nowhere'),
        await read('/products/nowhere'),
        await read('/employees/nowhere'),
        await admin.renameSection('nowhere'),
        await admin.changeValuableFinalProduct('nowhere'),
        await admin.moveSection('nowhere', null),
        await admin.closeSection('nowhere'),
        await staff.renamePosition('nowhere'),
        await staff.retirePosition('nowhere'),
        await admin.renameProduct('nowhere'),
        await admin.retireProduct('nowhere'),
        await staff.moveEmployee('nowhere', { positionId: 'unknown-check' }),
        await staff.recordDeparture('nowhere'),
      ]) {
        expectProblem(response, 404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
      expect(await head()).toBe(before);
    });
  });

  describe('roles', () => {
    it('answers 401 without a key or with an unknown one', async () => {
      for (const response of [
        await api.http().post('/sections').send({ name: 'S', valuableFinalProduct: 'x' }),
        await api.http().post('/employees').set('Authorization', 'Bearer ql_unknown').send({}),
        await api.http().get('/products'),
        await api.http().get('/org-chart'),
      ]) {
        expectProblem(response, 401);
      }
    });

    it('lets admins manage sections and products, HR positions and employees, and every role read', async () => {
      await section('roles-section');
      await staff.createPosition({ id: 'roles-position' }).expect(201);
      await staff.hire('roles-position', 'roles-section', { id: 'roles-employee' }).expect(201);
      const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'Anna', roles: ['employee'], employeeId: 'roles-employee' }).expect(201);
      const employee = bearer(issued.body.key);
      const [agent, inspector] = await Promise.all([keyWith(api, 'care-agent'), keyWith(api, 'quality-inspector')]);
      const before = await head();
      for (const response of [
        await staff.createSection(),
        await staff.createProduct('roles-section'),
        await orgDesk(api, auditor).createPosition(),
        await orgDesk(api, inspector).hire('x', 'roles-section'),
        await orgDesk(api, employee).renameSection('roles-section'),
      ]) {
        expectProblem(response, 403);
      }
      expect(await head()).toBe(before);
      for (const auth of [agent, employee, inspector, hr, auditor, asAdmin]) {
        await read('/sections/roles-section', {}, auth).expect(200);
        await read('/org-chart', {}, auth).expect(200);
      }
    });
  });

  describe('bad input', () => {
    const future = () => new Date(Date.now() + 3_600_000).toISOString();

    beforeAll(async () => {
      await section('bad-section');
      await staff.createPosition({ id: 'bad-position', occurredAt: JAN }).expect(201);
    });

    it.each<[string, () => Promise<Response>, string]>([
      ['an unknown field', () => admin.createSection({ manager: 'Ann' }), 'manager'],
      ['a section id that is no id', () => admin.createSection({ id: 'quality control' }), 'id'],
      ['a name of the wrong type', () => admin.createSection({ name: 7 }), 'name'],
      ['a blank name', () => admin.createSection({ name: '  ' }), 'name'],
      ['no valuable final product', () => admin.createSection({ valuableFinalProduct: undefined }), 'valuableFinalProduct'],
      ['an unknown parent', () => admin.createSection({ parentId: 'no-such-parent' }), 'parentId'],
      ['a future occurredAt', () => admin.createSection({ occurredAt: future() }), 'occurredAt'],
      ['an occurredAt without a zone', () => admin.createSection({ occurredAt: '2025-01-10T09:00:00' }), 'occurredAt'],
      ['an occurredAt that is no date', () => admin.renameSection('bad-section', { occurredAt: '2025-02-30T09:00:00Z' }), 'occurredAt'],
      ['a move without a parent', () => admin.moveSection('bad-section', undefined as unknown as null), 'parentId'],
      ['a parent that is no id', () => admin.moveSection('bad-section', 'a/b'), 'parentId'],
      ['a path id that is no id', () => admin.renameSection('bad%20section'), 'id'],
      ['an unknown kind of product', () => admin.createProduct('bad-section', { kind: 'service' }), 'kind'],
      ['a product without a section', () => admin.createProduct(undefined as unknown as string), 'sectionId'],
      ['an e-mail address as a name', () => staff.hire('bad-position', 'bad-section', { name: 'anna@example.com' }), 'name'],
      ['a move that says nowhere', () => staff.moveEmployee('someone', {}), 'positionId'],
      ['an unknown section for a position', () => staff.createPosition({ sectionId: 'no-such-section' }), 'sectionId'],
      ['a garbled If-Match', () => admin.renameSection('bad-section', {}, { 'If-Match': 'W/"1"' }), 'If-Match'],
      ['a body that is no object', () => api.http().post('/sections/bad-section/closure').set(asAdmin).send([1]), 'body'],
    ])('answers %s with a 400 naming the field, appending nothing', (_name, send, field) => expectInvalid(api, send, field));
  });

  describe('concurrency and retries', () => {
    it('answers 412 when If-Match names a revision the structure has left, and goes through with the current one', async () => {
      const created = await section('pinned');
      await section('pinned-other');
      expectProblem(await admin.renameSection('pinned', {}, { 'If-Match': String(created.body.revision) }), 412);
      const [last] = (await collect(api.stores.events.readStream('orgStructure-main'))).slice(-1);
      await admin.renameSection('pinned', {}, { 'If-Match': `"${last!.revision}"` }).expect(200);
    });

    it('answers 412 when If-Match names a revision a product has left', async () => {
      await section('pinned-owner');
      await admin.createProduct('pinned-owner', { id: 'pinned-product' }).expect(201);
      await admin.renameProduct('pinned-product', { name: 'Second' }).expect(200);
      const stale = await admin.renameProduct('pinned-product', { name: 'Third' }, { 'If-Match': '0' });
      expectProblem(stale, 412);
      expect(stale.body.code).toBe('REVISION_MISMATCH');
    });

    it('replays a hire retried with the same Idempotency-Key: the same employee, nothing appended', async () => {
      await section('retry-section');
      await staff.createPosition({ id: 'retry-position' }).expect(201);
      const first = await staff.hire('retry-position', 'retry-section', {}, { 'Idempotency-Key': 'hire-once' }).expect(201);
      const before = await head();
      const retry = await staff.hire('retry-position', 'retry-section', {}, { 'Idempotency-Key': 'hire-once' }).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await head()).toBe(before);
    });
  });

  describe('the directory for other contexts', () => {
    it('finds an entry created a moment ago, waiting for the catalogue to catch up', async () => {
      const directory = api.app.get(OrganisationDirectory);
      await section('dir-section');
      const created = await admin.createProduct('dir-section', { id: 'dir-product', name: 'Welcome email' }).expect(201);
      expect(await directory.product(created.body.id, 'productId')).toMatchObject({
        id: 'dir-product',
        name: 'Welcome email',
        kind: 'product',
        sectionId: 'dir-section',
        status: 'active',
      });
      await staff.createPosition({ id: 'dir-position', sectionId: 'dir-section' }).expect(201);
      await staff.hire('dir-position', 'dir-section', { id: 'dir-employee', name: 'Boris Ivanov' }).expect(201);
      expect(await directory.employee('dir-employee', 'employeeId')).toMatchObject({
        name: 'Boris Ivanov',
        positionId: 'dir-position',
        sectionId: 'dir-section',
        status: 'employed',
      });
      expect(await directory.position('dir-position', 'positionId')).toMatchObject({ title: 'Quality inspector', sectionId: 'dir-section' });
      expect(await directory.section('dir-section', 'sectionId')).toMatchObject({ name: 'Quality control', status: 'open' });
    });

    it('calls an unknown id bad input, naming the field it came in', async () => {
      const directory = api.app.get(OrganisationDirectory);
      await expect(directory.product('no-such-product', 'deliverable.productId')).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'deliverable.productId', message: expect.any(String) }],
      });
    });
  });

  it('documents every organisation route in /docs-json with bearer security and its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operations: [string, string, string][] = [
      ['/sections', 'post', 'admin'],
      ['/sections', 'get', 'admin, quality-inspector'],
      ['/sections/{id}', 'get', 'admin, quality-inspector'],
      ['/sections/{id}/rename', 'post', 'admin'],
      ['/sections/{id}/valuable-final-product', 'post', 'admin'],
      ['/sections/{id}/move', 'post', 'admin'],
      ['/sections/{id}/closure', 'post', 'admin'],
      ['/positions', 'post', 'hr, admin'],
      ['/positions', 'get', 'admin, quality-inspector'],
      ['/positions/{id}', 'get', 'admin, quality-inspector'],
      ['/positions/{id}/rename', 'post', 'hr, admin'],
      ['/positions/{id}/retirement', 'post', 'hr, admin'],
      ['/products', 'post', 'admin'],
      ['/products', 'get', 'admin, quality-inspector'],
      ['/products/{id}', 'get', 'admin, quality-inspector'],
      ['/products/{id}/rename', 'post', 'admin'],
      ['/products/{id}/transfer', 'post', 'admin'],
      ['/products/{id}/retirement', 'post', 'admin'],
      ['/employees', 'post', 'hr, admin'],
      ['/employees', 'get', 'admin, quality-inspector'],
      ['/employees/{id}', 'get', 'admin, quality-inspector'],
      ['/employees/{id}/move', 'post', 'hr, admin'],
      ['/employees/{id}/departure', 'post', 'hr, admin'],
      ['/org-chart', 'get', 'admin, quality-inspector'],
    ];
    for (const [path, method, roles] of operations) {
      const operation = document.paths[path]?.[method];
      expect(operation).toMatchObject({ security: [{ bearer: [] }], tags: ['organisation'], description: expect.stringContaining(`Roles: ${roles}`) });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
    expect(document.paths['/sections/{id}/move'].post.responses['409'].description).toContain('SECTION_CYCLE');
    for (const [schema, fields] of [
      ['SectionView', ['id', 'name', 'valuableFinalProduct', 'parentId', 'status', 'since', 'until', 'lastChangedAt', 'history', 'position']],
      ['EmployeeSummaryView', ['id', 'name', 'positionId', 'sectionId', 'status', 'since', 'until', 'lastChangedAt']],
      ['OrgChartAnswer', ['at', 'asOf', 'sections', 'companyPositions']],
    ] as const) {
      expect(Object.keys(document.components.schemas[schema].properties)).toEqual(expect.arrayContaining([...fields]));
    }
  });
});

describe('the organisation directory while the catalogue is behind the log', () => {
  it('waits for the catalogue to reach the head of the log before calling an id unknown', async () => {
    const api = await startTestApp({ env: { PROJECTIONS: 'off', READ_YOUR_WRITES_TIMEOUT_MS: '1000' } });
    const host = new ProjectionHost([organisation], api.stores.events, api.stores.reads);
    try {
      await orgDesk(api, asAdmin).createSection({ id: 'behind' }).expect(201);
      const directory = api.app.get(OrganisationDirectory);
      await expect(directory.section('behind', 'sectionId')).rejects.toMatchObject({ code: 'READ_MODEL_BEHIND' });

      host.start();
      expect(await directory.section('behind', 'sectionId')).toMatchObject({ id: 'behind', status: 'open' });
      await expect(directory.section('never-created', 'sectionId')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    } finally {
      await host.stop();
      await api.destroy();
    }
  });
});
