import { legacyKeyWith } from '../support/api-keys.js';
import { collect } from '../support/collect.js';
import { employeeKey, expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { competenceDesk, requirement, seedOrganisation, type CompetenceDesk } from '../support/competence.js';
import { orgDesk } from '../support/organisation.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const HIRED = '2025-01-01T09:00:00Z';
const MAR = '2025-03-10T09:00:00Z';

/** Line 1 requires regs 3 (weight 2) and crm 2; check `chk` asks two regs questions of 2 points each. */
describe('assessments over HTTP: checks, managers, self assessments, attestations, career targets', () => {
  let api: TestApp;
  let hr: CompetenceDesk;
  let trainer: CompetenceDesk;
  let auditor: Auth;
  let empA: CompetenceDesk;
  let empAKey: Auth;

  beforeAll(async () => {
    api = await startTestApp();
    hr = competenceDesk(api, await keyWith(api, 'hr'));
    trainer = competenceDesk(api, await keyWith(api, 'trainer'));
    auditor = await keyWith(api, 'auditor');
    empAKey = await employeeKey(api, 'emp-a');
    empA = competenceDesk(api, empAKey);
    await seedOrganisation(
      api,
      {
        sections: { support: ['line-1', 'line-2'] },
        employees: { 'emp-a': 'line-1', 'emp-b': 'line-1', 'emp-c': 'line-1', 'emp-d': 'line-1', m1: 'line-2', m2: 'line-2', m3: 'line-2' },
      },
      HIRED,
    );
    for (const [id, kind] of Object.entries({ regs: 'knowledge', crm: 'skill', care: 'value' })) await trainer.defineCompetency(id, kind).expect(201);
    await hr.draftProfile('line-1', { subjectKnowledge: [requirement('regs', 3, 2)], skills: [requirement('crm', 2)] }).expect(200);
    await hr.approveProfile('line-1').expect(200);
    const questions = [
      { questionId: 'r1', text: 'Refund window?', competencyId: 'regs', points: 2 },
      { questionId: 'r2', text: 'Escalation order?', competencyId: 'regs', points: 2 },
    ];
    await trainer.defineCheck({ id: 'chk', title: 'Quarterly', openBook: true, questions }).expect(201);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const answers = (r1: number, r2: number) => [
    { questionId: 'r1', points: r1 },
    { questionId: 'r2', points: r2 },
  ];
  const streamOf = async (stream: string) => collect(api.stores.events.readStream(stream));
  const gapsOf = (employeeId: string, minPosition: string) =>
    api.http().get(`/skill-gaps/${employeeId}`).set(auditor).query({ minPosition });
  const gapOf = async (employeeId: string, competencyId: string, minPosition: string) =>
    (await gapsOf(employeeId, minPosition).expect(200)).body.competencies.find((c: { competencyId: string }) => c.competencyId === competencyId);

  describe('knowledge check attempts', () => {
    it("records an attempt in the employee's competence record, one CompetencyAssessed per competency", async () => {
      const attempt = await trainer.attempt('chk', { id: 'att-1', employeeId: 'emp-a', answers: answers(2, 0) }).expect(201);
      expect(attempt.body).toMatchObject({ id: 'att-1', revision: 1 });
      const events = await streamOf('competenceRecord-emp-a');
      expect(events.map((event) => event.type)).toEqual(['KnowledgeCheckAttempted', 'CompetencyAssessed']);
      expect(events[0]!.data).toMatchObject({ attemptId: 'att-1', checkId: 'chk', openBook: true, scaleVersion: 0, results: [{ competencyId: 'regs', points: 2, maxPoints: 4, level: 2 }] });
      expect(events[1]!.data).toMatchObject({ employeeId: 'emp-a', competencyId: 'regs', level: 2, source: 'check', validated: true });
      expect(await gapOf('emp-a', 'regs', attempt.body.position)).toMatchObject({ required: 3, level: 2, gap: 1 });
    });

    it('refuses an attempt id twice, a retired check, an unknown check, and a caller who is no trainer', async () => {
      expectRule(await trainer.attempt('chk', { id: 'att-1', employeeId: 'emp-a', answers: answers(1, 1) }), 'CHECK_ATTEMPT_EXISTS');
      await trainer.defineCheck({ id: 'old', title: 'Old', openBook: false, questions: [{ questionId: 'x', text: 'x?', competencyId: 'regs', points: 1 }] }).expect(201);
      await trainer.retireCheck('old').expect(200);
      expectRule(await trainer.attempt('old', { employeeId: 'emp-a', answers: [{ questionId: 'x', points: 1 }] }), 'KNOWLEDGE_CHECK_RETIRED');
      expectProblem(await trainer.attempt('no-such-check', { employeeId: 'emp-a', answers: answers(1, 1) }), 404);
      expectProblem(await hr.attempt('chk', { employeeId: 'emp-a', answers: answers(1, 1) }), 403);
    });

    it('refuses scores that do not fit the check, and an unknown employee, with 400 naming the field', async () => {
      expectProblem(await trainer.attempt('chk', { employeeId: 'emp-a', answers: [{ questionId: 'r1', points: 1 }] }), 400, 'answers');
      expectProblem(await trainer.attempt('chk', { employeeId: 'emp-a', answers: answers(3, 0) }), 400, 'answers.0.points');
      expectProblem(await trainer.attempt('chk', { employeeId: 'emp-a', answers: [...answers(1, 1), { questionId: 'r9', points: 0 }] }), 400, 'answers.2.questionId');
      expectProblem(await trainer.attempt('chk', { employeeId: 'nobody', answers: answers(1, 1) }), 400, 'employeeId');
    });
  });

  describe("a manager's assessment", () => {
    it('counts at once, with the caller as assessor', async () => {
      const assessed = await trainer.assess('emp-a', { id: 'm-crm', competencyId: 'crm', level: 2 }).expect(201);
      expect(assessed.body.id).toBe('m-crm');
      expect(await gapOf('emp-a', 'crm', assessed.body.position)).toMatchObject({ level: 2, gap: 0, assessmentIds: ['m-crm'] });
      expectRule(await trainer.assess('emp-a', { id: 'm-crm', competencyId: 'crm', level: 3 }), 'ASSESSMENT_EXISTS');
    });

    it('is never about oneself, names an active competency and a level on the scale', async () => {
      const ownTrainerKey = competenceDesk(api, await employeeKey(api, 'emp-a', 'trainer'));
      expectRule(await ownTrainerKey.assess('emp-a', { competencyId: 'crm', level: 4 }), 'SELF_AS_MANAGER');
      expectProblem(await trainer.assess('emp-a', { competencyId: 'crm', level: 7 }), 400, 'level');
      expectProblem(await trainer.assess('emp-a', { competencyId: 'juggling', level: 1 }), 400, 'competencyId');
      expectProblem(await trainer.assess('emp-a', { competencyId: 'crm', level: 1, evidence: '' }), 400, 'evidence');
      expectProblem(await empA.assess('emp-b', { competencyId: 'crm', level: 1 }), 403);
    });
  });

  describe('self assessments', () => {
    it('count only once a manager validates them', async () => {
      const own = await empA.selfAssess('emp-a', { id: 's-care', competencyId: 'care', level: 3, evidence: 'Thanks from clients' }).expect(201);
      const [event] = (await streamOf('competenceRecord-emp-a')).slice(-1);
      expect(event!.data).toEqual({
        assessmentId: 's-care',
        employeeId: 'emp-a',
        competencyId: 'care',
        level: 3,
        source: 'self',
        evidence: 'Thanks from clients',
        assessorId: 'emp-a',
        assessedAt: expect.any(String),
        validated: false,
      });
      const why = await api.http().get('/skill-gaps/emp-a/competencies/care').set(empAKey).query({ minPosition: own.body.position }).expect(200);
      expect(why.body).toMatchObject({ gap: null, countingAssessmentId: null, assessments: [{ assessmentId: 's-care', validated: false }] });

      const validated = await hr.validate('emp-a', 's-care').expect(200);
      const [validation] = (await streamOf('competenceRecord-emp-a')).slice(-1);
      expect(validation).toMatchObject({
        type: 'SelfAssessmentValidated',
        data: { assessmentId: 's-care', employeeId: 'emp-a', competencyId: 'care', level: 3, validatorId: expect.stringMatching(/^key-holder-/) },
      });
      const after = await api.http().get('/skill-gaps/emp-a/competencies/care').set(empAKey).query({ minPosition: validated.body.position }).expect(200);
      expect(after.body.countingAssessmentId).toBe('s-care');
      expectRule(await hr.validate('emp-a', 's-care'), 'SELF_ASSESSMENT_VALIDATED');
    });

    it("are one's own: another employee's record is a 403", async () => {
      expectProblem(await empA.selfAssess('emp-b', { competencyId: 'care', level: 1 }), 403);
      expectProblem(await trainer.selfAssess('emp-a', { competencyId: 'care', level: 1 }), 403);
    });

    it('are validated by someone else, after they were made, and only self assessments are', async () => {
      await empA.selfAssess('emp-a', { id: 's-crm', competencyId: 'crm', level: 4, occurredAt: MAR }).expect(201);
      expectRule(await hr.validate('emp-a', 'm-crm'), 'NOT_A_SELF_ASSESSMENT');
      expectRule(await hr.validate('emp-a', 's-crm', { occurredAt: '2025-03-09T09:00:00Z' }), 'DATED_BEFORE_ASSESSMENT');
      expectRule(await competenceDesk(api, await employeeKey(api, 'emp-a', 'hr')).validate('emp-a', 's-crm'), 'SELF_VALIDATION');
      // A key that names no employee could be emp-a's own: separation of duty cannot be checked, so it is refused.
      const keyOfNobody = competenceDesk(api, (await legacyKeyWith(api, ['hr'])).auth);
      expectRule(await keyOfNobody.validate('emp-a', 's-crm'), 'ACTOR_NOT_AN_EMPLOYEE');
      expectRule(await keyOfNobody.assess('emp-a', { competencyId: 'crm', level: 4 }), 'ACTOR_NOT_AN_EMPLOYEE');
      expectProblem(await hr.validate('emp-a', 'no-such-assessment'), 404);
      expectProblem(await empA.validate('emp-a', 's-crm'), 403);
    });
  });

  describe('attestations', () => {
    const commission = { employeeId: 'emp-b', members: ['m1', 'm2', 'm3'], chairId: 'm1', sittingAt: MAR, occurredAt: '2025-03-01T09:00:00Z' };

    it("records a commission's findings against the profile in force: conforms or gap, each also an assessment", async () => {
      await hr.formCommission({ id: 'att-b', ...commission }).expect(201);
      const results = await hr
        .recordResults('att-b', { results: [{ competencyId: 'regs', level: 3 }, { competencyId: 'crm', level: 1 }], minutes: 'Present: m1 (chair), m2, m3.', occurredAt: MAR })
        .expect(200);
      const events = await streamOf('attestation-att-b');
      expect(events.map((event) => event.type)).toEqual(['AttestationCommissionFormed', 'AttestationCompleted', 'CompetencyAssessed', 'CompetencyAssessed']);
      expect(events[3]!.data).toMatchObject({ employeeId: 'emp-b', competencyId: 'crm', level: 1, source: 'attestation', assessorId: 'm1', validated: true });

      const view = await api.http().get('/attestations/att-b').set(auditor).query({ minPosition: results.body.position }).expect(200);
      expect(view.body).toMatchObject({
        status: 'completed',
        profileVersion: 1,
        requirements: [
          { competencyId: 'regs', requiredLevel: 3 },
          { competencyId: 'crm', requiredLevel: 2 },
        ],
        findings: [
          { competencyId: 'regs', level: 3, requiredLevel: 3, result: 'conforms' },
          { competencyId: 'crm', level: 1, requiredLevel: 2, result: 'gap' },
        ],
      });
      expect((await gapsOf('emp-b', results.body.position).expect(200)).body).toMatchObject({ weightedGap: 1, openGaps: 1 });
      const list = await api.http().get('/attestations').set(auditor).query({ employeeId: 'emp-b' }).expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual(['att-b']);
      expectProblem(await api.http().get('/attestations/att-b').set(empAKey), 403);
    });

    it('refuses results twice, before the sitting, or for a competency the profile does not require', async () => {
      expectRule(await hr.recordResults('att-b', { results: [{ competencyId: 'regs', level: 3 }], minutes: 'Again' }), 'ATTESTATION_COMPLETED');
      await hr.formCommission({ id: 'att-a', ...commission, employeeId: 'emp-a' }).expect(201);
      expectRule(await hr.recordResults('att-a', { results: [{ competencyId: 'regs', level: 3 }], minutes: 'Early', occurredAt: '2025-03-05T09:00:00Z' }), 'DATED_BEFORE_SITTING');
      expectRule(await hr.recordResults('att-a', { results: [{ competencyId: 'care', level: 3 }], minutes: 'Off profile', occurredAt: MAR }), 'COMPETENCY_NOT_IN_PROFILE');
      expectProblem(await hr.recordResults('no-such-attestation', { results: [{ competencyId: 'regs', level: 3 }], minutes: 'x' }), 404);
      expectProblem(await hr.recordResults('att-a', { results: [{ competencyId: 'regs', level: 3 }], minutes: '' }), 400, 'minutes');
    });

    it('forms a commission only with others as members, the chair among them, for a position with a profile', async () => {
      expectRule(await hr.formCommission({ id: 'att-b', ...commission }), 'ATTESTATION_EXISTS');
      expectRule(await hr.formCommission({ ...commission, members: ['m1', 'emp-b'] }), 'EMPLOYEE_ON_OWN_COMMISSION');
      expectRule(await hr.formCommission({ ...commission, employeeId: 'm3', members: ['m1', 'm2'] }), 'NO_APPROVED_PROFILE');
      expectProblem(await hr.formCommission({ ...commission, chairId: 'emp-d' }), 400, 'chairId');
      expectProblem(await hr.formCommission({ ...commission, members: ['m1', 'ghost'] }), 400, 'members.1');
      expectProblem(await hr.formCommission({ ...commission, members: ['m1', 'm1'] }), 400, 'members.1');
      expectProblem(await hr.formCommission({ ...commission, sittingAt: 'next tuesday' }), 400, 'sittingAt');
      expectProblem(await trainer.formCommission(commission), 403);
    });
  });

  describe('career targets', () => {
    it('sets a path from the position held, clears it, and a move to another position ends it', async () => {
      await hr.definePath({ id: 'to-2', fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'minimum', requirements: [requirement('regs', 4)] }).expect(201);
      const set = await hr.setTarget('emp-d', 'to-2').expect(200);
      expect(set.body).toMatchObject({ id: 'emp-d' });
      expect((await hr.setTarget('emp-d', 'to-2').expect(200)).body.position).toBeNull();
      expect((await gapsOf('emp-d', set.body.position).expect(200)).body).toMatchObject({ targetPositionId: 'line-2', careerPathId: 'to-2' });
      expect(await gapOf('emp-d', 'regs', set.body.position)).toMatchObject({ required: 3, targetRequired: 4, targetGap: 4 });

      const cleared = await hr.setTarget('emp-d', null).expect(200);
      expect((await gapsOf('emp-d', cleared.body.position).expect(200)).body.targetPositionId).toBeNull();
      expectRule(await hr.setTarget('emp-d', null), 'NO_CAREER_TARGET');

      await hr.setTarget('emp-d', 'to-2').expect(200);
      const moved = await orgDesk(api, asAdmin).moveEmployee('emp-d', { positionId: 'line-2' }).expect(200);
      expect((await gapsOf('emp-d', moved.body.position).expect(200)).body).toMatchObject({ positionId: 'line-2', targetPositionId: null, profileVersion: null });
    });

    it('refuses a path from another position, a retired path, an unknown path, and a stale revision', async () => {
      await hr.definePath({ id: 'from-2', fromPositionId: 'line-2', toPositionId: 'line-1', basis: 'target-profile' }).expect(201);
      expectRule(await hr.setTarget('emp-a', 'from-2'), 'PATH_NOT_FROM_CURRENT_POSITION');
      await hr.definePath({ id: 'gone', fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'target-profile' }).expect(201);
      await hr.retirePath('gone').expect(200);
      expectRule(await hr.setTarget('emp-a', 'gone'), 'CAREER_PATH_RETIRED');
      expectProblem(await hr.setTarget('emp-a', 'no-such-path'), 400, 'careerPathId');
      expectProblem(await hr.setTarget('emp-a', 'to-2', { }, { 'If-Match': '0' }), 412);
      expectProblem(await trainer.setTarget('emp-a', 'to-2'), 403);
    });
  });

  describe('an employee who left', () => {
    it('takes no new assessment, and has no skill gaps any more', async () => {
      const left = await orgDesk(api, asAdmin).recordDeparture('emp-c').expect(200);
      expectRule(await trainer.assess('emp-c', { competencyId: 'crm', level: 2 }), 'EMPLOYEE_LEFT');
      expectRule(await trainer.attempt('chk', { employeeId: 'emp-c', answers: answers(1, 1) }), 'EMPLOYEE_LEFT');
      expectProblem(await gapsOf('emp-c', left.body.position), 404);
    });
  });
});
