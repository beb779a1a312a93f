import { careDesk, employeeKey, expectProblem, keyWith } from '../support/care-cases.js';
import { councilDesk, readingOf } from '../support/council.js';
import { everyPage } from '../support/pages.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

interface MeetingSummary {
  meetingId: string;
  day: string;
  status: string;
  proposals: number;
  adopted: number;
}

/** The list of meetings and the metrics pack, both as known at a past moment (`asOf`), as the console's time travel reads them. */
describe('council meetings as known at a moment', () => {
  let api: TestApp;
  let chair: ReturnType<typeof councilDesk>;
  let care: ReturnType<typeof careDesk>;
  /** Positions: after the first two meetings were scheduled, after the first opened, and before a late refund. */
  let scheduled: string;
  let opened: string;
  let beforeLateRefund: string;

  const head = async () => ((await api.stores.events.headPosition()) ?? 0n).toString();
  const listed = async (query: Record<string, string> = {}) => {
    const pages = await everyPage((cursor) => chair.read('/meetings', { minPosition: '1', limit: '2', ...query, ...cursor }).expect(200));
    return pages.flatMap((page) => page.body.items as MeetingSummary[]);
  };

  beforeAll(async () => {
    api = await startTestApp();
    const admin = councilDesk(api, asAdmin);
    chair = councilDesk(api, await employeeKey(api, 'm1', 'council-chair'));
    care = careDesk(api, await keyWith(api, 'care-agent'));
    await admin.appoint('m1').expect(200);
    await admin.appointChair('m1').expect(200);
    await care.open({ id: 'kept', occurredAt: '2026-11-25T09:00:00Z' }).expect(201);
    await care.retain('kept', { occurredAt: '2026-11-25T10:00:00Z' }).expect(200);
    // Scheduled out of day order: the list is in day order all the same.
    await chair.schedule({ id: 'meeting-b', day: '2026-11-30' }).expect(201);
    await chair.schedule({ id: 'meeting-a', day: '2026-11-23' }).expect(201);
    scheduled = await head();
    await chair.open('meeting-b', ['m1']).expect(200);
    opened = await head();
    await chair.schedule({ id: 'meeting-c', day: '2026-12-07' }).expect(201);
    beforeLateRefund = await head();
    await care.open({ id: 'refunded-late', occurredAt: '2026-11-26T09:00:00Z' }).expect(201);
    await care.refund('refunded-late', { occurredAt: '2026-11-26T10:00:00Z' }).expect(200);
  });

  afterAll(() => api.destroy());

  it('lists the meetings earliest day first, a page at a time', async () => {
    const meetings = await listed({ minPosition: await head() });
    expect(meetings.map(({ meetingId, day, status }) => ({ meetingId, day, status }))).toEqual([
      { meetingId: 'meeting-a', day: '2026-11-23', status: 'scheduled' },
      { meetingId: 'meeting-b', day: '2026-11-30', status: 'open' },
      { meetingId: 'meeting-c', day: '2026-12-07', status: 'scheduled' },
    ]);
    expect(meetings[1]).toMatchObject({ proposals: 0, adopted: 0 });
  });

  it('lists them as known at a past moment: later meetings absent, others in the status they had', async () => {
    expect((await listed({ asOf: scheduled })).map(({ meetingId, status }) => [meetingId, status])).toEqual([
      ['meeting-a', 'scheduled'],
      ['meeting-b', 'scheduled'],
    ]);
    expect((await listed({ asOf: opened })).map(({ meetingId, status }) => [meetingId, status])).toEqual([
      ['meeting-a', 'scheduled'],
      ['meeting-b', 'open'],
    ]);
  });

  it('compares the recorded pack with the periods as known at a past moment, or today', async () => {
    const at = async (query: Record<string, string>) => (await chair.read('/meetings/meeting-b/pack', { compare: 'now', ...query }).expect(200)).body;
    const then = await at({ asOf: beforeLateRefund });
    expect(then.now.asOf).toEqual({ position: beforeLateRefund });
    expect(readingOf(then.now, 'care.retentionShare')).toMatchObject({ current: { value: 1 }, changes: [] });
    const today = await at({ minPosition: await head() });
    expect(readingOf(today.now, 'care.retentionShare')).toMatchObject({ current: { value: 0.5 }, changes: ['late-facts'] });
    expect(today.then).toEqual(then.then);
  });

  it('has no pack at a moment before the meeting opened, and refuses a malformed moment', async () => {
    expectProblem(await chair.read('/meetings/meeting-b/pack', { asOf: scheduled }), 404);
    expectProblem(await chair.read('/meetings', { asOf: 'yesterday' }), 400, 'asOf');
    expectProblem(await chair.read('/meetings', { cursor: '!' }), 400, 'cursor');
  });
});
