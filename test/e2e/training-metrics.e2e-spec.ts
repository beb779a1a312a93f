import { employeeKey, expectProblem, keyWith, rub, type Auth } from '../support/care-cases.js';
import { competenceDesk, requirement, seedOrganisation } from '../support/competence.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { plansOnceProposed, trainingDesk, type TrainingDesk } from '../support/training.js';

const eur = (minor: number) => ({ minor, currency: 'EUR' });

/*
 * Support (line 1: ann, bob) and sales (rep: cid) all require refunds 2. Assessed early in February
 * (ann 1, bob 0, cid 1), each gets a plan, settled and approved on February 5:
 *   ann  a1 mentoring, 3 h, due Feb 20, done Feb 18 (on time); a2 external course 10 000.00 RUB, due Feb 25,
 *        done Feb 27 (late): the plan is due Feb 25 and completed late (starting gap 1).
 *   bob  b1 mentoring, 2 h, due Mar 10, done Mar 8: due Mar 10, completed on time (starting gap 2).
 *   cid  c1 mentoring, 1 h, due Mar 15: open, overdue on Mar 20.
 * Re-assessed after their plans: ann refunds 2 on Mar 10 (gap closed), bob refunds 1 on Mar 12 (gap 1 left).
 * Sessions: internal q1 on Feb 10 (2 h), attended by ann, bob and cid, then cid corrected to absent;
 * a bought course on Mar 2 (3 h, 45 000.00 RUB) attended by ann; an outside session on Mar 5
 * (9 000.00 EUR) cancelled.
 * Webinars: tom Feb 12 100 attendees 30 buyers; tom Mar 12 50/10, corrected to 50/20; uma Mar 15 40/8.
 */
