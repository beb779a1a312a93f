import type { Response } from 'supertest';
import { collect } from '../support/collect.js';
import { employeeKey, eventTypesOf, expectInvalid, expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POSITION = /^\d+$/;

type Headers = Record<string, string>;

describe('thanks and complaints over HTTP', () => {
  let api: TestApp;
  let agent: Auth;
  let lead: Auth;

  beforeAll(async () => {
    api = await startTestApp();
    [agent, lead] = await Promise.all([keyWith(api, 'care-agent'), keyWith(api, 'care-lead')]);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = () => api.stores.events.headPosition();

  const feedbackBody = (body: object) => ({
    author: { kind: 'client', id: 'client-4711' },
    subject: { kind: 'employee', id: 'agent-7' },
    channel: 'chat',
    text: 'Solved my problem in five minutes',
    ...body,
  });

  const thank = (body: object = {}, auth: Auth = agent, headers: Headers = {}) =>
    api.http().post('/feedback/thanks').set(auth).set(headers).send(feedbackBody(body));
  const complain = (body: object = {}, auth: Auth = agent, headers: Headers = {}) =>
    api.http().post('/feedback/complaints').set(auth).set(headers).send(feedbackBody({ text: 'Nobody answered for two days', ...body }));
  const close = (id: string, body: object = {}, auth: Auth = lead) =>
    api.http().post(`/feedback/complaints/${id}/closing`).set(auth).send({ outcome: 'upheld', ...body });

  async function recordedComplaint(body: object = {}): Promise<string> {
    return (await complain(body).expect(201)).body.id;
  }

  describe('thanks', () => {
    it('records a thank-you under a new UUIDv7, with the caller as the actor', async () => {
      const response = await thank({ occurredAt: '2025-05-02T09:00:00Z' }).expect(201);
      expect(response.body).toEqual({ id: expect.stringMatching(UUID_V7), revision: 0, position: expect.stringMatching(POSITION) });

      const [event] = await collect(api.stores.events.readStream(`thanks-${response.body.id}`));
      expect(event).toMatchObject({
        type: 'ThanksRecorded',
        data: {
          thanksId: response.body.id,
          author: { kind: 'client', id: 'client-4711' },
          subject: { kind: 'employee', id: 'agent-7' },
          channel: 'chat',
          text: 'Solved my problem in five minutes',
          receivedAt: '2025-05-02T09:00:00.000Z',
        },
        metadata: { actor: { roles: ['care-agent'] } },
      });
    });

    it('records one under the id the client chose, once', async () => {
      await thank({ id: 'thanks-chosen-1' }).expect(201);
      expectRule(await thank({ id: 'thanks-chosen-1' }), 'THANKS_EXISTS');
    });

    it('replays a thank-you retried with the same Idempotency-Key, appending nothing', async () => {
      const first = await thank({}, agent, { 'Idempotency-Key': 'thanks-once-1' }).expect(201);
      const before = await head();
      const retry = await thank({}, agent, { 'Idempotency-Key': 'thanks-once-1' }).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await head()).toBe(before);
    });
  });

  describe('complaints', () => {
    it('records a complaint linked to a support ticket, and closes it once with its outcome', async () => {
      const id = await recordedComplaint({
        subject: { kind: 'product', id: 'course-sales' },
        linkedTo: { kind: 'support-ticket', id: 'ticket-42' },
        occurredAt: '2025-05-02T09:00:00Z',
      });
      const closed = await close(id, { outcome: 'resolved', note: 'Sent the working link', occurredAt: '2025-05-03T10:00:00Z' }).expect(200);
      expect(closed.body).toEqual({ id, revision: 1, position: expect.stringMatching(POSITION) });

      const events = await collect(api.stores.events.readStream(`complaint-${id}`));
      expect(events.map((event) => event.data)).toEqual([
        {
          complaintId: id,
          author: { kind: 'client', id: 'client-4711' },
          subject: { kind: 'product', id: 'course-sales' },
          channel: 'chat',
          text: 'Nobody answered for two days',
          linkedTo: { kind: 'support-ticket', id: 'ticket-42' },
          receivedAt: '2025-05-02T09:00:00.000Z',
        },
        { complaintId: id, subject: { kind: 'product', id: 'course-sales' }, outcome: 'resolved', note: 'Sent the working link', closedAt: '2025-05-03T10:00:00.000Z' },
      ]);
    });

    it('refuses a second closing with 409, whatever its outcome, appending nothing', async () => {
      const id = await recordedComplaint();
      await close(id).expect(200);
      const before = await head();
      expectRule(await close(id, { outcome: 'rejected' }), 'COMPLAINT_CLOSED');
      expect(await head()).toBe(before);
    });

    it('refuses a closing dated before the complaint was received', async () => {
      const id = await recordedComplaint({ occurredAt: '2025-05-02T09:00:00Z' });
      expectRule(await close(id, { occurredAt: '2025-05-01T09:00:00Z' }), 'DATED_BEFORE_RECEIPT');
      expect(await eventTypesOf(api, `complaint-${id}`)).toEqual(['ComplaintRecorded']);
    });

    it('refuses a complaint id recorded already', async () => {
      await recordedComplaint({ id: 'complaint-chosen-1' });
      expectRule(await complain({ id: 'complaint-chosen-1' }), 'COMPLAINT_EXISTS');
    });

    it('answers 404 to the closing of a complaint that was never recorded, appending nothing', async () => {
      const before = await head();
      const response = await close('no-such-complaint');
      expectProblem(response, 404);
      expect(response.body.code).toBe('NOT_FOUND');
      expect(await head()).toBe(before);
    });

    it('lets no lead close a complaint about themselves', async () => {
      const accused = await employeeKey(api, 'lead-accused', 'care-lead');
      const id = await recordedComplaint({ subject: { kind: 'employee', id: 'lead-accused' } });
      expectRule(await close(id, {}, accused), 'SELF_RULING');
      await close(id, { outcome: 'rejected' }, await keyWith(api, 'support-lead')).expect(200);
    });
  });

  describe('bad input', () => {
    let complaintId: string;

    beforeAll(async () => {
      complaintId = await recordedComplaint({ occurredAt: '2025-01-10T09:00:00Z' });
    });

    it.each<[string, () => Promise<Response>, string]>([
      ['an unknown author kind', () => thank({ author: { kind: 'partner', id: 'p-1' } }), 'author.kind'],
      ['an author id that is no id', () => thank({ author: { kind: 'client', id: 'ann@example.com' } }), 'author.id'],
      ['an author with an unknown field', () => thank({ author: { kind: 'client', id: 'c-1', name: 'Ann Lee' } }), 'author.name'],
      ['an author that is no object', () => thank({ author: 'client-4711' }), 'author'],
      ['a missing subject', () => thank({ subject: undefined }), 'subject'],
      ['an unknown subject kind', () => complain({ subject: { kind: 'client', id: 'c-1' } }), 'subject.kind'],
      ['an employee thanking themselves', () => thank({ author: { kind: 'employee', id: 'agent-7' } }), 'subject.id'],
      ['an unknown channel', () => thank({ channel: 'fax' }), 'channel'],
      ['a blank text', () => complain({ text: '  ' }), 'text'],
      ['an e-mail address in the text', () => thank({ text: 'write to ann.lee@example.com' }), 'text'],
      ['an oversized text', () => complain({ text: 't'.repeat(4001) }), 'text'],
      ['an unknown link kind', () => complain({ linkedTo: { kind: 'order', id: 'o-1' } }), 'linkedTo.kind'],
      ['an unknown field', () => complain({ clientName: 'Ann Lee' }), 'clientName'],
      ['an occurredAt without a zone', () => thank({ occurredAt: '2025-01-10T09:00:00' }), 'occurredAt'],
      ['an unknown outcome', () => close(complaintId, { outcome: 'ignored' }), 'outcome'],
      ['a blank note', () => close(complaintId, { note: ' ' }), 'note'],
      ['a complaint id that is no id', () => close('bad%20id'), 'id'],
    ])('answers %s with a 400 naming the field, appending nothing', (_name, send, field) => expectInvalid(api, send, field));
  });

  describe('roles', () => {
    it('lets care and support staff record, and only their leads close', async () => {
      await thank({}, await keyWith(api, 'support-agent')).expect(201);
      const id = (await complain({}, await keyWith(api, 'support-lead')).expect(201)).body.id;
      expectProblem(await close(id, {}, agent), 403);
      expectProblem(await close(id, {}, await keyWith(api, 'support-agent')), 403);
      await close(id).expect(200);
    });

    it('answers 401 without a key and 403 to the other roles, appending nothing', async () => {
      const id = await recordedComplaint();
      const auditor = await keyWith(api, 'auditor');
      const employee = await employeeKey(api, 'emp-0107');
      expectProblem(await api.http().post('/feedback/thanks').send(feedbackBody({})), 401);
      const before = await head();
      for (const response of [await thank({}, auditor), await complain({}, asAdmin), await complain({}, employee), await close(id, {}, asAdmin)]) {
        expectProblem(response, 403);
      }
      expect(await head()).toBe(before);
    });

    it('documents the routes with bearer security and their roles', async () => {
      const { body: document } = await api.http().get('/docs-json').expect(200);
      for (const path of ['/feedback/thanks', '/feedback/complaints']) {
        expect(document.paths[path].post).toMatchObject({
          security: [{ bearer: [] }],
          description: expect.stringMatching(/^Roles: care-agent, care-lead, support-agent, support-lead\./),
        });
      }
      expect(document.paths['/feedback/complaints/{id}/closing'].post.description).toMatch(/^Roles: care-lead, support-lead\./);
    });
  });
});

/**
 * Feedback of 2025, about one section's people and products:
 * - agent-a: thanked on Mar 3 and Mar 20, complained about on Mar 10 (upheld Apr 2);
 * - agent-b: complained about on Mar 12 (rejected Mar 14) and Apr 5 (still open);
 * - product p-1: thanked on Apr 6, complained about on Apr 7 (resolved Apr 8).
 */
describe('GET /metrics/feedback', () => {
  let api: TestApp;
  let lead: Auth;
  let lastPosition: string;
  let beforeApril: string;

  beforeAll(async () => {
    api = await startTestApp();
    const agent = await keyWith(api, 'care-agent');
    lead = await keyWith(api, 'care-lead');
    const post = (path: string, body: object, auth: Auth = agent) => api.http().post(path).set(auth).send(body);
    const feedback = (subject: object, occurredAt: string, id: string) => ({
      id,
      author: { kind: 'client', id: 'client-1' },
      subject,
      channel: 'phone',
      text: 'About the course',
      occurredAt,
    });
    const agentA = { kind: 'employee', id: 'agent-a' };
    const agentB = { kind: 'employee', id: 'agent-b' };
    const product = { kind: 'product', id: 'p-1' };

    await post('/feedback/thanks', feedback(agentA, '2025-03-03T10:00:00Z', 't1')).expect(201);
    await post('/feedback/thanks', feedback(agentA, '2025-03-20T10:00:00Z', 't2')).expect(201);
    await post('/feedback/complaints', feedback(agentA, '2025-03-10T10:00:00Z', 'c1')).expect(201);
    await post('/feedback/complaints', feedback(agentB, '2025-03-12T10:00:00Z', 'c2')).expect(201);
    beforeApril = (await post('/feedback/complaints/c2/closing', { outcome: 'rejected', occurredAt: '2025-03-14T10:00:00Z' }, lead).expect(200)).body.position;
    await post('/feedback/complaints/c1/closing', { outcome: 'upheld', occurredAt: '2025-04-02T10:00:00Z' }, lead).expect(200);
    await post('/feedback/complaints', feedback(agentB, '2025-04-05T10:00:00Z', 'c3')).expect(201);
    await post('/feedback/thanks', feedback(product, '2025-04-06T10:00:00Z', 't3')).expect(201);
    await post('/feedback/complaints', feedback(product, '2025-04-07T10:00:00Z', 'c4')).expect(201);
    lastPosition = (await post('/feedback/complaints/c4/closing', { outcome: 'resolved', occurredAt: '2025-04-08T10:00:00Z' }, lead).expect(200)).body
      .position;
  });

  afterAll(async () => {
    await api.destroy();
  });

  function metric(query: Record<string, string>, auth: Auth = lead) {
    return api.http().get('/metrics/feedback').set(auth).query(query);
  }

  const outcomes = (upheld: number, rejected: number, resolved: number) => ({ upheld, rejected, resolved });

  it('counts thanks and complaints when received and closings when closed, per month', async () => {
    const response = await metric({ groupBy: 'month', minPosition: lastPosition }).expect(200);
    expect(response.body.rows).toEqual([
      { group: { period: '2025-03-01' }, thanks: 2, complaints: 2, complaintsClosed: 1, outcomes: outcomes(0, 1, 0) },
      { group: { period: '2025-04-01' }, thanks: 1, complaints: 2, complaintsClosed: 2, outcomes: outcomes(1, 0, 1) },
    ]);
  });

  it('gives one row per employee the feedback is about, leaving out the feedback about products', async () => {
    const response = await metric({ groupBy: 'employee', minPosition: lastPosition }).expect(200);
    expect(response.body.rows).toEqual([
      { group: { employeeId: 'agent-a' }, thanks: 2, complaints: 1, complaintsClosed: 1, outcomes: outcomes(1, 0, 0) },
      { group: { employeeId: 'agent-b' }, thanks: 0, complaints: 2, complaintsClosed: 1, outcomes: outcomes(0, 1, 0) },
    ]);
    const byProduct = await metric({ groupBy: 'product' }).expect(200);
    expect(byProduct.body.rows).toEqual([{ group: { productId: 'p-1' }, thanks: 1, complaints: 1, complaintsClosed: 1, outcomes: outcomes(0, 0, 1) }]);
  });

  it('filters by subject and business dates, and answers as of an earlier position', async () => {
    const ofAgentB = await metric({ employeeId: 'agent-b', from: '2025-04-01', minPosition: lastPosition }).expect(200);
    expect(ofAgentB.body.rows).toEqual([{ group: {}, thanks: 0, complaints: 1, complaintsClosed: 0, outcomes: outcomes(0, 0, 0) }]);

    const known = await metric({ asOf: beforeApril, minPosition: lastPosition }).expect(200);
    expect(known.body).toEqual({
      asOf: { position: beforeApril },
      rows: [{ group: {}, thanks: 2, complaints: 2, complaintsClosed: 1, outcomes: outcomes(0, 1, 0) }],
    });
  });

  it.each<[string, Record<string, string>, string]>([
    ['an unknown grouping', { groupBy: 'client' }, 'groupBy'],
    ['a from that is no date', { from: '2025-1-1' }, 'from'],
    ['an employee that is no id', { employeeId: 'agent/7' }, 'employeeId'],
    ['an unknown parameter', { subjectKind: 'employee' }, 'subjectKind'],
  ])('answers %s with a 400 naming the parameter', async (_name, query, field) => {
    expectProblem(await metric(query), 400, field);
  });

  it('serves the leads, the council, auditors and admins; not the agents', async () => {
    for (const roles of [['support-lead'], ['council-member'], ['council-chair'], ['auditor']]) await metric({}, await keyWith(api, ...roles)).expect(200);
    await metric({}, asAdmin).expect(200);
    expectProblem(await api.http().get('/metrics/feedback'), 401);
    for (const role of ['care-agent', 'support-agent']) expectProblem(await metric({}, await keyWith(api, role)), 403);
  });
});
