import { expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { seedGapScenario } from '../support/competence.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const coverage = (required: number, met: number) => ({ required, met, coverage: met / required });

/** The scenario is `seedGapScenario`'s: its comment computes the coverage below by hand. */
describe('GET /metrics/gap-coverage', () => {
  let api: TestApp;
  let council: Auth;
  let beforeRaise: string;
  let last: string;

  beforeAll(async () => {
    api = await startTestApp();
    council = await keyWith(api, 'council-member');
    ({ beforeRaise, last } = await seedGapScenario(api));
  });

  afterAll(async () => {
    await api.destroy();
  });

  const metric = (query: Record<string, string>, auth: Auth = council) =>
    api.http().get('/metrics/gap-coverage').set(auth).query({ minPosition: last, ...query });

  it('opens and closes each month in which the coverage changed', async () => {
    const response = await metric({ groupBy: 'month' }).expect(200);
    expect(response.body.rows).toEqual([
      { group: { period: '2025-01-01' }, opening: { required: 0, met: 0, coverage: null }, closing: coverage(8, 4) },
      { group: { period: '2025-02-01' }, opening: coverage(8, 4), closing: coverage(8, 3) },
    ]);
  });

  it('opens a range with every change before it, and closes it with those inside', async () => {
    const response = await metric({ from: '2025-02-01', to: '2025-03-01' }).expect(200);
    expect(response.body.rows).toEqual([{ group: {}, opening: coverage(8, 4), closing: coverage(8, 3) }]);
    const days = await metric({ from: '2025-01-20', to: '2025-02-01', groupBy: 'day' }).expect(200);
    expect(days.body.rows).toEqual([
      { group: { period: '2025-01-20' }, opening: coverage(8, 0), closing: coverage(8, 1) },
      { group: { period: '2025-01-21' }, opening: coverage(8, 1), closing: coverage(8, 3) },
      { group: { period: '2025-01-25' }, opening: coverage(8, 3), closing: coverage(8, 4) },
    ]);
    const weeks = await metric({ groupBy: 'week' }).expect(200);
    expect(weeks.body.rows.map((row: { group: { period: string } }) => row.group.period)).toEqual(['2025-01-06', '2025-01-20', '2025-02-10']);
  });

  it('groups by section and by position, and filters by them', async () => {
    const bySection = await metric({ groupBy: 'section' }).expect(200);
    expect(bySection.body.rows).toEqual([
      { group: { sectionId: 'sec-sales' }, opening: { required: 0, met: 0, coverage: null }, closing: coverage(2, 1) },
      { group: { sectionId: 'sec-support' }, opening: { required: 0, met: 0, coverage: null }, closing: coverage(6, 2) },
    ]);
    const linePosition = await metric({ groupBy: 'position', sectionId: 'sec-support' }).expect(200);
    expect(linePosition.body.rows).toEqual([{ group: { positionId: 'line-1' }, opening: { required: 0, met: 0, coverage: null }, closing: coverage(6, 2) }]);
  });

  it('reproduces the numbers as known before line 1 was raised, stating the position', async () => {
    const response = await metric({ groupBy: 'month', asOf: beforeRaise }).expect(200);
    expect(response.body).toEqual({
      asOf: { position: beforeRaise },
      rows: [{ group: { period: '2025-01-01' }, opening: { required: 0, met: 0, coverage: null }, closing: coverage(8, 4) }],
    });
    const nothing = await metric({ asOf: '2000-01-01T00:00:00Z' }).expect(200);
    expect(nothing.body).toEqual({ asOf: { position: null, time: '2000-01-01T00:00:00.000Z' }, rows: [] });
  });

  it('refuses a bad grouping, an empty range and a bad asOf with 400; keeps others out', async () => {
    expectProblem(await metric({ groupBy: 'employee' }), 400, 'groupBy');
    expectProblem(await metric({ from: '2025-02-01', to: '2025-02-01' }), 400, 'to');
    expectProblem(await metric({ asOf: 'yesterday' }), 400, 'asOf');
    expectProblem(await metric({}, await keyWith(api, 'care-agent')), 403);
    expectProblem(await api.http().get('/metrics/gap-coverage'), 401);
  });
});
