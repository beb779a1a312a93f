import { expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { seedGapScenario } from '../support/competence.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The scenario is `seedGapScenario`'s: its comment computes every gap below by hand. */
describe('skill gaps over HTTP', () => {
  let api: TestApp;
  let auditor: Auth;
  let annKey: Auth;
  let annSelfAssessment: string;
  /** The position before line 1's second version was approved, and the last one. */
  let beforeRaise: string;
  let last: string;

  beforeAll(async () => {
    api = await startTestApp();
    auditor = await keyWith(api, 'auditor');
    ({ annKey, annSelfAssessment, beforeRaise, last } = await seedGapScenario(api));
  });

  afterAll(async () => {
    await api.destroy();
  });

  const gaps = (employeeId: string, query: Record<string, string> = {}, auth: Auth = auditor) =>
    api.http().get(`/skill-gaps/${employeeId}`).set(auth).query({ minPosition: last, ...query });

  const gap = (competencyId: string, required: number, level: number | null, weight: number, extra: object = {}) => ({
    competencyId,
    required,
    level,
    gap: Math.max(0, required - (level ?? 0)),
    weight,
    targetRequired: null,
    targetGap: null,
    ...extra,
  });

  it("measures ann against line 1's second version: crm is short by one level", async () => {
    const response = await gaps('ann').expect(200);
    expect(response.body).toMatchObject({
      id: 'ann',
      employeeId: 'ann',
      sectionId: 'sec-support',
      positionId: 'line-1',
      profileVersion: 2,
      targetPositionId: null,
      weightedGap: 2,
      openGaps: 1,
      competencies: [
        gap('regs', 3, 3, 2, { assessedAt: '2025-01-20T09:00:00.000Z' }),
        gap('crm', 3, 2, 2, { assessedAt: '2025-01-21T09:00:00.000Z' }),
        gap('care', 2, 3, 1, { assessedAt: '2025-01-22T09:00:00.000Z', assessmentIds: [annSelfAssessment] }),
      ],
    });
    expect(response.body).not.toHaveProperty('assessments');
  });

  it('measures bob against his profile and against line 2, his target, whose new version reached him', async () => {
    const response = await gaps('bob').expect(200);
    expect(response.body).toMatchObject({
      positionId: 'line-1',
      targetPositionId: 'line-2',
      careerPathId: 'line-1-to-2',
      weightedGap: 12,
      openGaps: 3,
      competencies: [
        gap('regs', 3, 1, 2, { targetRequired: 4, targetGap: 3 }),
        gap('crm', 3, null, 2, { targetRequired: 3, targetGap: 3, assessedAt: null, assessmentIds: [] }),
        gap('care', 2, null, 1, { targetRequired: 0, targetGap: 0 }),
        gap('products', 0, 3, 1, { targetRequired: 3, targetGap: 0 }),
      ],
    });
  });

  it('answers as known before the raise of line 1: ann had no gap then', async () => {
    const response = await gaps('ann', { asOf: beforeRaise }).expect(200);
    expect(response.body).toMatchObject({ profileVersion: 1, weightedGap: 0, openGaps: 0, asOf: { position: beforeRaise } });
    expect(response.body.competencies.map((competency: { gap: number }) => competency.gap)).toEqual([0, 0, 0]);
  });

  it('shows a team as a matrix of employees and competencies', async () => {
    const response = await api.http().get('/skill-gaps').set(auditor).query({ sectionId: 'sec-support', minPosition: last }).expect(200);
    expect(response.body).toEqual({
      rows: 'employee',
      competencyIds: ['care', 'crm', 'regs'],
      matrix: [
        { id: 'ann', employees: 1, weightedGap: 2, openGaps: 1, cells: [0, 1, 0] },
        { id: 'bob', employees: 1, weightedGap: 12, openGaps: 3, cells: [2, 3, 2] },
      ],
      asOf: { position: expect.any(String) },
    });
  });

  it('shows the company as a matrix of sections: the mean gap of those each competency is required of', async () => {
    const response = await api.http().get('/skill-gaps').set(auditor).query({ rows: 'section', minPosition: last }).expect(200);
    expect(response.body).toMatchObject({
      rows: 'section',
      competencyIds: ['calm', 'care', 'crm', 'products', 'regs'],
      matrix: [
        { id: 'sec-sales', employees: 1, weightedGap: 1, openGaps: 1, cells: [1, null, null, 0, null] },
        { id: 'sec-support', employees: 2, weightedGap: 14, openGaps: 4, cells: [null, 1, 2, null, 1] },
      ],
    });
  });

  it('tells why a level is what it is: every assessment of the competency, the counting one named', async () => {
    const response = await gaps('ann', {}, annKey).expect(200);
    expect(response.body.employeeId).toBe('ann');
    const why = await api.http().get(`/skill-gaps/ann/competencies/care`).set(annKey).query({ minPosition: last }).expect(200);
    expect(why.body).toMatchObject({
      employeeId: 'ann',
      competencyId: 'care',
      gap: { required: 2, level: 3, gap: 0 },
      countingAssessmentId: annSelfAssessment,
      assessments: [
        {
          assessmentId: annSelfAssessment,
          level: 3,
          source: 'self',
          assessorId: 'ann',
          validated: true,
          validatedAt: '2025-01-25T09:00:00.000Z',
          eventId: expect.any(String),
          position: expect.stringMatching(/^\d+$/),
        },
      ],
    });
    const check = await api.http().get('/skill-gaps/bob/competencies/regs').set(auditor).expect(200);
    expect(check.body.assessments).toEqual([
      expect.objectContaining({ source: 'check', level: 1, evidence: expect.stringContaining('1 of 4 points') }),
    ]);
  });

  it("keeps an employee's key to their own gaps: 403 for anyone else's, and for the matrix", async () => {
    expectProblem(await gaps('bob', {}, annKey), 403);
    expectProblem(await api.http().get('/skill-gaps/bob/competencies/regs').set(annKey), 403);
    expectProblem(await api.http().get('/skill-gaps').set(annKey), 403);
    expectProblem(await api.http().get('/skill-gaps/ann'), 401);
  });

  it('answers 404 for an employee it knows nothing of, and for a competency neither required nor assessed', async () => {
    expectProblem(await gaps('nobody'), 404);
    expectProblem(await api.http().get('/skill-gaps/ann/competencies/calm').set(auditor), 404);
  });

  it('refuses an unknown row kind and an unknown query field with 400', async () => {
    expectProblem(await api.http().get('/skill-gaps').set(auditor).query({ rows: 'position' }), 400, 'rows');
    expectProblem(await api.http().get('/skill-gaps/ann').set(auditor).query({ sort: 'gap' }), 400, 'sort');
  });
});
