import { createHash } from 'node:crypto';
import { disclosed } from '#domain/catalogue/event-visibility.js';
import { surveyTokenId } from '#domain/surveys/index.js';
import { collect } from '../support/collect.js';
import { careDesk, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { CSAT, surveyDesk, answerWithToken } from '../support/surveys.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';
import { auditPages, fixtureEvent, positionsOf, readAudit, type AuditEntryBody, type AuditPageBody, type AuditQuery } from '../support/audit.js';

describe('the audit trail over HTTP', () => {
  let api: TestApp;
  let auditor: Auth;
  let agent: Auth;
  let otherAgent: Auth;
  let caseId: string;
  let otherCaseId: string;
  let agentActor: string;

  /** The whole filtered trail, oldest first, in one page. */
  async function trail(query: AuditQuery = {}): Promise<AuditEntryBody[]> {
    const response = await readAudit(api, auditor, { order: 'oldest', limit: 500, ...query }).expect(200);
    expect(response.body.nextCursor).toBeNull();
    return response.body.items;
  }

  const typesOf = (entries: readonly AuditEntryBody[]) => entries.map((entry) => entry.type);
  const head = async () => (await api.stores.events.headPosition())!.toString();

  beforeAll(async () => {
    api = await startTestApp();
    [auditor, agent, otherAgent] = await Promise.all([keyWith(api, 'auditor'), keyWith(api, 'care-agent'), keyWith(api, 'care-agent')]);
    const desk = careDesk(api, agent);
    caseId = (await desk.open().expect(201)).body.id;
    await desk.refund(caseId, { reason: 'The course did not help' }).expect(200);
    otherCaseId = (await careDesk(api, otherAgent).open().expect(201)).body.id;
    await api.stores.events.append(
      'ledgerFixture-a',
      [
        fixtureEvent('FixtureOpened', { fixtureId: 'a' }, 'apiKey:fixture-1', '2026-01-05T10:00:00.000Z'),
        fixtureEvent('FixtureNoted', { fixtureId: 'a', note: 'second look' }, 'apiKey:fixture-1', '2026-01-12T10:00:00.000Z'),
        fixtureEvent('FixtureClosed', { fixtureId: 'a' }, 'apiKey:fixture-2', '2026-01-19T10:00:00.000Z'),
      ],
      'no_stream',
    );
    await api.stores.events.append(
      'otherFixture-a',
      [fixtureEvent('FixtureOpened', { fixtureId: 'a', evidenceIds: ['inspection-1', 'case-9'] }, 'apiKey:fixture-2', '2026-01-12T10:00:00.000Z')],
      'no_stream',
    );
    const opened = (await trail({ stream: `careCase-${caseId}`, minPosition: await head() }))[0];
    agentActor = opened.actor.id;
  });

  afterAll(async () => {
    await api.destroy();
  });

  describe('access', () => {
    it.each(['/audit', '/audit/export'])('refuses %s without a key (401) and to a role other than auditor or admin (403)', async (path) => {
      expectProblem(await api.http().get(path), 401);
      const forbidden = await api.http().get(path).set(agent);
      expectProblem(forbidden, 403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
    });

    it('serves auditors and admins', async () => {
      await readAudit(api, auditor).expect(200);
      await readAudit(api, asAdmin).expect(200);
    });

    it('is described in the OpenAPI document, behind bearer auth', async () => {
      const { body: document } = await api.http().get('/docs-json').expect(200);
      for (const path of ['/audit', '/audit/export']) {
        const operation = document.paths[path].get;
        expect(operation).toMatchObject({ tags: ['audit'], security: [{ bearer: [] }] });
        expect(operation.description).toMatch(/^Roles: auditor, admin\./);
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '503']));
      }
      expect(Object.keys(document.paths['/audit/export'].get.responses['200'].content)).toEqual(['application/x-ndjson']);
    });
  });

  describe('what an entry says', () => {
    it('tells who did what to which entity, when, why and on which evidence, with the data as recorded', async () => {
      const [opened, refunded] = await trail({ stream: `careCase-${caseId}` });
      const [event] = (await collect(api.stores.events.readStream(`careCase-${caseId}`, { fromRevision: 1 })));
      expect(opened).toMatchObject({ type: 'CareCaseOpened', revision: 0, why: null, references: expect.objectContaining({ caseId }) });
      expect(refunded).toEqual({
        position: event.position.toString(),
        eventId: event.eventId,
        type: 'RefundIssued',
        streamId: `careCase-${caseId}`,
        category: 'careCase',
        entityId: caseId,
        revision: 1,
        actor: { id: agentActor, roles: ['care-agent'] },
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.metadata.recordedAt,
        why: 'The course did not help',
        correlationId: event.metadata.correlationId,
        causationId: null,
        references: expect.objectContaining({ caseId }),
        schemaVersion: 1,
        data: event.data,
      });
    });

    it('names the ids an event refers to, lists included', async () => {
      const [entry] = await trail({ stream: 'otherFixture-a' });
      expect(entry.references).toEqual({ fixtureId: 'a', evidenceIds: ['inspection-1', 'case-9'] });
    });

    it('never shows the hash of an API key', async () => {
      const issued = await trail({ type: 'ApiKeyIssued' });
      expect(issued.length).toBeGreaterThanOrEqual(3);
      const stored = await collect(api.stores.events.readStream(issued[0].streamId));
      const hash = (stored[0].data as { keyHash: string }).keyHash;
      expect(issued[0].data).not.toHaveProperty('keyHash');
      expect(issued[0].redacted).toEqual(['keyHash']);
      const raw = (await readAudit(api, auditor, { category: 'apiKey', limit: 500 }).expect(200)).text;
      expect(raw).not.toContain(hash);
    });

    it('keeps an anonymous answer anonymous: the actor is `anonymous`, its times to the day, and the token hashes are left out', async () => {
      const surveys = surveyDesk(api, await keyWith(api, 'survey-manager'));
      const survey = (await surveys.create({ audience: 'all-employees', anonymous: true, productId: undefined, questions: [CSAT] }).expect(201)).body.id;
      await surveys.launch(survey).expect(201);
      const [token] = (await surveys.issueTokens(survey, 1, 1).expect(201)).body.tokens as string[];
      const answered = await answerWithToken(api, survey, 1, token, { answers: [{ questionId: 'satisfaction', score: 5 }] }).expect(201);

      const [entry] = await trail({ type: 'SurveyAnswered', minPosition: answered.body.position });
      expect(entry.actor).toEqual({ id: 'anonymous', roles: [] });
      expect(entry.data).not.toHaveProperty('respondent');
      const [stored] = await collect(api.stores.events.readStream(`surveyResponse-${answered.body.id}`));
      const today = `${stored!.metadata.recordedAt.slice(0, 10)}T00:00:00.000Z`;
      expect(stored!.metadata.recordedAt).not.toBe(today);
      expect([entry.occurredAt, entry.recordedAt, entry.data.answeredAt]).toEqual([today, today, today]);
      const [tokens] = await trail({ type: 'SurveyTokensIssued', stream: `survey-${survey}` });
      expect(tokens.data).not.toHaveProperty('tokenHashes');
      expect(tokens.redacted).toEqual(['tokenHashes']);
      const [spent] = await trail({ type: 'SurveyTokenRedeemed', stream: `surveyToken-${surveyTokenId(survey, 1, createHash('sha256').update(token).digest('hex'))}` });
      expect(spent).toMatchObject({ data: { surveyId: survey, wave: 1 }, redacted: ['tokenHash'], actor: { id: 'anonymous' }, recordedAt: today });
    });
  });

  describe('filters', () => {
    it('by stream, or by category and entity', async () => {
      expect(typesOf(await trail({ stream: `careCase-${caseId}` }))).toEqual(['CareCaseOpened', 'RefundIssued']);
      expect(typesOf(await trail({ category: 'careCase', entityId: otherCaseId }))).toEqual(['CareCaseOpened']);
      const entityA = await trail({ entityId: 'a' });
      expect(entityA.map((entry) => entry.streamId)).toEqual(['ledgerFixture-a', 'ledgerFixture-a', 'ledgerFixture-a', 'otherFixture-a']);
    });

    it('by category and by type, each repeatable', async () => {
      expect(typesOf(await trail({ category: 'careCase' }))).toEqual(['CareCaseOpened', 'RefundIssued', 'CareCaseOpened']);
      const twoCategories = await trail({ category: ['ledgerFixture', 'otherFixture'] });
      expect(twoCategories).toHaveLength(4);
      expect(typesOf(await trail({ type: 'FixtureOpened' }))).toEqual(['FixtureOpened', 'FixtureOpened']);
      expect(typesOf(await trail({ type: ['FixtureClosed', 'RefundIssued'] }))).toEqual(['RefundIssued', 'FixtureClosed']);
    });

    it('by actor', async () => {
      const byAgent = await trail({ actor: agentActor });
      expect(byAgent.map((entry) => [entry.type, entry.entityId])).toEqual([
        ['CareCaseOpened', caseId],
        ['RefundIssued', caseId],
      ]);
      expect(typesOf(await trail({ actor: 'apiKey:fixture-2' }))).toEqual(['FixtureClosed', 'FixtureOpened']);
    });

    it('combined: every filter must hold', async () => {
      const combined = await trail({ category: ['ledgerFixture', 'otherFixture'], type: ['FixtureOpened', 'FixtureNoted'], actor: 'apiKey:fixture-1' });
      expect(typesOf(combined)).toEqual(['FixtureOpened', 'FixtureNoted']);
      expect(await trail({ stream: `careCase-${caseId}`, actor: 'apiKey:fixture-1' })).toEqual([]);
    });

    it('by business time: from inclusive, to exclusive, in any offset', async () => {
      const fixtures = { category: 'ledgerFixture' };
      expect(typesOf(await trail({ ...fixtures, occurredFrom: '2026-01-12T10:00:00Z' }))).toEqual(['FixtureNoted', 'FixtureClosed']);
      expect(typesOf(await trail({ ...fixtures, occurredTo: '2026-01-12T10:00:00Z' }))).toEqual(['FixtureOpened']);
      expect(typesOf(await trail({ ...fixtures, occurredFrom: '2026-01-12T13:00:00+03:00', occurredTo: '2026-01-19T13:00:00+03:00' }))).toEqual([
        'FixtureNoted',
      ]);
    });

    it('by recorded time: from inclusive, to exclusive', async () => {
      const all = await trail();
      const refunded = all.find((entry) => entry.type === 'RefundIssued')!;
      const sameInstant = all.filter((entry) => entry.recordedAt === refunded.recordedAt);
      const from = await trail({ recordedFrom: refunded.recordedAt });
      expect(from).toEqual(all.filter((entry) => entry.recordedAt >= refunded.recordedAt));
      expect(from).toEqual(expect.arrayContaining(sameInstant));
      const to = await trail({ recordedTo: refunded.recordedAt });
      expect(to).toEqual(all.filter((entry) => entry.recordedAt < refunded.recordedAt));
      expect(to).not.toContainEqual(refunded);
      expect(to.length + from.length).toBe(all.length);
    });
  });

  describe('paging', () => {
    it('lists newest first by default and oldest first on request', async () => {
      const newest = (await readAudit(api, auditor, { limit: 500 }).expect(200)).body as AuditPageBody;
      const oldest = await trail();
      expect(positionsOf(newest.items)).toEqual(positionsOf(oldest).reverse());
      expect(newest.asOf.position).toBe(newest.items[0].position);
    });

    it.each(['newest', 'oldest'])('pages %s first by position, neither shifted nor repeated by events recorded meanwhile', async (order) => {
      const query = { category: 'pagingFixture', order };
      await api.stores.events.append(
        'pagingFixture-1',
        Array.from({ length: 5 }, (_, index) => fixtureEvent('FixtureNoted', { index }, 'apiKey:fixture-1', '2026-02-02T10:00:00.000Z')),
      );
      const before = await trail({ category: 'pagingFixture', minPosition: await head() });

      const first = (await readAudit(api, auditor, { ...query, limit: 2 }).expect(200)).body as AuditPageBody;
      await api.stores.events.append('pagingFixture-1', [fixtureEvent('FixtureNoted', { late: true }, 'apiKey:fixture-1', '2026-02-02T10:00:00.000Z')]);
      await readAudit(api, auditor, { minPosition: await head() }).expect(200);
      const rest = await auditPages(api, auditor, { ...query, cursor: first.nextCursor! }, 2);

      const paged = [...first.items, ...rest.flatMap((page) => page.items)];
      const expected = order === 'newest' ? [...before].reverse() : [...before, ...(await trail({ category: 'pagingFixture' })).slice(before.length)];
      expect(positionsOf(paged)).toEqual(positionsOf(expected));
      expect(new Set(positionsOf(paged)).size).toBe(paged.length);
      expect(rest.at(-1)!.nextCursor).toBeNull();
    });

    it('answers as known at asOf: nothing recorded after it, and says so', async () => {
      const all = await trail();
      const at = all[4].position;
      const page = (await readAudit(api, auditor, { asOf: at, order: 'oldest', limit: 500 }).expect(200)).body as AuditPageBody;
      expect(page.asOf).toEqual({ position: at });
      expect(positionsOf(page.items)).toEqual(positionsOf(all.slice(0, 5)));
      const beforeTheLog = (await readAudit(api, auditor, { asOf: '2000-01-01T00:00:00Z' }).expect(200)).body as AuditPageBody;
      expect(beforeTheLog).toEqual({ items: [], nextCursor: null, asOf: { position: null, time: '2000-01-01T00:00:00.000Z' } });
    });

    it('reads its own writes with minPosition', async () => {
      const opened = await careDesk(api, agent).open().expect(201);
      const [entry] = await trail({ stream: `careCase-${opened.body.id}`, minPosition: opened.body.position });
      expect(entry).toMatchObject({ position: opened.body.position, type: 'CareCaseOpened' });
    });
  });

  describe('bad filters', () => {
    it.each([
      [{ stream: 'no dash' }, 'stream'],
      [{ stream: 'careCase-' }, 'stream'],
      [{ category: 'care-case' }, 'category'],
      [{ type: ['RefundIssued', 'refund issued'] }, 'type'],
      [{ actor: 'a b' }, 'actor'],
      [{ entityId: '-x' }, 'entityId'],
      [{ occurredFrom: '2026-01-05' }, 'occurredFrom'],
      [{ occurredTo: '2026-01-05T10:00:00' }, 'occurredTo'],
      [{ recordedFrom: '2026-02-30T10:00:00Z' }, 'recordedFrom'],
      [{ occurredFrom: '2026-01-12T00:00:00Z', occurredTo: '2026-01-12T00:00:00Z' }, 'occurredTo'],
      [{ recordedFrom: '2026-01-13T00:00:00Z', recordedTo: '2026-01-12T00:00:00Z' }, 'recordedTo'],
      [{ order: 'random' }, 'order'],
      [{ asOf: 'yesterday' }, 'asOf'],
      [{ asOf: '999999999' }, 'asOf'],
      [{ minPosition: '-1' }, 'minPosition'],
      [{ unknown: 'x' }, 'unknown'],
    ] as [AuditQuery, string][])('refuses %j on both routes (400 naming %s)', async (query, field) => {
      expectProblem(await readAudit(api, auditor, query), 400, field);
      expectProblem(await api.http().get('/audit/export').set(auditor).query(query), 400, field);
    });

    it.each([
      [{ cursor: 'abc' }, 'cursor'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 501 }, 'limit'],
    ] as [AuditQuery, string][])('refuses a page with %j (400 naming %s)', async (query, field) => {
      expectProblem(await readAudit(api, auditor, query), 400, field);
    });

    it('refuses paging parameters on the export, which has none', async () => {
      expectProblem(await api.http().get('/audit/export').set(auditor).query({ limit: 10 }), 400, 'limit');
    });
  });

  // Last: the events it appends would change what the filters above find.
  describe('the events of a page', () => {
    it("shows each entry with its own event's data, whether the page is one run of the log or spread far apart in it", async () => {
      const spread = (note: string) => fixtureEvent('SpreadNoted', { fixtureId: 's', note }, 'apiKey:fixture-3', '2026-02-02T10:00:00.000Z');
      await api.stores.events.append('spreadFixture-s', [spread('first')], 'no_stream');
      for (let filler = 0; filler < 12; filler++) {
        await api.stores.events.append(`fillerFixture-${filler}`, [spread(`filler ${filler}`)], 'no_stream');
      }
      await api.stores.events.append('spreadFixture-s', [spread('last')], 0);
      const minPosition = await head();

      const farApart = await trail({ stream: 'spreadFixture-s', minPosition });
      expect(farApart.map((entry) => [entry.revision, entry.data])).toEqual([
        [0, { fixtureId: 's', note: 'first' }],
        [1, { fixtureId: 's', note: 'last' }],
      ]);
      const exported = (await api.http().get('/audit/export').set(auditor).query({ stream: 'spreadFixture-s', order: 'oldest' }).expect(200)).text;
      expect(exported.trim().split('\n').map((line) => (JSON.parse(line) as AuditEntryBody).data)).toEqual(farApart.map((entry) => entry.data));

      const recorded = new Map((await collect(api.stores.events.readAll())).map((event) => [event.position.toString(), disclosed(event).data]));
      const oneRun = await trail({ category: ['spreadFixture', 'fillerFixture'], minPosition });
      expect(oneRun).toHaveLength(14);
      for (const entry of [...oneRun, ...(await trail({ minPosition }))]) expect([entry.position, entry.data]).toEqual([entry.position, recorded.get(entry.position)]);
    });
  });
});
