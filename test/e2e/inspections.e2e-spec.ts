import type { Response } from 'supertest';
import { legacyKeyWith } from '../support/api-keys.js';
import { collect } from '../support/collect.js';
import { employeeKey, eventTypesOf, expectInvalid, expectProblem, keyWith } from '../support/care-cases.js';
import { seedCatalogue } from '../support/organisation.js';
import { checklistDesk, fail, inspected, inspectionDesk, landingChecklist, notApplicable, pass, QUALITY_CATALOGUE } from '../support/quality.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POSITION = /^\d+$/;
const TEMPLATE = 'landing';

const failedOnPrice = [pass('mobile'), fail('price', 'The price is below the fold'), pass('fonts')];
const allPassed = [pass('mobile'), pass('price'), pass('fonts')];

describe('inspections over HTTP', () => {
  let api: TestApp;
  /** Inspectors A and B, each with a key that belongs to them. */
  let inspectorA: ReturnType<typeof inspectionDesk>;
  let inspectorB: ReturnType<typeof inspectionDesk>;
  /** The author of the inspected work, and another employee. */
  let author: ReturnType<typeof inspectionDesk>;
  let otherEmployee: ReturnType<typeof inspectionDesk>;

  beforeAll(async () => {
    api = await startTestApp();
    await seedCatalogue(api, QUALITY_CATALOGUE, {
      sections: ['section-list', 'section-other'],
      products: { 'list-course': 'section-list' },
      employees: ['emp-other'],
    });
    inspectorA = inspectionDesk(api, await employeeKey(api, 'emp-insp-a', 'quality-inspector'));
    inspectorB = inspectionDesk(api, await employeeKey(api, 'emp-insp-b', 'quality-inspector'));
    author = inspectionDesk(api, await employeeKey(api, 'emp-author'));
    otherEmployee = inspectionDesk(api, await employeeKey(api, 'emp-other'));
    await checklistDesk(api, asAdmin).publish({ id: TEMPLATE }).expect(201);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = () => api.stores.events.headPosition();

  async function started(body: object = {}): Promise<string> {
    return (await inspectorA.start(TEMPLATE, body).expect(201)).body.id;
  }

  /** An inspection by inspector A, completed with these results; its id and the verdict's position. */
  async function completed(results: object[], body: object = {}): Promise<{ id: string; position: string }> {
    const id = await started(body);
    await inspectorA.record(id, results).expect(200);
    const verdict = await inspectorA.complete(id).expect(200);
    return { id, position: verdict.body.position };
  }

  describe('starting and inspecting', () => {
    it('starts an inspection under a new UUIDv7, embedding the template version, with the caller as inspector', async () => {
      const response = await inspectorA.start(TEMPLATE, {}, { 'X-Request-Id': 'start-1' }).expect(201);
      expect(response.body).toEqual({ id: expect.stringMatching(UUID_V7), revision: 0, position: expect.stringMatching(POSITION) });

      const [event] = await collect(api.stores.events.readStream(`inspection-${response.body.id}`));
      expect(event).toMatchObject({
        type: 'InspectionStarted',
        data: {
          inspectionId: response.body.id,
          productId: 'course-sales',
          sectionId: 'section-layout',
          authorId: 'emp-author',
          inspector: { actorId: expect.stringMatching(/^apiKey:/), employeeId: 'emp-insp-a' },
          template: {
            templateId: TEMPLATE,
            version: 1,
            passMark: 0.8,
            criteria: [
              { criterionId: 'mobile', section: 'Layout', weight: 3, critical: true },
              { criterionId: 'fonts', section: 'Layout', weight: 1, critical: false },
              { criterionId: 'price', section: 'Offer', weight: 2, critical: false },
            ],
          },
          chain: { chainId: response.body.id, attempt: 1 },
        },
        metadata: { correlationId: 'start-1' },
      });

      const view = await inspectorA.read(response.body.id, { minPosition: response.body.position }).expect(200);
      expect(view.body).toMatchObject({
        id: response.body.id,
        status: 'in-progress',
        inspectorId: 'emp-insp-a',
        template: { templateId: TEMPLATE, version: 1, passMark: 0.8 },
        verdict: null,
        criteria: [
          { criterionId: 'mobile', result: null, revised: null },
          { criterionId: 'fonts', result: null },
          { criterionId: 'price', result: null },
        ],
        chain: [{ id: response.body.id, attempt: 1, status: 'in-progress', verdict: null }],
        disputes: [],
        position: response.body.position,
      });
    });

    it('records results, again until completion; the same results again append nothing', async () => {
      const id = await started();
      const first = await inspectorA.record(id, [pass('mobile'), fail('price', 'Cut off')]).expect(200);
      expect(first.body).toEqual({ id, revision: 1, position: expect.stringMatching(POSITION) });
      const again = await inspectorA.record(id, [pass('mobile')]).expect(200);
      expect(again.body).toEqual({ id, revision: 1, position: null });
      const changed = await inspectorB.record(id, [notApplicable('price')]).expect(200);

      const view = await inspectorA.read(id, { minPosition: changed.body.position }).expect(200);
      expect(view.body.criteria.map((c: { criterionId: string; result: string | null }) => [c.criterionId, c.result])).toEqual([
        ['mobile', 'pass'],
        ['fonts', null],
        ['price', 'n/a'],
      ]);
    });

    it('fails at 4/6 with the price failed, as ChecklistFailed, and then takes no more results', async () => {
      const { id, position } = await completed(failedOnPrice);
      const events = await collect(api.stores.events.readStream(`inspection-${id}`));
      expect(events.at(-1)).toMatchObject({
        type: 'ChecklistFailed',
        data: { templateId: TEMPLATE, templateVersion: 1, passMark: 0.8, score: 4 / 6, criticalFailed: false, failedCriteria: ['price'], attempt: 1 },
      });
      const view = await inspectorA.read(id, { minPosition: position }).expect(200);
      expect(view.body).toMatchObject({
        status: 'completed',
        verdict: 'failed',
        score: 4 / 6,
        original: { verdict: 'failed', score: 4 / 6, criticalFailed: false, failedCriteria: ['price'] },
        revised: null,
      });
      expect((await inspectorA.record(id, [pass('price')])).body).toMatchObject({ status: 409, code: 'INSPECTION_COMPLETED' });
      expect((await inspectorA.complete(id)).body).toMatchObject({ status: 409, code: 'INSPECTION_COMPLETED' });
    });

    it('passes at 5/6 with only the fonts failed, and fails on the critical criterion at 3/6', async () => {
      const passedOne = await completed([pass('mobile'), pass('price'), fail('fonts')]);
      expect((await eventTypesOf(api, `inspection-${passedOne.id}`)).at(-1)).toBe('ChecklistPassed');
      expect((await inspectorA.read(passedOne.id, { minPosition: passedOne.position }).expect(200)).body).toMatchObject({ verdict: 'passed', score: 5 / 6 });

      const critical = await completed([fail('mobile'), pass('price'), pass('fonts')]);
      expect((await inspectorA.read(critical.id, { minPosition: critical.position }).expect(200)).body).toMatchObject({
        verdict: 'failed',
        score: 0.5,
        original: { criticalFailed: true, failedCriteria: ['mobile'] },
      });
    });

    it('refuses to complete while a criterion has no result, or when nothing applies, appending nothing', async () => {
      const id = await started();
      await inspectorA.record(id, [pass('mobile')]).expect(200);
      const incomplete = await inspectorA.complete(id);
      expectProblem(incomplete, 409);
      expect(incomplete.body.code).toBe('INSPECTION_INCOMPLETE');

      await inspectorA.record(id, [notApplicable('mobile'), notApplicable('price'), notApplicable('fonts')]).expect(200);
      expect((await inspectorA.complete(id)).body).toMatchObject({ status: 409, code: 'NO_APPLICABLE_CRITERIA' });
      expect(await eventTypesOf(api, `inspection-${id}`)).toEqual(['InspectionStarted', 'InspectionResultsRecorded', 'InspectionResultsRecorded']);
    });

    it('inspects under the exact version asked for, and not under a retired template', async () => {
      const desk = checklistDesk(api, asAdmin);
      await desk.publish({ id: 'versioned' }).expect(201);
      const revised = { ...landingChecklist, passMark: 1 };
      await desk.publishVersion('versioned', revised).expect(201);
      const underV1 = (await inspectorA.start('versioned', { templateVersion: 1 }).expect(201)).body.id;
      const underV2 = await inspectorA.start('versioned', { templateVersion: 2 }).expect(201);
      const read = await inspectorA.read(underV2.body.id, { minPosition: underV2.body.position }).expect(200);
      expect(read.body.template).toEqual({ templateId: 'versioned', version: 2, passMark: 1 });
      expect((await inspectorA.read(underV1).expect(200)).body.template).toEqual({ templateId: 'versioned', version: 1, passMark: 0.8 });

      await desk.retire('versioned').expect(200);
      const before = await head();
      expect((await inspectorA.start('versioned', { templateVersion: 2 })).body).toMatchObject({ status: 409, code: 'CHECKLIST_TEMPLATE_RETIRED' });
      expect(await head()).toBe(before);
    });

    it("takes the product's own section, named or not, and refuses another one, appending nothing", async () => {
      const named = await inspectorA.start(TEMPLATE, { sectionId: 'section-layout' }).expect(201);
      const [event] = await collect(api.stores.events.readStream(`inspection-${named.body.id}`));
      expect(event?.data).toMatchObject({ productId: 'course-sales', sectionId: 'section-layout' });

      const before = await head();
      const other = await inspectorA.start(TEMPLATE, { sectionId: 'section-other' });
      expectProblem(other, 409);
      expect(other.body.code).toBe('PRODUCT_OF_ANOTHER_SECTION');
      expect(await head()).toBe(before);
    });

    it.each<[string, object, string]>([
      ['a product', { productId: 'no-such-product' }, 'productId'],
      ['a section', { sectionId: 'no-such-section' }, 'sectionId'],
      ['an author', { authorId: 'emp-nobody' }, 'authorId'],
      ['an author who is a product, not an employee', { authorId: 'course-sales' }, 'authorId'],
    ])('answers %s the organisation catalogue does not know with a 400 naming it, appending nothing', (_name, body, field) => expectInvalid(api, () => inspectorA.start(TEMPLATE, body), field));

    it('answers 404 for an unknown template or version, appending nothing', async () => {
      const before = await head();
      for (const response of [
        await inspectorA.start('no-such-template'),
        await inspectorA.start(TEMPLATE, { templateVersion: 9 }),
        await inspectorA.record('no-such-inspection', [pass('mobile')]),
        await inspectorA.complete('no-such-inspection'),
        await author.dispute('no-such-inspection'),
        await inspectorB.resolve('no-such-inspection'),
        await inspectorA.read('no-such-inspection'),
      ]) {
        expectProblem(response, 404);
        expect(response.body.code).toBe('NOT_FOUND');
      }
      expect(await head()).toBe(before);
    });
  });

  describe('re-inspection', () => {
    it('continues the chain of a failed inspection: attempt 2, the chain listed on both', async () => {
      const first = await completed(failedOnPrice);
      const second = await inspectorB.start(TEMPLATE, { reinspectionOf: first.id }).expect(201);
      await inspectorB.record(second.body.id, allPassed).expect(200);
      const verdict = await inspectorB.complete(second.body.id).expect(200);

      expect(await eventTypesOf(api, `inspection-${first.id}`)).toEqual(['InspectionStarted', 'InspectionResultsRecorded', 'ChecklistFailed', 'ReinspectionStarted']);
      const view = await inspectorA.read(second.body.id, { minPosition: verdict.body.position }).expect(200);
      expect(view.body).toMatchObject({
        chainId: first.id,
        attempt: 2,
        previousInspectionId: first.id,
        inspectorId: 'emp-insp-b',
        verdict: 'passed',
        chain: [
          { id: first.id, attempt: 1, verdict: 'failed' },
          { id: second.body.id, attempt: 2, verdict: 'passed' },
        ],
      });
      expect((await inspectorA.read(first.id).expect(200)).body).toMatchObject({ reinspectionId: second.body.id, chain: view.body.chain });
    });

    it('re-inspects the latest attempt only, never a passed or unfinished one, and the same work only', async () => {
      const first = await completed(failedOnPrice);
      await inspectorA.start(TEMPLATE, { reinspectionOf: first.id }).expect(201);
      const passedOne = await completed(allPassed);
      const unfinished = await started();
      const other = await completed(failedOnPrice);
      await checklistDesk(api, asAdmin).publish({ id: 'other-landing' }).expect(201);
      const before = await head();
      for (const [body, code] of [
        [{ reinspectionOf: first.id }, 'ALREADY_REINSPECTED'],
        [{ reinspectionOf: passedOne.id }, 'INSPECTION_PASSED'],
        [{ reinspectionOf: unfinished }, 'INSPECTION_IN_PROGRESS'],
        [{ reinspectionOf: other.id, authorId: 'emp-other' }, 'CHAIN_MISMATCH'],
        [{ reinspectionOf: other.id, templateId: 'other-landing' }, 'CHAIN_MISMATCH'],
      ] as const) {
        const response = await inspectorA.start(TEMPLATE, body);
        expectProblem(response, 409);
        expect(response.body.code).toBe(code);
      }
      expectProblem(await inspectorA.start(TEMPLATE, { reinspectionOf: 'no-such-inspection' }), 404);
      expect(await head()).toBe(before);
    });

    it('replays a re-inspection retried with the same Idempotency-Key: one claim, one start, the same answer', async () => {
      const first = await completed(failedOnPrice);
      const once = await inspectorA.start(TEMPLATE, { reinspectionOf: first.id }, { 'Idempotency-Key': `reinspect-${first.id}` }).expect(201);
      const before = await head();
      const retry = await inspectorA.start(TEMPLATE, { reinspectionOf: first.id }, { 'Idempotency-Key': `reinspect-${first.id}` }).expect(201);
      expect(retry.body).toEqual(once.body);
      expect(await head()).toBe(before);
      expect(await eventTypesOf(api, `inspection-${first.id}`)).toEqual(['InspectionStarted', 'InspectionResultsRecorded', 'ChecklistFailed', 'ReinspectionStarted']);
    });
  });

  describe('disputes', () => {
    it('are never resolved with an inspector key that names no employee: it could be the author, or the inspector', async () => {
      const { id } = await completed(failedOnPrice);
      await author.dispute(id).expect(200);
      const keyOfNobody = inspectionDesk(api, (await legacyKeyWith(api, ['quality-inspector'])).auth);
      const before = await head();
      expect((await keyOfNobody.resolve(id)).body).toMatchObject({ status: 409, code: 'ACTOR_NOT_AN_EMPLOYEE' });
      expect(await head()).toBe(before);
      await inspectorB.resolve(id).expect(200);
    });

    it('lets the author dispute, once at a time; nobody else, whatever their role', async () => {
      const { id } = await completed(failedOnPrice);
      const inspectorWithoutEmployee = inspectionDesk(api, await keyWith(api, 'quality-inspector'));
      const before = await head();
      expect((await otherEmployee.dispute(id)).body).toMatchObject({ status: 409, code: 'NOT_THE_AUTHOR' });
      expect((await inspectorA.dispute(id)).body).toMatchObject({ status: 409, code: 'NOT_THE_AUTHOR' });
      expectProblem(await inspectionDesk(api, asAdmin).dispute(id), 403);
      expectProblem(await inspectorWithoutEmployee.dispute(id), 403);
      expect(await head()).toBe(before);

      const disputed = await author.dispute(id).expect(200);
      expect(disputed.body).toEqual({ id, revision: 3, position: expect.stringMatching(POSITION) });
      expect((await author.dispute(id)).body).toMatchObject({ status: 409, code: 'DISPUTE_OPEN' });
      const view = await inspectorA.read(id, { minPosition: disputed.body.position }).expect(200);
      expect(view.body).toMatchObject({
        status: 'disputed',
        disputes: [{ disputeNumber: 1, criterionIds: ['price'], comment: 'The price is in the footer', resolution: null }],
      });
      expect((await inspectorA.start(TEMPLATE, { reinspectionOf: id })).body).toMatchObject({ status: 409, code: 'DISPUTE_OPEN' });
    });

    it('accepted by another inspector: the verdict turns to passed, the original staying next to it', async () => {
      const { id } = await completed(failedOnPrice);
      await author.dispute(id).expect(200);
      expect((await inspectorA.resolve(id)).body).toMatchObject({ status: 409, code: 'RESOLVER_NOT_INDEPENDENT' });

      const resolved = await inspectorB.resolve(id, { outcome: 'accepted', comment: 'The footer shows it' }).expect(200);
      const view = await inspectorA.read(id, { minPosition: resolved.body.position }).expect(200);
      expect(view.body).toMatchObject({
        status: 'completed',
        verdict: 'passed',
        score: 1,
        original: { verdict: 'failed', score: 4 / 6, failedCriteria: ['price'] },
        revised: { verdict: 'passed', score: 1, failedCriteria: [] },
        disputes: [{ resolution: { outcome: 'accepted', comment: 'The footer shows it', resolvedBy: 'emp-insp-b', verdict: 'passed' } }],
      });
      expect(view.body.criteria[2]).toMatchObject({ criterionId: 'price', result: 'fail', revised: { result: 'pass', comment: null } });
      expect((await inspectorB.resolve(id)).body).toMatchObject({ status: 409, code: 'NO_OPEN_DISPUTE' });
    });

    it('partly accepted: new results for contested criteria, scored again; rejected: the verdict stands', async () => {
      const twoFailed = await completed([pass('mobile'), fail('price'), fail('fonts')]);
      await author.dispute(twoFailed.id, { criterionIds: ['fonts'] }).expect(200);
      expect((await inspectorB.resolve(twoFailed.id, { outcome: 'partly-accepted', revisedResults: [pass('price')] })).body).toMatchObject({
        status: 409,
        code: 'CRITERION_NOT_DISPUTED',
      });
      const partly = await inspectorB.resolve(twoFailed.id, { outcome: 'partly-accepted', revisedResults: [notApplicable('fonts')] }).expect(200);
      // 3/6 becomes 3/5: fonts no longer applies, price still fails.
      expect((await inspectorA.read(twoFailed.id, { minPosition: partly.body.position }).expect(200)).body).toMatchObject({
        verdict: 'failed',
        score: 3 / 5,
        original: { score: 0.5 },
        revised: { score: 3 / 5, failedCriteria: ['price'] },
      });

      const rejectedOne = await completed(failedOnPrice);
      await author.dispute(rejectedOne.id).expect(200);
      const rejected = await inspectorB.resolve(rejectedOne.id, { outcome: 'rejected', comment: 'Not in the footer either' }).expect(200);
      expect((await inspectorA.read(rejectedOne.id, { minPosition: rejected.body.position }).expect(200)).body).toMatchObject({
        status: 'completed',
        verdict: 'failed',
        revised: null,
        disputes: [{ resolution: { outcome: 'rejected', revisedResults: [] } }],
      });
    });

    it('refuses a dispute before the verdict, of a re-inspected verdict, of a criterion that passed, and of a flawless verdict', async () => {
      const unfinished = await started();
      expect((await author.dispute(unfinished)).body).toMatchObject({ status: 409, code: 'INSPECTION_IN_PROGRESS' });

      const reinspected = await completed(failedOnPrice);
      await inspectorA.start(TEMPLATE, { reinspectionOf: reinspected.id }).expect(201);
      expect((await author.dispute(reinspected.id)).body).toMatchObject({ status: 409, code: 'ALREADY_REINSPECTED' });

      const failed = await completed(failedOnPrice);
      expect((await author.dispute(failed.id, { criterionIds: ['mobile'] })).body).toMatchObject({ status: 409, code: 'CRITERION_NOT_FAILED' });

      const flawless = await completed(allPassed);
      expect((await author.dispute(flawless.id)).body).toMatchObject({ status: 409, code: 'NOTHING_TO_DISPUTE' });
    });
  });

  describe('roles', () => {
    it('answers 401 without a key', async () => {
      for (const response of [await api.http().post('/inspections').send({}), await api.http().get('/inspections'), await api.http().get('/inspections/x')]) {
        expectProblem(response, 401);
      }
    });

    it('lets the council, auditors and admins read but not inspect; keeps other roles out', async () => {
      const { id } = await completed(failedOnPrice);
      for (const auth of [await keyWith(api, 'council-member'), await keyWith(api, 'council-chair'), await keyWith(api, 'auditor'), asAdmin]) {
        const reader = inspectionDesk(api, auth);
        await reader.read(id).expect(200);
        await reader.list().expect(200);
        expectProblem(await reader.start(TEMPLATE), 403);
        expectProblem(await reader.resolve(id), 403);
      }
      const careAgent = inspectionDesk(api, await keyWith(api, 'care-agent'));
      expectProblem(await careAgent.read(id), 403);
      expectProblem(await careAgent.list({ authorId: 'emp-author' }), 403);
      expectProblem(await author.start(TEMPLATE), 403);
      expectProblem(await author.record(id, [pass('price')]), 403);
    });

    it("lets an author read the inspections of their own work, as of any moment, and nobody else's", async () => {
      const { id, position } = await completed(failedOnPrice);
      const others = await completed(allPassed, { authorId: 'emp-other' });

      expect((await author.read(id, { minPosition: others.position }).expect(200)).body).toMatchObject({ id, authorId: 'emp-author', verdict: 'failed' });
      expect((await author.read(id, { asOf: position }).expect(200)).body).toMatchObject({ id, position });
      const own = await author.list({ authorId: 'emp-author', limit: '200' }).expect(200);
      expect(own.body.items.map((item: { id: string }) => item.id)).toContain(id);
      expect(own.body.items.every((item: { authorId: string }) => item.authorId === 'emp-author')).toBe(true);

      const hidden = await author.read(others.id);
      expectProblem(hidden, 404);
      expect(hidden.body.code).toBe('NOT_FOUND');
      expectProblem(await otherEmployee.read(id), 404);
      expectProblem(await author.list(), 403);
      expectProblem(await author.list({ authorId: 'emp-other' }), 403);
      expectProblem(await author.list({ chainId: id }), 403);
    });
  });

  describe('bad input', () => {
    let inspectionId: string;

    beforeAll(async () => {
      inspectionId = await started();
    });

    it.each<[string, (id: string) => Promise<Response>, string]>([
      ['an unknown field', () => inspectorA.start(TEMPLATE, { priority: 'high' }), 'priority'],
      ['an unknown deliverable kind', () => inspectorA.start(TEMPLATE, { deliverable: { kind: 'poster', reference: 'x' } }), 'deliverable.kind'],
      ['a blank deliverable reference', () => inspectorA.start(TEMPLATE, { deliverable: { kind: 'ticket', reference: ' ' } }), 'deliverable.reference'],
      ['an author that is no id', () => inspectorA.start(TEMPLATE, { authorId: 'emp author' }), 'authorId'],
      ['a template version as a string', () => inspectorA.start(TEMPLATE, { templateVersion: '1' }), 'templateVersion'],
      ['a template version of 0', () => inspectorA.start(TEMPLATE, { templateVersion: 0 }), 'templateVersion'],
      ['a reinspectionOf that is no id', () => inspectorA.start(TEMPLATE, { reinspectionOf: 'a/b' }), 'reinspectionOf'],
      ['a fail without a comment', (id) => inspectorA.record(id, [{ criterionId: 'price', result: 'fail' }]), 'results.0.comment'],
      ['an unknown result', (id) => inspectorA.record(id, [{ criterionId: 'price', result: 'ok' }]), 'results.0.result'],
      ['a criterion of no template version of this inspection', (id) => inspectorA.record(id, [pass('mobile'), pass('footer')]), 'results.1.criterionId'],
      ['a criterion twice', (id) => inspectorA.record(id, [pass('price'), fail('price')]), 'results.1.criterionId'],
      ['no results', (id) => inspectorA.record(id, []), 'results'],
      ['an unknown field in a result', (id) => inspectorA.record(id, [{ ...pass('price'), weight: 2 }]), 'results.0.weight'],
      ['a completion with an unknown field', (id) => inspectorA.complete(id, { verdict: 'passed' }), 'verdict'],
      ['a completion dated in the future', (id) => inspectorA.complete(id, { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }), 'occurredAt'],
      ['a dispute without a comment', (id) => author.dispute(id, { comment: undefined }), 'comment'],
      ['a dispute naming a criterion that is no id', (id) => author.dispute(id, { criterionIds: ['a b'] }), 'criterionIds'],
      ['a resolution with an unknown outcome', (id) => inspectorB.resolve(id, { outcome: 'withdrawn' }), 'outcome'],
      ['a partial acceptance without results', (id) => inspectorB.resolve(id, { outcome: 'partly-accepted' }), 'revisedResults'],
      ['an acceptance with results', (id) => inspectorB.resolve(id, { revisedResults: [pass('price')] }), 'revisedResults'],
      ['an inspection id that is no id', () => inspectorA.complete('bad%20id'), 'id'],
      ['a garbled If-Match', (id) => inspectorA.record(id, [pass('price')], {}, { 'If-Match': 'W/"1"' }), 'If-Match'],
    ])('answers %s with a 400 naming the field, appending nothing', (_name, send, field) => expectInvalid(api, () => send(inspectionId), field));

    it('answers a pinned revision the inspection has moved on from with 412, appending nothing', async () => {
      const id = await started();
      await inspectorA.record(id, [pass('mobile')], {}, { 'If-Match': '0' }).expect(200);
      const stale = await inspectorA.record(id, [pass('price')], {}, { 'If-Match': '0' });
      expectProblem(stale, 412);
      expect(stale.body).toMatchObject({ code: 'REVISION_MISMATCH', currentRevision: 1 });
      expect(await eventTypesOf(api, `inspection-${id}`)).toEqual(['InspectionStarted', 'InspectionResultsRecorded']);
    });
  });

  describe('list', () => {
    const section = 'section-list';
    let chainStart: string;
    let reinspection: string;
    let lastPosition: string;

    beforeAll(async () => {
      const inList = { productId: 'list-course' };
      chainStart = (await inspected(inspectorA, TEMPLATE, failedOnPrice, { startedAt: '2025-05-01T09:00:00Z', body: inList })).id;
      reinspection = (await inspectorB.start(TEMPLATE, { ...inList, reinspectionOf: chainStart, occurredAt: '2025-05-03T09:00:00Z' }).expect(201)).body.id;
      await inspected(inspectorA, TEMPLATE, allPassed, { startedAt: '2025-05-02T09:00:00Z', body: { ...inList, authorId: 'emp-other' } });
      const disputedOne = await inspected(inspectorA, TEMPLATE, failedOnPrice, { startedAt: '2025-05-04T09:00:00Z', body: inList });
      lastPosition = (await author.dispute(disputedOne.id).expect(200)).body.position;
    });

    function page(query: Record<string, string | number>) {
      return api.http().get('/inspections').set(asAdmin).query({ minPosition: lastPosition, sectionId: section, ...query });
    }
    const count = async (query: Record<string, string>) => (await page(query).expect(200)).body.items.length;

    it('pages through the inspections by start, then id, without their criteria', async () => {
      const first = await page({ limit: 2 }).expect(200);
      expect(first.body.items.map((item: { startedAt: string }) => item.startedAt)).toEqual(['2025-05-01T09:00:00.000Z', '2025-05-02T09:00:00.000Z']);
      expect(first.body.items[0].criteria).toBeUndefined();
      const second = await page({ limit: 2, cursor: first.body.nextCursor }).expect(200);
      expect(second.body.items.map((item: { id: string }) => item.id)[0]).toBe(reinspection);
      expect(second.body.nextCursor).toBeNull();
    });

    it('filters by status, verdict, author, inspector, template and chain', async () => {
      expect(await count({ status: 'disputed' })).toBe(1);
      expect(await count({ status: 'in-progress' })).toBe(1);
      expect(await count({ verdict: 'passed' })).toBe(1);
      expect(await count({ verdict: 'failed' })).toBe(2);
      expect(await count({ authorId: 'emp-other' })).toBe(1);
      expect(await count({ inspectorId: 'emp-insp-b' })).toBe(1);
      expect(await count({ templateId: TEMPLATE })).toBe(4);
      expect(await count({ templateId: 'other-template' })).toBe(0);
      expect((await page({ chainId: chainStart }).expect(200)).body.items.map((item: { id: string }) => item.id)).toEqual([chainStart, reinspection]);
    });

    it('lists as of a past position', async () => {
      const [started] = await collect(api.stores.events.readStream(`inspection-${reinspection}`));
      expect((await page({ asOf: String(started!.position - 1n), chainId: chainStart }).expect(200)).body.items).toHaveLength(1);
    });

    it.each<[string, Record<string, string>, string]>([
      ['an unknown status', { status: 'closed' }, 'status'],
      ['an unknown verdict', { verdict: 'ok' }, 'verdict'],
      ['a chain that is no id', { chainId: 'a b' }, 'chainId'],
      ['an unknown parameter', { inspector: 'me' }, 'inspector'],
      ['a limit of 0', { limit: '0' }, 'limit'],
    ])('answers %s with a 400 naming the parameter', async (_name, query, field) => {
      expectProblem(await page(query), 400, field);
    });
  });

  describe('reading an inspection as it was known', () => {
    it('shows the verdict before and after a dispute resolution, and 404 before the start', async () => {
      const { id, position } = await completed(failedOnPrice);
      await author.dispute(id).expect(200);
      const resolved = await inspectorB.resolve(id).expect(200);
      expect((await inspectorA.read(id, { asOf: position, minPosition: resolved.body.position }).expect(200)).body).toMatchObject({
        verdict: 'failed',
        revised: null,
        disputes: [],
        position,
      });
      expect((await inspectorA.read(id, { asOf: resolved.body.position }).expect(200)).body).toMatchObject({ verdict: 'passed' });
      expectProblem(await inspectorA.read(id, { asOf: '2001-01-01T00:00:00Z' }), 404);
      expectProblem(await inspectorA.read(id, { asOf: 'soon' }), 400, 'asOf');
    });
  });

  it('documents every inspection route in /docs-json with bearer security and its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operations: [string, string, RegExp][] = [
      ['/inspections', 'post', /^Roles: quality-inspector\./],
      ['/inspections/{id}/results', 'post', /^Roles: quality-inspector\./],
      ['/inspections/{id}/completion', 'post', /^Roles: quality-inspector\./],
      ['/inspections/{id}/disputes', 'post', /^Roles: employee\./],
      ['/inspections/{id}/dispute-resolution', 'post', /^Roles: quality-inspector\./],
      ['/inspections', 'get', /^Roles: quality-inspector, council-member, council-chair, auditor, admin, employee\./],
      ['/inspections/{id}', 'get', /^Roles: quality-inspector, council-member, council-chair, auditor, admin, employee\./],
    ];
    for (const [path, method, roles] of operations) {
      const operation = document.paths[path]?.[method];
      expect(operation).toMatchObject({ security: [{ bearer: [] }], tags: ['inspections'], description: expect.stringMatching(roles) });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
    expect(document.paths['/inspections/{id}/dispute-resolution'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ResolveDisputeRequest',
    );
  });
});
