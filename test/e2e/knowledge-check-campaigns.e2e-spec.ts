import { randomUUID } from 'node:crypto';
import { addDays, dayOf, lastDayOfQuarter } from '#domain/shared/days.js';
import { collect } from '../support/collect.js';
import { employeeKey, expectInvalid, expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { campaignDesk, competenceDesk, requirement, seedOrganisation, type CompetenceDesk } from '../support/competence.js';
import { trainingDesk } from '../support/training.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Desk = ReturnType<typeof campaignDesk>;

interface ShownQuestion {
  readonly questionId: string;
  readonly kind: string;
  readonly options?: readonly { readonly optionId: string; readonly text: string }[];
  readonly answer: unknown;
  readonly awarded: { readonly points: number; readonly markerId: string | null } | null;
}

/**
 * Line 1 (ann, bob) requires regs 3 and crm 2; cid sells, dan too. The check asks, 4 points each:
 *   regs: s1 (single, 1 point), s2 (single, 1), m1 (multiple, 2)
 *   crm:  s3 (single, 1), o1 (open, 3, citing version 1 of the refund regulation)
 */
const BANK = [
  { questionId: 's1', kind: 'single', text: 'Refund window?', competencyId: 'regs', points: 1, options: [{ optionId: 'd14', text: '14 days' }, { optionId: 'd30', text: '30 days' }], correctOptionIds: ['d14'] },
  { questionId: 's2', kind: 'single', text: 'Who approves a refund?', competencyId: 'regs', points: 1, options: [{ optionId: 'lead', text: 'The lead' }, { optionId: 'agent', text: 'The agent' }], correctOptionIds: ['lead'] },
  {
    questionId: 'm1',
    kind: 'multiple',
    text: 'Which channels answer within 2 minutes?',
    competencyId: 'regs',
    points: 2,
    options: [{ optionId: 'chat', text: 'Chat' }, { optionId: 'phone', text: 'Phone' }, { optionId: 'mail', text: 'Mail' }],
    correctOptionIds: ['chat', 'phone'],
  },
  { questionId: 's3', kind: 'single', text: 'Where is a call logged?', competencyId: 'crm', points: 1, options: [{ optionId: 'crm', text: 'In the CRM' }, { optionId: 'sheet', text: 'In a sheet' }], correctOptionIds: ['crm'] },
  { questionId: 'o1', kind: 'open', text: 'How do you log a refund request?', competencyId: 'crm', points: 3, cites: { materialId: 'refunds', version: 1 } },
];
const DEFINED_ORDER = BANK.map(({ questionId }) => questionId);

describe('knowledge-check campaigns over HTTP: a bank, a campaign, attempts employees take, marks and the participation report', () => {
  let api: TestApp;
  let trainer: Desk;
  let trainerCompetence: CompetenceDesk;
  let hr: Desk;
  let keys: Record<'ann' | 'bob' | 'dan', Auth>;
  let ann: Desk;
  let bob: Desk;
  const today = dayOf(new Date().toISOString());
  let annAttemptId: string;

  beforeAll(async () => {
    api = await startTestApp();
    const trainerKey = await keyWith(api, 'trainer');
    trainer = campaignDesk(api, trainerKey);
    trainerCompetence = competenceDesk(api, trainerKey);
    hr = campaignDesk(api, await keyWith(api, 'hr'));
    keys = { ann: await employeeKey(api, 'ann'), bob: await employeeKey(api, 'bob'), dan: await employeeKey(api, 'dan') };
    ann = campaignDesk(api, keys.ann);
    bob = campaignDesk(api, keys.bob);
    await seedOrganisation(api, { sections: { support: ['line-1'], sales: ['sales-rep'] }, employees: { ann: 'line-1', bob: 'line-1', cid: 'sales-rep', dan: 'sales-rep', tom: 'sales-rep' } }, '2025-01-01T09:00:00Z');
    for (const [id, kind] of Object.entries({ regs: 'knowledge', crm: 'skill' })) await trainerCompetence.defineCompetency(id, kind).expect(201);
    const hrCompetence = competenceDesk(api, await keyWith(api, 'hr'));
    await hrCompetence.draftProfile('line-1', { subjectKnowledge: [requirement('regs', 3)], skills: [requirement('crm', 2)] }).expect(200);
    await hrCompetence.approveProfile('line-1').expect(200);
    await trainingDesk(api, trainerKey).publish({ id: 'refunds', ownerId: 'tom', reviewBy: '2099-01-01' }).expect(201);
  });

  afterAll(async () => {
    await api.destroy();
  });

  const streamOf = async (stream: string) => collect(api.stores.events.readStream(stream));
  const orderOf = (questions: readonly ShownQuestion[]) => questions.map(({ questionId }) => questionId);

  describe('the question bank', () => {
    it('holds single and multiple choice questions with their key and open ones, and shows the key to trainers only', async () => {
      const defined = await trainerCompetence.defineCheck({ id: 'regs-q', title: 'Regulations, open book', openBook: true, questions: BANK }).expect(201);
      const asTrainer = await trainerCompetence.read('/knowledge-checks/regs-q', { minPosition: defined.body.position }).expect(200);
      expect(asTrainer.body.questions).toEqual(BANK);
      const asEmployee = await competenceDesk(api, keys.ann).read('/knowledge-checks/regs-q', { minPosition: defined.body.position }).expect(200);
      expect(asEmployee.body.questions.map(({ questionId }: ShownQuestion) => questionId)).toEqual(DEFINED_ORDER);
      expect(JSON.stringify(asEmployee.body)).not.toContain('correctOptionIds');
      const listed = await competenceDesk(api, keys.ann).read('/knowledge-checks').expect(200);
      expect(JSON.stringify(listed.body)).not.toContain('correctOptionIds');
    });

    it('refuses a bank whose keys, options or citations do not fit, appending nothing', async () => {
      const single = BANK[0]!;
      const define = (question: object) => () => trainerCompetence.defineCheck({ title: 'x', openBook: true, questions: [question] });
      await expectInvalid(api, define({ ...single, correctOptionIds: ['d14', 'd30'] }), 'questions.0.correctOptionIds');
      await expectInvalid(api, define({ ...single, correctOptionIds: ['d90'] }), 'questions.0.correctOptionIds.0');
      await expectInvalid(api, define({ ...single, kind: 'open' }), 'questions.0.options');
      await expectInvalid(api, define({ ...single, kind: 'essay' }), 'questions.0.kind');
      await expectInvalid(api, define({ ...single, cites: { materialId: 'refunds', version: 2 } }), 'questions.0.cites.version');
      await expectInvalid(api, define({ ...single, cites: { materialId: 'no-such-material', version: 1 } }), 'questions.0.cites.materialId');
    });
  });

  describe('a campaign', () => {
    it('asks the holders of a position and an employee named, from today to the end of the quarter by default', async () => {
      const created = await trainer.create({ id: 'q-now', checkId: 'regs-q', title: 'Regulations, this quarter', audience: { positionIds: ['line-1'], employeeIds: ['cid'] } }).expect(201);
      expect(created.body).toMatchObject({ id: 'q-now', revision: 0 });
      const campaign = await trainer.read('/knowledge-check-campaigns/q-now', { minPosition: created.body.position }).expect(200);
      expect(campaign.body).toMatchObject({ checkId: 'regs-q', opensOn: today, dueOn: lastDayOfQuarter(today), audience: { employeeIds: ['cid'], positionIds: ['line-1'], sectionIds: [] } });
      expect([...campaign.body.participantIds].sort()).toEqual(['ann', 'bob', 'cid']);
    });

    it('refuses bad input with a 400 naming the field and appending nothing, and a caller who keeps no campaigns with a 403', async () => {
      const create = (body: object) => () => hr.create({ checkId: 'regs-q', title: 'x', audience: { employeeIds: ['ann'] }, ...body });
      await expectInvalid(api, create({ checkId: 'no-such-check' }), 'checkId');
      await expectInvalid(api, create({ audience: {} }), 'audience');
      await expectInvalid(api, create({ audience: { positionIds: ['no-such-position'] } }), 'audience.positionIds.0');
      await expectInvalid(api, create({ audience: { employeeIds: ['nobody'] } }), 'audience.employeeIds.0');
      await expectInvalid(api, create({ opensOn: '2026-06-01', dueOn: '2026-05-31' }), 'dueOn');
      await expectInvalid(api, create({ dueOn: '31.05.2026' }), 'dueOn');
      expectRule(await trainer.create({ id: 'q-now', checkId: 'regs-q', title: 'Again', audience: { employeeIds: ['ann'] } }), 'CAMPAIGN_EXISTS');
      expectProblem(await ann.create({ checkId: 'regs-q', title: 'x', audience: { employeeIds: ['ann'] } }), 403);
    });
  });

  describe("an employee's attempt", () => {
    it('starts with every question, without the answer key, in an order of its own, and resumes in the same order', async () => {
      const started = await ann.start('q-now').expect(201);
      annAttemptId = started.body.id;
      const first = await ann.attempt('q-now', 'ann', { minPosition: started.body.position }).expect(200);
      expect(first.body).toMatchObject({ attemptId: annAttemptId, status: 'in-progress', scoredPoints: 0, maxPoints: 8 });
      expect(JSON.stringify(first.body)).not.toContain('correctOptionIds');
      const order = orderOf(first.body.questions);
      expect([...order].sort()).toEqual([...DEFINED_ORDER].sort());
      expect(order).not.toEqual(DEFINED_ORDER);
      const [startedEvent] = await streamOf(`checkAttempt-${annAttemptId}`);
      expect(startedEvent!.data).toMatchObject({ questions: order.map((questionId) => expect.objectContaining({ questionId })) });

      const bobStarted = await bob.start('q-now').expect(201);
      const bobs = await bob.attempt('q-now', 'bob', { minPosition: bobStarted.body.position }).expect(200);
      expect(orderOf(bobs.body.questions)).not.toEqual(order);

      const resumed = await ann.attempt('q-now', 'ann').expect(200);
      expect(resumed.body.questions).toEqual(first.body.questions);
    });

    it('saves answers to go on with later, each replacing the one before', async () => {
      await ann.save('q-now', 'ann', [{ questionId: 's1', optionIds: ['d30'] }, { questionId: 'o1', text: 'In the CRM' }]).expect(200);
      const saved = await ann.save('q-now', 'ann', [
        { questionId: 's1', optionIds: ['d14'] },
        { questionId: 's2', optionIds: ['lead'] },
        { questionId: 'm1', optionIds: ['phone', 'chat'] },
        { questionId: 's3', optionIds: ['sheet'] },
      ]).expect(200);
      expect(saved.body).toMatchObject({ id: annAttemptId });
      const resumed = await ann.attempt('q-now', 'ann', { minPosition: saved.body.position }).expect(200);
      const answers = Object.fromEntries(resumed.body.questions.map((question: ShownQuestion) => [question.questionId, question.answer]));
      expect(answers).toEqual({ s1: { optionIds: ['d14'] }, s2: { optionIds: ['lead'] }, m1: { optionIds: ['phone', 'chat'] }, s3: { optionIds: ['sheet'] }, o1: { text: 'In the CRM' } });
    });

    it("is the employee's own: another employee's is a 403, and a campaign they are not in a 409", async () => {
      expectProblem(await bob.save('q-now', 'ann', [{ questionId: 's1', optionIds: ['d30'] }]), 403);
      expectProblem(await bob.submit('q-now', 'ann'), 403);
      expectProblem(await bob.attempt('q-now', 'ann'), 403);
      expectProblem(await trainer.save('q-now', 'ann', [{ questionId: 's1', optionIds: ['d30'] }]), 403);
      expectRule(await campaignDesk(api, keys.dan).start('q-now'), 'NOT_A_PARTICIPANT');
      expectProblem(await ann.start('no-such-campaign'), 404);
    });

    it('refuses answers that do not fit the question with a 400 naming the field, appending nothing', async () => {
      await expectInvalid(api, () => ann.save('q-now', 'ann', [{ questionId: 's1', optionIds: ['d14', 'd30'] }]), 'answers.0.optionIds');
      await expectInvalid(api, () => ann.save('q-now', 'ann', [{ questionId: 'm1', optionIds: ['fax'] }]), 'answers.0.optionIds.0');
      await expectInvalid(api, () => ann.save('q-now', 'ann', [{ questionId: 'o1', optionIds: ['chat'] }]), 'answers.0.optionIds');
      await expectInvalid(api, () => ann.save('q-now', 'ann', [{ questionId: 'zz', text: 'x' }]), 'answers.0.questionId');
      await expectInvalid(api, () => ann.save('q-now', 'ann', []), 'answers');
      await expectInvalid(api, () => ann.save('q-now', 'ann', [{ questionId: 's1', optionId: 'd14' }]), 'answers.0.optionId');
    });

    it('cannot be started twice', async () => {
      expectRule(await ann.start('q-now'), 'CHECK_ATTEMPT_EXISTS');
    });

    it('is scored on the server on submission: the choice questions by the key, the open answer waits for a trainer', async () => {
      const submitted = await ann.submit('q-now', 'ann').expect(200);
      const view = await ann.attempt('q-now', 'ann', { minPosition: submitted.body.position }).expect(200);
      expect(view.body).toMatchObject({ status: 'awaiting-marking', scoredPoints: 4, maxPoints: 8, overdue: false, late: false });
      const awarded = Object.fromEntries(view.body.questions.map((question: ShownQuestion) => [question.questionId, question.awarded?.points ?? null]));
      expect(awarded).toEqual({ s1: 1, s2: 1, m1: 2, s3: 0, o1: null });
      expectRule(await ann.submit('q-now', 'ann'), 'CHECK_ATTEMPT_SUBMITTED');
      expectRule(await ann.save('q-now', 'ann', [{ questionId: 's3', optionIds: ['crm'] }]), 'CHECK_ATTEMPT_SUBMITTED');
    });

    it("feeds the competence levels once a trainer marks the open answer, through the scale's formula", async () => {
      await expectInvalid(api, () => trainer.mark('q-now', 'ann', [{ questionId: 'o1', points: 4 }]), 'marks.0.points');
      await expectInvalid(api, () => trainer.mark('q-now', 'ann', [{ questionId: 's1', points: 1 }]), 'marks.0.questionId');
      expectProblem(await hr.mark('q-now', 'ann', [{ questionId: 'o1', points: 2 }]), 403);
      expectProblem(await ann.mark('q-now', 'ann', [{ questionId: 'o1', points: 3 }]), 403);

      const marked = await trainer.mark('q-now', 'ann', [{ questionId: 'o1', points: 2, comment: 'Logs it, forgets the tag' }]).expect(200);
      const events = await streamOf(`checkAttempt-${annAttemptId}`);
      expect(events.map((event) => event.type)).toEqual([
        'KnowledgeCheckAttemptStarted',
        'KnowledgeCheckAnswersSaved',
        'KnowledgeCheckAnswersSaved',
        'KnowledgeCheckAttemptSubmitted',
        'KnowledgeCheckAnswersMarked',
        'KnowledgeCheckAttempted',
        'CompetencyAssessed',
        'CompetencyAssessed',
      ]);
      expect(events[5]!.data).toMatchObject({
        checkId: 'regs-q',
        employeeId: 'ann',
        results: [
          { competencyId: 'regs', points: 4, maxPoints: 4, level: 3 },
          { competencyId: 'crm', points: 2, maxPoints: 4, level: 2 },
        ],
      });
      const gaps = await api.http().get('/skill-gaps/ann').set(keys.ann).query({ minPosition: marked.body.position }).expect(200);
      const levels = Object.fromEntries(gaps.body.competencies.map(({ competencyId, level, gap }: { competencyId: string; level: number; gap: number }) => [competencyId, { level, gap }]));
      expect(levels).toEqual({ regs: { level: 3, gap: 0 }, crm: { level: 2, gap: 0 } });

      const view = await ann.attempt('q-now', 'ann', { minPosition: marked.body.position }).expect(200);
      expect(view.body).toMatchObject({ status: 'completed', scoredPoints: 6 });
      expect(view.body.questions.find((question: ShownQuestion) => question.questionId === 'o1').awarded).toMatchObject({ points: 2, comment: 'Logs it, forgets the tag' });
      expectRule(await trainer.mark('q-now', 'ann', [{ questionId: 'o1', points: 3 }]), 'ANSWER_MARKED');
    });
  });

  describe('a check defined before questions had kinds', () => {
    it('reads as open questions, which a trainer marks when the check is taken in a campaign', async () => {
      const data = { checkId: 'legacy', title: 'Old check', openBook: true, questions: [{ questionId: 'x1', text: 'Refund window?', competencyId: 'regs', points: 2 }], definedAt: '2025-01-15T09:00:00.000Z' };
      const metadata = { occurredAt: data.definedAt, actor: { id: 'apiKey:trainer', roles: ['trainer'] }, correlationId: randomUUID(), causationId: null, schemaVersion: 1 };
      await api.stores.events.append('knowledgeCheck-legacy', [{ eventId: randomUUID(), type: 'KnowledgeCheckDefined', data, metadata }], 'no_stream');
      const read = await trainerCompetence.read('/knowledge-checks/legacy', { minPosition: String(await api.stores.events.headPosition()) }).expect(200);
      expect(read.body.questions).toEqual([{ ...data.questions[0], kind: 'open' }]);

      await trainer.create({ id: 'q-legacy', checkId: 'legacy', title: 'Old check again', audience: { employeeIds: ['cid'] } }).expect(201);
      const cid = campaignDesk(api, await employeeKey(api, 'cid'));
      await cid.start('q-legacy').expect(201);
      await cid.save('q-legacy', 'cid', [{ questionId: 'x1', text: '14 days' }]).expect(200);
      await cid.submit('q-legacy', 'cid').expect(200);
      const marked = await trainer.mark('q-legacy', 'cid', [{ questionId: 'x1', points: 2 }]).expect(200);
      expect((await cid.attempt('q-legacy', 'cid', { minPosition: marked.body.position }).expect(200)).body).toMatchObject({ status: 'completed', scoredPoints: 2, maxPoints: 2 });
    });
  });

  describe('participation', () => {
    it('reports who completed, who is in progress, who has not started, and who is overdue, judged on a day', async () => {
      const report = await trainer.read('/knowledge-check-campaigns/q-now/participation').expect(200);
      expect(report.body).toMatchObject({ campaignId: 'q-now', at: today, counts: { participants: 3, completed: 1, inProgress: 1, notStarted: 1, awaitingMarking: 0, overdue: 0 } });
      expect(report.body.participants.map(({ employeeId, status }: { employeeId: string; status: string }) => [employeeId, status])).toEqual([
        ['ann', 'completed'],
        ['bob', 'in-progress'],
        ['cid', 'not-started'],
      ]);
      const afterDue = await trainer.read('/knowledge-check-campaigns/q-now/participation', { at: addDays(lastDayOfQuarter(today), 1) }).expect(200);
      expect(afterDue.body.participants.filter((row: { overdue: boolean }) => row.overdue).map((row: { employeeId: string }) => row.employeeId)).toEqual(['bob', 'cid']);
    });

    it('shows those overdue today of a campaign due yesterday, and as it was known before anyone started', async () => {
      const created = await hr.create({ id: 'q-past', checkId: 'regs-q', title: 'Last month', audience: { employeeIds: ['bob', 'cid'] }, opensOn: addDays(today, -30), dueOn: addDays(today, -1) }).expect(201);
      const started = await bob.start('q-past').expect(201);
      const report = await hr.read('/knowledge-check-campaigns/q-past/participation', { minPosition: started.body.position }).expect(200);
      expect(report.body.counts).toMatchObject({ participants: 2, notStarted: 1, inProgress: 1, overdue: 2 });
      const before = await hr.read('/knowledge-check-campaigns/q-past/participation', { asOf: created.body.position }).expect(200);
      expect(before.body).toMatchObject({ asOf: { position: created.body.position }, counts: { notStarted: 2, inProgress: 0, overdue: 2 } });
      expectProblem(await ann.read('/knowledge-check-campaigns/q-past/participation'), 403);
      expectProblem(await hr.read('/knowledge-check-campaigns/no-such-campaign/participation'), 404);
    });

    it("lists an employee's campaigns with where they stand: their own to an employee key, anyone's to a reader", async () => {
      const bobs = await bob.read('/knowledge-check-campaigns').expect(200);
      expect(bobs.body.items.map(({ id, participation }: { id: string; participation: { status: string; overdue: boolean } }) => [id, participation.status, participation.overdue])).toEqual([
        ['q-now', 'in-progress', false],
        ['q-past', 'in-progress', true],
      ]);
      expectProblem(await ann.read('/knowledge-check-campaigns', { employeeId: 'bob' }), 403);
      const annsAsReader = await trainer.read('/knowledge-check-campaigns', { employeeId: 'ann' }).expect(200);
      expect(annsAsReader.body.items.map(({ id }: { id: string }) => id)).toEqual(['q-now']);
      const all = await hr.read('/knowledge-check-campaigns').expect(200);
      expect(all.body.items.map(({ id }: { id: string }) => id)).toEqual(['q-now', 'q-legacy', 'q-past']);
      expect((await trainer.attempt('q-now', 'ann').expect(200)).body.status).toBe('completed');
      expectProblem(await trainer.attempt('q-now', 'cid'), 404);
    });
  });

  it('documents every campaign route in /docs-json with its roles and answers', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const readers = 'Roles: hr, trainer, council-member, council-chair, auditor, admin';
    const operations: [path: string, method: string, roles: string, answers: string[]][] = [
      ['/knowledge-check-campaigns', 'post', 'Roles: trainer, hr.', ['201', '409', '412']],
      ['/knowledge-check-campaigns', 'get', `${readers}, employee.`, ['200']],
      ['/knowledge-check-campaigns/{id}', 'get', `${readers}.`, ['200', '404']],
      ['/knowledge-check-campaigns/{id}/participation', 'get', `${readers}.`, ['200', '404']],
      ['/knowledge-check-campaigns/{id}/attempts', 'post', 'Roles: employee.', ['201', '404', '409']],
      ['/knowledge-check-campaigns/{id}/attempts/{employeeId}', 'get', `${readers}, employee.`, ['200', '404']],
      ['/knowledge-check-campaigns/{id}/attempts/{employeeId}/answers', 'post', 'Roles: employee.', ['200', '404', '409']],
      ['/knowledge-check-campaigns/{id}/attempts/{employeeId}/submission', 'post', 'Roles: employee.', ['200', '404', '409']],
      ['/knowledge-check-campaigns/{id}/attempts/{employeeId}/marks', 'post', 'Roles: trainer.', ['200', '404', '409']],
    ];
    for (const [path, method, roles, answers] of operations) {
      const operation = document.paths[path]?.[method];
      expect({ path, method, operation }).toMatchObject({ operation: { security: [{ bearer: [] }], tags: ['knowledge-check-campaigns'], description: expect.stringContaining(roles) } });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403', ...answers]));
    }
    expect(document.paths['/knowledge-check-campaigns/{id}/attempts'].post.responses['409'].description).toContain('CHECK_ATTEMPT_EXISTS');
    expect(Object.keys(document.components.schemas.AttemptQuestionView.properties)).not.toContain('correctOptionIds');
  });
});
