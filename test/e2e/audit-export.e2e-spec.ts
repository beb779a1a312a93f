import { keyWith, type Auth } from '../support/care-cases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { exportAudit, fixtureEvent, positionsOf, readAudit } from '../support/audit.js';

const BULK = 5_000;
const APPEND_BATCH = 500;
/** Every projection of the product processes the 5,000 events first; a shared machine may take a while. */
const BULK_WORK_MS = 120_000;

describe('the audit trail exported as NDJSON', () => {
  let api: TestApp;
  let auditor: Auth;
  let minPosition: string;

  beforeAll(async () => {
    api = await startTestApp();
    auditor = await keyWith(api, 'auditor');
    for (let from = 0; from < BULK; from += APPEND_BATCH) {
      const events = Array.from({ length: APPEND_BATCH }, (_, offset) =>
        fixtureEvent(offset % 2 === 0 ? 'FixtureOpened' : 'FixtureNoted', { index: from + offset, reason: `entry ${from + offset}` }, `apiKey:bulk-${offset % 2}`, '2026-01-05T10:00:00.000Z'),
      );
      await api.stores.events.append(`bulkFixture-${from / APPEND_BATCH}`, events, 'no_stream');
    }
    await api.stores.events.append('smallFixture-1', [fixtureEvent('FixtureClosed', { index: 0 }, 'apiKey:bulk-0', '2026-01-06T10:00:00.000Z')]);
    minPosition = (await api.stores.events.headPosition())!.toString();
  }, BULK_WORK_MS);

  afterAll(async () => {
    await api.destroy();
  });

  it('streams a large slice as one entry per line, in many chunks, oldest first on request', async () => {
    const exported = await exportAudit(api, auditor, { category: 'bulkFixture', order: 'oldest', minPosition });
    expect(exported.status).toBe(200);
    expect(exported.contentType).toMatch(/^application\/x-ndjson/);
    expect(exported.lines).toHaveLength(BULK);
    expect(exported.lines.map((line) => line.data.index)).toEqual(Array.from({ length: BULK }, (_, index) => index));
    expect(exported.lines[7]).toMatchObject({ type: 'FixtureNoted', category: 'bulkFixture', actor: { id: 'apiKey:bulk-1' }, why: 'entry 7' });
    // Sent as it is read, never as one body built in memory first.
    expect(exported.chunks).toBeGreaterThan(BULK / APPEND_BATCH);
  }, BULK_WORK_MS);

  it('exports exactly what the trail lists for the same filters, newest first by default', async () => {
    const query = { type: ['FixtureClosed', 'FixtureNoted'], actor: 'apiKey:bulk-0', minPosition };
    const exported = await exportAudit(api, auditor, query);
    const listed = (await readAudit(api, auditor, { ...query, limit: 500 }).expect(200)).body;
    expect(exported.lines).toEqual(listed.items);
    expect(exported.lines.map((line) => line.type)).toEqual(['FixtureClosed']);

    const byTime = await exportAudit(api, auditor, { occurredFrom: '2026-01-06T00:00:00Z', occurredTo: '2026-01-07T00:00:00Z', minPosition });
    expect(byTime.lines.map((line) => line.streamId)).toEqual(['smallFixture-1']);
  });

  it('exports the slice as known at asOf, and an empty body for a slice with nothing in it', async () => {
    const exported = await exportAudit(api, auditor, { category: ['bulkFixture', 'smallFixture'], asOf: minPosition });
    expect(exported.lines).toHaveLength(BULK + 1);
    expect(positionsOf(exported.lines.slice(0, 1))).toEqual([minPosition]);

    const atStart = await exportAudit(api, auditor, { category: 'bulkFixture', asOf: '1' });
    expect(atStart).toMatchObject({ status: 200, lines: [] });
  });
});