describe('training metrics over HTTP', () => {
  let api: TestApp;
  let reader: Auth;
  let trainer: TrainingDesk;
  /** The last position before bob's re-assessment, and before the webinar correction. */
  let beforeBobReassessed: string;
  let beforeCorrection: string;
  let last: string;

  beforeAll(async () => {
    api = await startTestApp();
    await seedOrganisation(
      api,
      { sections: { support: ['line-1'], sales: ['rep'], training: ['trainer'] }, employees: { ann: 'line-1', bob: 'line-1', cid: 'rep', tom: 'trainer', uma: 'trainer' } },
      '2026-01-02T09:00:00Z',
    );
    const trainerKey = await employeeKey(api, 'tom', 'trainer');
    trainer = trainingDesk(api, trainerKey);
    const hr = trainingDesk(api, await keyWith(api, 'hr'));
    const competence = competenceDesk(api, trainerKey);
    const profiles = competenceDesk(api, await keyWith(api, 'hr'));
    reader = await keyWith(api, 'council-chair');

    const jan = { occurredAt: '2026-01-05T09:00:00Z' };
    await competence.defineCompetency('refunds', 'knowledge', jan).expect(201);
    for (const position of ['line-1', 'rep']) {
      await profiles.draftProfile(position, { subjectKnowledge: [requirement('refunds', 2)], ...jan }).expect(200);
      await profiles.approveProfile(position, jan).expect(200);
    }
    const plans: Record<string, string> = {};
    for (const [employeeId, level, day] of [['ann', 1, '02'], ['bob', 0, '02'], ['cid', 1, '03']] as const) {
      await competence.assess(employeeId, { competencyId: 'refunds', level, occurredAt: `2026-02-${day}T09:00:00Z` }).expect(201);
      plans[employeeId] = ((await plansOnceProposed(trainer, employeeId))[0] as { id: string }).id;
    }
    const mentoring = (itemId: string, dueOn: string, hours: number) => ({ itemId, kind: 'mentoring', title: 'Refunds with a lead', competencyIds: ['refunds'], dueOn, hours });
    const settled = { occurredAt: '2026-02-04T09:00:00Z' };
    await trainer
      .revisePlan(plans.ann!, [mentoring('a1', '2026-02-20', 3), { itemId: 'a2', kind: 'external-course', title: 'Refund law', cost: rub(1_000_000), competencyIds: ['refunds'], dueOn: '2026-02-25' }], settled)
      .expect(200);
    await trainer.revisePlan(plans.bob!, [mentoring('b1', '2026-03-10', 2)], settled).expect(200);
    await trainer.revisePlan(plans.cid!, [mentoring('c1', '2026-03-15', 1)], settled).expect(200);
    for (const planId of Object.values(plans)) await hr.approvePlan(planId, { occurredAt: '2026-02-05T09:00:00Z' }).expect(200);
    await trainer.completeItem(plans.ann!, 'a1', { occurredAt: '2026-02-18T09:00:00Z' }).expect(200);
    await trainer.completeItem(plans.ann!, 'a2', { occurredAt: '2026-02-27T09:00:00Z' }).expect(200);
    await trainer.completeItem(plans.bob!, 'b1', { occurredAt: '2026-03-08T09:00:00Z' }).expect(200);
    await competence.assess('ann', { competencyId: 'refunds', level: 2, occurredAt: '2026-03-10T09:00:00Z' }).expect(201);
    beforeBobReassessed = String(await api.stores.events.headPosition());
    await competence.assess('bob', { competencyId: 'refunds', level: 1, occurredAt: '2026-03-12T09:00:00Z' }).expect(201);

    await trainer.schedule({ id: 'q1', trainerId: 'tom', startsAt: '2026-02-10T09:00:00Z', hours: 2, occurredAt: '2026-02-01T09:00:00Z' }).expect(201);
    await trainer.attendance('q1', [['ann', true], ['bob', true], ['cid', true]], { occurredAt: '2026-02-10T12:00:00Z' }).expect(200);
    await trainer.attendance('q1', [['cid', false]], { occurredAt: '2026-02-11T09:00:00Z' }).expect(200);
    const outside = { startsAt: '2026-03-02T09:00:00Z', hours: 3, occurredAt: '2026-02-20T09:00:00Z' };
    await trainer.schedule({ id: 'course', kind: 'bought-course', title: 'Negotiation', provider: 'School', cost: rub(4_500_000), ...outside }).expect(201);
    await trainer.attendance('course', [['ann', true]], { occurredAt: '2026-03-02T12:00:00Z' }).expect(200);
    await trainer.schedule({ id: 'cx', kind: 'external-trainer', title: 'Calls', provider: 'Coach', cost: eur(900_000), ...outside, startsAt: '2026-03-05T09:00:00Z' }).expect(201);
    await trainer.cancelSession('cx', { occurredAt: '2026-03-01T09:00:00Z' }).expect(200);

    await trainer.recordWebinar({ id: 'w1', trainerId: 'tom', attendees: 100, buyers: 30, occurredAt: '2026-02-12T17:00:00Z' }).expect(201);
    await trainer.recordWebinar({ id: 'w2', trainerId: 'tom', attendees: 50, buyers: 10, occurredAt: '2026-03-12T17:00:00Z' }).expect(201);
    await trainer.recordWebinar({ id: 'w3', trainerId: 'uma', attendees: 40, buyers: 8, occurredAt: '2026-03-15T17:00:00Z' }).expect(201);
    beforeCorrection = String(await api.stores.events.headPosition());
    last = (await trainer.correctWebinar('w2', { attendees: 50, buyers: 20, occurredAt: '2026-03-20T09:00:00Z' }).expect(200)).body.position;
  });

  afterAll(async () => {
    await api.destroy();
  });

  const metric = (name: string, query: Record<string, string> = {}) =>
    api.http().get(`/metrics/training/${name}`).set(reader).query({ minPosition: last, ...query });

  describe('plans on time and overdue', () => {
    it('counts the plans due per month, completed on time or late, open, and overdue on the day asked for', async () => {
      const response = await metric('plans', { groupBy: 'month', at: '2026-03-20' }).expect(200);
      expect(response.body).toEqual({
        asOf: { position: expect.any(String) },
        at: '2026-03-20',
        rows: [
          { group: { period: '2026-02-01' }, due: 1, completed: 1, completedOnTime: 0, completedLate: 1, open: 0, overdue: 0, completionRate: 1, onTimeRate: 0 },
          { group: { period: '2026-03-01' }, due: 2, completed: 1, completedOnTime: 1, completedLate: 0, open: 1, overdue: 1, completionRate: 0.5, onTimeRate: 0.5 },
        ],
      });
    });

    it('counts per section, with nothing overdue before the open plan is due', async () => {
      const response = await metric('plans', { groupBy: 'section', at: '2026-03-10' }).expect(200);
      expect(response.body.rows).toEqual([
        { group: { sectionId: 'sales' }, due: 1, completed: 0, completedOnTime: 0, completedLate: 0, open: 1, overdue: 0, completionRate: 0, onTimeRate: 0 },
        { group: { sectionId: 'support' }, due: 2, completed: 2, completedOnTime: 1, completedLate: 1, open: 0, overdue: 0, completionRate: 1, onTimeRate: 0.5 },
      ]);
      const inRange = await metric('plans', { from: '2026-03-01', to: '2026-04-01', sectionId: 'sales', at: '2026-04-01' }).expect(200);
      expect(inRange.body.rows).toEqual([expect.objectContaining({ due: 1, open: 1, overdue: 1 })]);
    });
  });

  describe('training hours and cost', () => {
    it('sums trainings, hours and cost per currency per month, net of corrections and cancellations', async () => {
      const response = await metric('activity', { groupBy: 'month' }).expect(200);
      expect(response.body.rows).toEqual([
        // a1 (3 h), a2 (10 000.00 RUB), q1 attended by ann and bob (2 h each; cid's attendance taken back).
        { group: { period: '2026-02-01' }, trainings: 4, hours: 7, cost: { RUB: '1000000' } },
        // b1 (2 h), the bought course (3 h for ann, 45 000.00 RUB); the outside session cancelled nets to nothing.
        { group: { period: '2026-03-01' }, trainings: 2, hours: 5, cost: { RUB: '4500000' } },
      ]);
    });

    it('sums them per section: the cost of sessions belongs to no section', async () => {
      const response = await metric('activity', { groupBy: 'section' }).expect(200);
      expect(response.body.rows).toEqual([
        { group: { sectionId: 'sales' }, trainings: 0, hours: 0, cost: {} },
        { group: { sectionId: 'support' }, trainings: 6, hours: 12, cost: { RUB: '1000000' } },
        { group: { sectionId: null }, trainings: 0, hours: 0, cost: { RUB: '4500000' } },
      ]);
    });
  });

  describe('effectiveness', () => {
    it('counts the gaps trained by completed plans, re-assessed and closed, per month of completion', async () => {
      const response = await metric('effectiveness', { groupBy: 'month' }).expect(200);
      expect(response.body.rows).toEqual([
        {
          group: { period: '2026-02-01' },
          gapsTrained: 1,
          gapsReassessed: 1,
          gapsClosed: 1,
          closedShare: 1,
          reassessedShare: 1,
          meanGapAtStart: 1,
          meanGapAfter: 0,
        },
        {
          group: { period: '2026-03-01' },
          gapsTrained: 1,
          gapsReassessed: 1,
          gapsClosed: 0,
          closedShare: 0,
          reassessedShare: 1,
          meanGapAtStart: 2,
          meanGapAfter: 1,
        },
      ]);
    });

    it('answers as known before a re-assessment: that gap was not judged yet', async () => {
      const now = await metric('effectiveness').expect(200);
      expect(now.body.rows).toEqual([
        { group: {}, gapsTrained: 2, gapsReassessed: 2, gapsClosed: 1, closedShare: 0.5, reassessedShare: 1, meanGapAtStart: 1.5, meanGapAfter: 0.5 },
      ]);
      const then = await metric('effectiveness', { asOf: beforeBobReassessed }).expect(200);
      expect(then.body).toEqual({
        asOf: { position: beforeBobReassessed },
        rows: [{ group: {}, gapsTrained: 2, gapsReassessed: 1, gapsClosed: 1, closedShare: 1, reassessedShare: 0.5, meanGapAtStart: 1, meanGapAfter: 0 }],
      });
    });
  });

  describe('webinar conversion', () => {
    it('divides buyers by attendees per trainer against the 30 % target, after corrections', async () => {
      const response = await metric('webinars', { groupBy: 'trainer' }).expect(200);
      expect(response.body.rows).toEqual([
        { group: { trainerId: 'tom' }, webinars: 2, attendees: 150, buyers: 50, conversion: 50 / 150, target: 0.3, meetsTarget: true },
        { group: { trainerId: 'uma' }, webinars: 1, attendees: 40, buyers: 8, conversion: 0.2, target: 0.3, meetsTarget: false },
      ]);
    });

    it('reproduces the numbers as known before the correction, and per month', async () => {
      const then = await metric('webinars', { groupBy: 'trainer', trainerId: 'tom', asOf: beforeCorrection }).expect(200);
      expect(then.body).toEqual({
        asOf: { position: beforeCorrection },
        rows: [{ group: { trainerId: 'tom' }, webinars: 2, attendees: 150, buyers: 40, conversion: 40 / 150, target: 0.3, meetsTarget: false }],
      });
      const monthly = await metric('webinars', { groupBy: 'month' }).expect(200);
      expect(monthly.body.rows).toEqual([
        { group: { period: '2026-02-01' }, webinars: 1, attendees: 100, buyers: 30, conversion: 0.3, target: 0.3, meetsTarget: true },
        { group: { period: '2026-03-01' }, webinars: 2, attendees: 90, buyers: 28, conversion: 28 / 90, target: 0.3, meetsTarget: true },
      ]);
    });
  });

  describe('refusals', () => {
    it('refuses an unknown grouping, an empty range, a bad asOf and an unknown field with 400', async () => {
      expectProblem(await metric('plans', { groupBy: 'trainer' }), 400, 'groupBy');
      expectProblem(await metric('activity', { from: '2026-03-01', to: '2026-03-01' }), 400, 'to');
      expectProblem(await metric('webinars', { asOf: 'yesterday' }), 400, 'asOf');
      expectProblem(await metric('effectiveness', { sort: 'closed' }), 400, 'sort');
    });

    it('answers 401 without a key and 403 to an employee', async () => {
      expectProblem(await api.http().get('/metrics/training/plans'), 401);
      expectProblem(await api.http().get('/metrics/training/plans').set(await employeeKey(api, 'ann')), 403);
    });
  });

  it('documents every training metric in /docs-json with its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    for (const name of ['plans', 'activity', 'effectiveness', 'webinars']) {
      const operation = document.paths[`/metrics/training/${name}`]?.get;
      expect(operation).toMatchObject({
        security: [{ bearer: [] }],
        tags: ['metrics'],
        description: expect.stringContaining('Roles: trainer, hr, council-member, council-chair, auditor, admin.'),
      });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '503']));
    }
  });
});
