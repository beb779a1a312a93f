import { rmSync } from 'node:fs';
import { planDemo, type DemoPlan } from '../../apps/cli/src/demo/demo-plan.js';
import { DemoStoreNotEmptyError, fillDemoStore, type DemoSummary } from '../../apps/cli/src/demo/fill-demo-store.js';
import { loadConfig, type AppConfig } from '#libs/config/src/index.js';
import { collect } from '../support/collect.js';
import { asAdmin, newDataDir, startTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';

const END = new Date('2026-01-15T15:00:00.000Z');
const MIDDLE = '2025-11-30T00:00:00.000Z';

interface CaseSummary {
  id: string;
  status: 'open' | 'refunded' | 'retained';
}

interface Totals {
  count: number;
  amount: Record<string, number>;
}

interface RefundRetentionBody {
  asOf: { position: string | null; time?: string };
  rows: { group: Record<string, string>; refunds: Totals; retained: Totals; retentionShare: number | null }[];
}

describe('demo data', () => {
  let dataDir: string;
  let config: AppConfig;
  let plan: DemoPlan;
  let summary: DemoSummary;
  let api: TestApp;

  beforeAll(async () => {
    dataDir = newDataDir();
    config = loadConfig({ DATA_DIR: dataDir, DURABLE_COMMIT: 'false', LOG_LEVEL: 'silent', BOOTSTRAP_ADMIN_KEY: TEST_ADMIN_KEY });
    plan = planDemo({ seed: 11, months: 3, end: END, casesPerMonth: 40, observationWindowDays: config.careObservationWindowDays });
    summary = await fillDemoStore({ config, plan });
    api = await startTestApp({ dataDir });
  });

  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function everyCase(query: Record<string, string> = {}): Promise<CaseSummary[]> {
    const cases: CaseSummary[] = [];
    let cursor: string | null | undefined;
    do {
      const response = await api
        .http()
        .get('/care-cases')
        .set(asAdmin)
        .query({ ...query, limit: 200, ...(cursor ? { cursor } : {}) })
        .expect(200);
      cases.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    return cases;
  }

  async function statistic(query: Record<string, string> = {}): Promise<RefundRetentionBody> {
    return (await api.http().get('/metrics/refund-retention').set(asAdmin).query(query).expect(200)).body;
  }

  it('ran every planned command and reports what it made', () => {
    expect(summary.commands).toBe(plan.steps.length);
    expect(summary.cases).toBe(plan.steps.filter((step) => step.type === 'open').length);
    expect(summary.cases).toBeGreaterThan(80);
    expect(summary.refunds).toBeGreaterThan(0);
    expect(summary.retentions).toBeGreaterThan(summary.refunds - summary.lostSaves);
    expect(summary.lostSaves).toBeGreaterThan(0);
    expect(summary.headPosition).toBe(BigInt(summary.commands));
  });

  it('went through the command handlers: the read models hold every case with its outcome', async () => {
    const cases = await everyCase();
    expect(cases).toHaveLength(summary.cases);
    const count = (status: CaseSummary['status']) => cases.filter((c) => c.status === status).length;
    expect(count('retained')).toBe(summary.retentions - summary.lostSaves);
    expect(count('refunded')).toBe(summary.refunds);
    expect(count('open')).toBe(summary.stillOpen);
  });

  it('feeds the statistic: net retentions and refunds, mostly in one currency and some in another', async () => {
    const { rows } = await statistic();
    expect(rows).toHaveLength(1);
    const [total] = rows;
    expect(total!.retained.count).toBe(summary.retentions - summary.lostSaves);
    expect(total!.refunds.count).toBe(summary.refunds);
    expect(Object.keys(total!.refunds.amount).sort()).toEqual(['EUR', 'RUB']);
    expect(total!.retentionShare).toBeGreaterThan(0.45);
    expect(total!.retentionShare).toBeLessThan(0.75);
  });

  it('recorded the events over the simulated months, not all at once', async () => {
    const events = await collect(api.stores.events.readAll());
    const recorded = events.map((event) => event.metadata.recordedAt);
    expect(recorded[0]!.slice(0, 7)).toBe('2025-10');
    expect(recorded.at(-1)! <= END.toISOString()).toBe(true);
    for (const event of events) expect(event.metadata.occurredAt <= event.metadata.recordedAt).toBe(true);
  });

  it('answers asOf a time in the middle with fewer cases and outcomes than now', async () => {
    const then = await everyCase({ asOf: MIDDLE });
    const now = await everyCase();
    expect(then.length).toBeGreaterThan(0);
    expect(then.length).toBeLessThan(now.length);

    const statisticThen = await statistic({ asOf: MIDDLE });
    const [totalThen] = statisticThen.rows;
    const [totalNow] = (await statistic()).rows;
    expect(statisticThen.asOf.time).toBe(MIDDLE);
    expect(totalThen!.refunds.count + totalThen!.retained.count).toBeLessThan(totalNow!.refunds.count + totalNow!.retained.count);
  });

  it('refuses to fill a store that already holds events, and appends nothing', async () => {
    const head = await api.stores.events.headPosition();
    await expect(fillDemoStore({ config, plan })).rejects.toBeInstanceOf(DemoStoreNotEmptyError);
    expect(await api.stores.events.headPosition()).toBe(head);
  });
});
