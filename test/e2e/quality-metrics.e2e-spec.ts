import { employeeKey, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { seedCatalogue } from '../support/organisation.js';
import { checklistDesk, fail, inspected, inspectionDesk, landingChecklist, pass, QUALITY_CATALOGUE } from '../support/quality.js';
import { momentAfter, type RecordedMoment } from '../support/moments.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const TEMPLATE = 'metrics-landing';
const SECTION = 'section-m';

/** Scores are sums of fractions, corrections included: compared to 9 decimals. */
function near<T>(value: T): T {
  if (typeof value === 'number' && !Number.isInteger(value)) return expect.closeTo(value, 9) as T;
  if (Array.isArray(value)) return value.map(near) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, near(entry)])) as T;
  return value;
}

/**
 * Three chains of one section, on template `metrics-landing` (mobile 3 critical, price 2, fonts 1):
 * - C1, author emp-x: attempt 1 by inspector A fails on the price, 4/6, on Mon Jan 6 2025 (started
 *   09:00); its re-inspection by B passes, 1, on Jan 8 at 11:00: 50 hours after the chain started.
 * - C2, author emp-y: inspector A passes it at 5/6 (fonts failed) on Jan 13, 2 hours after the start.
 * - C3, author emp-y, under version 2: inspector B fails it on the critical mobile criterion, 3/6, on
 *   Mon Feb 3; emp-y disputes, and A accepts the dispute: it passes with 1, still dated Feb 3 (2 hours).
 */
