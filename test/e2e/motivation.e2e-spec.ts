import type { Response } from 'supertest';
import { TERMS } from '#domain/motivation/testing.js';
import { careDesk, employeeKey, expectInvalid, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { competenceDesk, requirement, seedOrganisation } from '../support/competence.js';
import { councilDesk } from '../support/council.js';
import { orgDesk } from '../support/organisation.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const JAN = '2026-01-05T09:00:00Z';
const MAR = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00Z`;
const APRIL_FIRST = '2026-04-01T08:00:00Z';
const MAY_FIRST = '2026-05-01T08:00:00Z';

/**
 * Line 1's profile measures retention share per employee, target 0.5. In March ann retains three
 * clients and refunds one (0.75: attainment 1.5, capped at 1.2, coefficient 1.2); bob retains one and
 * refunds one (0.5: attainment 1, coefficient 1). After March closes, a refund of bob's dated March 20
 * is recorded: his March falls to 1/3 (attainment 0.67, coefficient 0), which April's close books as
 * an adjustment. eve, hired in April under a name a spreadsheet would run, has an April statement only.
 */
/** Asserts a problem answer with this status and code. */
async function refused(request: PromiseLike<Response>, status: number, code: string): Promise<void> {
  const response = await request;
  expectProblem(response, status);
  expect(response.body.code).toBe(code);
}

describe('motivation statements', () => {
  let api: TestApp;
  let hr: Auth;
  let ann: Auth;
  let adopted: string;
  let secondAdopted: string;
  let rejected: string;
  let beforeAprilClose: string;

  const post = (path: string, body: object, auth: Auth = hr) => api.http().post(`/motivation${path}`).set(auth).send(body);
  const get = (path: string, query: Record<string, string> = {}, auth: Auth = hr) => api.http().get(`/motivation${path}`).set(auth).query(query);
  const adopt = (decisionId: string, body: object = {}) => post('/rule/versions', { decisionId, effectiveFrom: '2026-03', ...TERMS, occurredAt: MAR(1), ...body });
  const close = (month: string, occurredAt: string, auth: Auth = hr) => post(`/periods/${month}/closing`, { occurredAt }, auth);

  beforeAll(async () => {
    api = await startTestApp();
    hr = await keyWith(api, 'hr');
    ann = await employeeKey(api, 'ann');
    await seedOrganisation(api, { sections: { support: ['line-1'] }, employees: { ann: 'line-1', bob: 'line-1' } }, JAN);
    await competenceDesk(api, await keyWith(api, 'trainer')).defineCompetency('crm', 'skill', { occurredAt: JAN }).expect(201);
    const profiles = competenceDesk(api, hr);
    await profiles.draftProfile('line-1', { skills: [requirement('crm', 2)], responsibilities: [{ area: 'Care', kpis: [{ indicatorId: 'care.retentionShare', target: 0.5 }] }], occurredAt: JAN }).expect(200);
    await profiles.approveProfile('line-1', { occurredAt: JAN }).expect(200);

    const admin = councilDesk(api, asAdmin);
    const chair = councilDesk(api, await employeeKey(api, 'm1', 'council-chair'));
    const member = councilDesk(api, await employeeKey(api, 'm2', 'council-member'));
    for (const memberId of ['m1', 'm2', 'm3']) await admin.appoint(memberId).expect(200);
    await admin.appointChair('m1').expect(200);
    await chair.schedule({ id: 'meeting-feb', day: '2026-02-23' }).expect(201);
    await chair.open('meeting-feb', ['m1', 'm2']).expect(200);
    const decided = async (choice: string) => {
      const proposalId = (await member.propose('meeting-feb', { text: 'Pay by the scorecard' }).expect(201)).body.id as string;
      await chair.vote('meeting-feb', proposalId, 'for').expect(200);
      await member.vote('meeting-feb', proposalId, choice).expect(200);
      await chair.decide('meeting-feb', proposalId).expect(200);
      return proposalId;
    };
    adopted = await decided('for');
    secondAdopted = await decided('for');
    rejected = await decided('against');

    const desk = careDesk(api, await keyWith(api, 'care-lead'));
    const outcomes: [string, 'retain' | 'refund'][] = [['ann', 'retain'], ['ann', 'retain'], ['ann', 'retain'], ['ann', 'refund'], ['bob', 'retain'], ['bob', 'refund']];
    for (const [index, [employeeId, outcome]] of outcomes.entries()) {
      const { id } = (await desk.open({ occurredAt: MAR(2 + index) }).expect(201)).body;
      await desk.assign(id, employeeId, { occurredAt: MAR(2 + index) }).expect(200);
      await desk[outcome](id, { occurredAt: MAR(10 + index) }).expect(200);
    }
  });

  afterAll(() => api.destroy());

  it('adopts a rule version only on an adopted council decision, and everyone reads the rule', async () => {
    await refused(adopt(rejected), 409, 'DECISION_NOT_ADOPTED');
    await refused(adopt('no-such-decision'), 404, 'NOT_FOUND');
    await expectInvalid(api, () => adopt(adopted, { weights: { kpis: 50, standardCompliance: 25, trainingPlans: 15 } }), 'weights');
    await expectInvalid(api, () => adopt(adopted, { bands: [{ fromScore: 0.5, coefficient: 1 }] }), 'bands.0.fromScore');
    await expectInvalid(api, () => adopt(adopted, { bands: [{ fromScore: '0', coefficient: 1 }] }), 'bands.0.fromScore');
    await expectInvalid(api, () => adopt(adopted, { effectiveFrom: 'March' }), 'effectiveFrom');
    await refused(adopt(adopted, {}).set(await keyWith(api, 'care-lead')), 403, 'FORBIDDEN');
    const { body } = await adopt(adopted).expect(201);
    await refused(adopt(adopted, { effectiveFrom: '2026-06' }), 409, 'DECISION_ALREADY_USED');
    const rule = await get('/rule', { minPosition: body.position }, ann).expect(200);
    expect(rule.body.versions).toEqual([{ version: 1, decisionId: adopted, effectiveFrom: '2026-03', ...TERMS, adoptedAt: '2026-03-01T10:00:00.000Z' }]);
  });

  it("closes a month with each employee's statement, read off their scorecard at one checkpoint of the ledger", async () => {
    await refused(close('2026-02', '2026-03-01T08:00:00Z'), 409, 'NO_MOTIVATION_RULE');
    await refused(close('2026-03', '2026-03-31T23:00:00Z'), 409, 'PERIOD_NOT_ENDED');
    await refused(close('2026-03', APRIL_FIRST, ann), 403, 'FORBIDDEN');
    const closed = await close('2026-03', APRIL_FIRST).expect(200);
    await refused(close('2026-03', APRIL_FIRST), 409, 'PERIOD_CLOSED');
    await refused(close('2026-05', '2026-06-01T08:00:00Z'), 409, 'PERIOD_OUT_OF_ORDER');
    await refused(adopt(secondAdopted, { effectiveFrom: '2026-03' }), 409, 'RULE_VERSION_OUT_OF_ORDER');

    const { body: march } = await get('/periods/2026-03', { minPosition: closed.body.position }).expect(200);
    expect(march).toMatchObject({ month: '2026-03', ruleVersion: 1, statements: 2, adjustments: 0, closedAt: '2026-04-01T08:00:00.000Z', adjustmentLines: [] });
    expect(march.statementLines.map((line: { employeeId: string; coefficient: number; score: number }) => [line.employeeId, line.score, line.coefficient])).toEqual([
      ['ann', 1.2, 1.2],
      ['bob', 1, 1],
    ]);
    expect(march.statementLines[0]).toMatchObject({
      positionId: 'line-1',
      ruleVersion: 1,
      kpis: [{ indicatorId: 'care.retentionShare', value: 0.75, target: 0.5, ratio: 1.5, met: true }],
      components: { kpis: 1.2, standardCompliance: null, trainingPlans: null },
    });
    const scorecard = await api.http().get('/employees/ann/scorecard').set(hr).query({ period: '2026-03', asOf: march.checkpoint.position }).expect(200);
    expect(scorecard.body.kpis[0].value).toBe(0.75);

    // The checkpoint is the ledger's tree over the log up to the position the figures were read at.
    const { position, treeSize, rootHash } = march.checkpoint;
    const proof = await api.http().get('/ledger/proofs/inclusion').set(asAdmin).query({ position, treeSize }).expect(200);
    expect(proof.body.rootHash).toBe(rootHash);
  });

  it('books a late correction of a closed month as an adjustment in the next, and leaves the closed month as it was', async () => {
    const desk = careDesk(api, await keyWith(api, 'care-lead'));
    const { id } = (await desk.open({ occurredAt: MAR(20) }).expect(201)).body;
    await desk.assign(id, 'bob', { occurredAt: MAR(20) }).expect(200);
    await desk.refund(id, { occurredAt: MAR(21) }).expect(200);
    const hired = await orgDesk(api, asAdmin).hire('line-1', 'support', { id: 'eve', name: '=HYPERLINK("http://evil.example")', occurredAt: '2026-04-06T09:00:00Z' }).expect(201);
    beforeAprilClose = hired.body.position;

    const closed = await close('2026-04', MAY_FIRST).expect(200);
    const { body: april } = await get('/periods/2026-04', { minPosition: closed.body.position }).expect(200);
    expect(april).toMatchObject({ statements: 3, adjustments: 1 });
    expect(april.statementLines.map((line: { employeeId: string }) => line.employeeId)).toEqual(['ann', 'bob', 'eve']);
    expect(april.statementLines[0]).toMatchObject({ score: null, coefficient: 1, kpis: [{ value: null, ratio: null, met: null }] });
    expect(april.adjustmentLines).toEqual([
      expect.objectContaining({
        month: '2026-04',
        employeeId: 'bob',
        forMonth: '2026-03',
        ruleVersion: 1,
        previousCoefficient: 1,
        coefficient: 0,
        delta: -1,
        score: 0.6667,
        figures: expect.objectContaining({ kpis: [expect.objectContaining({ value: 1 / 3 })] }),
      }),
    ]);
    const march = await get('/periods/2026-03').expect(200);
    expect(march.body.statementLines[1]).toMatchObject({ employeeId: 'bob', coefficient: 1 });

    await refused(get('/periods/2026-04', { asOf: beforeAprilClose }), 404, 'NOT_FOUND');
    const months = await get('/periods').expect(200);
    expect(months.body.items.map((period: { month: string; statements: number; adjustments: number }) => [period.month, period.statements, period.adjustments])).toEqual([
      ['2026-03', 2, 0],
      ['2026-04', 3, 1],
    ]);
    const before = await get('/periods', { asOf: beforeAprilClose }).expect(200);
    expect(before.body.items.map((period: { month: string }) => period.month)).toEqual(['2026-03']);
  });

  it('gives payroll a CSV of the month, statements and adjustments, with formula-like text defused', async () => {
    const response = await api.http().get('/motivation/periods/2026-04/statements.csv').set(hr).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="motivation-2026-04.csv"');
    const lines = response.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'month,line,employeeId,employeeName,forMonth,positionId,ruleVersion,score,coefficient,previousCoefficient,delta,checkpointPosition,checkpointTreeSize,checkpointRootHash',
    );
    const cells = lines.slice(1).map((line) => line.split(',').slice(0, 11));
    expect(cells).toEqual([
      ['2026-04', 'statement', 'ann', 'Employee ann', '2026-04', 'line-1', '1', '', '1', '', ''],
      ['2026-04', 'statement', 'bob', 'Employee bob', '2026-04', 'line-1', '1', '', '1', '', ''],
      ['2026-04', 'adjustment', 'bob', 'Employee bob', '2026-03', 'line-1', '1', '0.6667', '0', '1', '-1'],
      ['2026-04', 'statement', 'eve', `"'=HYPERLINK(""http://evil.example"")"`, '2026-04', 'line-1', '1', '', '1', '', ''],
    ]);
    await refused(api.http().get('/motivation/periods/2026-05/statements.csv').set(hr), 404, 'NOT_FOUND');
    await refused(api.http().get('/motivation/periods/2026-4/statements.csv').set(hr), 400, 'VALIDATION_FAILED');
    await refused(api.http().get('/motivation/periods/2026-04/statements.csv').set(ann), 403, 'FORBIDDEN');
  });

  it('adopts a later version only for months not closed, and computes them with it', async () => {
    await refused(adopt(secondAdopted, { effectiveFrom: '2026-04' }), 409, 'MONTH_CLOSED');
    const { body } = await adopt(secondAdopted, { effectiveFrom: '2026-05', coefficientWithoutData: 0.5 }).expect(201);
    const closed = await close('2026-05', '2026-06-01T08:00:00Z').expect(200);
    const { body: may } = await get('/periods/2026-05', { minPosition: closed.body.position }).expect(200);
    expect(may).toMatchObject({ ruleVersion: 2, statements: 3 });
    expect(may.statementLines.map((line: { coefficient: number }) => line.coefficient)).toEqual([0.5, 0.5, 0.5]);
    expect((await get('/rule', { minPosition: body.position }).expect(200)).body.versions.map((version: { version: number }) => version.version)).toEqual([1, 2]);
  });

  it('lets an employee read their own statement only', async () => {
    const own = await get('/periods/2026-03/statements/ann', {}, ann).expect(200);
    expect(own.body).toMatchObject({ month: '2026-03', employeeId: 'ann', statement: { coefficient: 1.2 }, adjustments: [] });
    const bobs = await get('/periods/2026-04/statements/bob').expect(200);
    expect(bobs.body.adjustments).toEqual([expect.objectContaining({ forMonth: '2026-03', delta: -1 })]);
    await refused(get('/periods/2026-03/statements/bob', {}, ann), 403, 'FORBIDDEN');
    await refused(get('/periods/2026-03/statements/eve'), 404, 'NOT_FOUND');
    await refused(get('/periods/2026-03', {}, ann), 403, 'FORBIDDEN');
  });
});
