import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { until } from '../support/until.js';
import { asAdmin, type TestApp } from '../support/test-app.js';
import { ConsoleOnDemo, FILL_TIMEOUT_MS, SCREENSHOTS, describeInChromium } from './console-setup.js';
import { AUDIT_PAGE_SIZE } from '../../apps/console/src/audit-types.js';

/** The audit views in Chromium: the trail against `GET /audit`, a decision's provenance, and its proof checked in the browser. */


interface AuditEntry {
  position: string;
  type: string;
  streamId: string;
  actor: { id: string };
  data: { proposalId?: string };
}

interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

describeInChromium('console audit views in Chromium, on demo data', () => {
  let setup: ConsoleOnDemo;
  let api: TestApp;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    setup = await ConsoleOnDemo.open();
    ({ api, base, page } = setup);
    // The proof is checked against the latest signed checkpoint: wait until one covers the whole log.
    await until('a checkpoint covers the log', async () => {
      const checkpoint = await api.http().get('/ledger/checkpoint').set(asAdmin);
      return checkpoint.status === 200 && checkpoint.body.treeSize === (await api.stores.ledger.size());
    });
    await setup.signIn();
  }, FILL_TIMEOUT_MS);

  afterAll(() => setup?.close());


  const get = <T>(path: string, query: Record<string, string> = {}) => setup.get<T>(path, query);
  const expectAccessible = (view: string) => setup.expectAccessible(view);

  const listedPositions = () => page.$$eval('tr[data-position]', (rows) => rows.map((row) => row.getAttribute('data-position')));

  /**
   * Fills the filter form (empty fields are cleared) and waits until the listing shows exactly the
   * first page `GET /audit` gives for the same filter. Waiting for the positions, not a row count, keeps
   * a test from reading the page listed before the filter was applied.
   */
  async function filter(fields: Partial<Record<'category' | 'type' | 'actor' | 'occurredFrom' | 'occurredTo', string>>, expected: AuditPage) {
    const positions = expected.items.map((entry) => entry.position);
    for (const name of ['category', 'type', 'actor', 'occurredFrom', 'occurredTo'] as const) await page.fill(`.audit-filters [name=${name}]`, fields[name] ?? '');
    await page.click('.audit-filters button[type=submit]');
    await until(
      'the filtered page is listed',
      async () => (await page.locator('[aria-busy]').count()) === 0 && JSON.stringify(await listedPositions()) === JSON.stringify(positions),
    );
  }

  it('filters the trail as GET /audit does, shows the ledger status, and loads the next page on scrolling', async () => {
    await page.click('nav a:text("Audit")');
    await page.waitForSelector('tr[data-position]');
    const checkpoint = await get<{ treeSize: number }>('/ledger/checkpoint');
    expect(Number(await page.getAttribute('[data-testid=checkpoint]', 'data-tree-size'))).toBeLessThanOrEqual(checkpoint.treeSize);
    await expectAccessible('audit trail');

    const [sample] = (await get<AuditPage>('/audit', { category: 'careCase', limit: '1' })).items;
    const filters = { category: 'careCase', actor: sample!.actor.id, occurredFrom: '2025-12-01', occurredTo: '2026-01-01' };
    const expected = await get<AuditPage>('/audit', {
      category: filters.category,
      actor: filters.actor,
      occurredFrom: `${filters.occurredFrom}T00:00:00Z`,
      occurredTo: `${filters.occurredTo}T00:00:00Z`,
      limit: String(AUDIT_PAGE_SIZE),
    });
    expect(expected.items.length).toBeGreaterThan(0);
    await filter(filters, expected);
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-trail.png') });

    const firstPage = await get<AuditPage>('/audit', { category: 'careCase', limit: String(AUDIT_PAGE_SIZE) });
    const secondPage = await get<AuditPage>('/audit', { category: 'careCase', limit: String(AUDIT_PAGE_SIZE), cursor: firstPage.nextCursor! });
    await filter({ category: 'careCase' }, firstPage);
    await page.mouse.wheel(0, 100_000);
    const both = [...firstPage.items, ...secondPage.items].map((entry) => entry.position);
    await until('the second page is listed', async () => (await page.locator('tr[data-position]').count()) === both.length);
    expect(await listedPositions()).toEqual(both);
  });

  it('lists the trail as known at the moment travelled to', async () => {
    const asOf = '2025-12-15T00:00:00.000Z';
    const thenKnown = await get<AuditPage>('/audit', { asOf, limit: String(AUDIT_PAGE_SIZE) });
    expect(thenKnown.items[0]!.position).not.toBe((await get<AuditPage>('/audit', { limit: '1' })).items[0]!.position);
    await page.goto(`${base}/console/audit?asOf=${encodeURIComponent(asOf)}`);
    await until('the trail as known then is listed', async () => (await listedPositions())[0] === thenKnown.items[0]!.position);
    expect(await listedPositions()).toEqual(thenKnown.items.map((entry) => entry.position));
    await page.goto(`${base}/console/audit`);
  });

  it("opens a decision's provenance from the trail, and checks its proof in the browser", async () => {
    const [decided] = (await get<AuditPage>('/audit', { type: 'DecisionAdopted', limit: '1' })).items;
    const decision = await get<{ tally: { for: number; present: number }; ledger: { position: string } }>(`/audit/decisions/${decided!.data.proposalId}`);
    await page.evaluate('scrollTo(0, 0)');
    await filter({ type: 'DecisionAdopted' }, await get<AuditPage>('/audit', { type: 'DecisionAdopted', limit: String(AUDIT_PAGE_SIZE) }));
    await page.click(`tr[data-position="${decided!.position}"] a:text("DecisionAdopted")`);
    await page.waitForSelector('[data-testid=tally]');
    expect(await page.textContent('[data-testid=tally]')).toContain(`${decision.tally.for} for`);
    expect(page.url()).toContain(`/console/decisions/${encodeURIComponent(decided!.data.proposalId!)}`);

    const { treeSize } = await get<{ treeSize: number }>('/ledger/checkpoint');
    await page.click('button:text("Check proof")');
    await page.waitForSelector('[data-testid=proof-result][data-holds=true]');
    expect(await page.textContent('[data-testid=proof-result]')).toBe(
      `Proof checked in this browser: the decision is in the log the ledger signed at tree size ${treeSize} (leaf ${(await get<{ leafIndex: number }>('/ledger/proofs/inclusion', { position: decision.ledger.position, treeSize: String(treeSize) })).leafIndex}, log ${(await get<{ origin: string }>('/ledger/public-key')).origin}).`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-proof.png'), fullPage: true });
    await expectAccessible('decision provenance');
  });

  it('fails the check of a proof with one hash changed on its way to the browser', async () => {
    await page.route('**/ledger/proofs/inclusion?*', async (route) => {
      const answer = await route.fetch();
      const proof = (await answer.json()) as { proof: string[] };
      const first = Buffer.from(proof.proof[0]!, 'base64');
      first[0] ^= 0x01;
      await route.fulfill({ response: answer, json: { ...proof, proof: [first.toString('base64'), ...proof.proof.slice(1)] } });
    });
    await page.click('button:text("Check proof")');
    await page.waitForSelector('[data-testid=proof-result][data-holds=false]');
    expect(await page.textContent('[data-testid=proof-result]')).toMatch(/^Proof check failed in this browser: the proof leads to another root/);
    await page.unroute('**/ledger/proofs/inclusion?*');
  });

  it("shows an entity's event history, linked from the trail", async () => {
    await page.click('nav a:text("Audit")');
    await filter({ category: 'careCase' }, await get<AuditPage>('/audit', { category: 'careCase', limit: String(AUDIT_PAGE_SIZE) }));
    const streamId = await page.textContent('tr[data-position] td:nth-child(5) a');
    await page.click('tr[data-position] td:nth-child(5) a');
    await page.waitForSelector('tr[data-revision]');
    const history = await get<{ items: { revision: number }[] }>(`/streams/${streamId}`, { limit: '100' });
    expect(await page.$$eval('tr[data-revision]', (rows) => rows.map((row) => Number(row.getAttribute('data-revision'))))).toEqual(
      history.items.map((event) => event.revision),
    );
    await expectAccessible('stream history');
  });
});
