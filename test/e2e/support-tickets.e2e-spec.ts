import { CommandBus } from '@nestjs/cqrs';
import { SupportTicketCommands } from '../../apps/api/src/support/index.js';
import { collect } from '../support/collect.js';
import { eventTypesOf, expectInvalid, expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POSITION = /^\d+$/;

const OPENED_AT = '2026-03-02T09:00:00.000Z';

describe('support tickets over HTTP', () => {
  let api: TestApp;
  let agent: Auth;
  let lead: Auth;
  let auditor: Auth;
  let careAgent: Auth;
  let clients = 0;

  beforeAll(async () => {
    api = await startTestApp();
    [agent, lead, auditor, careAgent] = await Promise.all([
      keyWith(api, 'support-agent'),
      keyWith(api, 'support-lead'),
      keyWith(api, 'auditor'),
      keyWith(api, 'care-agent'),
    ]);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const post = (path: string, body: object, auth: Auth = agent) => api.http().post(path).set(auth).send(body);
  const step = (id: string, route: string, body: object, auth: Auth = agent) => post(`/support/tickets/${id}/${route}`, body, auth);
  const read = (id: string, query: Record<string, string> = {}, auth: Auth = agent) =>
    api.http().get(`/support/tickets/${id}`).set(auth).query(query);

  /** A client of its own for each test, so that no test sees another's repeat contacts. */
  const newClient = () => `client-${++clients}`;

  function open(body: object = {}, auth: Auth = agent) {
    return post('/support/tickets', { clientId: newClient(), channel: 'chat', topic: 'Cannot open the course video', occurredAt: OPENED_AT, ...body }, auth);
  }

  async function openedTicket(body: object = {}): Promise<string> {
    return (await open(body).expect(201)).body.id;
  }

  async function resolvedTicket(): Promise<string> {
    const id = await openedTicket();
    await step(id, 'resolution', { employeeId: 'agent-9', occurredAt: '2026-03-02T12:00:00Z' }).expect(200);
    return id;
  }

  describe('the life of a ticket', () => {
    it('opens a ticket under a new UUIDv7, recording the caller as the actor', async () => {
      const response = await open({ productId: 'course-sales' }).expect(201);
      expect(response.body).toEqual({ id: expect.stringMatching(UUID_V7), revision: 0, position: expect.stringMatching(POSITION) });
      const [event] = await collect(api.stores.events.readStream(`supportTicket-${response.body.id}`));
      expect(event).toMatchObject({
        type: 'SupportTicketOpened',
        data: { ticketId: response.body.id, channel: 'chat', productId: 'course-sales', openedAt: OPENED_AT },
        metadata: { actor: { roles: ['support-agent'] }, occurredAt: OPENED_AT },
      });
      expect(event!.data).not.toHaveProperty('repeatOf');
    });

    it('assigns, answers, escalates, resolves, closes and rates a ticket, and shows it', async () => {
      const id = await openedTicket();
      await step(id, 'assignment', { employeeId: 'agent-7', line: 1, occurredAt: '2026-03-02T09:00:30Z' }).expect(200);
      await step(id, 'first-response', { employeeId: 'agent-7', occurredAt: '2026-03-02T09:02:00Z' }).expect(200);
      await step(id, 'escalation', { toLine: 2, reason: 'Needs the payment system', occurredAt: '2026-03-02T09:30:00Z' }, lead).expect(200);
      await step(id, 'resolution', { employeeId: 'agent-9', occurredAt: '2026-03-02T13:00:00Z' }).expect(200);
      await step(id, 'closing', { occurredAt: '2026-03-02T14:00:00Z' }).expect(200);
      const rated = await step(id, 'rating', { score: 5, comment: 'Quick and polite', occurredAt: '2026-03-02T15:00:00Z' }).expect(200);
      expect(rated.body).toEqual({ id, revision: 6, position: expect.stringMatching(POSITION) });

      expect(await eventTypesOf(api, `supportTicket-${id}`)).toEqual([
        'SupportTicketOpened',
        'SupportTicketAssigned',
        'SupportFirstResponseGiven',
        'SupportTicketEscalated',
        'SupportTicketResolved',
        'SupportTicketClosed',
        'SupportTicketRated',
      ]);
      const events = await collect(api.stores.events.readStream(`supportTicket-${id}`));
      expect(events[2]!.data).toMatchObject({ secondsSinceOpened: 120 });
      expect(events[3]!.data).toMatchObject({ fromLine: 1, toLine: 2 });
      expect(events[4]!.data).toMatchObject({ secondsSinceOpened: 14_400 });

      const view = await read(id, { minPosition: rated.body.position }, auditor).expect(200);
      expect(view.body).toMatchObject({
        id,
        status: 'closed',
        line: 2,
        employeeId: 'agent-7',
        firstResponseSeconds: 120,
        resolutionSeconds: 14_400,
        escalations: 1,
        rating: { score: 5, comment: 'Quick and polite', ratedAt: '2026-03-02T15:00:00.000Z' },
        position: rated.body.position,
      });
    });

    it('reopens a resolved ticket, and takes a new rating of its next resolution', async () => {
      const id = await resolvedTicket();
      await step(id, 'rating', { score: 2, occurredAt: '2026-03-02T12:30:00Z' }).expect(200);
      await step(id, 'reopening', { reason: 'Still broken', occurredAt: '2026-03-03T09:00:00Z' }).expect(200);
      await step(id, 'resolution', { employeeId: 'agent-9', occurredAt: '2026-03-03T10:00:00Z' }).expect(200);
      const rated = await step(id, 'rating', { score: 5, occurredAt: '2026-03-03T11:00:00Z' }).expect(200);
      const view = await read(id, { minPosition: rated.body.position }).expect(200);
      expect(view.body).toMatchObject({ status: 'resolved', reopenings: 1, resolutionSeconds: 90_000, rating: { score: 5 } });
    });

    it('appends nothing for an assignment the ticket has', async () => {
      const id = await openedTicket();
      await step(id, 'assignment', { employeeId: 'agent-7', line: 2 }).expect(200);
      expect((await step(id, 'assignment', { employeeId: 'agent-7', line: 2 }).expect(200)).body).toEqual({ id, revision: 1, position: null });
    });
  });

  describe('conflicts', () => {
    it('refuses a ticket id that exists, and appends nothing', async () => {
      await openedTicket({ id: 'ticket-chosen-1' });
      const head = await api.stores.events.headPosition();
      expectRule(await open({ id: 'ticket-chosen-1' }), 'SUPPORT_TICKET_EXISTS');
      expect(await api.stores.events.headPosition()).toBe(head);
    });

    it('refuses an opening that pins a revision, before its claim appends anything', async () => {
      const head = await api.stores.events.headPosition();
      expectProblem(await open({}).set('If-Match', '0'), 412);
      expect(await api.stores.events.headPosition()).toBe(head);
    });

    it.each([
      ['assignment', { employeeId: 'agent-7', line: 1 }],
      ['first-response', { employeeId: 'agent-7' }],
      ['escalation', { toLine: 2, reason: 'Payments' }],
      ['resolution', { employeeId: 'agent-7' }],
      ['reopening', { reason: 'Still broken' }],
      ['closing', {}],
      ['rating', { score: 5 }],
    ])('answers 404 for a %s of a ticket never opened', async (route, body) => {
      expectProblem(await step('ticket-never-opened', route, body), 404);
    });

    it.each([
      ['first-response', { employeeId: 'agent-7' }],
      ['escalation', { toLine: 2, reason: 'Payments' }],
      ['resolution', { employeeId: 'agent-7' }],
    ])('refuses a %s dated before the opening', async (route, body) => {
      const id = await openedTicket();
      expectRule(await step(id, route, { ...body, occurredAt: '2026-03-02T08:59:59Z' }), 'DATED_BEFORE_OPENING');
    });

    it('refuses a second first response', async () => {
      const id = await openedTicket();
      await step(id, 'first-response', { employeeId: 'agent-7' }).expect(200);
      expectRule(await step(id, 'first-response', { employeeId: 'agent-8' }), 'FIRST_RESPONSE_GIVEN');
    });

    it('refuses an escalation to the current or a lower line', async () => {
      const id = await openedTicket();
      await step(id, 'assignment', { employeeId: 'agent-7', line: 2 }).expect(200);
      expectRule(await step(id, 'escalation', { toLine: 2, reason: 'Payments' }), 'ESCALATION_NOT_HIGHER');
      expectRule(await step(id, 'escalation', { toLine: 1, reason: 'Payments' }), 'ESCALATION_NOT_HIGHER');
    });

    it('refuses to resolve a resolved ticket, and to reopen, close or rate an open one', async () => {
      const open = await openedTicket();
      expectRule(await step(open, 'reopening', { reason: 'Again' }), 'SUPPORT_TICKET_NOT_RESOLVED');
      expectRule(await step(open, 'closing', {}), 'SUPPORT_TICKET_NOT_RESOLVED');
      expectRule(await step(open, 'rating', { score: 4 }), 'SUPPORT_TICKET_NOT_RESOLVED');
      const resolved = await resolvedTicket();
      expectRule(await step(resolved, 'resolution', { employeeId: 'agent-9' }), 'SUPPORT_TICKET_NOT_OPEN');
    });

    it('refuses a second closing and a second rating of one resolution', async () => {
      const id = await resolvedTicket();
      await step(id, 'closing', {}).expect(200);
      expectRule(await step(id, 'closing', {}), 'SUPPORT_TICKET_CLOSED');
      await step(id, 'rating', { score: 3 }).expect(200);
      expectRule(await step(id, 'rating', { score: 5 }), 'SUPPORT_TICKET_RATED');
    });
  });

  describe('validation', () => {
    it.each([
      ['channel', { channel: 'fax' }],
      ['clientId', { clientId: 'anna@example.com' }],
      ['topic', { topic: ' ' }],
      ['topic', { topic: 'Write to anna@example.com' }],
      ['occurredAt', { occurredAt: '2026-03-02 09:00' }],
      ['repeatOf', { repeatOf: 'ticket-0' }],
    ])('refuses an opening with a bad %s, appending nothing', async (field, body) => {
      await expectInvalid(api, () => open(body), field);
    });

    it('refuses bad lines, scores and unknown fields', async () => {
      const id = await openedTicket();
      await expectInvalid(api, () => step(id, 'assignment', { employeeId: 'agent-7', line: 4 }), 'line');
      await expectInvalid(api, () => step(id, 'escalation', { toLine: '2', reason: 'Payments' }), 'toLine');
      await expectInvalid(api, () => step(id, 'rating', { score: 0 }), 'score');
      await expectInvalid(api, () => step(id, 'rating', { score: 4.5 }), 'score');
      await expectInvalid(api, () => step(id, 'closing', { at: '2026-03-02T12:00:00Z' }), 'at');
    });
  });

  describe('repeat contacts', () => {
    it('links a ticket of the same client on the same topic within the window to the latest earlier one', async () => {
      const clientId = newClient();
      const first = await openedTicket({ clientId, occurredAt: '2026-03-01T09:00:00Z' });
      const second = await openedTicket({ clientId, topic: 'cannot open the course video ', occurredAt: '2026-03-05T09:00:00Z' });
      const third = await openedTicket({ clientId, occurredAt: '2026-03-12T09:00:00Z' });
      const late = await openedTicket({ clientId, occurredAt: '2026-03-19T09:00:01Z' });
      const otherTopic = await openedTicket({ clientId, topic: 'Refund', occurredAt: '2026-03-12T10:00:00Z' });
      const response = await open({ clientId: newClient(), occurredAt: '2026-03-12T10:00:00Z' }).expect(201);

      const repeatOf = async (id: string) =>
        (await collect(api.stores.events.readStream(`supportTicket-${id}`)))[0]!.data as { repeatOf?: string };
      expect((await repeatOf(first)).repeatOf).toBeUndefined();
      expect((await repeatOf(second)).repeatOf).toBe(first);
      expect((await repeatOf(third)).repeatOf).toBe(second);
      expect((await repeatOf(late)).repeatOf).toBeUndefined();
      expect((await repeatOf(otherTopic)).repeatOf).toBeUndefined();
      expect((await repeatOf(response.body.id)).repeatOf).toBeUndefined();

      const view = await read(second, { minPosition: response.body.position }).expect(200);
      expect(view.body.repeatOf).toBe(first);
    });

    it('loses no link between openings decided at the same moment: the later claim is refused, and its retry is linked', async () => {
      const bus = api.app.get(CommandBus);
      const commands = api.app.get(SupportTicketCommands);
      const clientId = newClient();
      const context = { actor: { id: 'apiKey:test', roles: ['support-agent'] }, correlationId: 'concurrent-openings' };
      const opening = (ticketId: string) =>
        commands.open({ ticketId, clientId, channel: 'chat', topic: 'Video', occurredAt: OPENED_AT }, context);
      const [first, second] = await Promise.all([opening(`${clientId}-first`), opening(`${clientId}-second`)]);

      await bus.execute(first);
      await expect(bus.execute(second)).rejects.toMatchObject({ rule: 'SUPPORT_CONTACT_CHANGED' });
      expect(await eventTypesOf(api, `supportTicket-${clientId}-second`)).toEqual([]);

      await bus.execute(await opening(`${clientId}-second`));
      const [opened] = await collect(api.stores.events.readStream(`supportTicket-${clientId}-second`));
      expect(opened!.data).toMatchObject({ repeatOf: `${clientId}-first` });
    });
  });

  describe('roles', () => {
    it('lets support agents and leads decide, auditors and admins only read, and keeps other roles out', async () => {
      const id = await openedTicket();
      await open({}, lead).expect(201);
      for (const auth of [auditor, asAdmin, careAgent]) {
        expectProblem(await open({}, auth), 403);
        expectProblem(await step(id, 'assignment', { employeeId: 'agent-7', line: 1 }, auth), 403);
      }
      for (const auth of [auditor, asAdmin, lead]) await read(id, {}, auth).expect(200);
      expectProblem(await read(id, {}, careAgent), 403);
    });
  });
});
