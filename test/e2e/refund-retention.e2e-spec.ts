import { MAX_MAJOR_UNITS, maxMinorUnits } from '#domain/shared/money.js';
import { careDesk, employeeKey, expectInvalid, expectProblem, keyWith, rub, type Auth } from '../support/care-cases.js';
import { momentAfter, type RecordedMoment } from '../support/moments.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const PRODUCT = 'stat-product';
const usd = (minor: number) => ({ minor, currency: 'USD' });

/**
 * Three cases of one product in January 2025, and a lost save in February:
 * - m1: agent-a retains the client on Jan 20 (1 000 000 RUB); the case goes to agent-b, who refunds
 *   it on Feb 5, inside the observation window: a lost save;
 * - m2: agent-a refunds 400 000 RUB on Jan 15;
 * - m3: agent-b retains the client on Jan 25 with a bonus (5 000 USD).
 */
describe('GET /metrics/refund-retention', () => {
  let api: TestApp;
  let lead: Auth;
  /** The last position before the lost save, and the time it was recorded at. */
  let beforeLostSave: RecordedMoment;
  let lastPosition: string;

  beforeAll(async () => {
    api = await startTestApp();
    const agent = await keyWith(api, 'care-agent');
    lead = await keyWith(api, 'care-lead');
    const desk = careDesk(api, agent);
    const opened = { productId: PRODUCT, sectionId: 'section-stat' };

    await desk.open({ id: 'm1', ...opened, occurredAt: '2025-01-10T09:00:00Z' }).expect(201);
    await desk.assign('m1', 'agent-a', { occurredAt: '2025-01-10T10:00:00Z' }).expect(200);
    await desk.retain('m1', { retained: rub(1_000_000), occurredAt: '2025-01-20T10:00:00Z' }).expect(200);
    await desk.open({ id: 'm2', ...opened, occurredAt: '2025-01-12T09:00:00Z' }).expect(201);
    await desk.assign('m2', 'agent-a', { occurredAt: '2025-01-12T10:00:00Z' }).expect(200);
    await desk.refund('m2', { amount: rub(400_000), full: false, occurredAt: '2025-01-15T10:00:00Z' }).expect(200);
    await desk.open({ id: 'm3', ...opened, occurredAt: '2025-01-14T09:00:00Z' }).expect(201);
    await desk.assign('m3', 'agent-b', { occurredAt: '2025-01-14T10:00:00Z' }).expect(200);
    const retained = await desk.retain('m3', { method: 'bonus', retained: usd(5_000), occurredAt: '2025-01-25T10:00:00Z' }).expect(200);

    // The lost save is recorded after this moment.
    beforeLostSave = await momentAfter(api, retained.body.position);

    await desk.assign('m1', 'agent-b', { occurredAt: '2025-02-01T10:00:00Z' }).expect(200);
    const lost = await desk.refund('m1', { amount: rub(1_000_000), occurredAt: '2025-02-05T10:00:00Z' }).expect(200);
    lastPosition = lost.body.position;
  });

  afterAll(async () => {
    await api.destroy();
  });

  function statistic(query: Record<string, string>, auth: Auth = lead) {
    return api.http().get('/metrics/refund-retention').set(auth).query({ productId: PRODUCT, ...query });
  }

  const januaryAsKnownInJanuary = {
    group: { period: '2025-01-01' },
    refunds: { count: 1, amount: { RUB: '400000' } },
    retained: { count: 2, amount: { RUB: '1000000', USD: '5000' } },
    refundToRetainedRatio: 0.5,
    retentionShare: 2 / 3,
  };

  it('shows the lost save per month: retained in January, then refunded and taken back (-1) in February', async () => {
    const response = await statistic({ groupBy: 'month', minPosition: lastPosition }).expect(200);
    expect(response.body.rows).toEqual([
      januaryAsKnownInJanuary,
      {
        group: { period: '2025-02-01' },
        refunds: { count: 1, amount: { RUB: '1000000' } },
        retained: { count: -1, amount: { RUB: '-1000000' } },
        refundToRetainedRatio: null,
        retentionShare: null,
      },
    ]);
  });

  it('credits the retention to the employee who saved the client and the refund to the one who gave it', async () => {
    const response = await statistic({ groupBy: 'employee', minPosition: lastPosition }).expect(200);
    expect(response.body.rows).toEqual([
      {
        group: { employeeId: 'agent-a' },
        refunds: { count: 1, amount: { RUB: '400000' } },
        retained: { count: 0, amount: {} },
        refundToRetainedRatio: null,
        retentionShare: 0,
      },
      {
        group: { employeeId: 'agent-b' },
        refunds: { count: 1, amount: { RUB: '1000000' } },
        retained: { count: 1, amount: { USD: '5000' } },
        refundToRetainedRatio: 1,
        retentionShare: 0.5,
      },
    ]);
  });

  it('reproduces the earlier report as of the position before the lost save, where the case is still retained', async () => {
    const response = await statistic({ groupBy: 'month', asOf: beforeLostSave.position, minPosition: lastPosition }).expect(200);
    expect(response.body).toEqual({ asOf: { position: beforeLostSave.position }, rows: [januaryAsKnownInJanuary] });

    const earlierCase = await api.http().get('/care-cases/m1').set(lead).query({ asOf: beforeLostSave.position }).expect(200);
    expect(earlierCase.body).toMatchObject({ status: 'retained', employeeId: 'agent-a', refund: null, retention: { reversedAt: null } });
    const caseNow = await api.http().get('/care-cases/m1').set(lead).expect(200);
    expect(caseNow.body).toMatchObject({ status: 'refunded', refund: { lostSave: true, employeeId: 'agent-b' } });
  });

  it('answers as of an ISO time with the position that time resolves to', async () => {
    const response = await statistic({ groupBy: 'month', asOf: beforeLostSave.time, minPosition: lastPosition }).expect(200);
    expect(response.body).toEqual({
      asOf: { position: beforeLostSave.position, time: beforeLostSave.time },
      rows: [januaryAsKnownInJanuary],
    });

    const inOtherZone = new Date(Date.parse(beforeLostSave.time)).toISOString().replace('Z', '+00:00');
    expect((await statistic({ groupBy: 'month', asOf: inOtherZone }).expect(200)).body.asOf.position).toBe(beforeLostSave.position);
  });

  it('answers as of nothing for a time before anything was recorded', async () => {
    const response = await statistic({ asOf: '2000-01-01T00:00:00Z' }).expect(200);
    expect(response.body).toEqual({ asOf: { position: null, time: '2000-01-01T00:00:00.000Z' }, rows: [] });
  });

  it('without asOf, states the position the read model had reached, and shows every write up to minPosition', async () => {
    const response = await statistic({ minPosition: lastPosition }).expect(200);
    expect(Object.keys(response.body.asOf)).toEqual(['position']);
    expect(BigInt(response.body.asOf.position)).toBeGreaterThanOrEqual(BigInt(lastPosition));
    expect(response.body.rows).toEqual([
      {
        group: {},
        refunds: { count: 2, amount: { RUB: '1400000' } },
        retained: { count: 1, amount: { USD: '5000' } },
        refundToRetainedRatio: 2,
        retentionShare: 1 / 3,
      },
    ]);

    const again = await statistic({ asOf: response.body.asOf.position }).expect(200);
    expect(again.body).toEqual(response.body);
  });

  it('groups by day, ISO week, product and section, and filters by business dates, section and employee', async () => {
    const periods = async (query: Record<string, string>) =>
      (await statistic(query).expect(200)).body.rows.map((row: { group: { period: string } }) => row.group.period);
    expect(await periods({ groupBy: 'day' })).toEqual(['2025-01-15', '2025-01-20', '2025-01-25', '2025-02-05']);
    expect(await periods({ groupBy: 'week' })).toEqual(['2025-01-13', '2025-01-20', '2025-02-03']);
    expect(await periods({ groupBy: 'day', from: '2025-01-20', to: '2025-02-05' })).toEqual(['2025-01-20', '2025-01-25']);

    const bySection = await statistic({ groupBy: 'section' }).expect(200);
    expect(bySection.body.rows.map((row: { group: object }) => row.group)).toEqual([{ sectionId: 'section-stat' }]);
    const byProduct = await api.http().get('/metrics/refund-retention').set(lead).query({ groupBy: 'product', sectionId: 'section-stat' });
    expect(byProduct.body.rows.map((row: { group: object }) => row.group)).toEqual([{ productId: PRODUCT }]);

    const ofAgentB = await statistic({ employeeId: 'agent-b', groupBy: 'month' }).expect(200);
    expect(ofAgentB.body.rows).toEqual([
      expect.objectContaining({ group: { period: '2025-01-01' }, refunds: { count: 0, amount: {} }, retained: { count: 1, amount: { USD: '5000' } } }),
      expect.objectContaining({ group: { period: '2025-02-01' }, refunds: { count: 1, amount: { RUB: '1000000' } } }),
    ]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['a from that is no date', { from: '2025-1-1' }, 'from'],
    ['a from that does not exist', { from: '2025-02-30' }, 'from'],
    ['a to with a time', { to: '2025-02-01T00:00:00Z' }, 'to'],
    ['a to that is not after from', { from: '2025-02-01', to: '2025-02-01' }, 'to'],
    ['an unknown grouping', { groupBy: 'year' }, 'groupBy'],
    ['a product that is no id', { productId: 'course sales' }, 'productId'],
    ['an employee that is no id', { employeeId: 'agent/7' }, 'employeeId'],
    ['an asOf that is neither a position nor a time', { asOf: 'last-week' }, 'asOf'],
    ['an asOf time in the future', { asOf: '2999-01-01T00:00:00Z' }, 'asOf'],
    ['an asOf beyond the log', { asOf: '99999999999999999999' }, 'asOf'],
    ['a minPosition that is no position', { minPosition: '-1' }, 'minPosition'],
    ['an unknown parameter', { period: 'month' }, 'period'],
  ])('answers %s with a 400 naming the parameter', async (_name, query, field) => {
    expectProblem(await statistic(query), 400, field);
  });

  describe('cases that end with neither a refund nor a retention', () => {
    const OTHER = 'resolution-product';

    it('counts them under otherOutcomes on their rows only, leaving refunds, retentions and their ratios as they were', async () => {
      const desk = careDesk(api, await keyWith(api, 'care-agent'));
      const opened = { productId: OTHER, occurredAt: '2025-03-01T09:00:00Z' };
      for (const id of ['r1', 'r2', 'r3', 'r4']) await desk.open({ id, ...opened }).expect(201);
      await desk.refund('r1', { amount: rub(300_000), occurredAt: '2025-03-02T10:00:00Z' }).expect(200);
      await desk.retain('r2', { retained: rub(600_000), occurredAt: '2025-03-03T10:00:00Z' }).expect(200);
      await desk.resolve('r3', { occurredAt: '2025-03-04T10:00:00Z' }).expect(200);
      const last = await desk.resolve('r4', { outcome: 'client-lost', occurredAt: '2025-04-05T10:00:00Z' }).expect(200);

      const monthly = await statistic({ productId: OTHER, groupBy: 'month', minPosition: last.body.position }).expect(200);
      expect(monthly.body.rows).toEqual([
        {
          group: { period: '2025-03-01' },
          refunds: { count: 1, amount: { RUB: '300000' } },
          retained: { count: 1, amount: { RUB: '600000' } },
          refundToRetainedRatio: 1,
          retentionShare: 0.5,
          otherOutcomes: { resolvedWithoutMoney: 1, clientLost: 0 },
        },
        {
          group: { period: '2025-04-01' },
          refunds: { count: 0, amount: {} },
          retained: { count: 0, amount: {} },
          refundToRetainedRatio: null,
          retentionShare: null,
          otherOutcomes: { resolvedWithoutMoney: 0, clientLost: 1 },
        },
      ]);

      const beforeResolutions = await statistic({ productId: OTHER, to: '2025-03-04' }).expect(200);
      expect(beforeResolutions.body.rows).toEqual([
        { group: {}, refunds: { count: 1, amount: { RUB: '300000' } }, retained: { count: 1, amount: { RUB: '600000' } }, refundToRetainedRatio: 1, retentionShare: 0.5 },
      ]);
    });
  });

  describe('amounts over the cap of their currency', () => {
    const CAPPED = 'capped-product';
    const kwd = (minor: number) => ({ minor, currency: 'KWD' });

    it('refuses a refund or a retention one minor unit over the cap with a 400 naming the field and the cap, appending nothing', async () => {
      const desk = careDesk(api, await keyWith(api, 'care-agent'));
      await desk.open({ id: 'cap-1', productId: CAPPED }).expect(201);

      const refused = await expectInvalid(api, () => desk.refund('cap-1', { amount: kwd(maxMinorUnits('KWD') + 1) }), 'amount.minor');
      expect(refused.body.errors).toEqual([{ field: 'amount.minor', message: expect.stringContaining(`${MAX_MAJOR_UNITS} KWD`) }]);
      await expectInvalid(api, () => desk.retain('cap-1', { retained: { minor: maxMinorUnits('JPY') + 1, currency: 'JPY' } }), 'retained.minor');
      expect((await api.http().get('/care-cases/cap-1').set(lead).expect(200)).body.status).toBe('open');
    });

    it('accepts the cap itself and reports it to the minor unit', async () => {
      const desk = careDesk(api, await keyWith(api, 'care-agent'));
      await desk.open({ id: 'cap-2', productId: CAPPED, occurredAt: '2025-03-01T09:00:00Z' }).expect(201);
      const refunded = await desk.refund('cap-2', { amount: kwd(maxMinorUnits('KWD')), occurredAt: '2025-03-02T09:00:00Z' }).expect(200);

      const response = await statistic({ productId: CAPPED, minPosition: refunded.body.position }).expect(200);
      expect(response.body.rows).toEqual([expect.objectContaining({ refunds: { count: 1, amount: { KWD: String(maxMinorUnits('KWD')) } } })]);
    });

    it('documents the cap on every amount and the decimal strings of every total', async () => {
      const { body: document } = await api.http().get('/docs-json').expect(200);
      expect(document.components.schemas.MoneyDto.properties.minor).toMatchObject({
        maximum: maxMinorUnits('CLF'),
        description: expect.stringContaining(`At most ${MAX_MAJOR_UNITS} major units`),
      });
      expect(document.components.schemas.OutcomeTotalsView.properties.amount.additionalProperties).toEqual({ type: 'string', pattern: '^-?[0-9]+$' });
    });
  });

  describe('roles', () => {
    it('serves care leads, the council, auditors and admins', async () => {
      for (const roles of [['care-lead'], ['council-member'], ['council-chair'], ['auditor']]) {
        await statistic({}, await keyWith(api, ...roles)).expect(200);
      }
      await statistic({}, asAdmin).expect(200);
    });

    it('answers 401 without a key and 403 to care agents and other roles', async () => {
      expectProblem(await api.http().get('/metrics/refund-retention'), 401);
      expectProblem(await statistic({}, await keyWith(api, 'care-agent')), 403);
      expectProblem(await statistic({}, await employeeKey(api, 'emp-0107')), 403);
    });
  });

  it('lives next to the public Prometheus scrape at /metrics without taking its place', async () => {
    await statistic({}).expect(200);
    const scrape = await api.http().get('/metrics').expect(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain/);
    expect(scrape.text).toMatch(/http_requests_total\{method="GET",route="\/metrics\/refund-retention",status="200"\} \d+/);

    const { body: document } = await api.http().get('/docs-json').expect(200);
    expect(document.paths['/metrics'].get.security).toBeUndefined();
    expect(document.paths['/metrics/refund-retention'].get).toMatchObject({
      security: [{ bearer: [] }],
      description: expect.stringMatching(/^Roles: care-lead, council-member, council-chair, auditor, admin\./),
    });
  });
});
