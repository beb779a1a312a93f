import type { Response } from 'supertest';
import { collect } from '../support/collect.js';
import { careDesk, employeeKey, eventTypesOf, expectInvalid, expectProblem, keyWith, rub, type Auth } from '../support/care-cases.js';
import { everyPage } from '../support/pages.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POSITION = /^\d+$/;

describe('care cases over HTTP', () => {
  let api: TestApp;
  let agent: Auth;
  let lead: Auth;
  let auditor: Auth;
  let desk: ReturnType<typeof careDesk>;

  beforeAll(async () => {
    api = await startTestApp();
    [agent, lead, auditor] = await Promise.all([keyWith(api, 'care-agent'), keyWith(api, 'care-lead'), keyWith(api, 'auditor')]);
    desk = careDesk(api, agent);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = () => api.stores.events.headPosition();

  async function openedCase(body: object = {}): Promise<string> {
    const response = await desk.open(body).expect(201);
    return response.body.id;
  }

  function read(id: string, query: Record<string, string> = {}, auth: Auth = agent) {
    return api.http().get(`/care-cases/${id}`).set(auth).query(query);
  }

  describe('commands', () => {
    it('opens a case under a new UUIDv7, recording the caller as the actor and the request id as correlation id', async () => {
      const response = await desk.open({ sectionId: 'section-webinars', channel: 'phone' }, { 'X-Request-Id': 'open-1' }).expect(201);
      expect(response.body).toEqual({ id: expect.stringMatching(UUID_V7), revision: 0, position: expect.stringMatching(POSITION) });

      const [event] = await collect(api.stores.events.readStream(`careCase-${response.body.id}`));
      expect(event).toMatchObject({
        type: 'CareCaseOpened',
        position: BigInt(response.body.position),
        data: { caseId: response.body.id, clientId: 'client-4711', productId: 'course-sales', sectionId: 'section-webinars' },
        metadata: { actor: { id: expect.stringMatching(/^apiKey:/), roles: ['care-agent'] }, correlationId: 'open-1' },
      });

      const opened = await read(response.body.id, { minPosition: response.body.position }).expect(200);
      expect(opened.body).toMatchObject({
        id: response.body.id,
        status: 'open',
        employeeId: null,
        sectionId: 'section-webinars',
        channel: 'phone',
        refund: null,
        retention: null,
        position: response.body.position,
        decisions: [{ type: 'CareCaseOpened', actorId: event!.metadata.actor.id, eventId: event!.eventId }],
      });
    });

    it('opens a case under the id the client chose, once', async () => {
      const response = await desk.open({ id: 'case-chosen-1' }).expect(201);
      expect(response.body.id).toBe('case-chosen-1');
      expectProblem(await desk.open({ id: 'case-chosen-1' }), 409);
      expect((await desk.open({ id: 'case-chosen-1' })).body.code).toBe('CARE_CASE_EXISTS');
    });

    it('assigns a case with 200, and appends nothing when the employee already has it', async () => {
      const id = await openedCase();
      const assigned = await desk.assign(id, 'agent-7').expect(200);
      expect(assigned.body).toEqual({ id, revision: 1, position: expect.stringMatching(POSITION) });

      const again = await desk.assign(id, 'agent-7').expect(200);
      expect(again.body).toEqual({ id, revision: 1, position: null });
      expect(await eventTypesOf(api, `careCase-${id}`)).toEqual(['CareCaseOpened', 'CareCaseAssigned']);

      const read1 = await read(id, { minPosition: assigned.body.position }).expect(200);
      expect(read1.body.employeeId).toBe('agent-7');
    });

    it('refunds a case, which closes it: a second refund and a retention get 409', async () => {
      const id = await openedCase();
      await desk.assign(id, 'agent-7').expect(200);
      const refunded = await desk.refund(id, { amount: rub(700_000), full: false, scriptId: 'script-refund' }).expect(200);
      expect(refunded.body).toEqual({ id, revision: 2, position: expect.stringMatching(POSITION) });

      const again = await desk.refund(id);
      expectProblem(again, 409);
      expect(again.body.code).toBe('CARE_CASE_REFUNDED');
      expect((await desk.retain(id)).body).toMatchObject({ status: 409, code: 'CARE_CASE_REFUNDED' });

      const view = await read(id, { minPosition: refunded.body.position }).expect(200);
      expect(view.body).toMatchObject({
        status: 'refunded',
        resolvedAt: expect.any(String),
        refund: { amount: rub(700_000), full: false, scriptId: 'script-refund', employeeId: 'agent-7', lostSave: false },
        retention: null,
      });
    });

    it('retains a client once: a second retention gets 409', async () => {
      const id = await openedCase();
      const retained = await desk.retain(id, { method: 'discount', retained: rub(900_000), note: 'Took the next stream' }).expect(200);
      expect(retained.body).toEqual({ id, revision: 1, position: expect.stringMatching(POSITION) });
      expect((await desk.retain(id)).body).toMatchObject({ status: 409, code: 'CARE_CASE_RESOLVED' });

      const view = await read(id, { minPosition: retained.body.position }).expect(200);
      expect(view.body).toMatchObject({
        status: 'retained',
        retention: { method: 'discount', retained: rub(900_000), note: 'Took the next stream', reversedAt: null },
      });
    });

    it('refunds a retained client inside the observation window as a lost save, keeping both outcomes on the case', async () => {
      const id = await openedCase({ occurredAt: '2025-05-02T09:00:00Z' });
      await desk.assign(id, 'agent-7', { occurredAt: '2025-05-02T09:30:00Z' }).expect(200);
      await desk.retain(id, { occurredAt: '2025-05-03T10:00:00Z' }).expect(200);
      const lost = await desk.refund(id, { occurredAt: '2025-06-02T10:00:00Z' }).expect(200);

      const view = await read(id, { minPosition: lost.body.position }).expect(200);
      expect(view.body).toMatchObject({
        status: 'refunded',
        openedAt: '2025-05-02T09:00:00.000Z',
        resolvedAt: '2025-06-02T10:00:00.000Z',
        refund: { lostSave: true, refundedAt: '2025-06-02T10:00:00.000Z' },
        retention: { retainedAt: '2025-05-03T10:00:00.000Z', reversedAt: '2025-06-02T10:00:00.000Z' },
      });
      expect(view.body.decisions.map((decision: { type: string; at: string }) => [decision.type, decision.at])).toEqual([
        ['CareCaseOpened', '2025-05-02T09:00:00.000Z'],
        ['CareCaseAssigned', '2025-05-02T09:30:00.000Z'],
        ['ClientRetained', '2025-05-03T10:00:00.000Z'],
        ['RefundIssued', '2025-06-02T10:00:00.000Z'],
      ]);
    });

    it('refuses a refund after the observation window with 409, appending nothing', async () => {
      const id = await openedCase({ occurredAt: '2025-03-01T09:00:00Z' });
      await desk.retain(id, { occurredAt: '2025-03-02T10:00:00Z' }).expect(200);
      const before = await head();

      const late = await desk.refund(id, { occurredAt: '2025-04-15T10:00:00Z' });
      expectProblem(late, 409);
      expect(late.body.code).toBe('OBSERVATION_WINDOW_CLOSED');
      expect(await head()).toBe(before);
    });

    it('refuses a decision dated before the case was opened', async () => {
      const id = await openedCase({ occurredAt: '2025-03-01T09:00:00Z' });
      expect((await desk.retain(id, { occurredAt: '2025-02-28T10:00:00Z' })).body).toMatchObject({
        status: 409,
        code: 'DATED_BEFORE_OPENING',
      });
    });

    it('resolves a case without money once: any further outcome or assignment gets 409, appending nothing', async () => {
      const id = await openedCase({ occurredAt: '2025-04-01T09:00:00Z' });
      await desk.assign(id, 'agent-7', { occurredAt: '2025-04-01T09:30:00Z' }).expect(200);
      const resolved = await desk.resolve(id, { note: 'Showed where the recordings are', occurredAt: '2025-04-02T10:00:00Z' }).expect(200);
      expect(resolved.body).toEqual({ id, revision: 2, position: expect.stringMatching(POSITION) });

      const before = await head();
      for (const response of [
        await desk.resolve(id, { outcome: 'client-lost' }),
        await desk.refund(id),
        await desk.retain(id),
        await desk.assign(id, 'agent-9'),
      ]) {
        expectProblem(response, 409);
        expect(response.body.code).toBe('CARE_CASE_RESOLVED');
      }
      expect(await head()).toBe(before);

      const view = await read(id, { minPosition: resolved.body.position }).expect(200);
      expect(view.body).toMatchObject({
        status: 'resolved-without-money',
        resolvedAt: '2025-04-02T10:00:00.000Z',
        resolution: { outcome: 'resolved-without-money', note: 'Showed where the recordings are', employeeId: 'agent-7' },
        refund: null,
        retention: null,
      });
      expect(view.body.decisions.map((decision: { type: string }) => decision.type)).toEqual(['CareCaseOpened', 'CareCaseAssigned', 'CareCaseResolved']);
    });

    it('lists the cases by their final outcome, resolutions included', async () => {
      const product = 'resolution-list-product';
      const [kept, lost] = [await openedCase({ productId: product }), await openedCase({ productId: product })];
      await desk.resolve(kept).expect(200);
      const last = await desk.resolve(lost, { outcome: 'client-lost' }).expect(200);
      const ids = async (status: string) =>
        (await api.http().get('/care-cases').set(agent).query({ productId: product, status, minPosition: last.body.position }).expect(200)).body.items.map(
          (item: { id: string }) => item.id,
        );
      expect(await ids('resolved-without-money')).toEqual([kept]);
      expect(await ids('client-lost')).toEqual([lost]);
      expect(await ids('open')).toEqual([]);
    });

    it('records a client lost without a refund, and refuses it on a refunded or retained case', async () => {
      const lost = await openedCase();
      const recorded = await desk.resolve(lost, { outcome: 'client-lost' }).expect(200);
      const view = await read(lost, { minPosition: recorded.body.position }).expect(200);
      expect(view.body).toMatchObject({ status: 'client-lost', resolution: { outcome: 'client-lost', note: null, employeeId: null } });

      const refunded = await openedCase();
      await desk.refund(refunded).expect(200);
      expect((await desk.resolve(refunded, { outcome: 'client-lost' })).body).toMatchObject({ status: 409, code: 'CARE_CASE_REFUNDED' });
      const retained = await openedCase();
      await desk.retain(retained).expect(200);
      expect((await desk.resolve(retained, { outcome: 'client-lost' })).body).toMatchObject({ status: 409, code: 'CARE_CASE_RESOLVED' });
      expect(await eventTypesOf(api, `careCase-${retained}`)).toEqual(['CareCaseOpened', 'ClientRetained']);
    });

    it('lets a care lead step in on a case', async () => {
      const id = await openedCase();
      await careDesk(api, lead).assign(id, 'agent-9').expect(200);
      await careDesk(api, lead).refund(id).expect(200);
    });
  });

  describe('unknown cases', () => {
    it('answers 404 to a read or a decision on a case that does not exist, appending nothing', async () => {
      const before = await head();
      for (const response of [
        await read('no-such-case'),
        await desk.assign('no-such-case', 'agent-7'),
        await desk.refund('no-such-case'),
        await desk.retain('no-such-case'),
      ]) {
        expectProblem(response, 404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
      expect(await head()).toBe(before);
      expect(await eventTypesOf(api, 'careCase-no-such-case')).toEqual([]);
    });
  });

  it('answers 404 to a resolution of a case that does not exist, appending nothing', async () => {
    const before = await head();
    const response = await desk.resolve('no-such-case');
    expectProblem(response, 404);
    expect(response.body.code).toBe('NOT_FOUND');
    expect(await head()).toBe(before);
  });

  describe('roles', () => {
    it('answers 401 without a key or with an unknown one', async () => {
      const id = await openedCase();
      for (const response of [
        await api.http().post('/care-cases').send({ clientId: 'c-1', productId: 'p-1', kind: 'other' }),
        await api.http().post(`/care-cases/${id}/refund`).set('Authorization', 'Bearer ql_unknown').send({}),
        await api.http().get(`/care-cases/${id}`),
        await api.http().get('/care-cases'),
      ]) {
        expectProblem(response, 401);
      }
    });

    it('lets auditors and admins read but not decide, and keeps other roles out', async () => {
      const id = await openedCase();
      const employee = await employeeKey(api, 'emp-0107');
      await read(id, {}, auditor).expect(200);
      await read(id, {}, asAdmin).expect(200);
      await api.http().get('/care-cases').set(auditor).expect(200);

      const before = await head();
      for (const response of [
        await careDesk(api, auditor).open(),
        await careDesk(api, auditor).refund(id),
        await careDesk(api, asAdmin).retain(id),
        await careDesk(api, asAdmin).assign(id, 'agent-7'),
        await careDesk(api, employee).open(),
        await read(id, {}, employee),
        await api.http().get('/care-cases').set(employee),
      ]) {
        expectProblem(response, 403);
      }
      expect(await head()).toBe(before);
    });
  });

  describe('bad input', () => {
    const LONG_AGO = '2025-01-10T09:00:00Z';
    let caseId: string;

    beforeAll(async () => {
      caseId = await openedCase({ occurredAt: LONG_AGO });
    });

    const future = () => new Date(Date.now() + 3_600_000).toISOString();

    it.each<[string, (id: string) => Promise<Response>, string]>([
      ['a client id of the wrong type', () => desk.open({ clientId: 42 }), 'clientId'],
      ['a missing product', () => desk.open({ productId: undefined }), 'productId'],
      ['an unknown field', () => desk.open({ clientName: 'Ann Lee' }), 'clientName'],
      ['a client id that is no id', () => desk.open({ clientId: 'ann lee/42' }), 'clientId'],
      ['an unknown kind', () => desk.open({ kind: 'angry' }), 'kind'],
      ['an e-mail address in the summary', () => desk.open({ summary: 'wrote from ann.lee@example.com' }), 'summary'],
      ['a future occurredAt', () => desk.open({ occurredAt: future() }), 'occurredAt'],
      ['an occurredAt without a zone', () => desk.open({ occurredAt: '2025-01-10T09:00:00' }), 'occurredAt'],
      ['an occurredAt that is no calendar date', () => desk.open({ occurredAt: '2025-02-30T09:00:00Z' }), 'occurredAt'],
      ['an employee id of the wrong type', (id) => desk.assign(id, 7 as unknown as string), 'employeeId'],
      ['a future assignment', (id) => desk.assign(id, 'agent-7', { occurredAt: future() }), 'occurredAt'],
      ['a negative refund', (id) => desk.refund(id, { amount: rub(-100) }), 'amount.minor'],
      ['a fractional refund', (id) => desk.refund(id, { amount: rub(10.5) }), 'amount.minor'],
      ['a refund of nothing', (id) => desk.refund(id, { amount: rub(0) }), 'amount.minor'],
      ['an unknown currency', (id) => desk.refund(id, { amount: { minor: 100, currency: 'RUR' } }), 'amount.currency'],
      ['a currency in lower case', (id) => desk.refund(id, { amount: { minor: 100, currency: 'rub' } }), 'amount.currency'],
      ['money without a currency', (id) => desk.refund(id, { amount: { minor: 100 } }), 'amount.currency'],
      ['money with an unknown field', (id) => desk.refund(id, { amount: { ...rub(100), cents: 5 } }), 'amount.cents'],
      ['money as a number', (id) => desk.refund(id, { amount: 100 }), 'amount'],
      ['a full flag that is no boolean', (id) => desk.refund(id, { full: 'yes' }), 'full'],
      ['a blank reason', (id) => desk.refund(id, { reason: '   ' }), 'reason'],
      ['a future refund', (id) => desk.refund(id, { occurredAt: future() }), 'occurredAt'],
      ['an unknown retention method', (id) => desk.retain(id, { method: 'gift' }), 'method'],
      ['a negative retained amount', (id) => desk.retain(id, { retained: rub(-1) }), 'retained.minor'],
      ['a script id that is no id', (id) => desk.retain(id, { scriptId: 'scripts/1' }), 'scriptId'],
      ['a case id that is no id', () => desk.refund('bad%20id'), 'id'],
      ['a garbled If-Match', (id) => desk.refund(id, {}, { 'If-Match': 'W/"abc"' }), 'If-Match'],
      ['a garbled Idempotency-Key', (id) => desk.refund(id, {}, { 'Idempotency-Key': 'has spaces in it' }), 'Idempotency-Key'],
    ])('answers %s with a 400 naming the field, appending nothing', (_name, send, field) => expectInvalid(api, () => send(caseId), field));

    it('answers broken JSON, a body that is no object and an oversized body with a 4xx problem, appending nothing', async () => {
      const before = await head();
      const broken = await api.http().post('/care-cases').set(agent).set('content-type', 'application/json').send('{"clientId":');
      expectProblem(broken, 400);
      expect(broken.body.code).toBe('MALFORMED_JSON');
      expectProblem(await api.http().post(`/care-cases/${caseId}/refund`).set(agent).send([1, 2]), 400, 'body');
      const oversized = await desk.open({ summary: 's'.repeat(api.config.bodyLimit) });
      expectProblem(oversized, 413);
      expect(oversized.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await head()).toBe(before);
    });
  });

  describe('bad input to a resolution', () => {
    it.each<[string, object, string]>([
      ['an unknown outcome', { outcome: 'refunded' }, 'outcome'],
      ['a missing outcome', { outcome: undefined }, 'outcome'],
      ['a blank note', { note: '  ' }, 'note'],
      ['an e-mail address in the note', { note: 'wrote from ann.lee@example.com' }, 'note'],
      ['an unknown field', { amount: rub(100) }, 'amount'],
      ['an occurredAt without a zone', { occurredAt: '2025-01-10T09:00:00' }, 'occurredAt'],
    ])('answers %s with a 400 naming the field, appending nothing', async (_name, body, field) => {
      const id = await openedCase({ occurredAt: '2025-01-10T09:00:00Z' });
      await expectInvalid(api, () => desk.resolve(id, body), field);
    });

    it('lets auditors and admins resolve nothing, and documents the route with the handlers\' roles', async () => {
      const id = await openedCase();
      for (const auth of [auditor, asAdmin]) expectProblem(await careDesk(api, auth).resolve(id), 403);
      await careDesk(api, lead).resolve(id, { outcome: 'client-lost' }).expect(200);

      const { body: document } = await api.http().get('/docs-json').expect(200);
      expect(document.paths['/care-cases/{id}/resolution'].post).toMatchObject({
        security: [{ bearer: [] }],
        description: expect.stringMatching(/^Roles: care-agent, care-lead/),
      });
    });
  });

  describe('idempotency', () => {
    it('replays an open retried with the same Idempotency-Key: the same case, the same answer, nothing appended', async () => {
      const first = await desk.open({}, { 'Idempotency-Key': 'open-once-1' }).expect(201);
      const before = await head();
      const retry = await desk.open({}, { 'Idempotency-Key': 'open-once-1' }).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await head()).toBe(before);

      const otherCaller = await careDesk(api, lead).open({}, { 'Idempotency-Key': 'open-once-1' }).expect(201);
      expect(otherCaller.body.id).not.toBe(first.body.id);
    });

    it('replays a refund retried with the same Idempotency-Key, and refuses one with another key', async () => {
      const id = await openedCase();
      const first = await desk.refund(id, {}, { 'Idempotency-Key': `refund-${id}` }).expect(200);
      const before = await head();
      const retry = await desk.refund(id, {}, { 'Idempotency-Key': `refund-${id}` }).expect(200);
      expect(retry.body).toEqual(first.body);
      expect(await head()).toBe(before);
      expect(await eventTypesOf(api, `careCase-${id}`)).toEqual(['CareCaseOpened', 'RefundIssued']);

      expect((await desk.refund(id, {}, { 'Idempotency-Key': `again-${id}` })).body).toMatchObject({
        status: 409,
        code: 'CARE_CASE_REFUNDED',
      });
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of ten simultaneous refunds of one case through; the others get 409', async () => {
      const id = await openedCase();
      const responses = await Promise.all(Array.from({ length: 10 }, () => desk.refund(id)));
      expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
      for (const response of responses.filter((r) => r.status !== 200)) expectProblem(response, 409);
      expect(await eventTypesOf(api, `careCase-${id}`)).toEqual(['CareCaseOpened', 'RefundIssued']);
    });

    it('with If-Match pinned, lets one of ten simultaneous decisions through; the others get 412', async () => {
      const opened = await desk.open().expect(201);
      const pinned = { 'If-Match': String(opened.body.revision) };
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, n) => desk.assign(opened.body.id, `agent-${n}`, {}, pinned)),
      );
      expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
      for (const response of responses.filter((r) => r.status !== 200)) {
        expectProblem(response, 412);
        expect(response.body).toMatchObject({ code: 'REVISION_MISMATCH', currentRevision: 1 });
      }
      expect(await eventTypesOf(api, `careCase-${opened.body.id}`)).toEqual(['CareCaseOpened', 'CareCaseAssigned']);
    });

    it('takes a command whose If-Match names the current revision, quoted or bare', async () => {
      const opened = await desk.open().expect(201);
      const assigned = await desk.assign(opened.body.id, 'agent-7', {}, { 'If-Match': `"${opened.body.revision}"` }).expect(200);
      await desk.retain(opened.body.id, {}, { 'If-Match': String(assigned.body.revision) }).expect(200);
    });
  });

  describe('list', () => {
    const product = 'list-product';
    let minPosition: string;

    beforeAll(async () => {
      const opening = [
        ['list-c', '2025-07-01T10:00:00Z'],
        ['list-a', '2025-07-01T10:00:00Z'],
        ['list-b', '2025-07-01T10:00:00Z'],
        ['list-d', '2025-06-30T08:00:00Z'],
        ['list-e', '2025-07-02T08:00:00Z'],
      ];
      for (const [id, occurredAt] of opening) await desk.open({ id, productId: product, occurredAt, sectionId: 'section-list' });
      await desk.assign('list-a', 'agent-list', { occurredAt: '2025-07-01T11:00:00Z' }).expect(200);
      await desk.retain('list-a', { occurredAt: '2025-07-01T12:00:00Z' }).expect(200);
      minPosition = (await desk.refund('list-e', { occurredAt: '2025-07-02T09:00:00Z' }).expect(200)).body.position;
    });

    function page(query: Record<string, string | number>) {
      return api.http().get('/care-cases').set(agent).query({ minPosition, productId: product, ...query });
    }

    it('pages through the cases by opening time, then id, with an opaque cursor', async () => {
      const pages = await everyPage((cursor) => page({ limit: 2, ...cursor }).expect(200));
      const seen = pages.map((response) => response.body.items.map((item: { id: string }) => item.id));
      expect(seen).toEqual([['list-d', 'list-a'], ['list-b', 'list-c'], ['list-e']]);
    });

    it('lists cases without their decisions, 50 to a page by default', async () => {
      const response = await page({}).expect(200);
      expect(response.body.nextCursor).toBeNull();
      expect(response.body.items).toHaveLength(5);
      expect(response.body.items[0]).toEqual(expect.objectContaining({ id: 'list-d', productId: product, status: 'open' }));
      expect(response.body.items[0].decisions).toBeUndefined();
    });

    it('filters by status, employee and section', async () => {
      const ids = async (query: Record<string, string>) =>
        (await page(query).expect(200)).body.items.map((item: { id: string }) => item.id);
      expect(await ids({ status: 'retained' })).toEqual(['list-a']);
      expect(await ids({ status: 'refunded' })).toEqual(['list-e']);
      expect(await ids({ status: 'open' })).toEqual(['list-d', 'list-b', 'list-c']);
      expect(await ids({ employeeId: 'agent-list' })).toEqual(['list-a']);
      expect(await ids({ sectionId: 'section-list', status: 'open', employeeId: 'nobody' })).toEqual([]);
    });

    it('lists the cases as they were at asOf', async () => {
      const [retention] = (await collect(api.stores.events.readStream('careCase-list-a'))).filter((e) => e.type === 'ClientRetained');
      const before = await page({ asOf: String(retention!.position - 1n), status: 'retained' }).expect(200);
      expect(before.body.items).toEqual([]);
      const after = await page({ asOf: String(retention!.position), status: 'retained' }).expect(200);
      expect(after.body.items.map((item: { id: string }) => item.id)).toEqual(['list-a']);
    });

    it.each<[string, Record<string, string>, string]>([
      ['an unknown status', { status: 'closed' }, 'status'],
      ['a limit of 0', { limit: '0' }, 'limit'],
      ['a limit over 200', { limit: '201' }, 'limit'],
      ['a limit that is no number', { limit: 'ten' }, 'limit'],
      ['a cursor with foreign characters', { cursor: 'abc$' }, 'cursor'],
      ['a forged cursor', { cursor: Buffer.from('{"openedAt":1}').toString('base64url') }, 'cursor'],
      ['an employee id that is no id', { employeeId: 'a b' }, 'employeeId'],
      ['an unknown parameter', { owner: 'me' }, 'owner'],
      ['an asOf that is neither a position nor a time', { asOf: 'yesterday' }, 'asOf'],
    ])('answers %s with a 400 naming the parameter', async (_name, query, field) => {
      expectProblem(await api.http().get('/care-cases').set(agent).query(query), 400, field);
    });
  });

  describe('reading a case as it was known', () => {
    it('answers as of a position, as of a time, and 404 before the case existed', async () => {
      const opened = await desk.open().expect(201);
      const retained = await desk.retain(opened.body.id).expect(200);
      const id = opened.body.id;

      const asOpened = await read(id, { minPosition: retained.body.position, asOf: opened.body.position }).expect(200);
      expect(asOpened.body).toMatchObject({ status: 'open', position: opened.body.position, decisions: [{ type: 'CareCaseOpened' }] });
      expect((await read(id, { asOf: retained.body.position }).expect(200)).body.status).toBe('retained');

      expectProblem(await read(id, { asOf: String(BigInt(opened.body.position) - 1n) }), 404);
      expectProblem(await read(id, { asOf: '2001-01-01T00:00:00Z' }), 404);
      expect((await read(id, { asOf: new Date().toISOString() }).expect(200)).body.status).toBe('retained');
    });

    it.each<[string, () => Promise<string>]>([
      ['a position beyond the log', async () => String(((await api.stores.events.headPosition()) ?? 0n) + 100n)],
      ['a time in the future', async () => new Date(Date.now() + 86_400_000).toISOString()],
      ['a time without an offset', async () => '2025-01-01T10:00:00'],
      ['a date that does not exist', async () => '2025-02-30T10:00:00Z'],
    ])('refuses an asOf that is %s', async (_name, asOf) => {
      const id = await openedCase();
      expectProblem(await read(id, { asOf: await asOf() }), 400, 'asOf');
    });

    it('refuses a minPosition beyond the log', async () => {
      const id = await openedCase();
      const beyond = String(((await api.stores.events.headPosition()) ?? 0n) + 100n);
      expectProblem(await read(id, { minPosition: beyond }), 400, 'minPosition');
    });
  });

  it('documents every care route in /docs-json with bearer security and its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operations = [
      ['/care-cases', 'post'],
      ['/care-cases', 'get'],
      ['/care-cases/{id}', 'get'],
      ['/care-cases/{id}/assignment', 'post'],
      ['/care-cases/{id}/refund', 'post'],
      ['/care-cases/{id}/retention', 'post'],
    ];
    for (const [path, method] of operations) {
      const operation = document.paths[path!]?.[method!];
      expect(operation).toMatchObject({ security: [{ bearer: [] }], description: expect.stringMatching(/^Roles: care-agent, care-lead/) });
    }
    expect(document.paths['/care-cases/{id}/refund'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/IssueRefundRequest',
    );
  });
});

