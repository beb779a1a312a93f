import { collect } from '../support/collect.js';
import { employeeKey, expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { competenceDesk, requirement, seedOrganisation, type CompetenceDesk } from '../support/competence.js';
import { orgDesk } from '../support/organisation.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POSITION = /^\d+$/;
const JAN = '2025-01-10T09:00:00Z';
const FEB = '2025-02-10T09:00:00Z';

describe('competence catalogue over HTTP: competencies, scale, job profiles, career paths, checks', () => {
  let api: TestApp;
  let trainer: CompetenceDesk;
  let hr: CompetenceDesk;
  let employee: Auth;

  beforeAll(async () => {
    api = await startTestApp();
    trainer = competenceDesk(api, await keyWith(api, 'trainer'));
    hr = competenceDesk(api, await keyWith(api, 'hr'));
    employee = await employeeKey(api, 'reader');
    await seedOrganisation(api, { sections: { support: ['line-1', 'line-2', 'line-3', 'old-desk'] }, employees: {} }, '2025-01-01T09:00:00Z');
    const kinds = { regs: 'knowledge', crm: 'skill', calm: 'personal-quality', care: 'value' };
    for (const [id, kind] of Object.entries(kinds)) await trainer.defineCompetency(id, kind, { occurredAt: '2025-01-02T09:00:00Z' }).expect(201);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const head = () => api.stores.events.headPosition();

  describe('competencies', () => {
    it('defines a competency under a new UUIDv7 in the catalogue stream, with the caller as the actor', async () => {
      const created = await trainer.defineCompetency(undefined as unknown as string, 'skill', { name: 'Objection handling' }).expect(201);
      expect(created.body).toEqual({ id: expect.stringMatching(UUID_V7), revision: expect.any(Number), position: expect.stringMatching(POSITION) });
      const events = await collect(api.stores.events.readStream('competencyCatalogue-main'));
      expect(events.at(-1)).toMatchObject({
        type: 'CompetencyDefined',
        data: { competencyId: created.body.id, kind: 'skill', name: 'Objection handling' },
        metadata: { actor: { id: expect.stringMatching(/^apiKey:/), roles: ['trainer'] } },
      });
      const view = await trainer.read(`/competencies/${created.body.id}`, { minPosition: created.body.position }).expect(200);
      expect(view.body).toEqual({
        id: created.body.id,
        kind: 'skill',
        name: 'Objection handling',
        description: null,
        status: 'active',
        definedAt: expect.any(String),
        lastChangedAt: view.body.definedAt,
        position: created.body.position,
      });
    });

    it('revises and retires a competency; a revision to the same name appends nothing; a retired one takes no change', async () => {
      await trainer.defineCompetency('tone', 'skill', { occurredAt: JAN }).expect(201);
      const revised = await trainer.reviseCompetency('tone', { name: 'Tone of voice', description: 'Calm, friendly', occurredAt: JAN }).expect(200);
      expect(revised.body).toMatchObject({ id: 'tone' });
      expect((await trainer.reviseCompetency('tone', { name: 'Tone of voice' }).expect(200)).body.position).toBeNull();
      const retired = await trainer.retireCompetency('tone', { occurredAt: FEB }).expect(200);
      expectRule(await trainer.reviseCompetency('tone', { name: 'Again' }), 'COMPETENCY_RETIRED');
      expectRule(await trainer.retireCompetency('tone'), 'COMPETENCY_RETIRED');

      const view = await trainer.read('/competencies/tone', { minPosition: retired.body.position }).expect(200);
      expect(view.body).toMatchObject({ name: 'Tone of voice', description: 'Calm, friendly', status: 'retired', lastChangedAt: '2025-02-10T09:00:00.000Z' });
      const before = await trainer.read('/competencies/tone', { asOf: revised.body.position }).expect(200);
      expect(before.body.status).toBe('active');
    });

    it('refuses a second competency under an id, a change dated before the last, and an unknown one', async () => {
      expectRule(await trainer.defineCompetency('regs', 'knowledge'), 'COMPETENCY_EXISTS');
      await trainer.defineCompetency('dated', 'skill', { occurredAt: FEB }).expect(201);
      expectRule(await trainer.reviseCompetency('dated', { name: 'Earlier', occurredAt: JAN }), 'DATED_BEFORE_LAST_CHANGE');
      expectProblem(await trainer.reviseCompetency('nothing-here', { name: 'X' }), 404);
    });

    it('refuses bad input with 400 naming the field, appending nothing', async () => {
      const before = await head();
      expectProblem(await trainer.defineCompetency('odd', 'talent'), 400, 'kind');
      expectProblem(await trainer.defineCompetency('odd', 'skill', { colour: 'red' }), 400, 'colour');
      expectProblem(await trainer.defineCompetency('odd', 'skill', { name: '   ' }), 400, 'name');
      expectProblem(await trainer.reviseCompetency('regs', {}), 400, 'name');
      expect(await head()).toBe(before);
    });

    it('lists competencies by kind and status; everyone reads them, only trainers and admins define them', async () => {
      const list = await competenceDesk(api, employee).read('/competencies', { kind: 'knowledge' }).expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual(['regs']);
      expectProblem(await hr.defineCompetency('hr-made', 'skill'), 403);
      expectProblem(await api.http().post('/competencies').send({ kind: 'skill', name: 'x' }), 401);
      await competenceDesk(api, asAdmin).defineCompetency('admin-made', 'value').expect(201);
    });

    it('pins the catalogue revision with If-Match (412) and replays a retried define by its Idempotency-Key', async () => {
      const first = await trainer.defineCompetency('keyed', 'skill', {}, { 'Idempotency-Key': 'define-keyed' }).expect(201);
      const again = await trainer.defineCompetency('keyed', 'skill', {}, { 'Idempotency-Key': 'define-keyed' }).expect(201);
      expect(again.body).toEqual(first.body);
      expectProblem(await trainer.reviseCompetency('keyed', { name: 'Pinned' }, { 'If-Match': String(first.body.revision - 1) }), 412);
      await trainer.reviseCompetency('keyed', { name: 'Pinned' }, { 'If-Match': String(first.body.revision) }).expect(200);
    });
  });

  describe('the proficiency scale', () => {
    it('is the default 0-4 scale until one is defined, then versioned; it never loses a level', async () => {
      const defaults = await trainer.read('/proficiency-scale').expect(200);
      expect(defaults.body).toMatchObject({
        version: 0,
        levels: [
          { level: 0, name: 'none' },
          { level: 1, name: 'basic' },
          { level: 2, name: 'working' },
          { level: 3, name: 'proficient' },
          { level: 4, name: 'expert, can teach' },
        ],
        proficientLevel: 3,
        definedAt: null,
      });
      const levels = ['none', 'aware', 'basic', 'working', 'proficient', 'expert'];
      const defined = await trainer.defineScale({ levels, proficientLevel: 4, occurredAt: JAN }).expect(200);
      expect(defined.body.id).toBe('main');
      const now = await trainer.read('/proficiency-scale', { minPosition: defined.body.position }).expect(200);
      expect(now.body).toMatchObject({ version: 1, proficientLevel: 4, definedAt: '2025-01-10T09:00:00.000Z' });
      expect(now.body.levels).toHaveLength(6);
      const then = await trainer.read('/proficiency-scale', { asOf: String(BigInt(defined.body.position) - 1n) }).expect(200);
      expect(then.body.version).toBe(0);

      expectRule(await trainer.defineScale({ levels: levels.slice(0, 5), proficientLevel: 3 }), 'SCALE_CANNOT_SHRINK');
      expectProblem(await trainer.defineScale({ levels, proficientLevel: 6 }), 400, 'proficientLevel');
      expectProblem(await trainer.defineScale({ levels: ['none', 'none'], proficientLevel: 1 }), 400, 'levels.1');
      expectProblem(await hr.defineScale({ levels, proficientLevel: 4 }), 403);
    });
  });

  describe('job profiles', () => {
    const line1 = { subjectKnowledge: [requirement('regs', 3, 2)], skills: [requirement('crm', 2)], values: [requirement('care', 2)] };

    it('edits a draft, approves it as version 1 in force from its business date, and opens version 2 on the next draft', async () => {
      const duties = ['Answers clients within the first response target'];
      const responsibilities = [{ area: 'Line 1 support', kpis: [{ indicatorId: 'support.firstResponseWithinTarget', target: 0.9 }] }];
      await hr.draftProfile('line-1', { ...line1, duties, responsibilities, occurredAt: JAN }).expect(200);
      expect((await hr.draftProfile('line-1', { ...line1, duties, responsibilities }).expect(200)).body.position).toBeNull();
      const approved = await hr.approveProfile('line-1', { occurredAt: JAN }).expect(200);
      expect(approved.body).toMatchObject({ id: 'line-1' });
      const [drafted, approval] = (await collect(api.stores.events.readStream('jobProfile-line-1'))).map((event) => event.type);
      expect([drafted, approval]).toEqual(['JobProfileDrafted', 'JobProfileApproved']);

      const next = await hr.draftProfile('line-1', { ...line1, skills: [requirement('crm', 3)], occurredAt: FEB }).expect(200);
      const view = await hr.read('/job-profiles/line-1', { minPosition: next.body.position }).expect(200);
      expect(view.body).toMatchObject({
        id: 'line-1',
        inForce: { version: 1, effectiveFrom: '2025-01-10T09:00:00.000Z', content: { ...line1, duties, responsibilities } },
        draft: { version: 2, content: { skills: [requirement('crm', 3)] } },
        versions: [{ version: 1 }],
      });
      const asApproved = await hr.read('/job-profiles/line-1', { asOf: approved.body.position }).expect(200);
      expect(asApproved.body.draft).toBeNull();
      expectRule(await hr.draftProfile('line-1', { ...line1, occurredAt: JAN }), 'DATED_BEFORE_LAST_CHANGE');
    });

    it('refuses to approve without a draft, or a draft that requires nothing', async () => {
      expectRule(await hr.approveProfile('line-2'), 'NO_JOB_PROFILE_DRAFT');
      await hr.draftProfile('line-2', { duties: ['Escalations'] }).expect(200);
      expectRule(await hr.approveProfile('line-2'), 'EMPTY_JOB_PROFILE');
    });

    it('keeps each competency to the section of its kind, and refuses a retired one, even at approval', async () => {
      expectRule(await hr.draftProfile('line-2', { skills: [requirement('regs', 2)] }), 'COMPETENCY_KIND_MISMATCH');
      await trainer.defineCompetency('fading', 'skill').expect(201);
      await hr.draftProfile('line-2', { skills: [requirement('fading', 2)] }).expect(200);
      await trainer.retireCompetency('fading').expect(200);
      expectRule(await hr.approveProfile('line-2'), 'COMPETENCY_RETIRED');
      expectRule(await hr.draftProfile('line-2', { skills: [requirement('fading', 2)], duties: ['Other'] }), 'COMPETENCY_RETIRED');
    });

    it('refuses a retired position with 409, and unknown references and bad levels with 400 naming them', async () => {
      await orgDesk(api, asAdmin).retirePosition('old-desk').expect(200);
      expectRule(await hr.draftProfile('old-desk', line1), 'POSITION_RETIRED');
      expectProblem(await hr.draftProfile('no-such-position', line1), 400, 'positionId');
      expectProblem(await hr.draftProfile('line-2', { skills: [requirement('juggling', 2)] }), 400, 'skills.0.competencyId');
      expectProblem(await hr.draftProfile('line-2', { skills: [requirement('crm', 9)] }), 400, 'skills.0.requiredLevel');
      expectProblem(await hr.draftProfile('line-2', { skills: [requirement('crm', 0)] }), 400, 'skills.0.requiredLevel');
      expectProblem(await hr.draftProfile('line-2', { skills: [requirement('crm', 2, 0)] }), 400, 'skills.0.weight');
      expectProblem(
        await hr.draftProfile('line-2', { subjectKnowledge: [requirement('regs', 2)], generalKnowledge: [requirement('regs', 1)] }),
        400,
        'subjectKnowledge.0.competencyId',
      );
      expectProblem(await hr.draftProfile('line-2', { responsibilities: [{ area: 'x', kpis: [{ name: 'y' }] }] }), 400, 'responsibilities.0.kpis.0.target');
      const kpi = (indicatorId: string, target: unknown) => ({ responsibilities: [{ area: 'x', kpis: [{ indicatorId, target }] }] });
      expectProblem(await hr.draftProfile('line-2', kpi('support.happiness', 1)), 400, 'responsibilities.0.kpis.0.indicatorId');
      expectProblem(await hr.draftProfile('line-2', kpi('support.csat', 90)), 400, 'responsibilities.0.kpis.0.target');
      expectProblem(await api.http().post('/job-profiles/line-2/draft').set(employee).send({}), 403);
    });

    it('reads the text KPIs of a version drafted before the indicator catalogue, and replaces them with a version on indicators', async () => {
      const stated = [{ area: 'Line 3 support', kpis: [{ name: 'Escalations answered', target: 'same day' }] }];
      const content = { generalKnowledge: [], subjectKnowledge: [], skills: [requirement('crm', 2)], personalQualities: [], values: [], duties: [], responsibilities: stated };
      const metadata = { occurredAt: JAN, actor: { id: 'migration', roles: ['hr'] }, correlationId: 'v1-profile', causationId: null, schemaVersion: 1 };
      await api.stores.events.append('jobProfile-line-3', [
        { eventId: '0196f3a3-0a1b-7c2d-8e3f-4a5b6c7d0001', type: 'JobProfileDrafted', data: { positionId: 'line-3', version: 1, content, draftedAt: JAN }, metadata },
        { eventId: '0196f3a3-0a1b-7c2d-8e3f-4a5b6c7d0002', type: 'JobProfileApproved', data: { positionId: 'line-3', version: 1, content, effectiveFrom: JAN }, metadata },
      ]);
      const onIndicators = [{ area: 'Line 3 support', kpis: [{ indicatorId: 'support.escalationShare', target: 0.02 }] }];
      await hr.draftProfile('line-3', { skills: [requirement('crm', 2)], responsibilities: onIndicators, occurredAt: FEB }).expect(200);
      const approved = await hr.approveProfile('line-3', { occurredAt: FEB }).expect(200);

      const view = await hr.read('/job-profiles/line-3', { minPosition: approved.body.position }).expect(200);
      expect(view.body.versions.map((version: { content: { responsibilities: unknown } }) => version.content.responsibilities)).toEqual([stated, onIndicators]);
      const [, , redrafted] = await collect(api.stores.events.readStream('jobProfile-line-3'));
      expect(redrafted!.metadata.schemaVersion).toBe(2);
    });

    it('answers 404 for a position without a profile', async () => {
      expectProblem(await hr.read('/job-profiles/old-desk'), 404);
    });
  });

  describe('career paths', () => {
    it('defines a path with its own minimum, revises it, retires it', async () => {
      const defined = await hr
        .definePath({ id: 'up', fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'minimum', requirements: [requirement('regs', 4)] })
        .expect(201);
      expect(defined.body.id).toBe('up');
      await hr.revisePath('up', { requirements: [requirement('regs', 4), requirement('crm', 3)] }).expect(200);
      expect((await hr.revisePath('up', { requirements: [requirement('regs', 4), requirement('crm', 3)] }).expect(200)).body.position).toBeNull();
      const retired = await hr.retirePath('up').expect(200);
      expectRule(await hr.retirePath('up'), 'CAREER_PATH_RETIRED');
      expectRule(await hr.definePath({ id: 'up', fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'target-profile' }), 'CAREER_PATH_EXISTS');

      const view = await hr.read('/career-paths/up', { minPosition: retired.body.position }).expect(200);
      expect(view.body).toMatchObject({ basis: 'minimum', status: 'retired', requirements: [requirement('regs', 4), requirement('crm', 3)] });
      const list = await competenceDesk(api, employee).read('/career-paths', { fromPositionId: 'line-1' }).expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual(['up']);
    });

    it("refuses to revise a path that follows its target's profile, and paths that make no sense", async () => {
      await hr.definePath({ id: 'follow', fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'target-profile' }).expect(201);
      expectRule(await hr.revisePath('follow', { requirements: [requirement('regs', 4)] }), 'PATH_FOLLOWS_TARGET_PROFILE');
      expectRule(await hr.definePath({ fromPositionId: 'line-1', toPositionId: 'old-desk', basis: 'target-profile' }), 'POSITION_RETIRED');
      expectProblem(await hr.definePath({ fromPositionId: 'line-1', toPositionId: 'line-1', basis: 'target-profile' }), 400, 'toPositionId');
      expectProblem(await hr.definePath({ fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'minimum' }), 400, 'requirements');
      expectProblem(
        await hr.definePath({ fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'target-profile', requirements: [requirement('regs', 1)] }),
        400,
        'requirements',
      );
      expectProblem(await hr.definePath({ fromPositionId: 'nowhere', toPositionId: 'line-2', basis: 'target-profile' }), 400, 'fromPositionId');
      expectProblem(await hr.revisePath('no-such-path', { requirements: [requirement('regs', 4)] }), 404);
      expectProblem(await trainer.definePath({ fromPositionId: 'line-1', toPositionId: 'line-2', basis: 'target-profile' }), 403);
    });
  });

  describe('knowledge checks', () => {
    const questions = [{ questionId: 'q1', text: 'Refund window?', competencyId: 'regs', points: 2 }];

    it('defines a check once, lists it, retires it', async () => {
      await trainer.defineCheck({ id: 'check-1', title: 'Quarterly', openBook: true, questions }).expect(201);
      expectRule(await trainer.defineCheck({ id: 'check-1', title: 'Again', openBook: true, questions }), 'KNOWLEDGE_CHECK_EXISTS');
      const retired = await trainer.retireCheck('check-1').expect(200);
      expectRule(await trainer.retireCheck('check-1'), 'KNOWLEDGE_CHECK_RETIRED');
      const view = await trainer.read('/knowledge-checks/check-1', { minPosition: retired.body.position }).expect(200);
      expect(view.body).toMatchObject({ title: 'Quarterly', openBook: true, questions, status: 'retired' });
      const list = await trainer.read('/knowledge-checks', { status: 'retired' }).expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual(['check-1']);
    });

    it('refuses repeated questions, unknown competencies and points out of range', async () => {
      expectProblem(await trainer.defineCheck({ title: 'x', openBook: true, questions: [...questions, ...questions] }), 400, 'questions.1.questionId');
      expectProblem(await trainer.defineCheck({ title: 'x', openBook: true, questions: [{ ...questions[0], competencyId: 'nope' }] }), 400, 'questions.0.competencyId');
      expectProblem(await trainer.defineCheck({ title: 'x', openBook: true, questions: [{ ...questions[0], points: 0 }] }), 400, 'questions.0.points');
      expectProblem(await trainer.defineCheck({ title: 'x', openBook: 'yes', questions }), 400, 'openBook');
      expectProblem(await trainer.retireCheck('no-such-check'), 404);
      expectProblem(await hr.defineCheck({ title: 'x', openBook: true, questions }), 403);
    });
  });

  it('documents every competence route in /docs-json with bearer security, its roles and its answers', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const everyone = 'Roles: admin, quality-inspector';
    const gapReaders = 'Roles: hr, trainer, council-member, council-chair, auditor, admin';
    const operations: [path: string, method: string, roles: string, answers: string[]][] = [
      ['/competencies', 'post', 'Roles: trainer, admin', ['201', '409', '412']],
      ['/competencies', 'get', everyone, ['200', '503']],
      ['/competencies/{id}', 'get', everyone, ['200', '404']],
      ['/competencies/{id}/revision', 'post', 'Roles: trainer, admin', ['200', '404', '409', '412']],
      ['/competencies/{id}/retirement', 'post', 'Roles: trainer, admin', ['200', '404', '409', '412']],
      ['/proficiency-scale', 'get', everyone, ['200']],
      ['/proficiency-scale', 'post', 'Roles: trainer, admin', ['200', '409', '412']],
      ['/job-profiles', 'get', everyone, ['200']],
      ['/job-profiles/{positionId}', 'get', everyone, ['200', '404']],
      ['/job-profiles/{positionId}/draft', 'post', 'Roles: hr, admin', ['200', '409', '412']],
      ['/job-profiles/{positionId}/approval', 'post', 'Roles: hr, admin', ['200', '409', '412']],
      ['/career-paths', 'post', 'Roles: hr, admin', ['201', '409']],
      ['/career-paths', 'get', everyone, ['200']],
      ['/career-paths/{id}', 'get', everyone, ['200', '404']],
      ['/career-paths/{id}/revision', 'post', 'Roles: hr, admin', ['200', '404', '409']],
      ['/career-paths/{id}/retirement', 'post', 'Roles: hr, admin', ['200', '404', '409']],
      ['/knowledge-checks', 'post', 'Roles: trainer, admin', ['201', '409']],
      ['/knowledge-checks', 'get', everyone, ['200']],
      ['/knowledge-checks/{id}', 'get', everyone, ['200', '404']],
      ['/knowledge-checks/{id}/retirement', 'post', 'Roles: trainer, admin', ['200', '404', '409']],
      ['/knowledge-checks/{id}/attempts', 'post', 'Roles: trainer.', ['201', '404', '409', '412']],
      ['/attestations', 'post', 'Roles: hr.', ['201', '409']],
      ['/attestations', 'get', gapReaders, ['200']],
      ['/attestations/{id}', 'get', gapReaders, ['200', '404']],
      ['/attestations/{id}/results', 'post', 'Roles: hr.', ['200', '404', '409']],
      ['/competence-records/{employeeId}/assessments', 'post', 'Roles: hr, trainer.', ['201', '409', '412']],
      ['/competence-records/{employeeId}/self-assessments', 'post', 'Roles: employee.', ['201', '409']],
      ['/competence-records/{employeeId}/self-assessments/{assessmentId}/validation', 'post', 'Roles: hr, trainer.', ['200', '404', '409']],
      ['/competence-records/{employeeId}/career-target', 'post', 'Roles: hr, admin', ['200', '409', '412']],
      ['/skill-gaps', 'get', gapReaders, ['200', '503']],
      ['/skill-gaps/{employeeId}', 'get', `${gapReaders}, employee`, ['200', '404']],
      ['/skill-gaps/{employeeId}/competencies/{competencyId}', 'get', `${gapReaders}, employee`, ['200', '404']],
      ['/metrics/gap-coverage', 'get', gapReaders, ['200', '503']],
    ];
    for (const [path, method, roles, answers] of operations) {
      const operation = document.paths[path]?.[method];
      expect({ path, method, operation }).toMatchObject({
        operation: { security: [{ bearer: [] }], summary: expect.any(String), description: expect.stringContaining(roles) },
      });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403', ...answers]));
    }
    expect(document.paths['/job-profiles/{positionId}/approval'].post.responses['409'].description).toContain('NO_JOB_PROFILE_DRAFT');
    for (const [schema, fields] of [
      ['SkillGapsView', ['employeeId', 'sectionId', 'positionId', 'targetPositionId', 'competencies', 'weightedGap', 'openGaps', 'asOf']],
      ['JobProfileContentView', ['generalKnowledge', 'subjectKnowledge', 'skills', 'personalQualities', 'values', 'duties', 'responsibilities']],
      ['GapCoverageAnswer', ['asOf', 'rows']],
    ] as const) {
      expect(Object.keys(document.components.schemas[schema].properties)).toEqual(expect.arrayContaining([...fields]));
    }
  });
});
