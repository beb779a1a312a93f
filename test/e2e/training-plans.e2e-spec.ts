import type { CompetencyAssessed } from '#domain/competence/index.js';
import type { TrainingPlanProposed } from '#domain/training/index.js';
import { ProcessManagerHost, processManagerCheckpoint, type RecordedEvent } from '#kernel';
import { legacyKeyWith } from '../support/api-keys.js';
import { collect } from '../support/collect.js';
import { employeeKey, expectInvalid, expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { competenceDesk, requirement, seedOrganisation, type CompetenceDesk } from '../support/competence.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { plansOnceProposed, trainingDesk, type TrainingDesk } from '../support/training.js';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ASSESSED = '2026-03-02T09:00:00Z';
const APPROVED = '2026-03-03T09:00:00Z';

interface PlanView {
  id: string;
  employeeId: string;
  status: string;
  items: { itemId: string; kind: string; materialId: string | null; competencyIds: string[]; dueOn: string }[];
  gaps: { competencyId: string; required: number; level: number | null; gap: number }[];
}

/*
 * Line 1 of support requires refunds 3, negotiation 2 and calls 1. The refund regulation teaches
 * refunds. ann is assessed at refunds 1 on March 2: her gaps are refunds 2, negotiation 2 (never
 * assessed) and calls 1, and a plan is proposed for them: the regulation, then mentoring twice, all
 * due 30 days on, April 1. bob is assessed the same day and gets a plan of his own.
 */
describe('individual training plans over HTTP', () => {
  let api: TestApp;
  let trainerKey: Auth;
  let hrKey: Auth;
  let annKey: Auth;
  let trainer: TrainingDesk;
  let hr: TrainingDesk;
  let assessor: CompetenceDesk;
  let annPlan: PlanView;
  let bobPlan: PlanView;

  const proposals = async () =>
    (await collect(api.stores.events.readAll())).filter((event) => event.type === 'TrainingPlanProposed') as RecordedEvent<TrainingPlanProposed>[];
  const head = async () => String(await api.stores.events.headPosition());
  /** Waits until the process manager has processed the whole log (bounded), so that "nothing proposed" means something. */
  const managerCaughtUp = async () => {
    const runner = api.app.get(ProcessManagerHost).runner('trainingPlanProposer')!;
    expect(await runner.waitFor(BigInt(await head()), 10_000)).toBe(true);
  };

  /** The desks of the app as it runs now: a restart starts another app on the same store. */
  const openDesks = () => {
    trainer = trainingDesk(api, trainerKey);
    hr = trainingDesk(api, hrKey);
    assessor = competenceDesk(api, trainerKey);
  };

  beforeAll(async () => {
    api = await startTestApp();
    await seedOrganisation(
      api,
      { sections: { support: ['line-1'], training: ['trainer'] }, employees: { ann: 'line-1', bob: 'line-1', cas: 'line-1', tom: 'trainer' } },
      '2026-01-02T09:00:00Z',
    );
    trainerKey = await employeeKey(api, 'tom', 'trainer');
    hrKey = await keyWith(api, 'hr');
    annKey = await employeeKey(api, 'ann');
    openDesks();
    const profiles = competenceDesk(api, hrKey);

    const jan = { occurredAt: '2026-01-05T09:00:00Z' };
    await assessor.defineCompetency('refunds', 'knowledge', jan).expect(201);
    await assessor.defineCompetency('negotiation', 'skill', jan).expect(201);
    await assessor.defineCompetency('calls', 'skill', jan).expect(201);
    await profiles.draftProfile('line-1', { subjectKnowledge: [requirement('refunds', 3)], skills: [requirement('negotiation', 2), requirement('calls', 1)], ...jan }).expect(200);
    await profiles.approveProfile('line-1', jan).expect(200);
    await trainer.publish({ id: 'refund-regulation', ownerId: 'tom', competencyIds: ['refunds'], occurredAt: '2026-01-06T09:00:00Z' }).expect(201);

    await assessor.assess('ann', { competencyId: 'refunds', level: 1, occurredAt: ASSESSED }).expect(201);
    await assessor.assess('bob', { competencyId: 'refunds', level: 1, occurredAt: ASSESSED }).expect(201);
    [annPlan] = (await plansOnceProposed(trainer, 'ann')) as unknown as PlanView[];
    [bobPlan] = (await plansOnceProposed(trainer, 'bob')) as unknown as PlanView[];
  });

  afterAll(async () => {
    await api.destroy();
  });

  describe('proposed by the process manager when an assessment opens a gap', () => {
    it('proposes a plan for every open gap: a material that teaches the competency, else mentoring, due 30 days on', async () => {
      expect(annPlan).toMatchObject({
        id: expect.stringMatching(UUID_V5),
        employeeId: 'ann',
        sectionId: 'support',
        positionId: 'line-1',
        status: 'proposed',
        gaps: [
          { competencyId: 'refunds', required: 3, level: 1, gap: 2 },
          { competencyId: 'negotiation', required: 2, level: null, gap: 2 },
          { competencyId: 'calls', required: 1, level: null, gap: 1 },
        ],
        items: [
          { itemId: 'item-1', kind: 'material', materialId: 'refund-regulation', competencyIds: ['refunds'], dueOn: '2026-04-01' },
          { itemId: 'item-2', kind: 'mentoring', competencyIds: ['negotiation'], dueOn: '2026-04-01' },
          { itemId: 'item-3', kind: 'mentoring', competencyIds: ['calls'], dueOn: '2026-04-01' },
        ],
        proposedAt: '2026-03-02T09:00:00.000Z',
      });
      const [assessment] = (await collect(api.stores.events.readAll())).filter((event) => event.type === 'CompetencyAssessed') as RecordedEvent<CompetencyAssessed>[];
      const [proposal] = await collect(api.stores.events.readStream(`trainingPlan-${annPlan.id}`));
      expect(proposal).toMatchObject({
        type: 'TrainingPlanProposed',
        data: { trigger: { eventId: assessment!.eventId, assessmentId: assessment!.data.assessmentId, position: assessment!.position.toString() } },
        metadata: { actor: { id: 'process:trainingPlanProposer' }, causationId: assessment!.eventId, correlationId: assessment!.metadata.correlationId },
      });
    });

    it('proposes nothing for a gap an open plan of the employee covers already', async () => {
      await assessor.assess('ann', { competencyId: 'negotiation', level: 1, occurredAt: '2026-03-02T10:00:00Z' }).expect(201);
      await managerCaughtUp();
      expect((await proposals()).filter((event) => event.data.employeeId === 'ann')).toHaveLength(1);
    });

    it('proposes one plan for the assessments of one attempt at a knowledge check, recorded together', async () => {
      await assessor
        .defineCheck({
          id: 'quarterly',
          title: 'Quarterly check',
          openBook: true,
          questions: [
            { questionId: 'q1', text: 'Refund window?', competencyId: 'refunds', points: 4 },
            { questionId: 'q2', text: 'First offer?', competencyId: 'negotiation', points: 4 },
          ],
          occurredAt: '2026-03-01T09:00:00Z',
        })
        .expect(201);
      await assessor.attempt('quarterly', { employeeId: 'cas', answers: [{ questionId: 'q1', points: 1 }, { questionId: 'q2', points: 1 }], occurredAt: ASSESSED }).expect(201);

      const [plan] = (await plansOnceProposed(trainer, 'cas')) as unknown as PlanView[];
      await managerCaughtUp();
      expect((await proposals()).filter((event) => event.data.employeeId === 'cas')).toHaveLength(1);
      // The gaps as of the attempt's first assessment (refunds): negotiation was assessed just after it.
      expect(plan!.gaps.map((gap) => [gap.competencyId, gap.level, gap.gap])).toEqual([
        ['refunds', 1, 2],
        ['negotiation', null, 2],
        ['calls', null, 1],
      ]);
    });
  });

  describe('items and approval', () => {
    const items = [
      { itemId: 'read', kind: 'material', title: 'Refund regulation', materialId: 'refund-regulation', competencyIds: ['refunds'], dueOn: '2026-03-20', hours: 2 },
      { itemId: 'course', kind: 'external-course', title: 'Negotiation', provider: 'School', cost: { minor: 1_200_000, currency: 'RUB' }, competencyIds: ['negotiation'], dueOn: '2026-03-31' },
      { itemId: 'mentor', kind: 'mentoring', title: 'Calls with Tom', mentorId: 'tom', competencyIds: ['calls'], dueOn: '2026-03-31' },
    ];

    it('edits the items before approval, checking what they refer to', async () => {
      await expectInvalid(api, () => trainer.revisePlan(annPlan.id, [{ ...items[0], materialId: 'no-such-material' }], { occurredAt: APPROVED }), 'items.0.materialId');
      await expectInvalid(api, () => trainer.revisePlan(annPlan.id, [{ ...items[2], mentorId: 'nobody' }], { occurredAt: APPROVED }), 'items.0.mentorId');
      await expectInvalid(api, () => trainer.revisePlan(annPlan.id, [{ ...items[1], cost: undefined }], { occurredAt: APPROVED }), 'items.0.cost');
      await expectInvalid(api, () => trainer.revisePlan(annPlan.id, [{ ...items[0], dueOn: '2026-03-02' }], { occurredAt: APPROVED }), 'items.0.dueOn');

      const revised = await trainer.revisePlan(annPlan.id, items, { occurredAt: APPROVED }).expect(200);
      expect((await trainer.revisePlan(annPlan.id, items, { occurredAt: APPROVED }).expect(200)).body.position).toBeNull();
      const plan = await trainer.read(`/training-plans/${annPlan.id}`, { minPosition: revised.body.position }).expect(200);
      expect(plan.body).toMatchObject({ dueOn: '2026-03-31', nextDueOn: '2026-03-20', items: [{ itemId: 'read' }, { itemId: 'course' }, { itemId: 'mentor' }] });
    });

    it('is approved by a trainer or hr, never by the employee the plan is for, and then its items are settled', async () => {
      expectRule(await trainingDesk(api, await employeeKey(api, 'ann', 'hr')).approvePlan(annPlan.id, { occurredAt: APPROVED }), 'SELF_APPROVAL');
      const keyOfNobody = trainingDesk(api, (await legacyKeyWith(api, ['hr'])).auth);
      expectRule(await keyOfNobody.approvePlan(annPlan.id, { occurredAt: APPROVED }), 'ACTOR_NOT_AN_EMPLOYEE');
      expectProblem(await trainingDesk(api, annKey).approvePlan(annPlan.id, { occurredAt: APPROVED }), 403);
      expectProblem(await hr.approvePlan(annPlan.id, { occurredAt: APPROVED }, { 'If-Match': '0' }), 412);
      await hr.approvePlan(annPlan.id, { occurredAt: APPROVED }).expect(200);
      expectRule(await hr.approvePlan(annPlan.id, { occurredAt: APPROVED }), 'PLAN_APPROVED');
      expectRule(await trainer.revisePlan(annPlan.id, items.slice(0, 1), { occurredAt: APPROVED }), 'PLAN_APPROVED');
    });

    it('shows an employee their own plans only', async () => {
      const own = trainingDesk(api, annKey);
      const mine = await own.read('/training-plans', { employeeId: 'ann', minPosition: await head() }).expect(200);
      expect(mine.body.items.map((plan: PlanView) => plan.id)).toEqual([annPlan.id]);
      expect((await own.read('/training-plans').expect(200)).body.items.map((plan: PlanView) => plan.id)).toEqual([annPlan.id]);
      expect((await own.read(`/training-plans/${annPlan.id}`).expect(200)).body.status).toBe('approved');
      expectProblem(await own.read('/training-plans', { employeeId: 'bob' }), 403);
      expectProblem(await own.read(`/training-plans/${bobPlan.id}`), 403);
      expectProblem(await own.read(`/training-plans/${bobPlan.id}/effectiveness`), 403);
      expectProblem(await own.read('/training-plans/overdue'), 403);
    });
  });

  describe('completion and effectiveness', () => {
    it('lists the items not done by their due day, as of a day', async () => {
      const overdue = await trainer.read('/training-plans/overdue', { at: '2026-04-01', minPosition: await head() }).expect(200);
      expect(overdue.body).toEqual({
        at: '2026-04-01',
        items: [{ planId: annPlan.id, employeeId: 'ann', sectionId: 'support', items: [expect.objectContaining({ itemId: 'read' }), expect.objectContaining({ itemId: 'course' }), expect.objectContaining({ itemId: 'mentor' })] }],
        nextCursor: null,
      });
      expect((await trainer.read('/training-plans/overdue', { at: '2026-03-20' }).expect(200)).body.items).toEqual([]);
    });

    it('records each item done (TrainingCompleted), completes the plan with the last, and schedules the re-assessment', async () => {
      expectRule(await trainer.completeItem(bobPlan.id, 'item-1', { occurredAt: APPROVED }), 'PLAN_NOT_APPROVED');
      expectProblem(await trainer.completeItem(annPlan.id, 'no-such-item', { occurredAt: APPROVED }), 404);
      await trainer.completeItem(annPlan.id, 'read', { score: 85, occurredAt: '2026-03-18T09:00:00Z' }).expect(200);
      expectRule(await trainer.completeItem(annPlan.id, 'read', { occurredAt: '2026-03-19T09:00:00Z' }), 'ITEM_ALREADY_COMPLETED');
      await trainer.completeItem(annPlan.id, 'mentor', { hours: 4, occurredAt: '2026-03-25T09:00:00Z' }).expect(200);
      const overdue = await trainer.read('/training-plans/overdue', { at: '2026-04-02', minPosition: await head() }).expect(200);
      expect(overdue.body.items[0].items.map((item: { itemId: string }) => item.itemId)).toEqual(['course']);

      const last = await trainer.completeItem(annPlan.id, 'course', { occurredAt: '2026-04-02T09:00:00Z' }).expect(200);
      const types = (await collect(api.stores.events.readStream(`trainingPlan-${annPlan.id}`))).map((event) => event.type).slice(-3);
      expect(types).toEqual(['TrainingCompleted', 'TrainingPlanCompleted', 'ReassessmentScheduled']);
      const plan = await trainer.read(`/training-plans/${annPlan.id}`, { minPosition: last.body.position }).expect(200);
      expect(plan.body).toMatchObject({
        status: 'completed',
        onTime: false,
        completedAt: '2026-04-02T09:00:00.000Z',
        reassessment: { competencyIds: ['refunds', 'negotiation', 'calls'], dueOn: '2026-05-02' },
        items: [
          { itemId: 'read', onTime: true, score: 85, hoursSpent: 2 },
          { itemId: 'course', onTime: false, score: null, hoursSpent: null, cost: { minor: 1_200_000, currency: 'RUB' } },
          { itemId: 'mentor', onTime: true, hoursSpent: 4 },
        ],
      });
      expectRule(await trainer.cancelPlan(annPlan.id, { occurredAt: '2026-04-03T09:00:00Z' }), 'PLAN_CLOSED');
    });

    it('shows whether each gap closed by the levels validated after the plan, as known at any moment', async () => {
      const beforeReassessment = await head();
      await assessor.assess('ann', { competencyId: 'refunds', level: 3, occurredAt: '2026-04-20T09:00:00Z' }).expect(201);
      const reassessed = await assessor.assess('ann', { competencyId: 'calls', level: 0, occurredAt: '2026-04-21T09:00:00Z' }).expect(201);

      const now = await trainer.read(`/training-plans/${annPlan.id}/effectiveness`, { minPosition: reassessed.body.position }).expect(200);
      expect(now.body).toMatchObject({
        planId: annPlan.id,
        status: 'completed',
        gaps: [
          { competencyId: 'refunds', required: 3, gapAtStart: 2, level: 3, reassessed: true, gapAfter: 0, closed: true },
          { competencyId: 'negotiation', required: 2, gapAtStart: 2, level: 1, reassessed: false, gapAfter: null, closed: false },
          { competencyId: 'calls', required: 1, gapAtStart: 1, level: 0, reassessed: true, gapAfter: 1, closed: false },
        ],
        gapsReassessed: 2,
        gapsClosed: 1,
      });
      const then = await trainingDesk(api, annKey).read(`/training-plans/${annPlan.id}/effectiveness`, { asOf: beforeReassessment }).expect(200);
      expect(then.body).toMatchObject({ gapsReassessed: 0, gapsClosed: 0, asOf: { position: beforeReassessment } });
    });

    it('cancels an open plan with a reason, which then takes nothing more', async () => {
      await trainer.cancelPlan(bobPlan.id, { reason: 'Moved to sales', occurredAt: APPROVED }).expect(200);
      expectRule(await hr.approvePlan(bobPlan.id, { occurredAt: APPROVED }), 'PLAN_CLOSED');
      expect((await trainer.read(`/training-plans/${bobPlan.id}`, { minPosition: await head() }).expect(200)).body).toMatchObject({
        status: 'cancelled',
        cancellationReason: 'Moved to sales',
      });
    });
  });

  describe('processing the log again', () => {
    it('proposes nothing new when the log is processed again: after a restart, and from the start', async () => {
      const before = (await proposals()).map((event) => event.eventId);
      await api.close();
      api = await startTestApp({ dataDir: api.dataDir });
      await managerCaughtUp();
      expect((await proposals()).map((event) => event.eventId)).toEqual(before);

      // A lost checkpoint, set while no process manager runs: the next start processes the log from the beginning.
      await api.close();
      api = await startTestApp({ dataDir: api.dataDir, env: { PROJECTIONS: 'off' } });
      const fresh = await api.stores.reads.beginGeneration(processManagerCheckpoint('trainingPlanProposer'), 1);
      await api.stores.reads.activateGeneration(fresh.id);
      await api.close();
      api = await startTestApp({ dataDir: api.dataDir });
      await managerCaughtUp();
      expect((await proposals()).map((event) => event.eventId)).toEqual(before);
      openDesks();
    });
  });

  describe('refusals', () => {
    it('refuses bad input with 400, answers 401 without a key and 404 for a plan that does not exist', async () => {
      await expectInvalid(api, () => hr.approvePlan(annPlan.id, { approver: 'me' }), 'approver');
      await expectInvalid(api, () => trainer.completeItem(bobPlan.id, 'item-1', { score: 'good' }), 'score');
      expectProblem(await trainer.read('/training-plans', { status: 'paused' }), 400, 'status');
      expectProblem(await trainer.read('/training-plans/overdue', { at: '2026-02-30' }), 400, 'at');
      expectProblem(await api.http().get('/training-plans'), 401);
      expectProblem(await trainer.read('/training-plans/no-such-plan'), 404);
      expectProblem(await hr.approvePlan('no-such-plan'), 404);
    });
  });

  it('documents every training-plan route in /docs-json with bearer security and its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const readers = 'trainer, hr, council-member, council-chair, auditor, admin';
    const operations: [string, string, string][] = [
      ['/training-plans', 'get', `${readers}, employee`],
      ['/training-plans/overdue', 'get', readers],
      ['/training-plans/{id}', 'get', `${readers}, employee`],
      ['/training-plans/{id}/effectiveness', 'get', `${readers}, employee`],
      ['/training-plans/{id}/revision', 'post', 'trainer'],
      ['/training-plans/{id}/approval', 'post', 'trainer, hr'],
      ['/training-plans/{id}/items/{itemId}/completion', 'post', 'trainer'],
      ['/training-plans/{id}/cancellation', 'post', 'trainer'],
    ];
    for (const [path, method, roles] of operations) {
      const operation = document.paths[path]?.[method];
      expect(operation).toMatchObject({ security: [{ bearer: [] }], tags: ['training-plans'], summary: expect.any(String), description: expect.stringContaining(`Roles: ${roles}.`) });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
  });
});