describe('care cases across a restart on the same DATA_DIR', () => {
  it('keeps the cases, their history and the statistic, and goes on deciding on them', async () => {
    const first = await startTestApp();
    let second: TestApp | undefined;
    try {
      const agent = await keyWith(first, 'care-agent');
      const desk = careDesk(first, agent);
      await desk.open({ id: 'restart-1', productId: 'restart-product', occurredAt: '2025-09-01T09:00:00Z' }).expect(201);
      await desk.assign('restart-1', 'agent-7', { occurredAt: '2025-09-01T10:00:00Z' }).expect(200);
      const retained = await desk.retain('restart-1', { occurredAt: '2025-09-02T10:00:00Z' }).expect(200);
      const before = await first.http().get('/care-cases/restart-1').set(agent).query({ minPosition: retained.body.position }).expect(200);
      await first.close();

      second = await startTestApp({ dataDir: first.dataDir });
      const again = await second.http().get('/care-cases/restart-1').set(agent).query({ minPosition: retained.body.position }).expect(200);
      expect(again.body).toEqual(before.body);

      const statistic = await second
        .http()
        .get('/metrics/refund-retention')
        .set(asAdmin)
        .query({ productId: 'restart-product', groupBy: 'month', minPosition: retained.body.position })
        .expect(200);
      expect(statistic.body.rows).toEqual([
        expect.objectContaining({ group: { period: '2025-09-01' }, retained: { count: 1, amount: { RUB: '1500000' } } }),
      ]);

      const lost = await careDesk(second, agent).refund('restart-1', { occurredAt: '2025-09-10T10:00:00Z' }).expect(200);
      expect(lost.body).toEqual({ id: 'restart-1', revision: 3, position: expect.stringMatching(POSITION) });
    } finally {
      await (second ?? first).destroy();
    }
  });
});
