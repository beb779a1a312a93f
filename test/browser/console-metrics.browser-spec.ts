import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { csvOf } from '../../apps/console/src/csv.js';
import { METRIC_GROUPINGS } from '../../apps/console/src/metric-routes.js';
import { fieldOf } from '../../apps/console/src/metric-table.js';
import { addDays, isoWeekMonday } from '#domain/shared/days.js';
import { INDICATORS } from '#domain/catalogue/indicators.js';
import { until } from '../support/until.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';
import { ConsoleOnDemo, FILL_TIMEOUT_MS, SCREENSHOTS, describeInChromium } from './console-setup.js';

type Row = Record<string, unknown>;

interface Pack {
  periods: { current: { from: string; to: string } };
  recordedAt: string;
  then: { asOf: { position: string | null }; indicators: { indicator: string; target: number | null }[] };
}

interface OpenApi {
  paths: Record<string, { get?: { parameters?: { name: string; in: string; schema?: { enum?: string[] } }[] } }>;
}

/** A cell as the table's `data-value` holds it. */
function asCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

describe("the console's table of metric routes", () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.destroy();
  });

  it('offers every metric route of the OpenAPI document, those of the indicator catalogue among them, with the groupBy it lists for each', async () => {
    const document = (await api.http().get('/docs-json').expect(200)).body as OpenApi;
    const metricRoutes = Object.keys(document.paths).filter((path) => path.startsWith('/metrics/') && document.paths[path]?.get !== undefined);
    expect(Object.keys(METRIC_GROUPINGS).sort()).toEqual(metricRoutes.sort());
    const catalogued = [...new Set(Object.values(INDICATORS).map((indicator) => indicator.source.route))];
    expect(Object.keys(METRIC_GROUPINGS)).toEqual(expect.arrayContaining(catalogued));
    for (const [route, groupings] of Object.entries(METRIC_GROUPINGS)) {
      const groupBy = document.paths[route]?.get?.parameters?.find((parameter) => parameter.name === 'groupBy' && parameter.in === 'query');
      expect({ route, groupings: groupBy?.schema?.enum }).toEqual({ route, groupings });
    }
  });
});

describe('CSV built in the browser', () => {
  it('quotes as RFC 4180 asks and writes a text cell a spreadsheet would take for a formula as text', () => {
    const csv = csvOf(['group.employeeId', 'score'], [['=HYPERLINK("x")', -20], ['a, "b"', null], ['line\nbreak', 0.5]]);
    expect(csv).toBe('group.employeeId,score\r\n"\'=HYPERLINK(""x"")",-20\r\n"a, ""b""",\r\n"line\nbreak",0.5\r\n');
  });
});

