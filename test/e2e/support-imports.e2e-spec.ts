import { readFileSync } from 'node:fs';
import { collect } from '../support/collect.js';
import { expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const EXAMPLE = readFileSync('docs/examples/support-import.ndjson', 'utf8');

const ndjson = (...lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n');

describe('the helpdesk import of support tickets', () => {
  let api: TestApp;
  let lead: Auth;
  let agent: Auth;

  beforeAll(async () => {
    api = await startTestApp();
    [lead, agent] = await Promise.all([keyWith(api, 'support-lead'), keyWith(api, 'support-agent')]);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const importFile = (file: string, auth: Auth = lead) =>
    api.http().post('/support/imports').set(auth).set('Content-Type', 'application/x-ndjson').send(file);

  const eventsOf = async (ticketId: string) => collect(api.stores.events.readStream(`supportTicket-${ticketId}`));

  it('imports the example file, linking the repeat contact, and takes it again as duplicates only', async () => {
    const first = await importFile(EXAMPLE).expect(200);
    expect(first.body.rejected).toEqual([]);
    expect(first.body.accepted).toHaveLength(16);
    expect(first.body.accepted.every((line: { duplicate: boolean }) => !line.duplicate)).toBe(true);
    expect(first.body.accepted[0]).toEqual({ line: 1, externalId: 'HD-10441', event: 'opened', ticketId: expect.any(String), duplicate: false });

    const ticketOf = (externalId: string) => first.body.accepted.find((line: { externalId: string }) => line.externalId === externalId).ticketId;
    const repeated = await eventsOf(ticketOf('HD-10450'));
    expect(repeated[0]!.data).toMatchObject({ externalId: 'HD-10450', repeatOf: ticketOf('HD-10441'), openedAt: '2026-03-05T16:00:00.000Z' });
    expect((await eventsOf(ticketOf('HD-10441'))).map((event) => event.type)).toEqual([
      'SupportTicketOpened',
      'SupportTicketAssigned',
      'SupportFirstResponseGiven',
      'SupportTicketEscalated',
      'SupportTicketAssigned',
      'SupportTicketResolved',
      'SupportTicketClosed',
      'SupportTicketRated',
    ]);
    expect((await eventsOf(ticketOf('HD-10441')))[0]!.metadata.occurredAt).toBe('2026-03-02T09:00:00.000Z');

    const head = await api.stores.events.headPosition();
    const again = await importFile(EXAMPLE).expect(200);
    expect(again.body.rejected).toEqual([]);
    expect(again.body.accepted.map((line: { duplicate: boolean; ticketId: string }) => [line.ticketId, line.duplicate])).toEqual(
      first.body.accepted.map((line: { ticketId: string }) => [line.ticketId, true]),
    );
    expect(await api.stores.events.headPosition()).toBe(head);
  });

  it('takes a file of many interleaved tickets side by side, each in its order, linking every repeat, and reports in file order', async () => {
    const TICKETS = 120;
    const at = (minute: number) => new Date(Date.parse('2026-04-06T08:00:00.000Z') + minute * 60_000).toISOString();
    // Every third ticket is its client's second contact on the topic; each ticket's lines are spread over the file.
    const clientOf = (n: number) => `client-lanes-${n % 3 === 2 ? n - 1 : n}`;
    const lines = Array.from({ length: TICKETS }, (_, n) => [
      { externalId: `LN-${n}`, event: 'opened', occurredAt: at(n), clientId: clientOf(n), channel: 'chat', topic: 'Lanes' },
      { externalId: `LN-${n}`, event: 'first-response', occurredAt: at(n + 1), employeeId: 'emp-lanes' },
      { externalId: `LN-${n}`, event: 'resolved', occurredAt: at(n + 30), employeeId: 'emp-lanes' },
    ]);
    const file = [...lines.map((ticket) => ticket[0]!), ...lines.map((ticket) => ticket[1]!), ...lines.map((ticket) => ticket[2]!)];

    const report = await importFile(ndjson(...file)).expect(200);

    expect(report.body.rejected).toEqual([]);
    expect(report.body.accepted.map((line: { line: number }) => line.line)).toEqual(file.map((_, index) => index + 1));
    const ticketOf = (n: number) => report.body.accepted[n].ticketId as string;
    for (let n = 0; n < TICKETS; n++) {
      const events = await eventsOf(ticketOf(n));
      expect(events.map((event) => event.type)).toEqual(['SupportTicketOpened', 'SupportFirstResponseGiven', 'SupportTicketResolved']);
      expect((events[0]!.data as { repeatOf?: string }).repeatOf).toBe(n % 3 === 2 ? ticketOf(n - 1) : undefined);
    }
  });

  it('takes one file sent twice at once as one import: every line appended once, whichever import wrote it', async () => {
    const TICKETS = 40;
    const at = (minute: number) => new Date(Date.parse('2026-04-13T08:00:00.000Z') + minute * 60_000).toISOString();
    const clientOf = (n: number) => `client-twice-${n - (n % 2)}`;
    const file = Array.from({ length: TICKETS }, (_, n) => [
      { externalId: `TW-${n}`, event: 'opened', occurredAt: at(n), clientId: clientOf(n), channel: 'email', topic: 'Twice' },
      { externalId: `TW-${n}`, event: 'assigned', occurredAt: at(n + 1), employeeId: 'emp-twice', line: 1 },
      { externalId: `TW-${n}`, event: 'first-response', occurredAt: at(n + 2), employeeId: 'emp-twice' },
      { externalId: `TW-${n}`, event: 'resolved', occurredAt: at(n + 40), employeeId: 'emp-twice' },
      { externalId: `TW-${n}`, event: 'closed', occurredAt: at(n + 50) },
    ]).flat();

    const reports = await Promise.all([importFile(ndjson(...file)).expect(200), importFile(ndjson(...file)).expect(200)]);

    for (const report of reports) {
      expect(report.body.rejected).toEqual([]);
      expect(report.body.accepted).toHaveLength(file.length);
    }
    // At least one of them appended each line; when both wrote it at once, the store kept one.
    const fresh = reports.map((report) => report.body.accepted.map((line: { duplicate: boolean }) => !line.duplicate));
    expect(file.every((_, index) => fresh[0]![index] || fresh[1]![index])).toBe(true);
    const ticketOf = (n: number) => reports[0]!.body.accepted[n * 5].ticketId as string;
    for (let n = 0; n < TICKETS; n++) {
      const events = await eventsOf(ticketOf(n));
      expect(events.map((event) => event.type)).toEqual([
        'SupportTicketOpened',
        'SupportTicketAssigned',
        'SupportFirstResponseGiven',
        'SupportTicketResolved',
        'SupportTicketClosed',
      ]);
      expect((events[0]!.data as { repeatOf?: string }).repeatOf).toBe(n % 2 === 1 ? ticketOf(n - 1) : undefined);
    }
  });

  it('decides each line on its own, listing the bad ones with their line numbers and problems, appending nothing for them', async () => {
    const opened = { externalId: 'HD-2001', event: 'opened', occurredAt: '2026-03-02T09:00:00Z', clientId: 'client-2001', channel: 'chat', topic: 'Login' };
    const file = [
      JSON.stringify(opened),
      'not json',
      '',
      JSON.stringify({ externalId: 'HD-2001', event: 'first-response', occurredAt: '2026-03-02T08:00:00Z', employeeId: 'agent-7' }),
      JSON.stringify({ externalId: 'HD-2001', event: 'first-response', occurredAt: '2026-03-02T09:01:00Z', employeeId: 'agent-7' }),
      JSON.stringify({ externalId: 'HD-2001', event: 'first-response', occurredAt: '2026-03-02T09:02:00Z', employeeId: 'agent-8' }),
      JSON.stringify({ externalId: 'HD-2001', event: 'rated', occurredAt: '2026-03-02T09:03:00Z', score: 9 }),
      JSON.stringify({ externalId: 'HD-2001', event: 'closed', occurredAt: '2026-03-02T09:03:00Z', at: '2026-03-02T09:03:00Z' }),
      JSON.stringify({ externalId: 'HD-2001', event: 'merged', occurredAt: '2026-03-02T09:03:00Z' }),
      JSON.stringify({ externalId: 'HD-2999', event: 'resolved', occurredAt: '2026-03-02T09:03:00Z', employeeId: 'agent-7' }),
      JSON.stringify({ externalId: 'HD-2001', event: 'resolved', employeeId: 'agent-7' }),
      JSON.stringify({ externalId: 'HD-2001', event: 'resolved', occurredAt: '2026-03-02T10:00:00Z', employeeId: 'agent-7' }),
      `{"externalId":"HD-2001","event":"closed","occurredAt":"2026-03-02T11:00:00Z","note":${'['.repeat(40)}${']'.repeat(40)}}`,
    ].join('\r\n');

    const response = await importFile(file).expect(200);
    expect(response.body.accepted.map((line: { line: number; event: string }) => [line.line, line.event])).toEqual([
      [1, 'opened'],
      [5, 'first-response'],
      [12, 'resolved'],
    ]);
    expect(response.body.rejected.map((line: { line: number; problem: { status: number; code: string } }) => [line.line, line.problem.status, line.problem.code])).toEqual([
      [2, 400, 'VALIDATION_FAILED'],
      [4, 409, 'DATED_BEFORE_OPENING'],
      [6, 409, 'FIRST_RESPONSE_GIVEN'],
      [7, 400, 'VALIDATION_FAILED'],
      [8, 400, 'VALIDATION_FAILED'],
      [9, 400, 'VALIDATION_FAILED'],
      [10, 404, 'NOT_FOUND'],
      [11, 400, 'VALIDATION_FAILED'],
      [13, 400, 'VALIDATION_FAILED'],
    ]);
    expect(response.body.rejected[3]).toMatchObject({ externalId: 'HD-2001', event: 'rated', problem: { errors: [{ field: 'score' }] } });
    expect(response.body.rejected[4].problem.errors).toEqual([expect.objectContaining({ field: 'at' })]);
    expect(response.body.rejected[7].problem.errors).toEqual([expect.objectContaining({ field: 'occurredAt' })]);
    expect(response.body.rejected[8]).toMatchObject({ externalId: null, problem: { errors: [{ field: 'line' }] } });

    const ticketId = response.body.accepted[0].ticketId;
    expect((await eventsOf(ticketId)).map((event) => event.type)).toEqual(['SupportTicketOpened', 'SupportFirstResponseGiven', 'SupportTicketResolved']);
  });

  it('keeps a ticket reopened twice: a line is the same line only at the same time', async () => {
    const at = (hour: number) => `2026-03-04T${String(hour).padStart(2, '0')}:00:00Z`;
    const file = ndjson(
      { externalId: 'HD-3001', event: 'opened', occurredAt: at(8), clientId: 'client-3001', channel: 'phone', topic: 'Access' },
      { externalId: 'HD-3001', event: 'resolved', occurredAt: at(9), employeeId: 'agent-7' },
      { externalId: 'HD-3001', event: 'reopened', occurredAt: at(10), reason: 'Again' },
      { externalId: 'HD-3001', event: 'resolved', occurredAt: at(11), employeeId: 'agent-7' },
      { externalId: 'HD-3001', event: 'reopened', occurredAt: at(12), reason: 'Once more' },
    );
    const response = await importFile(file).expect(200);
    expect(response.body.rejected).toEqual([]);
    expect(response.body.accepted.filter((line: { duplicate: boolean }) => line.duplicate)).toEqual([]);
  });

  it('takes a file larger than the body limit of JSON requests', async () => {
    const file = ndjson({ externalId: 'HD-4001', event: 'opened', occurredAt: '2026-03-04T08:00:00Z', clientId: 'client-4001', channel: 'other', topic: 'Access' });
    const padded = `${file}\n${' '.repeat(api.config.bodyLimit)}\n`;
    const response = await importFile(padded).expect(200);
    expect(response.body).toEqual({ accepted: [expect.objectContaining({ line: 1, duplicate: false })], rejected: [] });
  });

  it('refuses a body that is not NDJSON, an empty file, a file of over 50,000 lines and a key without the support lead role', async () => {
    expectProblem(await api.http().post('/support/imports').set(lead).send({ externalId: 'HD-1' }), 400, 'body');
    expectProblem(await importFile('\n\n'), 400, 'body');
    const head = await api.stores.events.headPosition();
    expectProblem(await importFile(`${EXAMPLE}${'{}\n'.repeat(50_000)}`), 400, 'body');
    expect(await api.stores.events.headPosition()).toBe(head);
    expectProblem(await importFile(EXAMPLE, agent), 403);
  });
});
