import { expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { idsOf, orgDesk } from '../support/organisation.js';
import { everyPage } from '../support/pages.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const day = (date: string) => `${date}T09:00:00Z`;

/**
 * A small company through the first months of 2025 (all changes at 09:00 UTC):
 *   Jan 1   Company, with Quality and Care under it; the Landing page (Quality)
 *   Jan 2   the Sales funnel (Care);  Jan 3  the Welcome email (Quality)
 *   Jan 5   Anna hired as care agent in Care;  Jan 20  Cid hired as care agent in Care
 *   Feb 1   Care renamed Care desk;  Feb 15  Boris hired as inspector in Quality
 *   Mar 1   the Sales funnel moves to Quality; Anna moves to Quality as inspector
 *   Mar 15  Cid leaves;  Apr 1  Care desk closes, empty
 */
describe('the organisation as of a business date, and as known at a moment', () => {
  let api: TestApp;
  let reader: Auth;
  /** Positions returned by the commands that mark the moments. */
  let annHired: string;
  let last: string;

  beforeAll(async () => {
    api = await startTestApp();
    reader = await keyWith(api, 'care-agent');
    const admin = orgDesk(api, asAdmin);
    const section = (id: string, name: string, parentId?: string) =>
      admin.createSection({ id, name, valuableFinalProduct: `${name} delivered`, ...(parentId && { parentId }), occurredAt: day('2025-01-01') }).expect(201);

    await section('company', 'Company');
    await section('quality', 'Quality', 'company');
    await section('care', 'Care', 'company');
    await admin.createPosition({ id: 'agent', title: 'Care agent', sectionId: 'care', occurredAt: day('2025-01-01') }).expect(201);
    await admin.createPosition({ id: 'inspector', title: 'Quality inspector', sectionId: 'quality', occurredAt: day('2025-01-01') }).expect(201);
    await admin.createProduct('quality', { id: 'landing', name: 'Landing page', occurredAt: day('2025-01-01') }).expect(201);
    await admin.createProduct('care', { id: 'funnel', kind: 'funnel', name: 'Sales funnel', occurredAt: day('2025-01-02') }).expect(201);
    await admin.createProduct('quality', { id: 'email', name: 'Welcome email', occurredAt: day('2025-01-03') }).expect(201);
    annHired = (await admin.hire('agent', 'care', { id: 'anna', name: 'Anna Petrova', occurredAt: day('2025-01-05') }).expect(201)).body.position;
    await admin.hire('agent', 'care', { id: 'cid', name: 'Cid Moss', occurredAt: day('2025-01-20') }).expect(201);
    await admin.renameSection('care', { name: 'Care desk', occurredAt: day('2025-02-01') }).expect(200);
    await admin.hire('inspector', 'quality', { id: 'boris', name: 'Boris Ivanov', occurredAt: day('2025-02-15') }).expect(201);
    await admin.transferProduct('funnel', 'quality', { occurredAt: day('2025-03-01') }).expect(200);
    await admin.moveEmployee('anna', { positionId: 'inspector', sectionId: 'quality', occurredAt: day('2025-03-01') }).expect(200);
    await admin.recordDeparture('cid', { occurredAt: day('2025-03-15') }).expect(200);
    last = (await admin.closeSection('care', { occurredAt: day('2025-04-01') }).expect(200)).body.position;
  });

  afterAll(async () => {
    await api.destroy();
  });

  function read(path: string, query: Record<string, string | number> = {}) {
    return api.http().get(path).set(reader).query({ minPosition: last, ...query });
  }

  describe('who was employed where', () => {
    it.each<[string, string, string[]]>([
      ['nobody in Care before Anna was hired', '2025-01-04', []],
      ['Anna alone in Care on Jan 10', '2025-01-10', ['anna']],
      ['Anna and Cid in Care in February', '2025-02-28', ['anna', 'cid']],
      ['Cid alone in Care the day Anna moved', '2025-03-01', ['cid']],
      ['nobody in Care once Cid left', '2025-03-15', []],
    ])('%s', async (_name, at, expected) => {
      expect(idsOf(await read('/employees', { sectionId: 'care', status: 'employed', at }).expect(200))).toEqual(expected);
    });

    it('shows each employee where they were then', async () => {
      const response = await read('/employees', { positionId: 'inspector', at: '2025-03-01' }).expect(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({ id: 'anna', name: 'Anna Petrova', sectionId: 'quality', status: 'employed', lastChangedAt: '2025-03-01T09:00:00.000Z' }),
        expect.objectContaining({ id: 'boris', sectionId: 'quality', status: 'employed' }),
      ]);
      expect(response.body.items[0].history).toBeUndefined();
    });

    it('lists the employees as they stand now without `at`', async () => {
      expect(idsOf(await read('/employees', { sectionId: 'care' }).expect(200))).toEqual(['cid']);
      expect(idsOf(await read('/employees', { sectionId: 'quality', status: 'employed' }).expect(200))).toEqual(['anna', 'boris']);
    });
  });

  describe('which sections existed', () => {
    it('reads a section as it stood on a day, by its end, or at an instant with an offset', async () => {
      expect((await read('/sections/care', { at: '2025-01-31' }).expect(200)).body).toMatchObject({ name: 'Care', status: 'open' });
      expect((await read('/sections/care', { at: '2025-02-01' }).expect(200)).body).toMatchObject({ name: 'Care desk' });
      expect((await read('/sections/care', { at: '2025-02-01T11:59:59+03:00' }).expect(200)).body.name).toBe('Care');
      expect((await read('/sections/care', { at: '2025-02-01T12:00:00+03:00' }).expect(200)).body.name).toBe('Care desk');
      const closed = await read('/sections/care', { at: '2025-04-01' }).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', until: '2025-04-01T09:00:00.000Z' });
      expect(closed.body.history).toHaveLength(3);
    });

    it('answers 404 for a section on a date before it existed', async () => {
      expectProblem(await read('/sections/care', { at: '2024-12-31' }), 404);
    });

    it('lists the open sub-sections of Company on a date', async () => {
      expect(idsOf(await read('/sections', { parentId: 'company', status: 'open', at: '2025-03-31' }).expect(200))).toEqual(['care', 'quality']);
      expect(idsOf(await read('/sections', { parentId: 'company', status: 'open', at: '2025-04-01' }).expect(200))).toEqual(['quality']);
      expect(idsOf(await read('/sections', { status: 'closed' }).expect(200))).toEqual(['care']);
    });
  });

  describe('paging', () => {
    it('pages through the products a section owned on a date, skipping those it did not own then', async () => {
      const query = { sectionId: 'quality', at: '2025-02-01', limit: 1 };
      const first = await read('/products', query).expect(200);
      expect(idsOf(first)).toEqual(['landing']);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await read('/products', { ...query, cursor: first.body.nextCursor }).expect(200);
      expect(idsOf(second)).toEqual(['email']);
      expect(second.body.nextCursor).toBeNull();
    });

    it('pages through the products as they stand now, in the order they were created', async () => {
      const pages = await everyPage((cursor) => read('/products', { limit: 2, ...cursor }).expect(200));
      expect(pages.map(idsOf)).toEqual([['landing', 'funnel'], ['email']]);
    });

    it('filters products by kind and positions by section', async () => {
      expect(idsOf(await read('/products', { kind: 'funnel' }).expect(200))).toEqual(['funnel']);
      expect(idsOf(await read('/positions', { sectionId: 'care' }).expect(200))).toEqual(['agent']);
    });
  });

  describe('as known at a moment of the log', () => {
    it('reads an employee as known when she was hired, and as known now', async () => {
      const then = await read(`/employees/anna`, { asOf: annHired }).expect(200);
      expect(then.body).toMatchObject({ sectionId: 'care', position: annHired });
      expect(then.body.history).toHaveLength(1);
      expect((await read('/employees/anna').expect(200)).body.history).toHaveLength(2);
    });

    it('answers 404 for an entry not yet known at asOf, and lists only what was known', async () => {
      expectProblem(await read('/employees/boris', { asOf: annHired }), 404);
      expect(idsOf(await read('/employees', { asOf: annHired }).expect(200))).toEqual(['anna']);
    });
  });

  describe('the org chart', () => {
    it('draws the company on Feb 20, stating the date and the position it reflects', async () => {
      const response = await read('/org-chart', { at: '2025-02-20', asOf: last }).expect(200);
      const section = (id: string, name: string, contents: object) => ({
        id,
        name,
        valuableFinalProduct: `${id === 'care' ? 'Care' : name} delivered`,
        products: [],
        positions: [],
        employees: [],
        subsections: [],
        ...contents,
      });
      expect(response.body).toEqual({
        at: '2025-02-20T23:59:59.999Z',
        asOf: { position: last },
        companyPositions: [],
        sections: [
          section('company', 'Company', {
            subsections: [
              section('care', 'Care desk', {
                products: [{ id: 'funnel', name: 'Sales funnel', kind: 'funnel' }],
                positions: [{ id: 'agent', title: 'Care agent' }],
                employees: [
                  { id: 'anna', name: 'Anna Petrova', positionId: 'agent' },
                  { id: 'cid', name: 'Cid Moss', positionId: 'agent' },
                ],
              }),
              section('quality', 'Quality', {
                products: [
                  { id: 'landing', name: 'Landing page', kind: 'product' },
                  { id: 'email', name: 'Welcome email', kind: 'product' },
                ],
                positions: [{ id: 'inspector', title: 'Quality inspector' }],
                employees: [{ id: 'boris', name: 'Boris Ivanov', positionId: 'inspector' }],
              }),
            ],
          }),
        ],
      });
    });

    it('draws it now by default: Care desk closed, everyone in Quality', async () => {
      const response = await read('/org-chart').expect(200);
      expect(Date.parse(response.body.at)).toBeGreaterThan(Date.parse('2025-04-01T09:00:00Z'));
      const [company] = response.body.sections;
      expect(company.subsections.map((sub: { id: string }) => sub.id)).toEqual(['quality']);
      expect(company.subsections[0].employees.map((employee: { id: string }) => employee.id)).toEqual(['anna', 'boris']);
    });

    it('draws the chart of a date as it was known at an earlier moment', async () => {
      const response = await read('/org-chart', { at: '2025-02-20', asOf: annHired }).expect(200);
      expect(response.body.asOf).toEqual({ position: annHired });
      const [company] = response.body.sections;
      expect(company.subsections.map((sub: { name: string; employees: { id: string }[] }) => [sub.name, sub.employees.map((e) => e.id)])).toEqual([
        ['Care', ['anna']],
        ['Quality', []],
      ]);
    });
  });

  describe('bad parameters', () => {
    it.each<[string, string, Record<string, string>, string]>([
      ['a date that does not exist', '/org-chart', { at: '2025-02-30' }, 'at'],
      ['a date-time without an offset', '/employees', { at: '2025-02-01T10:00:00' }, 'at'],
      ['a word for a date', '/sections/care', { at: 'yesterday' }, 'at'],
      ['an unknown status', '/employees', { status: 'fired' }, 'status'],
      ['an unknown kind', '/products', { kind: 'service' }, 'kind'],
      ['a section id that is no id', '/positions', { sectionId: 'a b' }, 'sectionId'],
      ['an unknown parameter', '/sections', { owner: 'me' }, 'owner'],
      ['a forged cursor', '/products', { cursor: Buffer.from('[1]').toString('base64url') }, 'cursor'],
      ['an asOf beyond the log', '/org-chart', { asOf: '999999999' }, 'asOf'],
    ])('answers %s with a 400 naming it', async (_name, path, query, field) => {
      expectProblem(await api.http().get(path).set(reader).query(query), 400, field);
    });
  });
});
