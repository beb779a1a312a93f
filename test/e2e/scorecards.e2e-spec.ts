import { careDesk, employeeKey, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { competenceDesk, requirement, seedOrganisation } from '../support/competence.js';
import { orgDesk } from '../support/organisation.js';
import { checklistDesk, fail, inspected, inspectionDesk, pass } from '../support/quality.js';
import { plansOnceProposed, trainingDesk } from '../support/training.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const JAN = '2026-01-05T09:00:00Z';
const MAR = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00Z`;
const APR_MOVE = '2026-04-10T09:00:00Z';

/**
 * ann answers clients on line 1 until April 10, then leads the desk. Line 1's profile measures her
 * retention share (per employee, target 0.5), the company's NPS (no figure per employee), and her
 * first response time (lower is better); the desk's profile measures refunds per retention.
 * In March, four cases assigned to her: three retained, one refunded; one case of bob's, refunded.
 * An assessment below line 1's crm level gives her a plan, with one item due March 20, done on time.
 * Her landing pages are checked under a template verifying an external and an internal standard
 * (version 1), then only the external one (version 2): in March, two pass and one fails under v1, one
 * passes under v2; a page of bob's fails. Pages checked under a template verifying nothing count for
 * no standard.
 */
describe('GET /employees/{id}/scorecard', () => {
  let api: TestApp;
  let hr: Auth;
  let beforeCases: string;
  let afterCases: string;

  beforeAll(async () => {
    api = await startTestApp();
    hr = await keyWith(api, 'hr');
    await seedOrganisation(api, { sections: { support: ['line-1', 'desk-lead'] }, employees: { ann: 'line-1', bob: 'line-1' } }, JAN);
    const trainer = competenceDesk(api, await keyWith(api, 'trainer'));
    await trainer.defineCompetency('crm', 'skill', { occurredAt: JAN }).expect(201);
    const profiles = competenceDesk(api, hr);
    const line1 = [
      { indicatorId: 'care.retentionShare', target: 0.5 },
      { indicatorId: 'surveys.nps', target: 20 },
      { indicatorId: 'support.firstResponseMinutes', target: 2 },
    ];
    await profiles.draftProfile('line-1', { skills: [requirement('crm', 2)], responsibilities: [{ area: 'Care', kpis: line1 }], occurredAt: JAN }).expect(200);
    await profiles.approveProfile('line-1', { occurredAt: JAN }).expect(200);
    const lead = [{ indicatorId: 'care.refundToRetainedRatio', target: 0.5 }];
    await profiles.draftProfile('desk-lead', { skills: [requirement('crm', 3)], responsibilities: [{ area: 'The desk', kpis: lead }], occurredAt: JAN }).expect(200);
    await profiles.approveProfile('desk-lead', { occurredAt: JAN }).expect(200);
    beforeCases = String(await api.stores.events.headPosition());

    await profiles.assess('ann', { competencyId: 'crm', level: 1, occurredAt: '2026-03-01T09:00:00Z' }).expect(201);
    const planner = trainingDesk(api, await keyWith(api, 'trainer'));
    const [plan] = await plansOnceProposed(planner, 'ann');
    const item = { itemId: 'calls', kind: 'mentoring', title: 'Calls with Bob', mentorId: 'bob', competencyIds: ['crm'], dueOn: '2026-03-20' };
    await planner.revisePlan(plan!.id as string, [item], { occurredAt: '2026-03-02T09:00:00Z' }).expect(200);
    await trainingDesk(api, hr).approvePlan(plan!.id as string, { occurredAt: '2026-03-02T10:00:00Z' }).expect(200);
    await planner.completeItem(plan!.id as string, 'calls', { occurredAt: '2026-03-19T09:00:00Z' }).expect(200);

    const inspector = await keyWith(api, 'quality-inspector');
    await orgDesk(api, asAdmin).createProduct('support', { id: 'course-sales', occurredAt: JAN }).expect(201);
    const standard = (id: string, type: string) =>
      api.http().post('/standards').set(inspector).send({ id, type, sectionId: 'support', title: `Standard ${id}`, body: 'As written.', occurredAt: JAN });
    await standard('standard-claims', 'external').expect(201);
    await standard('standard-tone', 'internal').expect(201);
    const checklists = checklistDesk(api, inspector);
    const owner = { kind: 'section', id: 'support' };
    await checklists.publish({ id: 'landing', owner, standardIds: ['standard-claims', 'standard-tone'], occurredAt: JAN }).expect(201);
    await checklists.publishVersion('landing', { standardIds: ['standard-claims'], occurredAt: '2026-03-15T09:00:00Z' }).expect(201);
    await checklists.publish({ id: 'plain', owner, occurredAt: JAN }).expect(201);
    const inspections = inspectionDesk(api, inspector);
    const allPass = [pass('mobile'), pass('fonts'), pass('price')];
    const verdicts: [string, string, number, object[], string][] = [
      ['ann', 'landing', 1, allPass, '2026-03-03T09:00:00Z'],
      ['ann', 'landing', 1, allPass, '2026-03-04T09:00:00Z'],
      ['ann', 'landing', 1, [pass('mobile'), pass('fonts'), fail('price')], '2026-03-05T09:00:00Z'],
      ['ann', 'landing', 2, allPass, '2026-03-16T09:00:00Z'],
      ['ann', 'plain', 1, [pass('mobile'), pass('fonts'), fail('price')], '2026-03-17T09:00:00Z'],
      ['bob', 'landing', 1, [pass('mobile'), pass('fonts'), fail('price')], '2026-03-06T09:00:00Z'],
    ];
    for (const [authorId, templateId, templateVersion, results, startedAt] of verdicts) {
      await inspected(inspections, templateId, results, { startedAt, body: { authorId, templateVersion } });
    }

    const desk = careDesk(api, await keyWith(api, 'care-lead'));
    const outcomes: [string, 'retain' | 'refund'][] = [['ann', 'retain'], ['ann', 'retain'], ['ann', 'retain'], ['ann', 'refund'], ['bob', 'refund']];
    for (const [index, [employeeId, outcome]] of outcomes.entries()) {
      const { id } = (await desk.open({ occurredAt: MAR(2 + index) }).expect(201)).body;
      await desk.assign(id, employeeId, { occurredAt: MAR(2 + index) }).expect(200);
      await desk[outcome](id, { occurredAt: MAR(10 + index) }).expect(200);
    }
    await orgDesk(api, asAdmin).moveEmployee('ann', { positionId: 'desk-lead', sectionId: 'support', occurredAt: APR_MOVE }).expect(200);
    const left = await orgDesk(api, asAdmin).recordDeparture('bob', { occurredAt: '2026-05-12T17:00:00Z' }).expect(200);
    afterCases = left.body.position;
  });

  afterAll(async () => {
    await api.destroy();
  });

  const scorecard = (employeeId: string, query: Record<string, string>, auth: Auth = hr) =>
    api.http().get(`/employees/${employeeId}/scorecard`).set(auth).query({ minPosition: afterCases, ...query });

  it("measures each KPI of the profile in force by its indicator's metric route: the employee's own figure, or the company's", async () => {
    const { body } = await scorecard('ann', { period: '2026-03' }).expect(200);
    expect(body).toMatchObject({ employeeId: 'ann', period: '2026-03', positionId: 'line-1', sectionId: 'support', profileVersion: 1, statedKpis: [] });
    expect(body.kpis).toEqual([
      {
        area: 'Care',
        indicatorId: 'care.retentionShare',
        name: 'Retention share',
        unit: 'share',
        definitionVersion: 1,
        target: 0.5,
        value: 0.75,
        scope: 'employee',
        attainment: { met: true, ratio: 1.5 },
      },
      expect.objectContaining({ indicatorId: 'surveys.nps', value: null, scope: 'company', attainment: null }),
      expect.objectContaining({ indicatorId: 'support.firstResponseMinutes', unit: 'minutes', value: null, scope: 'employee', attainment: null }),
    ]);

    const metric = await api.http().get('/metrics/refund-retention').set(asAdmin).query({ from: '2026-03-01', to: '2026-04-01', groupBy: 'employee' }).expect(200);
    const annRow = metric.body.rows.find((row: { group: { employeeId: string } }) => row.group.employeeId === 'ann');
    expect(annRow.retentionShare).toBe(body.kpis[0].value);

    const bob = await scorecard('bob', { period: '2026-03' }).expect(200);
    expect(bob.body.kpis[0]).toMatchObject({ value: 0, attainment: { met: false, ratio: null } });
  });

  it('shows her plans always, and her inspections and care figures since she had some, but no support she had none of', async () => {
    const { body } = await scorecard('ann', { period: '2026-03' }).expect(200);
    expect(body.standing.trainingPlans).toEqual([
      { indicatorId: 'training.planCompletionRate', name: 'Plan completion rate', unit: 'share', value: 1 },
      { indicatorId: 'training.planOnTimeRate', name: 'Plans completed on time', unit: 'share', value: 1 },
      { indicatorId: 'training.plansOverdue', name: 'Overdue plans', unit: 'count', value: 0 },
    ]);
    expect(body.standing.care).toEqual([
      expect.objectContaining({ indicatorId: 'care.retentionShare', value: 0.75 }),
      expect.objectContaining({ indicatorId: 'care.refundToRetainedRatio', value: 1 / 3 }),
    ]);
    expect(body.standing).toMatchObject({ support: null });
    expect(body.standing.inspections).toContainEqual(expect.objectContaining({ indicatorId: 'quality.checklistPassRate', value: 3 / 5 }));

    const plans = await api.http().get('/metrics/training/plans').set(asAdmin).query({ from: '2026-03-01', to: '2026-04-01', groupBy: 'employee' }).expect(200);
    expect(plans.body.rows).toEqual([expect.objectContaining({ group: { employeeId: 'ann' }, due: 1, completed: 1, completionRate: 1 })]);
    const bob = await scorecard('bob', { period: '2026-03' }).expect(200);
    expect(bob.body.standing.trainingPlans.map((figure: { value: unknown }) => figure.value)).toEqual([null, null, null]);
  });

  it('gives her pass rate as author per type of the standards each template version verifies', async () => {
    const { body } = await scorecard('ann', { period: '2026-03' }).expect(200);
    expect(body.standardCompliance).toEqual([
      { standardType: 'external', inspections: 4, passed: 3, passRate: 0.75 },
      { standardType: 'internal', inspections: 3, passed: 2, passRate: 2 / 3 },
    ]);
    const bob = await scorecard('bob', { period: '2026-03' }).expect(200);
    expect(bob.body.standardCompliance).toEqual([
      { standardType: 'external', inspections: 1, passed: 0, passRate: 0 },
      { standardType: 'internal', inspections: 1, passed: 0, passRate: 0 },
    ]);
    expect((await scorecard('ann', { period: '2026-04' }).expect(200)).body.standardCompliance).toEqual([]);
  });

  it('takes the position held on the last day of the month, and its profile', async () => {
    const { body } = await scorecard('ann', { period: '2026-04' }).expect(200);
    expect(body).toMatchObject({ positionId: 'desk-lead', profileVersion: 1 });
    expect(body.kpis).toEqual([expect.objectContaining({ indicatorId: 'care.refundToRetainedRatio', target: 0.5, value: null, scope: 'employee' })]);
  });

  it('answers as every read model knew it at asOf', async () => {
    const { body } = await scorecard('ann', { period: '2026-03', asOf: beforeCases }).expect(200);
    expect(body.kpis[0]).toMatchObject({ indicatorId: 'care.retentionShare', value: null });
    expect(body.asOf.position).toBe(beforeCases);
  });

  it('lets an employee read their own scorecard only; leads, hr and admins read everyone', async () => {
    await scorecard('ann', { period: '2026-03' }, await employeeKey(api, 'ann')).expect(200);
    expectProblem(await scorecard('ann', { period: '2026-03' }, await employeeKey(api, 'bob')), 403);
    for (const role of ['care-lead', 'support-lead', 'admin']) await scorecard('bob', { period: '2026-03' }, await keyWith(api, role)).expect(200);
    expectProblem(await scorecard('bob', { period: '2026-03' }, await keyWith(api, 'care-agent')), 403);
  });

  it('refuses a period that is no month with 400, and answers 404 for a month without a position: before hiring, after leaving', async () => {
    for (const period of ['2026-13', '2026-3', 'March', '']) expectProblem(await scorecard('ann', { period }), 400, 'period');
    expectProblem(await api.http().get('/employees/ann/scorecard').set(hr), 400, 'period');
    expectProblem(await scorecard('ann', { period: '2025-12' }), 404);
    await scorecard('bob', { period: '2026-05' }).expect(200);
    expectProblem(await scorecard('bob', { period: '2026-06' }), 404);
    expectProblem(await scorecard('nobody', { period: '2026-03' }), 404);
  });
});
