import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Page } from 'playwright-core';
import { COUNCIL, type ProgramDocument } from '#projections/council/council.projection.js';
import { until } from '../support/until.js';
import { asAdmin, TEST_ADMIN_KEY, type TestApp } from '../support/test-app.js';
import { ConsoleOnDemo, FILL_TIMEOUT_MS, SCREENSHOTS, builtConsole, describeInChromium } from './console-setup.js';

const FIRST_LOAD_LIMIT_BYTES = 250 * 1024;

interface MeetingSummary {
  meetingId: string;
  status: string;
  openedAt?: string;
}

interface PackIndicator {
  indicator: string;
  sampleOf: string | null;
  current: { value: number | null; sample: number | null };
  changes?: string[];
}

interface Pack {
  then: { indicators: PackIndicator[] };
  now: { indicators: PackIndicator[] };
}

describe('console build', () => {
  it('keeps the first load under 250 KB of gzipped JavaScript', () => {
    const assets = join(builtConsole(), 'assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    const gzipped = scripts.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0);
    process.stdout.write(`console JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped in ${scripts.length} file(s)\n`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(FIRST_LOAD_LIMIT_BYTES);
  });
});

describeInChromium('console in Chromium, on demo data', () => {
  let setup: ConsoleOnDemo;
  let api: TestApp;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    setup = await ConsoleOnDemo.open();
    ({ api, base, page } = setup);
  }, FILL_TIMEOUT_MS);

  afterAll(() => setup?.close());


  const meetingsAsOf = async (asOf?: string) =>
    (await get<{ items: MeetingSummary[] }>('/council/meetings', { limit: '200', ...(asOf && { asOf }) })).items;

  const get = <T>(path: string, query: Record<string, string> = {}) => setup.get<T>(path, query);
  const expectAccessible = (view: string) => setup.expectAccessible(view);

  it('signs in with an API key kept out of the URL, and lists the meetings', async () => {
    await page.goto(`${base}/console`);
    await expectAccessible('sign-in');
    await page.fill('#api-key', TEST_ADMIN_KEY);
    await page.click('button[type=submit]');
    await page.waitForSelector('table.meetings');
    expect(page.url()).not.toContain(TEST_ADMIN_KEY);
    expect(await page.evaluate('Object.values(sessionStorage)')).toContain(TEST_ADMIN_KEY);
    const listed = await page.$$eval('tr[data-meeting]', (rows) => rows.map((row) => row.getAttribute('data-meeting')));
    expect(listed).toEqual((await meetingsAsOf()).map((meeting) => meeting.meetingId));
    await expectAccessible('meetings');
  });

  it("shows a meeting's pack as tiles with the API's numbers and samples, recorded and as known now", async () => {
    const opened = (await meetingsAsOf()).filter((meeting) => meeting.openedAt !== undefined);
    const meeting = opened.at(-1)!;
    await page.click(`tr[data-meeting="${meeting.meetingId}"] a`);
    await page.waitForSelector('.tile');
    const pack = await get<Pack>(`/council/meetings/${meeting.meetingId}/pack`, { compare: 'now' });
    const measured = pack.then.indicators.find((indicator) => indicator.current.value !== null)!;
    const tile = `.tile[data-indicator="${measured.indicator}"]`;
    expect(Number(await page.getAttribute(`${tile} [data-testid=recorded]`, 'data-value'))).toBe(measured.current.value);
    expect(measured.current.sample).toBeGreaterThan(0);
    expect(Number(await page.getAttribute(`${tile} [data-testid=sample]`, 'data-value'))).toBe(measured.current.sample);
    expect(await page.textContent(`${tile} [data-testid=sample]`)).toContain(measured.sampleOf);
    const known = pack.now.indicators.find((indicator) => indicator.indicator === measured.indicator)!;
    expect(await page.getAttribute(`${tile} [data-testid=known]`, 'data-value')).toBe(String(known.current.value ?? ''));
    expect(await page.$$eval('.tile', (tiles) => tiles.length)).toBe(pack.then.indicators.length);
    await page.screenshot({ path: join(SCREENSHOTS, 'council-pack.png'), fullPage: true });
    await expectAccessible('pack');
  });

  it('marks every tile whose reading is known differently now, and only those, naming the change', async () => {
    const opened = (await meetingsAsOf()).filter((meeting) => meeting.openedAt !== undefined).reverse();
    let found: { meetingId: string; pack: Pack } | undefined;
    for (const { meetingId } of opened) {
      const pack = await get<Pack>(`/council/meetings/${meetingId}/pack`, { compare: 'now' });
      if (pack.now.indicators.some((indicator) => (indicator.changes ?? []).length > 0)) {
        found = { meetingId, pack };
        break;
      }
    }
    expect(found).toBeDefined();
    const { meetingId, pack } = found!;
    await page.goto(`${base}/console/meetings/${encodeURIComponent(meetingId)}`);
    await page.waitForSelector('.tile');
    const marked = await page.$$eval('.tile', (tiles) => tiles.map((tile) => [tile.getAttribute('data-indicator'), tile.classList.contains('differs')]));
    const differs = (recorded: PackIndicator) => {
      const known = pack.now.indicators.find((indicator) => indicator.indicator === recorded.indicator);
      return known !== undefined && ((known.changes ?? []).length > 0 || known.current.value !== recorded.current.value);
    };
    expect(marked).toEqual(pack.then.indicators.map((recorded) => [recorded.indicator, differs(recorded)]));
    const changed = pack.now.indicators.find((indicator) => (indicator.changes ?? []).length > 0)!;
    expect(await page.textContent(`.tile[data-indicator="${changed.indicator}"] .difference`)).toContain(changed.changes![0]);
  });

  it('travels in time: the URL holds the moment, and the meetings are listed as the API knew them then', async () => {
    const opened = (await meetingsAsOf()).filter((meeting) => meeting.openedAt !== undefined);
    const later = opened.at(-1)!;
    const before = new Date(Date.parse(later.openedAt!) - 60_000).toISOString();
    await page.goto(`${base}/console?asOf=${encodeURIComponent(before)}`);
    await page.waitForSelector('table.meetings');
    const thenKnown = await meetingsAsOf(before);
    expect(thenKnown.find((meeting) => meeting.meetingId === later.meetingId)?.status).not.toBe((await meetingsAsOf()).at(-1)?.status);
    const statuses = await page.$$eval('tr[data-meeting]', (rows) =>
      rows.map((row) => [row.getAttribute('data-meeting'), row.querySelector('[data-testid=status]')!.textContent]),
    );
    expect(statuses).toEqual(thenKnown.map((meeting) => [meeting.meetingId, meeting.status]));

    // One meeting back with the keyboard: the slider lands on the opening of the meeting before.
    await page.focus('#as-of');
    await page.keyboard.press('PageDown');
    const previous = opened.at(-2)!;
    await page.waitForURL((url) => url.searchParams.get('asOf') === previous.openedAt);
    const knownAtPrevious = (await meetingsAsOf(previous.openedAt)).length;
    await until('the meetings known then are listed', async () => (await page.locator('tr[data-meeting]').count()) === knownAtPrevious);
    await page.screenshot({ path: join(SCREENSHOTS, 'council-time-travel.png'), fullPage: true });
    await expectAccessible('meetings as of a past moment');
  });

  it("renders a program's printable plan, its tables as HTML and its text as text", async () => {
    const [program] = await api.stores.reads.find<ProgramDocument>(COUNCIL, { kind: 'program' });
    const markdown = (await api.http().get(`/improvement-programs/${program!.data.programId}/plan.md`).set(asAdmin).expect(200)).text;
    await page.goto(`${base}/console/programs/${program!.data.programId}/plan`);
    await page.waitForSelector('.plan article h1, .plan article h2');
    const title = markdown.split('\n').find((line) => line.startsWith('#'))!.replace(/^#+\s*/, '');
    expect(await page.textContent('.plan article')).toContain(title);
    if (markdown.includes('|---')) expect(await page.$$eval('.plan article table', (tables) => tables.length)).toBeGreaterThan(0);
    expect(await page.$$eval('.plan article script', (scripts) => scripts.length)).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'program-plan.png'), fullPage: true });
    await expectAccessible('plan');
  });
});
