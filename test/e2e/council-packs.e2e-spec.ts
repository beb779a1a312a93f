import { newId } from '#kernel';
import { PackBackfill } from '../../apps/api/src/council/pack-backfill.service.js';
import { careDesk, employeeKey, keyWith, type Auth } from '../support/care-cases.js';
import { councilDesk, readingOf } from '../support/council.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

type Reading = { value: number | null; sample: number | null };
type Indicator = { indicator: string; definitionVersion: number; sampleOf: string | null; current: Reading; previous: Reading; changes?: string[] };
type Readings = { asOf: { position: string }; indicators: Indicator[] };

/**
 * The recorded metrics pack: a Monday meeting looks at the two complete weeks before it; what was
 * recorded stays whatever arrives or changes later, while `compare=now` marks each difference; and
 * meetings opened before packs were recorded get the pack of that time from the backfill.
 */
describe('the recorded metrics pack', () => {
  let api: TestApp;
  let chair: ReturnType<typeof councilDesk>;
  let member: ReturnType<typeof councilDesk>;
  let care: ReturnType<typeof careDesk>;
  let supportAgent: Auth;
  let recordedOnMonday: Readings;

  const head = async () => ((await api.stores.events.headPosition()) ?? 0n).toString();
  const packOf = async (meetingId: string, query: Record<string, string> = {}) =>
    (await member.read(`/meetings/${meetingId}/pack`, { minPosition: await head(), ...query }).expect(200)).body;

  /** A support ticket opened at `openedAt`, with the later steps given as seconds after it. */
  async function ticket(id: string, openedAt: string, steps: [string, object, number][]): Promise<void> {
    await api.http().post('/support/tickets').set(supportAgent).send({ id, clientId: `client-${id}`, channel: 'chat', topic: 'login', occurredAt: openedAt }).expect(201);
    for (const [route, body, seconds] of steps) {
      const occurredAt = new Date(Date.parse(openedAt) + seconds * 1000).toISOString();
      await api.http().post(`/support/tickets/${id}/${route}`).set(supportAgent).send({ ...body, occurredAt }).expect(200);
    }
  }

  async function caseOutcome(id: string, outcome: 'retain' | 'refund', day: string): Promise<void> {
    await care.open({ id, occurredAt: `${day}T09:00:00Z` }).expect(201);
    await care[outcome](id, { occurredAt: `${day}T10:00:00Z` }).expect(200);
  }

  /** A meeting opened as before packs were recorded: `MeetingOpened` in its first version, and no pack. */
  async function openedWithoutPack(meetingId: string, day: string, pinned?: string): Promise<string> {
    await chair.schedule({ id: meetingId, day }).expect(201);
    const packPosition = pinned ?? (await head());
    const opened = { meetingId, openedAt: `${day}T09:00:00.000Z`, chairId: 'm1', members: ['m1', 'm2'], present: ['m1', 'm2'], quorumNeeded: 1, packPosition };
    await api.stores.events.append(`councilMeeting-${meetingId}`, [recordedEvent('MeetingOpened', opened, 1)], 0);
    return packPosition;
  }

  function recordedEvent(type: string, data: object, schemaVersion: number) {
    const metadata = { occurredAt: new Date().toISOString(), actor: { id: 'apiKey:before', roles: ['council-chair'] }, correlationId: newId(), causationId: null, schemaVersion };
    return { eventId: newId(), type, data, metadata };
  }

  beforeAll(async () => {
    api = await startTestApp();
    const admin = councilDesk(api, asAdmin);
    chair = councilDesk(api, await employeeKey(api, 'm1', 'council-chair'));
    member = councilDesk(api, await employeeKey(api, 'm2', 'council-member'));
    const agent: Auth = await keyWith(api, 'care-agent');
    care = careDesk(api, agent);
    supportAgent = await keyWith(api, 'support-agent');
    for (const id of ['m1', 'm2']) await admin.appoint(id).expect(200);
    await admin.appointChair('m1').expect(200);
  });

  afterAll(() => api.destroy());

  it('gives a Monday meeting the two complete weeks before it, not the week it opens', async () => {
    const assigned = ['assignment', { employeeId: 'agent-a', line: 1 }, 30] as [string, object, number];
    await ticket('answered-and-closed', '2026-11-24T09:00:00.000Z', [
      assigned,
      ['first-response', { employeeId: 'agent-a' }, 60],
      ['resolution', { employeeId: 'agent-a' }, 3600],
      ['closing', {}, 4000],
      ['rating', { score: 5 }, 5000],
    ]);
    await ticket('answered-only', '2026-11-25T09:00:00.000Z', [assigned, ['first-response', { employeeId: 'agent-a' }, 180]]);
    await ticket('opened-on-the-meeting-day', '2026-11-30T08:00:00.000Z', []);
    await caseOutcome('kept-in-last-week', 'retain', '2026-11-25');
    await caseOutcome('refunded-the-week-before', 'refund', '2026-11-18');
    await caseOutcome('kept-on-the-meeting-day', 'retain', '2026-11-30');
    await chair.schedule({ id: 'meeting-2026-11-30', day: '2026-11-30' }).expect(201);
    await chair.open('meeting-2026-11-30', ['m1', 'm2']).expect(200);

    const pack = await packOf('meeting-2026-11-30');
    expect(pack).toMatchObject({
      periodRule: 'complete-weeks-before',
      periods: { current: { from: '2026-11-23', to: '2026-11-30' }, previous: { from: '2026-11-16', to: '2026-11-23' } },
    });
    expect(readingOf(pack.then, 'care.retentionShare')).toMatchObject({
      definitionVersion: 1,
      sampleOf: 'cases decided by a refund or a retention',
      current: { value: 1, sample: 1 },
      previous: { value: 0, sample: 1 },
    });
    const support = (pack.then as Readings).indicators.filter((indicator) => indicator.indicator.startsWith('support.'));
    expect(support).toHaveLength(7);
    // Two tickets opened in the week: first responses after 60 s and 180 s, one resolved in an hour, closed and rated 5.
    expect(readingOf(pack.then, 'support.firstResponseMinutes')).toMatchObject({
      target: 2,
      sampleOf: 'tickets opened',
      current: { value: 2, onTarget: true, sample: 2 },
      previous: { value: null, sample: 0 },
    });
    expect(readingOf(pack.then, 'support.resolutionHours')).toMatchObject({ current: { value: 1, onTarget: true } });
    expect(readingOf(pack.then, 'support.contactsPerDay')).toMatchObject({ target: 100, current: { value: 2 / 7, onTarget: false } });
    expect(readingOf(pack.then, 'support.csat')).toMatchObject({ current: { value: 1 } });
    expect(readingOf(pack.then, 'support.closedShare')).toMatchObject({ current: { value: 0.5, onTarget: false } });
    expect(readingOf(pack.then, 'support.escalationShare')).toMatchObject({ current: { value: 0, onTarget: true } });
    recordedOnMonday = pack.then;
  });

  it('keeps the recorded pack when late facts arrive, and marks them beside today’s view', async () => {
    await caseOutcome('refunded-late', 'refund', '2026-11-26');

    const pack = await packOf('meeting-2026-11-30', { compare: 'now' });
    expect(pack.then).toEqual(recordedOnMonday);
    expect(readingOf(pack.now, 'care.retentionShare')).toMatchObject({ current: { value: 0.5, sample: 2 }, previous: { value: 0 }, changes: ['late-facts'] });
    expect(readingOf(pack.now, 'surveys.nps')).toMatchObject({ changes: [] });
    expect(BigInt(pack.now.asOf.position)).toBeGreaterThan(BigInt(pack.then.asOf.position));
  });

  it('shows a pack recorded under another definition version, and before samples were, as recorded, and marks the changed definition', async () => {
    const packPosition = await openedWithoutPack('meeting-older-definition', '2026-11-30');
    const withoutSample = ({ sample: _sample, ...reading }: { sample: number | null }) => reading;
    const indicators = recordedOnMonday.indicators.map(({ sampleOf: _sampleOf, ...indicator }) => ({
      ...indicator,
      current: indicator.indicator === 'care.retentionShare' ? { value: 0.25, deviation: 0.25 - 0.6, onTarget: false } : withoutSample(indicator.current),
      previous: withoutSample(indicator.previous),
      definitionVersion: indicator.indicator === 'care.retentionShare' ? 2 : indicator.definitionVersion,
    }));
    const periods = { current: { from: '2026-11-23', to: '2026-11-30' }, previous: { from: '2026-11-16', to: '2026-11-23' } };
    const recorded = { meetingId: 'meeting-older-definition', periodRule: 'complete-weeks-before', periods, indicators, packPosition, packCheckpoint: null, recordedAt: '2026-11-30T09:00:00.000Z' };
    await api.stores.events.append('councilMeeting-meeting-older-definition', [recordedEvent('MetricsPackRecorded', recorded, 1)], 1);

    const pack = await packOf('meeting-older-definition', { compare: 'now' });
    const withNullSamples = indicators.map((indicator) => ({
      ...indicator,
      sampleOf: null,
      current: { ...indicator.current, sample: null },
      previous: { ...indicator.previous, sample: null },
    }));
    expect(pack.then).toEqual({ asOf: { position: packPosition }, indicators: withNullSamples });
    expect(readingOf(pack.now, 'care.retentionShare')).toMatchObject({ sampleOf: 'cases decided by a refund or a retention' });
    expect(readingOf(pack.now, 'care.retentionShare')).toMatchObject({ definitionVersion: 1, current: { value: 0.5 }, changes: ['definition'] });
    expect(readingOf(pack.now, 'surveys.nps')).toMatchObject({ changes: [] });
  });

  it('backfills the pack of a meeting opened before packs were recorded, as it showed it then, once', async () => {
    await caseOutcome('kept-in-march', 'retain', '2026-03-03');
    await caseOutcome('refunded-in-march', 'refund', '2026-03-03');
    const packPosition = await openedWithoutPack('meeting-before', '2026-03-04');
    await openedWithoutPack('meeting-pinned-beyond-the-log', '2026-03-04', '999999999');
    await member.read('/meetings/meeting-before/pack', { minPosition: await head() }).expect(404);

    // A meeting whose pack cannot be computed is left for the next run; the others are recorded all the same.
    expect(await api.app.get(PackBackfill).run()).toEqual({ recorded: ['meeting-before'], missed: ['meeting-pinned-beyond-the-log'] });
    const pack = await packOf('meeting-before');
    // What the pack showed before packs were recorded: the week of the meeting day and the week before it.
    expect(pack).toMatchObject({
      periodRule: 'week-of-meeting',
      periods: { current: { from: '2026-03-02', to: '2026-03-09' }, previous: { from: '2026-02-23', to: '2026-03-02' } },
      then: { asOf: { position: packPosition } },
    });
    expect(readingOf(pack.then, 'care.retentionShare')).toMatchObject({ target: 0.6, current: { value: 0.5, deviation: 0.5 - 0.6, onTarget: false } });
    expect(readingOf(pack.then, 'support.firstResponseMinutes')).toMatchObject({ target: 2, current: { value: null } });

    expect(await api.app.get(PackBackfill).run()).toEqual({ recorded: [], missed: ['meeting-pinned-beyond-the-log'] });
    expect((await packOf('meeting-before')).then).toEqual(pack.then);
  });
});