describeInChromium('console metrics in Chromium, on demo data', () => {
  let setup: ConsoleOnDemo;
  let api: TestApp;
  let base: string;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    setup = await ConsoleOnDemo.open();
    ({ api, base, page } = setup);
    // What the console's content security policy blocks (the chart's styles included) is recorded in the page.
    await page.addInitScript(
      'window.blockedByPolicy = []; document.addEventListener("securitypolicyviolation", (event) => window.blockedByPolicy.push(event.violatedDirective + " " + event.blockedURI));',
    );
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, FILL_TIMEOUT_MS);

  afterAll(() => setup?.close());


  const get = <T>(path: string, query: Record<string, string> = {}) => setup.get<T>(path, query);
  const expectAccessible = (view: string) => setup.expectAccessible(view);

  async function expectNothingBlocked(): Promise<void> {
    expect({ blocked: await page.evaluate('window.blockedByPolicy'), pageErrors }).toEqual({ blocked: [], pageErrors: [] });
  }

  it('explores a metric grouped by week over a range: the table holds the API\'s numbers, the chart a point per row, the CSV the table, the link the query', async () => {
    await setup.signIn();
    await page.click('nav >> text=Metrics');
    await page.waitForSelector('#metric-route');
    const query = { groupBy: 'week', from: '2025-11-01', to: '2026-01-19' };
    await page.selectOption('#metric-route', '/metrics/inspections');
    await page.selectOption('#metric-group-by', query.groupBy);
    await page.fill('#metric-from', query.from);
    await page.fill('#metric-to', query.to);

    const { rows } = await get<{ rows: Row[] }>('/metrics/inspections', query);
    expect(rows.length).toBeGreaterThan(1);
    const shown = () =>
      page.$$eval('table.metric-table', (tables) => {
        const table = tables[0];
        if (!table) return { columns: [] as string[], cells: [] as string[][] };
        const columns = [...table.querySelectorAll('th')].map((head) => head.textContent ?? '');
        const cells = [...table.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.getAttribute('data-value') ?? ''));
        return { columns, cells };
      });
    await until('the table shows the rows of the query', async () => (await shown()).cells.length === rows.length && (await shown()).columns.includes('passRate'));
    const { columns, cells } = await shown();
    expect(cells).toEqual(rows.map((row) => columns.map((column) => asCell(fieldOf(row, column)))));

    await page.waitForSelector('.metric-chart .chart canvas');
    const charted = await page.inputValue('#metric-field');
    expect(charted).toBe('passRate');
    const withValue = rows.filter((row) => typeof row['passRate'] === 'number').length;
    expect(Number(await page.getAttribute('.metric-chart .chart', 'data-points'))).toBe(withValue);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download CSV')]);
    expect(download.suggestedFilename()).toBe(`inspections_week_${query.from}_${query.to}.csv`);
    const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(lines[0]).toBe(columns.join(','));
    expect(lines[1]).toBe(columns.map((column) => asCell(fieldOf(rows[0], column))).join(','));
    expect(lines).toHaveLength(rows.length + 2);

    // The link holds the query, so that whoever opens it sees the same table.
    const link = new URL(page.url());
    expect(Object.fromEntries(link.searchParams)).toEqual({ route: '/metrics/inspections', ...query });
    await page.goto(`${base}/console`);
    await page.goto(link.href);
    await page.waitForSelector('#metric-route');
    const form = await Promise.all(['#metric-route', '#metric-group-by', '#metric-from', '#metric-to'].map((field) => page.inputValue(field)));
    expect(form).toEqual(['/metrics/inspections', query.groupBy, query.from, query.to]);
    await until('the linked table shows the rows of the query', async () => (await shown()).cells.length === rows.length);

    await page.screenshot({ path: join(SCREENSHOTS, 'metrics-explorer.png'), fullPage: true });
    await expectAccessible('metrics explorer');
    await expectNothingBlocked();
  });

  it('explores a metric route no indicator names, the failures per checklist criterion, with the API\'s rows', async () => {
    const query = { groupBy: 'month', from: '2025-11-01', to: '2026-01-19' };
    await page.selectOption('#metric-route', '/metrics/inspections/criteria');
    await page.selectOption('#metric-group-by', query.groupBy);
    await page.fill('#metric-from', query.from);
    await page.fill('#metric-to', query.to);
    const { rows } = await get<{ rows: Row[] }>('/metrics/inspections/criteria', query);
    expect(rows.length).toBeGreaterThan(1);
    const shownRows = () => page.$$eval('table.metric-table tbody tr', (found) => found.length);
    const columns = () => page.$$eval('table.metric-table th', (heads) => heads.map((head) => head.textContent ?? ''));
    await until('the table shows the criteria of the query', async () => (await shownRows()) === rows.length && (await columns()).includes('failureRate'));
    await expectNothingBlocked();
  });

  it("draws each pack indicator's twelve weeks before the meeting as known then, one request per metric route", async () => {
    const { items } = await get<{ items: { meetingId: string; openedAt?: string }[] }>('/council/meetings', { limit: '200' });
    const meeting = items.filter((item) => item.openedAt !== undefined).at(-1)!;
    const pack = await get<Pack>(`/council/meetings/${meeting.meetingId}/pack`);
    const to = [pack.periods.current.to, isoWeekMonday(pack.recordedAt.slice(0, 10))].sort()[0]!;
    const weekly = { groupBy: 'week', from: addDays(to, -84), to, asOf: pack.then.asOf.position ?? pack.recordedAt };

    const metricRequests: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/metrics/')) metricRequests.push(pathname);
    });
    await page.goto(`${base}/console/meetings/${meeting.meetingId}`);
    await page.waitForSelector('.trend .chart canvas');

    const indicator = 'quality.checklistPassRate';
    const { rows } = await get<{ rows: Row[] }>('/metrics/inspections', weekly);
    const weeksWithData = rows.filter((row) => typeof row['passRate'] === 'number').length;
    expect(weeksWithData).toBeGreaterThan(1);
    const chart = `.trend[data-indicator="${indicator}"] .chart`;
    await page.waitForSelector(`${chart} canvas`);
    expect(Number(await page.getAttribute(chart, 'data-points'))).toBe(weeksWithData);

    const routes = new Set(pack.then.indicators.map(({ indicator: id }) => INDICATORS[id as keyof typeof INDICATORS].source.route));
    expect(metricRequests.sort()).toEqual([...routes].sort());
    expect(await page.$$eval('.trend', (trends) => trends.length)).toBe(pack.then.indicators.length);

    await page.screenshot({ path: join(SCREENSHOTS, 'council-pack-trends.png'), fullPage: true });
    await expectAccessible('pack with trends');
    await expectNothingBlocked();
  });

  it('shows a key that reads metrics but not the council the explorer alone', async () => {
    const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'a trainer', roles: ['trainer'], employeeId: 'trainer-of-the-test' }).expect(201);
    const trainer = await setup.newPage();
    try {
      await trainer.goto(`${base}/console`);
      await trainer.fill('#api-key', issued.body.key as string);
      await trainer.click('button[type=submit]');
      // Each metric route names its own readers: a trainer reads the training's, not the care's the menu starts with.
      await trainer.waitForSelector('#metric-route');
      await trainer.selectOption('#metric-route', '/metrics/training/activity');
      await trainer.waitForSelector('table.metric-table');
      expect(await trainer.$$eval('nav a', (links) => links.map((link) => link.textContent))).toEqual(['Metrics']);
    } finally {
      await trainer.close();
    }
  });
});