describe('GET /metrics/inspections', () => {
  let api: TestApp;
  let reader: Auth;
  /** The position of C3's dispute: everything but the resolution. */
  let beforeResolution: RecordedMoment;
  let lastPosition: string;
  let c3: string;

  beforeAll(async () => {
    api = await startTestApp();
    await seedCatalogue(api, QUALITY_CATALOGUE, { sections: [SECTION], products: { 'product-m': SECTION }, employees: ['emp-x', 'emp-y'] });
    reader = await keyWith(api, 'council-member');
    const inspectorA = inspectionDesk(api, await employeeKey(api, 'emp-insp-a', 'quality-inspector'));
    const inspectorB = inspectionDesk(api, await employeeKey(api, 'emp-insp-b', 'quality-inspector'));
    const authorY = inspectionDesk(api, await employeeKey(api, 'emp-y'));
    const templates = checklistDesk(api, asAdmin);
    await templates.publish({ id: TEMPLATE, occurredAt: '2025-01-01T09:00:00Z' }).expect(201);
    await templates.publishVersion(TEMPLATE, { ...landingChecklist, passMark: 0.9, occurredAt: '2025-01-20T09:00:00Z' }).expect(201);
    const at = { sectionId: SECTION, productId: 'product-m' };

    const c1 = await inspected(inspectorA, TEMPLATE, [pass('mobile'), fail('price'), pass('fonts')], {
      startedAt: '2025-01-06T09:00:00Z',
      body: { ...at, authorId: 'emp-x' },
    });
    await inspected(inspectorB, TEMPLATE, [pass('mobile'), pass('price'), pass('fonts')], {
      startedAt: '2025-01-08T09:00:00Z',
      body: { ...at, authorId: 'emp-x', reinspectionOf: c1.id },
    });
    await inspected(inspectorA, TEMPLATE, [pass('mobile'), pass('price'), fail('fonts')], {
      startedAt: '2025-01-13T09:00:00Z',
      body: { ...at, authorId: 'emp-y' },
    });
    c3 = (
      await inspected(inspectorB, TEMPLATE, [fail('mobile'), pass('price'), pass('fonts')], {
        startedAt: '2025-02-03T09:00:00Z',
        body: { ...at, authorId: 'emp-y', templateVersion: 2 },
      })
    ).id;
    const disputed = await authorY.dispute(c3, { comment: 'It renders on every phone we have' }).expect(200);
    // The resolution is recorded after this moment.
    beforeResolution = await momentAfter(api, disputed.body.position);
    lastPosition = (await inspectorA.resolve(c3, { outcome: 'accepted' }).expect(200)).body.position;
  });

  afterAll(async () => {
    await api.destroy();
  });

  function metrics(query: Record<string, string> = {}, auth: Auth = reader, path = '/metrics/inspections') {
    return api.http().get(path).set(auth).query({ sectionId: SECTION, minPosition: lastPosition, ...query });
  }
  const rows = async (query: Record<string, string>, path?: string) => (await metrics(query, reader, path).expect(200)).body.rows;

  const allAsKnownNow = {
    group: {},
    inspections: 4,
    passed: 3,
    failed: 1,
    passRate: 0.75,
    meanScore: (4 / 6 + 1 + 5 / 6 + 1) / 4,
    firstAttempts: 3,
    firstAttemptsPassed: 2,
    firstTimePassRate: 2 / 3,
    meanReinspectionsUntilPass: 1 / 3,
    meanHoursToPass: (50 + 2 + 2) / 3,
  };
  const allAsKnownBeforeResolution = {
    group: {},
    inspections: 4,
    passed: 2,
    failed: 2,
    passRate: 0.5,
    meanScore: (4 / 6 + 1 + 5 / 6 + 0.5) / 4,
    firstAttempts: 3,
    firstAttemptsPassed: 1,
    firstTimePassRate: 1 / 3,
    meanReinspectionsUntilPass: 0.5,
    meanHoursToPass: (50 + 2) / 2,
  };

  it('computes pass rate, mean score, first-time pass rate, re-inspections and hours until pass, as known now', async () => {
    const response = await metrics().expect(200);
    expect(response.body.rows).toEqual([near(allAsKnownNow)]);
    expect(BigInt(response.body.asOf.position)).toBeGreaterThanOrEqual(BigInt(lastPosition));
  });

  it('reproduces the numbers as known before the dispute was resolved, as of a position or a time', async () => {
    const byPosition = await metrics({ asOf: beforeResolution.position }).expect(200);
    expect(byPosition.body).toEqual({ asOf: { position: beforeResolution.position }, rows: [near(allAsKnownBeforeResolution)] });
    const byTime = await metrics({ asOf: beforeResolution.time }).expect(200);
    expect(byTime.body).toEqual({
      asOf: { position: beforeResolution.position, time: beforeResolution.time },
      rows: [near(allAsKnownBeforeResolution)],
    });
  });

  it('changes February, the month of the original verdict, and not the month of the resolution', async () => {
    const january = {
      group: { period: '2025-01-01' },
      inspections: 3,
      passed: 2,
      failed: 1,
      passRate: 2 / 3,
      meanScore: (4 / 6 + 1 + 5 / 6) / 3,
      firstAttempts: 2,
      firstAttemptsPassed: 1,
      firstTimePassRate: 0.5,
      meanReinspectionsUntilPass: 0.5,
      meanHoursToPass: 26,
    };
    expect(await rows({ groupBy: 'month' })).toEqual(
      near([
        january,
        {
          group: { period: '2025-02-01' },
          inspections: 1,
          passed: 1,
          failed: 0,
          passRate: 1,
          meanScore: 1,
          firstAttempts: 1,
          firstAttemptsPassed: 1,
          firstTimePassRate: 1,
          meanReinspectionsUntilPass: 0,
          meanHoursToPass: 2,
        },
      ]),
    );
    expect(await rows({ groupBy: 'month', asOf: beforeResolution.position })).toEqual(
      near([
        january,
        {
          group: { period: '2025-02-01' },
          inspections: 1,
          passed: 0,
          failed: 1,
          passRate: 0,
          meanScore: 0.5,
          firstAttempts: 1,
          firstAttemptsPassed: 0,
          firstTimePassRate: 0,
          meanReinspectionsUntilPass: null,
          meanHoursToPass: null,
        },
      ]),
    );
  });

  it('counts by the inspector who gave the verdict, and by author', async () => {
    expect(await rows({ groupBy: 'inspector' })).toEqual(
      near([
        {
          group: { inspectorId: 'emp-insp-a' },
          inspections: 2,
          passed: 1,
          failed: 1,
          passRate: 0.5,
          meanScore: (4 / 6 + 5 / 6) / 2,
          firstAttempts: 2,
          firstAttemptsPassed: 1,
          firstTimePassRate: 0.5,
          meanReinspectionsUntilPass: 0,
          meanHoursToPass: 2,
        },
        {
          group: { inspectorId: 'emp-insp-b' },
          inspections: 2,
          passed: 2,
          failed: 0,
          passRate: 1,
          meanScore: 1,
          firstAttempts: 1,
          firstAttemptsPassed: 1,
          firstTimePassRate: 1,
          meanReinspectionsUntilPass: 0.5,
          meanHoursToPass: 26,
        },
      ]),
    );
    const byAuthor = await rows({ groupBy: 'author' });
    expect(byAuthor.map((row: { group: object; passRate: number; meanHoursToPass: number }) => [row.group, row.passRate, row.meanHoursToPass])).toEqual(
      near([
        [{ authorId: 'emp-x' }, 0.5, 50],
        [{ authorId: 'emp-y' }, 1, 2],
      ]),
    );
  });

  it('keeps each score under its template version', async () => {
    const byTemplate = await rows({ groupBy: 'template' });
    expect(byTemplate.map((row: { group: object; inspections: number; meanScore: number }) => [row.group, row.inspections, row.meanScore])).toEqual(
      near([
        [{ templateId: TEMPLATE, templateVersion: 1 }, 3, (4 / 6 + 1 + 5 / 6) / 3],
        [{ templateId: TEMPLATE, templateVersion: 2 }, 1, 1],
      ]),
    );
    expect((await rows({ templateId: TEMPLATE, templateVersion: '2' }))[0]).toMatchObject({ inspections: 1, passed: 1 });
  });

  it('groups by day, ISO week, section and product, and filters by business dates and people', async () => {
    const periods = async (query: Record<string, string>) => (await rows(query)).map((row: { group: { period: string } }) => row.group.period);
    expect(await periods({ groupBy: 'day' })).toEqual(['2025-01-06', '2025-01-08', '2025-01-13', '2025-02-03']);
    expect(await periods({ groupBy: 'week' })).toEqual(['2025-01-06', '2025-01-13', '2025-02-03']);
    expect(await periods({ groupBy: 'day', from: '2025-01-07', to: '2025-02-03' })).toEqual(['2025-01-08', '2025-01-13']);
    expect((await rows({ groupBy: 'section' })).map((row: { group: object }) => row.group)).toEqual([{ sectionId: SECTION }]);
    expect((await rows({ groupBy: 'product' })).map((row: { group: object }) => row.group)).toEqual([{ productId: 'product-m' }]);
    expect((await rows({ authorId: 'emp-x', inspectorId: 'emp-insp-b' }))[0]).toMatchObject({ inspections: 1, passed: 1, meanReinspectionsUntilPass: 1 });
    expect(await rows({ productId: 'no-such-product' })).toEqual([]);
  });

  describe('failures per criterion', () => {
    const path = '/metrics/inspections/criteria';
    const criterion = (templateVersion: number, criterionId: string, critical: boolean, failed: number) => ({
      group: { templateId: TEMPLATE, templateVersion, criterionId },
      critical,
      checked: templateVersion === 1 ? 3 : 1,
      applicable: templateVersion === 1 ? 3 : 1,
      failed,
      failureRate: failed / (templateVersion === 1 ? 3 : 1),
    });

    it('counts the failures of each criterion of each version, the most failed first', async () => {
      expect(await rows({}, path)).toEqual(
        near([
          criterion(1, 'fonts', false, 1),
          criterion(1, 'price', false, 1),
          criterion(1, 'mobile', true, 0),
          criterion(2, 'fonts', false, 0),
          criterion(2, 'mobile', true, 0),
          criterion(2, 'price', false, 0),
        ]),
      );
    });

    it('counts the critical failure the dispute took back, as known before the resolution', async () => {
      const before = await metrics({ asOf: beforeResolution.position, templateId: TEMPLATE, templateVersion: '2' }, reader, path).expect(200);
      expect(before.body).toEqual({
        asOf: { position: beforeResolution.position },
        rows: [criterion(2, 'mobile', true, 1), criterion(2, 'fonts', false, 0), criterion(2, 'price', false, 0)],
      });
    });

    it('groups by period', async () => {
      const monthly = await rows({ groupBy: 'month', templateId: TEMPLATE, templateVersion: '1' }, path);
      expect(monthly.map((row: { group: { period: string; criterionId: string }; failed: number }) => [row.group.period, row.group.criterionId, row.failed])).toEqual([
        ['2025-01-01', 'fonts', 1],
        ['2025-01-01', 'price', 1],
        ['2025-01-01', 'mobile', 0],
      ]);
    });
  });

  it('shows the original verdict and the revised one on the inspection', async () => {
    const inspection = await api.http().get(`/inspections/${c3}`).set(reader).expect(200);
    expect(inspection.body).toMatchObject({ original: { verdict: 'failed', score: 0.5, criticalFailed: true }, revised: { verdict: 'passed', score: 1 } });
  });

  const INSPECTIONS = '/metrics/inspections';
  const CRITERIA = '/metrics/inspections/criteria';

  it.each<[string, string, Record<string, string>, string]>([
    ['an unknown grouping', INSPECTIONS, { groupBy: 'year' }, 'groupBy'],
    ['a grouping the criteria do not have', CRITERIA, { groupBy: 'inspector' }, 'groupBy'],
    ['a version without its template', INSPECTIONS, { templateVersion: '2' }, 'templateVersion'],
    ['a version without its template, for the criteria', CRITERIA, { templateVersion: '2' }, 'templateVersion'],
    ['a version that is no number', INSPECTIONS, { templateId: TEMPLATE, templateVersion: 'two' }, 'templateVersion'],
    ['a from that is no date', INSPECTIONS, { from: '2025-1-1' }, 'from'],
    ['a to that is not after from', CRITERIA, { from: '2025-02-01', to: '2025-01-01' }, 'to'],
    ['an author that is no id', INSPECTIONS, { authorId: 'emp x' }, 'authorId'],
    ['an asOf in the future', INSPECTIONS, { asOf: '2999-01-01T00:00:00Z' }, 'asOf'],
    ['an asOf beyond the log', CRITERIA, { asOf: '99999999999999999999' }, 'asOf'],
    ['an unknown parameter', INSPECTIONS, { verdict: 'passed' }, 'verdict'],
  ])('answers %s (%s) with a 400 naming the parameter', async (_name, path, query, field) => {
    expectProblem(await metrics(query, reader, path), 400, field);
  });

  describe('roles', () => {
    it('serves inspectors, the council, auditors and admins', async () => {
      for (const roles of [['quality-inspector'], ['council-chair'], ['auditor']]) {
        const auth = await keyWith(api, ...roles);
        await metrics({}, auth).expect(200);
        await metrics({}, auth, '/metrics/inspections/criteria').expect(200);
      }
      await metrics({}, asAdmin).expect(200);
    });

    it('answers 401 without a key and 403 to other roles', async () => {
      expectProblem(await api.http().get('/metrics/inspections'), 401);
      expectProblem(await api.http().get('/metrics/inspections/criteria'), 401);
      expectProblem(await metrics({}, await keyWith(api, 'care-lead')), 403);
      expectProblem(await metrics({}, await employeeKey(api, 'emp-y'), '/metrics/inspections/criteria'), 403);
    });
  });

  it('documents both metric routes with bearer security and their readers', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    for (const path of ['/metrics/inspections', '/metrics/inspections/criteria']) {
      expect(document.paths[path].get).toMatchObject({
        security: [{ bearer: [] }],
        tags: ['metrics'],
        description: expect.stringMatching(/^Roles: quality-inspector, council-member, council-chair, auditor, admin\./),
      });
    }
  });
});
