import { collect } from '../support/collect.js';
import { employeeKey, expectInvalid, expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { seedOrganisation } from '../support/competence.js';
import { orgDesk } from '../support/organisation.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';
import { trainingDesk, type TrainingDesk } from '../support/training.js';

const POSITION = /^\d+$/;
const JAN = '2026-01-12T09:00:00Z';
const FEB = '2026-02-09T09:00:00Z';
const MAR = '2026-03-09T09:00:00Z';

/*
 * Support has line 1 (ann, bob) and line 2 (dan); sales has cid; the trainer (tom) owns the
 * materials; eve left. The refund regulation is for line 1 and for the sales section: ann, bob, cid.
 */
describe('knowledge base over HTTP', () => {
  let api: TestApp;
  let desk: TrainingDesk;
  let reader: Auth;
  let keys: Record<'ann' | 'bob' | 'cid' | 'dan', Auth>;
  let ann: TrainingDesk;

  beforeAll(async () => {
    api = await startTestApp();
    await seedOrganisation(
      api,
      {
        sections: { support: ['line-1', 'line-2'], sales: ['rep'], training: ['trainer'] },
        employees: { ann: 'line-1', bob: 'line-1', dan: 'line-2', cid: 'rep', tom: 'trainer', eve: 'line-1' },
      },
      '2026-01-02T09:00:00Z',
    );
    await orgDesk(api, asAdmin).recordDeparture('eve', { occurredAt: '2026-01-05T09:00:00Z' }).expect(200);
    desk = trainingDesk(api, await keyWith(api, 'trainer'));
    reader = await keyWith(api, 'council-member');
    keys = { ann: await employeeKey(api, 'ann'), bob: await employeeKey(api, 'bob'), cid: await employeeKey(api, 'cid'), dan: await employeeKey(api, 'dan') };
    ann = trainingDesk(api, keys.ann);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = async () => String(await api.stores.events.headPosition());
  const read = (path: string, query: Record<string, string> = {}, auth: Auth = reader) => api.http().get(path).set(auth).query(query);
  const regulation = (id: string) =>
    desk.publish({ id, ownerId: 'tom', reviewBy: '2026-06-01', competencyIds: ['refunds'], regulation: { positionIds: ['line-1'], sectionIds: ['sales'] }, occurredAt: JAN });

  describe('materials, versions and reviews', () => {
    it('publishes version 1 of a material in its stream and shows it as current', async () => {
      const published = await desk.publish({ id: 'phone-script', ownerId: 'tom', occurredAt: JAN }).expect(201);
      expect(published.body).toEqual({ id: 'phone-script', revision: 0, position: expect.stringMatching(POSITION) });
      const [event] = await collect(api.stores.events.readStream('knowledgeMaterial-phone-script'));
      expect(event).toMatchObject({ type: 'MaterialPublished', data: { version: 1, ownerId: 'tom', reviewBy: '2026-12-01', competencyIds: [] } });

      const view = await read('/knowledge-base/phone-script', { minPosition: published.body.position }, keys.dan).expect(200);
      expect(view.body).toMatchObject({
        id: 'phone-script',
        format: 'text',
        status: 'current',
        currentVersion: 1,
        regulation: false,
        audience: null,
        current: { version: 1, body: 'Refunds within 14 days.', link: null, eventId: event!.eventId },
        versions: [{ version: 1, title: 'Refund regulation', changeNote: null }],
        acknowledgements: [],
        position: published.body.position,
      });
    });

    it('publishes each revision as the next version, keeps the earlier ones readable, and appends nothing for the same content', async () => {
      await desk.publish({ id: 'video-lesson', format: 'video', body: undefined, link: 'https://media.example.org/refunds.mp4', ownerId: 'tom', occurredAt: JAN }).expect(201);
      await desk.revise('video-lesson', { title: 'Refunds, part 1', link: 'https://media.example.org/refunds-v2.mp4', changeNote: 'Re-recorded', occurredAt: FEB }).expect(200);
      const same = await desk.revise('video-lesson', { title: 'Refunds, part 1', link: 'https://media.example.org/refunds-v2.mp4', occurredAt: MAR }).expect(200);
      expect(same.body).toEqual({ id: 'video-lesson', revision: 1, position: null });

      const view = await read('/knowledge-base/video-lesson', { minPosition: await head() }).expect(200);
      expect(view.body).toMatchObject({ title: 'Refunds, part 1', currentVersion: 2, reviewBy: '2026-12-01', current: { link: 'https://media.example.org/refunds-v2.mp4' } });
      expect((await read('/knowledge-base/video-lesson/versions/1').expect(200)).body).toMatchObject({
        materialId: 'video-lesson',
        version: 1,
        link: 'https://media.example.org/refunds.mp4',
        publishedAt: '2026-01-12T09:00:00.000Z',
      });
      expectProblem(await read('/knowledge-base/video-lesson/versions/3'), 404);
    });

    it('lists as stale the current materials whose review day lies before the day asked for, until reviewed', async () => {
      await desk.publish({ id: 'stale-a', ownerId: 'tom', reviewBy: '2026-02-01', occurredAt: JAN }).expect(201);
      await desk.publish({ id: 'stale-b', ownerId: 'tom', reviewBy: '2026-03-01', occurredAt: JAN }).expect(201);
      await desk.publish({ id: 'stale-c', ownerId: 'tom', reviewBy: '2026-02-01', occurredAt: JAN }).expect(201);
      await desk.retire('stale-c', { occurredAt: JAN }).expect(200);
      const staleOn = async (at: string) =>
        (await read('/knowledge-base/stale', { at, minPosition: await head() }).expect(200)).body.items.map((item: { id: string }) => item.id).filter((id: string) => id.startsWith('stale-'));

      expect(await staleOn('2026-02-01')).toEqual([]);
      expect(await staleOn('2026-02-02')).toEqual(['stale-a']);
      expect(await staleOn('2026-03-02')).toEqual(['stale-a', 'stale-b']);

      await desk.review('stale-a', { reviewBy: '2026-09-01', note: 'Still right', occurredAt: FEB }).expect(200);
      expect(await staleOn('2026-03-02')).toEqual(['stale-b']);
      expect((await read('/knowledge-base/stale-a').expect(200)).body).toMatchObject({ reviewBy: '2026-09-01', lastReviewedAt: '2026-02-09T09:00:00.000Z', currentVersion: 1 });
    });

    it('hands a material to another owner, but not to someone who left', async () => {
      await desk.publish({ id: 'owned', ownerId: 'tom', occurredAt: JAN }).expect(201);
      expectRule(await desk.changeOwner('owned', 'eve', { occurredAt: FEB }), 'OWNER_NOT_EMPLOYED');
      await desk.changeOwner('owned', 'ann', { occurredAt: FEB }).expect(200);
      expect((await desk.changeOwner('owned', 'ann', { occurredAt: FEB }).expect(200)).body.position).toBeNull();
      expect((await read('/knowledge-base/owned', { minPosition: await head() }).expect(200)).body.ownerId).toBe('ann');
      expectRule(await desk.publish({ id: 'orphan', ownerId: 'eve', occurredAt: JAN }), 'OWNER_NOT_EMPLOYED');
    });

    it('retires a material, which then takes no revision; and refuses an id that is taken or a change dated too early', async () => {
      await desk.publish({ id: 'retiring', ownerId: 'tom', occurredAt: JAN }).expect(201);
      expectRule(await desk.publish({ id: 'retiring', ownerId: 'tom', occurredAt: JAN }), 'MATERIAL_EXISTS');
      await desk.review('retiring', { occurredAt: FEB }).expect(200);
      expectRule(await desk.revise('retiring', { occurredAt: JAN }), 'DATED_BEFORE_LAST_CHANGE');
      await desk.retire('retiring', { reason: 'Replaced', occurredAt: MAR }).expect(200);
      expectRule(await desk.revise('retiring', { occurredAt: MAR }), 'MATERIAL_RETIRED');
      expect((await read('/knowledge-base/retiring', { minPosition: await head() }).expect(200)).body).toMatchObject({ status: 'retired', retirementReason: 'Replaced' });
    });

    it('lists materials with filters, for employees too', async () => {
      await regulation('listed-regulation').expect(201);
      const listed = await read('/knowledge-base', { regulation: 'true', minPosition: await head() }, keys.bob).expect(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toContain('listed-regulation');
      expect(listed.body.items.every((item: { regulation: boolean }) => item.regulation)).toBe(true);
      expect(listed.body.items[0]).not.toHaveProperty('versions');
    });
  });

  describe('regulations acknowledged against signature', () => {
    it("records an employee's signature for the current version, by their own key, once", async () => {
      const published = await regulation('refunds').expect(201);
      const signed = await ann.acknowledge('refunds', 1, { occurredAt: FEB }).expect(200);
      expect(signed.body).toEqual({ id: 'refunds', revision: 1, position: expect.stringMatching(POSITION) });
      expect((await ann.acknowledge('refunds', 1, { occurredAt: FEB }).expect(200)).body.position).toBeNull();
      const [, event] = await collect(api.stores.events.readStream('knowledgeMaterial-refunds'));
      expect(event).toMatchObject({ type: 'RegulationAcknowledged', data: { materialId: 'refunds', version: 1, employeeId: 'ann' } });

      const unsigned = await read('/knowledge-base/refunds/unacknowledged', { minPosition: signed.body.position }).expect(200);
      expect(unsigned.body).toEqual({
        materialId: 'refunds',
        version: 1,
        asOf: { position: expect.stringMatching(POSITION) },
        items: [
          { employeeId: 'bob', name: 'Employee bob', positionId: 'line-1', sectionId: 'support' },
          { employeeId: 'cid', name: 'Employee cid', positionId: 'rep', sectionId: 'sales' },
        ],
        nextCursor: null,
      });
      const beforeSigning = await read('/knowledge-base/refunds/unacknowledged', { asOf: published.body.position }).expect(200);
      expect(beforeSigning.body.items.map((item: { employeeId: string }) => item.employeeId)).toEqual(['ann', 'bob', 'cid']);
    });

    it('asks everyone to sign the new version after a revision, and refuses a signature for an old one', async () => {
      await regulation('escalation').expect(201);
      await ann.acknowledge('escalation', 1, { occurredAt: FEB }).expect(200);
      await desk.revise('escalation', { occurredAt: FEB }).expect(200);
      expectRule(await trainingDesk(api, keys.bob).acknowledge('escalation', 1, { occurredAt: MAR }), 'VERSION_NOT_CURRENT');
      const unsigned = async () =>
        (await read('/knowledge-base/escalation/unacknowledged', { minPosition: await head() }).expect(200)).body.items.map((item: { employeeId: string }) => item.employeeId);
      expect(await unsigned()).toEqual(['ann', 'bob', 'cid']);
      await trainingDesk(api, keys.cid).acknowledge('escalation', 2, { occurredAt: MAR }).expect(200);
      expect(await unsigned()).toEqual(['ann', 'bob']);
      expect((await read('/knowledge-base/escalation').expect(200)).body.acknowledgements).toEqual([
        { employeeId: 'ann', version: 1, acknowledgedAt: '2026-02-09T09:00:00.000Z' },
        { employeeId: 'cid', version: 2, acknowledgedAt: '2026-03-09T09:00:00.000Z' },
      ]);
    });

    it('refuses a signature from outside the audience, for a material that is no regulation, or dated before the version', async () => {
      await regulation('audience').expect(201);
      expectRule(await trainingDesk(api, keys.dan).acknowledge('audience', 1, { occurredAt: FEB }), 'NOT_IN_AUDIENCE');
      expectRule(await ann.acknowledge('audience', 1, { occurredAt: '2026-01-10T09:00:00Z' }), 'DATED_BEFORE_VERSION');
      await desk.publish({ id: 'plain', ownerId: 'tom', occurredAt: JAN }).expect(201);
      expectRule(await ann.acknowledge('plain', 1, { occurredAt: FEB }), 'NOT_A_REGULATION');
      expectRule(await read('/knowledge-base/plain/unacknowledged', { minPosition: await head() }), 'NOT_A_REGULATION');
    });

    it('takes signatures only from the keys of employees, each signing as themselves', async () => {
      await regulation('keys').expect(201);
      expectProblem(await desk.acknowledge('keys', 1), 403);
      expectProblem(await api.http().post('/knowledge-base/keys/acknowledgements').send({ version: 1 }), 401);
    });
  });

  describe('refusals', () => {
    it('refuses bad input with 400 naming the field, appending nothing', async () => {
      await expectInvalid(api, () => desk.publish({ ownerId: 'tom', colour: 'red' }), 'colour');
      await expectInvalid(api, () => desk.publish({ ownerId: 'tom', reviewBy: '2026-13-01' }), 'reviewBy');
      await expectInvalid(api, () => desk.publish({ ownerId: 'tom', format: 'video', body: undefined }), 'link');
      await expectInvalid(api, () => desk.publish({ ownerId: 'nobody' }), 'ownerId');
      await expectInvalid(api, () => desk.publish({ ownerId: 'tom', regulation: { positionIds: ['no-such-position'] } }), 'regulation.positionIds.0');
      await expectInvalid(api, () => desk.publish({ ownerId: 'tom', regulation: null }), 'regulation');
      await expectInvalid(api, () => desk.publish({ ownerId: 'tom', regulation: { positionIds: null, sectionIds: ['sales'] } }), 'regulation.positionIds');
      await expectInvalid(api, () => desk.publish({ ownerId: 'tom', occurredAt: '2026-01-12T09:00:00Z', reviewBy: '2026-01-12' }), 'reviewBy');
      await expectInvalid(api, () => ann.acknowledge('refunds', 0), 'version');
      expectProblem(await read('/knowledge-base/stale', { at: 'tomorrow' }), 400, 'at');
      expectProblem(await read('/knowledge-base/a b'), 400, 'id');
    });

    it('answers 401 without a key, 403 for a role that may not, 404 for a material that does not exist', async () => {
      expectProblem(await api.http().get('/knowledge-base'), 401);
      expectProblem(await trainingDesk(api, keys.ann).publish({ ownerId: 'tom' }), 403);
      expectProblem(await read('/knowledge-base/stale', {}, keys.ann), 403);
      expectProblem(await read('/knowledge-base/no-such-material'), 404);
      expectProblem(await desk.revise('no-such-material', { occurredAt: FEB }), 404);
      expectProblem(await desk.retire('no-such-material'), 404);
    });

    it('answers 412 when If-Match names a revision the material has left, and replays an idempotent publication', async () => {
      await desk.publish({ id: 'pinned', ownerId: 'tom', occurredAt: JAN }).expect(201);
      expectProblem(await desk.review('pinned', { occurredAt: FEB }, { 'If-Match': '3' }), 412);
      await desk.review('pinned', { occurredAt: FEB }, { 'If-Match': '0' }).expect(200);

      const first = await desk.publish({ ownerId: 'tom', occurredAt: JAN }, { 'Idempotency-Key': 'publish-once' }).expect(201);
      const again = await desk.publish({ ownerId: 'tom', occurredAt: JAN }, { 'Idempotency-Key': 'publish-once' }).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await collect(api.stores.events.readStream(`knowledgeMaterial-${first.body.id}`))).toHaveLength(1);
    });
  });

  it('documents every knowledge-base route in /docs-json with bearer security and its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operations: [string, string, string][] = [
      ['/knowledge-base', 'post', 'trainer'],
      ['/knowledge-base', 'get', 'trainer, hr, council-member, council-chair, auditor, admin, employee'],
      ['/knowledge-base/stale', 'get', 'trainer, hr, council-member, council-chair, auditor, admin'],
      ['/knowledge-base/{id}', 'get', 'trainer, hr, council-member, council-chair, auditor, admin, employee'],
      ['/knowledge-base/{id}/versions/{version}', 'get', 'trainer, hr, council-member, council-chair, auditor, admin, employee'],
      ['/knowledge-base/{id}/unacknowledged', 'get', 'trainer, hr, council-member, council-chair, auditor, admin'],
      ['/knowledge-base/{id}/revisions', 'post', 'trainer'],
      ['/knowledge-base/{id}/review', 'post', 'trainer'],
      ['/knowledge-base/{id}/owner', 'post', 'trainer'],
      ['/knowledge-base/{id}/retirement', 'post', 'trainer'],
      ['/knowledge-base/{id}/acknowledgements', 'post', 'employee'],
    ];
    for (const [path, method, roles] of operations) {
      const operation = document.paths[path]?.[method];
      expect(operation).toMatchObject({ security: [{ bearer: [] }], tags: ['knowledge-base'], summary: expect.any(String), description: expect.stringContaining(`Roles: ${roles}.`) });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
    expect(Object.keys(document.paths['/knowledge-base/{id}/acknowledgements'].post.responses)).toEqual(expect.arrayContaining(['200', '404', '409', '412']));
  });
});
