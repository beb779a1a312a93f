import { expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { momentAfter, type RecordedMoment } from '../support/moments.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Four tickets, recorded over HTTP by a support agent, with a first-response target of 90 s set by
 * configuration:
 * - s1 (week of Mar 3, chat, course-sales): agent-a answers in 60 s, resolves in 3 600 s, closed, rated 5;
 * - s2 (same week, email): assigned to agent-a on line 1, agent-b answers in 300 s, escalated to line 2
 *   and assigned to agent-c, who resolves it in 20 000 s; closed, rated 3;
 * - s4 (week of Mar 10, phone): opened, nothing more;
 * - s3 (week of Mar 3, chat, course-sales, the client of s1 on the same topic: a repeat contact):
 *   assigned to agent-b on line 2, who answers in 100 s and resolves in 7 200 s; reopened after `beforeReopen`.
 */
describe('GET /metrics/support', () => {
  let api: TestApp;
  let agent: Auth;
  let lead: Auth;
  let beforeReopen: RecordedMoment;
  let lastPosition: string;

  const later = (openedAt: string, seconds: number) => new Date(Date.parse(openedAt) + seconds * 1000).toISOString();

  /** One step of a ticket's life at its business time; answers the position it was recorded at. */
  async function step(id: string, route: string, body: object, occurredAt: string): Promise<string> {
    const response = await api.http().post(`/support/tickets/${id}/${route}`).set(agent).send({ ...body, occurredAt }).expect(200);
    return response.body.position;
  }

  async function openTicket(id: string, occurredAt: string, body: object = {}): Promise<void> {
    await api.http().post('/support/tickets').set(agent).send({ id, clientId: `client-${id}`, channel: 'chat', topic: 'login', occurredAt, ...body }).expect(201);
  }

  beforeAll(async () => {
    api = await startTestApp({ env: { SUPPORT_TARGET_FIRST_RESPONSE_SECONDS: '90' } });
    [agent, lead] = await Promise.all([keyWith(api, 'support-agent'), keyWith(api, 'support-lead')]);

    const s1 = '2025-03-03T09:00:00.000Z';
    await openTicket('s1', s1, { productId: 'course-sales' });
    await step('s1', 'assignment', { employeeId: 'agent-a', line: 1 }, later(s1, 30));
    await step('s1', 'first-response', { employeeId: 'agent-a' }, later(s1, 60));
    await step('s1', 'resolution', { employeeId: 'agent-a' }, later(s1, 3600));
    await step('s1', 'closing', {}, later(s1, 4000));
    await step('s1', 'rating', { score: 5 }, later(s1, 5000));

    const s2 = '2025-03-04T10:00:00.000Z';
    await openTicket('s2', s2, { channel: 'email', topic: 'payment' });
    await step('s2', 'assignment', { employeeId: 'agent-a', line: 1 }, later(s2, 10));
    await step('s2', 'first-response', { employeeId: 'agent-b' }, later(s2, 300));
    await step('s2', 'escalation', { toLine: 2, reason: 'needs the billing team' }, later(s2, 600));
    await step('s2', 'assignment', { employeeId: 'agent-c', line: 2 }, later(s2, 700));
    await step('s2', 'resolution', { employeeId: 'agent-c' }, later(s2, 20_000));
    await step('s2', 'closing', {}, later(s2, 21_000));
    await step('s2', 'rating', { score: 3 }, later(s2, 22_000));

    await openTicket('s4', '2025-03-11T12:00:00.000Z', { channel: 'phone', topic: 'access' });

    const s3 = '2025-03-05T11:00:00.000Z';
    await openTicket('s3', s3, { productId: 'course-sales', clientId: 'client-s1' });
    await step('s3', 'assignment', { employeeId: 'agent-b', line: 2 }, later(s3, 20));
    await step('s3', 'first-response', { employeeId: 'agent-b' }, later(s3, 100));
    const resolved = await step('s3', 'resolution', { employeeId: 'agent-b' }, later(s3, 7200));

    beforeReopen = await momentAfter(api, resolved);
    lastPosition = await step('s3', 'reopening', { reason: 'still cannot log in' }, later(s3, 90_000));
  });

  afterAll(async () => {
    await api.destroy();
  });

  function metrics(query: Record<string, string>, auth: Auth = lead) {
    return api.http().get('/metrics/support').set(auth).query({ from: '2025-03-03', to: '2025-03-17', minPosition: lastPosition, ...query });
  }

  const nextWeek = {
    group: { period: '2025-03-10' },
    tickets: 1,
    contactsPerDay: 1 / 7,
    firstResponseSeconds: null,
    firstResponseWithinTarget: null,
    resolutionSeconds: null,
    resolvedWithinTarget: null,
    excellentShare: null,
    csat: null,
    repeatContactShare: 0,
    closedShare: 0,
    escalationShare: 0,
  };

  /** The week of s1 to s3: what stays the same whether s3 is reopened or not. */
  const firstWeek = {
    group: { period: '2025-03-03' },
    tickets: 3,
    contactsPerDay: 3 / 7,
    firstResponseSeconds: { mean: 460 / 3, p50: 100, p90: 300 },
    firstResponseWithinTarget: 1 / 3,
    excellentShare: 0.5,
    csat: 0.5,
    repeatContactShare: 1 / 3,
    closedShare: 2 / 3,
    escalationShare: 1 / 3,
  };

  it('gives every figure per week beside the configured targets, with the reopened ticket no longer resolved', async () => {
    const response = await metrics({ groupBy: 'week' }).expect(200);
    expect(response.body.targets).toEqual({
      firstResponseSeconds: 90,
      resolutionSeconds: 14_400,
      excellentShare: 0.9,
      contactsPerDay: 100,
      repeatContactShare: 0.05,
      closedShare: 0.95,
      escalationShare: 0.02,
    });
    expect(response.body.rows).toEqual([
      { ...firstWeek, resolutionSeconds: { mean: 11_800, p50: 3600, p90: 20_000 }, resolvedWithinTarget: 0.5 },
      nextWeek,
    ]);
  });

  it('answers as of the position before the reopening, with the exact percentiles known then', async () => {
    const response = await metrics({ groupBy: 'week', asOf: beforeReopen.position }).expect(200);
    expect(response.body.asOf).toEqual({ position: beforeReopen.position });
    expect(response.body.rows).toEqual([
      { ...firstWeek, resolutionSeconds: { mean: 30_800 / 3, p50: 7200, p90: 20_000 }, resolvedWithinTarget: 2 / 3 },
      nextWeek,
    ]);
    const byTime = await metrics({ groupBy: 'week', asOf: beforeReopen.time }).expect(200);
    expect(byTime.body.rows).toEqual(response.body.rows);
  });

  it('credits tickets to their assignee, first responses to the responder and resolutions to the resolver', async () => {
    const response = await metrics({ groupBy: 'employee' }).expect(200);
    const figures = response.body.rows.map((row: Record<string, unknown>) => [row.group, row.tickets, row.firstResponseSeconds, row.resolutionSeconds]);
    expect(figures).toEqual([
      [{ employeeId: 'agent-a' }, 1, { mean: 60, p50: 60, p90: 60 }, { mean: 3600, p50: 3600, p90: 3600 }],
      [{ employeeId: 'agent-b' }, 1, { mean: 200, p50: 100, p90: 300 }, null],
      [{ employeeId: 'agent-c' }, 1, null, { mean: 20_000, p50: 20_000, p90: 20_000 }],
      [{ employeeId: null }, 1, null, null],
    ]);
    expect(response.body.rows[0].contactsPerDay).toBe(1 / 14);
  });

  it('counts a ticket and its escalation on the line it entered on, the first until handled, and groups by channel and product', async () => {
    const byLine = await metrics({ groupBy: 'line' }).expect(200);
    expect(byLine.body.rows.map((row: Record<string, unknown>) => [row.group, row.tickets, row.escalationShare])).toEqual([
      [{ line: 1 }, 3, 1 / 3],
      [{ line: 2 }, 1, 0],
    ]);
    const byChannel = await metrics({ groupBy: 'channel' }).expect(200);
    expect(byChannel.body.rows.map((row: Record<string, unknown>) => [row.group, row.tickets])).toEqual([
      [{ channel: 'chat' }, 2],
      [{ channel: 'email' }, 1],
      [{ channel: 'phone' }, 1],
    ]);
    const byProduct = await metrics({ groupBy: 'product' }).expect(200);
    expect(byProduct.body.rows.map((row: Record<string, unknown>) => [row.group, row.tickets, row.repeatContactShare])).toEqual([
      [{ productId: 'course-sales' }, 2, 0.5],
      [{ productId: null }, 2, 0],
    ]);
  });

  it('gives one row for the whole range by default', async () => {
    const response = await metrics({}).expect(200);
    expect(response.body.rows).toHaveLength(1);
    expect(response.body.rows[0]).toMatchObject({ group: {}, tickets: 4, contactsPerDay: 4 / 14, closedShare: 0.5 });
  });

  it('is for the support lead and the council, not for agents', async () => {
    await metrics({}, await keyWith(api, 'council-member')).expect(200);
    expectProblem(await metrics({}, await keyWith(api, 'support-agent')), 403);
  });

  it('refuses an unknown grouping, naming the field', async () => {
    expectProblem(await metrics({ groupBy: 'year' }), 400, 'groupBy');
  });
});
