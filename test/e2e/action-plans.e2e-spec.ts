import { employeeKey, expectInvalid, expectProblem, expectRule, keyWith, type Auth } from '../support/care-cases.js';
import { competenceDesk, seedOrganisation } from '../support/competence.js';
import { councilDesk, programDesk } from '../support/council.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';
import { plansOnceProposed, trainingDesk, type TrainingDesk } from '../support/training.js';

const HIRED = '2026-01-05T09:00:00Z';
const PUBLISHED = '2026-01-10T09:00:00Z';
/** The business time the plans are drawn up at. */
const AT = '2026-03-03T10:00:00Z';
const LATER = '2026-03-12T10:00:00Z';

/*
 * Support has line 1 (ann, bob), line 2 (cas) and line 3 (nobody); the council (m1 the chair, m2) has
 * adopted a decision on March 2. The catalogues hold the competency regs (and gone, retired), the
 * refund regulation reg-refunds of the knowledge base, which teaches regs, and the refund standard
 * std-refunds. Each test draws up the plan of a program of its own.
 */
describe('action plans of improvement programs in the seed’s format', () => {
  let api: TestApp;
  let chair: ReturnType<typeof programDesk>;
  let member: ReturnType<typeof programDesk>;
  let trainer: TrainingDesk;
  let agent: Auth;
  let decisionId: string;
  let programs = 0;

  async function program(title = 'Refund scripts'): Promise<string> {
    const id = `plan-${++programs}`;
    await chair.create(decisionId, { id, title }).expect(201);
    return id;
  }

  const publishStandard = (inspector: Auth, body: object) =>
    api.http().post('/standards').set(inspector).send({ type: 'internal', sectionId: 'support', body: 'Refund within 14 days.', occurredAt: PUBLISHED, ...body });

  beforeAll(async () => {
    api = await startTestApp();
    await seedOrganisation(
      api,
      { sections: { support: ['line-1', 'line-2', 'line-3'], council: ['member'] }, employees: { ann: 'line-1', bob: 'line-1', cas: 'line-2', m1: 'member', m2: 'member' } },
      HIRED,
    );
    const chairAuth = await employeeKey(api, 'm1', 'council-chair');
    const memberAuth = await employeeKey(api, 'm2', 'council-member');
    chair = programDesk(api, chairAuth);
    member = programDesk(api, memberAuth);
    const trainerAuth = await keyWith(api, 'trainer');
    trainer = trainingDesk(api, trainerAuth);
    agent = await keyWith(api, 'care-agent');

    const catalogue = competenceDesk(api, trainerAuth);
    await catalogue.defineCompetency('regs', 'knowledge', { name: 'Refund rules', occurredAt: HIRED }).expect(201);
    await catalogue.defineCompetency('gone', 'knowledge', { occurredAt: HIRED }).expect(201);
    await catalogue.retireCompetency('gone', { occurredAt: HIRED }).expect(200);
    await trainer.publish({ id: 'reg-refunds', title: 'Refund regulation', ownerId: 'ann', competencyIds: ['regs'], occurredAt: PUBLISHED }).expect(201);
    const inspector = await keyWith(api, 'quality-inspector');
    await publishStandard(inspector, { id: 'std-refunds', title: 'Refund policy' }).expect(201);
    await publishStandard(inspector, { id: 'std-old', title: 'Old policy' }).expect(201);
    await api.http().post('/standards/std-old/retirement').set(inspector).send({ occurredAt: PUBLISHED }).expect(200);

    const admin = councilDesk(api, asAdmin);
    for (const memberId of ['m1', 'm2']) await admin.appoint(memberId).expect(200);
    await admin.appointChair('m1').expect(200);
    const council = councilDesk(api, chairAuth);
    await council.schedule({ id: 'meeting-1', day: '2026-03-02' }).expect(201);
    await council.open('meeting-1', ['m1', 'm2']).expect(200);
    decisionId = (await councilDesk(api, memberAuth).propose('meeting-1').expect(201)).body.id;
    await council.vote('meeting-1', decisionId, 'for').expect(200);
    await councilDesk(api, memberAuth).vote('meeting-1', decisionId, 'for').expect(200);
    const decided = await council.decide('meeting-1', decisionId).expect(200);
    await council.read('/meetings/meeting-1', { minPosition: decided.body.position }).expect(200);
  });

  afterAll(() => api.destroy());

  it('plans stages in order, with actions in them, and refuses a stage the program does not have', async () => {
    const id = await program();
    expect((await chair.stage(id, { id: 'scripts', title: 'New scripts' }).expect(201)).body.id).toBe('scripts');
    await chair.stage(id, { id: 'training', title: 'Training' }).expect(201);
    const action = await chair.plan(id, { id: 'rewrite', stageId: 'scripts', deadline: '2026-03-20' }).expect(201);
    await chair.plan(id, { id: 'loose', deadline: '2026-03-20' }).expect(201);
    await expectInvalid(api, () => chair.plan(id, { stageId: 'no-such-stage' }), 'stageId');
    expectRule(await chair.stage(id, { id: 'scripts' }), 'STAGE_EXISTS');
    await expectInvalid(api, () => chair.stage(id, { title: ' ' }), 'title');

    const read = await chair.read(id, { minPosition: action.body.position }).expect(200);
    expect(read.body.stages).toEqual([
      { stageId: 'scripts', title: 'New scripts', plannedAt: expect.any(String) },
      { stageId: 'training', title: 'Training', plannedAt: expect.any(String) },
    ]);
    expect(read.body.actions.map(({ actionId, stageId }: { actionId: string; stageId?: string }) => ({ actionId, stageId }))).toEqual([
      { actionId: 'rewrite', stageId: 'scripts' },
      { actionId: 'loose', stageId: undefined },
    ]);
  });

  it('puts a training need on the individual plan of each employee it names, saying which program and need it came from', async () => {
    const id = await program();
    const recorded = await chair.recordNeed(id, { id: 'need-1', employeeIds: ['ann'], positionIds: ['line-2'], occurredAt: AT }).expect(201);
    expect(recorded.body.id).toBe('need-1');
    const read = await chair.read(id, { minPosition: recorded.body.position }).expect(200);
    expect(read.body.trainingNeeds).toEqual([
      { needId: 'need-1', competencyId: 'regs', employeeIds: ['ann', 'cas'], positionIds: ['line-2'], dueOn: '2026-04-30', recordedAt: '2026-03-03T10:00:00.000Z' },
    ]);

    for (const employeeId of ['ann', 'cas']) {
      const [plan] = await plansOnceProposed(trainer, employeeId);
      expect(plan).toMatchObject({
        employeeId,
        status: 'proposed',
        trigger: { programId: id, needId: 'need-1', position: recorded.body.position },
        items: [{ itemId: 'item-1', kind: 'material', materialId: 'reg-refunds', competencyIds: ['regs'], dueOn: '2026-04-30' }],
      });
    }
    const { body: bobs } = await trainer.read('/training-plans', { employeeId: 'bob', minPosition: recorded.body.position }).expect(200);
    expect(bobs.items).toEqual([]);
  });

  it('refuses a training need on an unknown or retired competency, employee or position, of nobody, or due before it is recorded', async () => {
    const id = await program();
    await expectInvalid(api, () => chair.recordNeed(id, { competencyId: 'juggling', occurredAt: AT }), 'competencyId');
    await expectInvalid(api, () => chair.recordNeed(id, { employeeIds: ['ann', 'nobody'], occurredAt: AT }), 'employeeIds.1');
    await expectInvalid(api, () => chair.recordNeed(id, { positionIds: ['line-9'], occurredAt: AT }), 'positionIds.0');
    await expectInvalid(api, () => chair.recordNeed(id, { employeeIds: [], occurredAt: AT }), 'employeeIds');
    await expectInvalid(api, () => chair.recordNeed(id, { dueOn: '2026-03-02', occurredAt: AT }), 'dueOn');
    await expectInvalid(api, () => chair.recordNeed(id, { employeeIds: 'ann', occurredAt: AT }), 'employeeIds');
    expectRule(await chair.recordNeed(id, { competencyId: 'gone', occurredAt: AT }), 'COMPETENCY_RETIRED');
    expectRule(await chair.recordNeed(id, { employeeIds: [], positionIds: ['line-3'], occurredAt: AT }), 'NO_EMPLOYEES_TO_TRAIN');
    await chair.recordNeed(id, { id: 'need-once', occurredAt: AT }).expect(201);
    expectRule(await chair.recordNeed(id, { id: 'need-once', occurredAt: AT }), 'TRAINING_NEED_EXISTS');
    expectProblem(await chair.recordNeed('no-such-program', { occurredAt: AT }), 404);
  });

  it('links the documents to change to a real regulation and a real standard, and records the version that carries each change', async () => {
    const id = await program();
    const regulation = await chair.planChange(id, { id: 'regulation', occurredAt: AT }).expect(201);
    expect(regulation.body.id).toBe('regulation');
    await chair.planChange(id, { id: 'standard', document: { kind: 'standard', id: 'std-refunds' }, occurredAt: AT }).expect(201);
    await expectInvalid(api, () => chair.planChange(id, { document: { kind: 'knowledge-base', id: 'no-such-material' } }), 'document.id');
    await expectInvalid(api, () => chair.planChange(id, { document: { kind: 'standard', id: 'no-such-standard' } }), 'document.id');
    await expectInvalid(api, () => chair.planChange(id, { document: { kind: 'standard', id: 'std-old' } }), 'document.id');
    await expectInvalid(api, () => chair.planChange(id, { document: { kind: 'memo', id: 'reg-refunds' } }), 'document.kind');
    expectRule(await chair.planChange(id, { id: 'regulation' }), 'DOCUMENT_CHANGE_EXISTS');

    await trainer.revise('reg-refunds', { body: 'Refunds within 30 days, up to 10 % off.', occurredAt: AT }).expect(200);
    await expectInvalid(api, () => member.completeChange(id, 'regulation', { version: 3 }), 'version');
    expectRule(await member.completeChange(id, 'regulation', { version: 1 }), 'DOCUMENT_VERSION_NOT_NEWER');
    const done = await member.completeChange(id, 'regulation', { version: 2, occurredAt: LATER }).expect(200);
    expectRule(await member.completeChange(id, 'regulation'), 'DOCUMENT_CHANGE_COMPLETED');
    await member.completeChange(id, 'standard', { occurredAt: LATER }).expect(200);
    expectProblem(await member.completeChange(id, 'no-such-change'), 404);

    const read = await chair.read(id, { minPosition: done.body.position }).expect(200);
    expect(read.body.documentChanges).toEqual([
      {
        changeId: 'regulation',
        document: { kind: 'knowledge-base', id: 'reg-refunds', version: 1 },
        change: 'State the new limits',
        ownerId: 'ann',
        deadline: '2026-04-15',
        plannedAt: '2026-03-03T10:00:00.000Z',
        completed: { version: 2, completedAt: '2026-03-12T10:00:00.000Z' },
      },
      expect.objectContaining({ changeId: 'standard', document: { kind: 'standard', id: 'std-refunds', version: 1 }, completed: { completedAt: '2026-03-12T10:00:00.000Z' } }),
    ]);
  });

  it('lists the standards to apply, each current, a whole list at a time', async () => {
    const id = await program();
    const listed = await chair.listStandards(id, ['std-refunds']).expect(200);
    expect((await chair.listStandards(id, ['std-refunds']).expect(200)).body.position).toBeNull();
    await expectInvalid(api, () => chair.listStandards(id, ['std-refunds', 'no-such-standard']), 'standardIds.1');
    await expectInvalid(api, () => chair.listStandards(id, ['std-old']), 'standardIds.0');
    await expectInvalid(api, () => chair.listStandards(id, ['std-refunds', 'std-refunds']), 'standardIds.1');
    expect((await chair.read(id, { minPosition: listed.body.position }).expect(200)).body.standardIds).toEqual(['std-refunds']);
  });

  it('prints the plan as Markdown in the seed’s order, escaping what people wrote, as known at any moment', async () => {
    const id = await program('Refunds | # scripts');
    await chair.listStandards(id, ['std-refunds'], { occurredAt: AT }).expect(200);
    await chair.recordNeed(id, { id: 'need-1', employeeIds: ['bob'], occurredAt: AT }).expect(201);
    await chair.stage(id, { id: 'scripts', title: 'New *scripts*', occurredAt: AT }).expect(201);
    await chair.plan(id, { id: 'rewrite', stageId: 'scripts', description: '# Rewrite | the <b>refund</b> script', ownerId: 'ann', deadline: '2026-03-20', completionCriteria: 'Read by [every] agent', occurredAt: AT }).expect(201);
    const planned = await chair.plan(id, { id: 'old', description: 'Old script', ownerId: 'bob', deadline: '2026-03-10', completionCriteria: 'Done', occurredAt: AT }).expect(201);
    await member.reschedule(id, 'rewrite', { deadline: '2026-04-03', reason: 'Waits for the | policy', occurredAt: LATER }).expect(200);
    await member.cancel(id, 'old', { reason: 'Covered by the regulation', occurredAt: LATER }).expect(200);
    await chair.planChange(id, { id: 'regulation', occurredAt: LATER }).expect(201);
    const last = await chair.planChange(id, { id: 'standard', document: { kind: 'standard', id: 'std-refunds' }, change: 'Add the 30-day rule', ownerId: 'm2', occurredAt: LATER }).expect(201);

    const now = await chair.printable(id, { minPosition: last.body.position }).expect(200);
    expect(now.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(now.text).toBe(
      [
        '# Action plan: Refunds | # scripts',
        '',
        `Improvement program \`${id}\` carrying out decision \`${decisionId}\`, running. As of position ${last.body.position}.`,
        '',
        '## 1. Standards to apply',
        '',
        '- Refund policy (`std-refunds`)',
        '',
        '## 2. Training needs',
        '',
        '| Competency | Employees | Positions | Due |',
        '| - | - | - | - |',
        '| Refund rules (`regs`) | Employee bob (`bob`) | — | 2026-04-30 |',
        '',
        '## 3. Stages and actions',
        '',
        '### Stage 1. New \\*scripts\\*',
        '',
        '| Action | Responsible | Deadline | Completion criteria | Status |',
        '| - | - | - | - | - |',
        '| # Rewrite \\| the \\<b>refund\\</b> script | Employee ann (`ann`) | 2026-04-03 (was 2026-03-20: Waits for the \\| policy) | Read by \\[every] agent | open |',
        '',
        '### Outside the stages',
        '',
        '| Action | Responsible | Deadline | Completion criteria | Status |',
        '| - | - | - | - | - |',
        '| Old script | Employee bob (`bob`) | 2026-03-10 | Done | cancelled 2026-03-12: Covered by the regulation |',
        '',
        '## 4. Documents to change',
        '',
        '| Document | Change | Responsible | Deadline | Status |',
        '| - | - | - | - | - |',
        '| Knowledge base: Refund regulation (`reg-refunds`, version 2) | State the new limits | Employee ann (`ann`) | 2026-04-15 | open |',
        '| Standard: Refund policy (`std-refunds`, version 1) | Add the 30-day rule | Employee m2 (`m2`) | 2026-04-15 | open |',
        '',
      ].join('\n'),
    );

    const before = await chair.printable(id, { asOf: planned.body.position }).expect(200);
    expect(before.text).toContain(`As of position ${planned.body.position}.`);
    expect(before.text).toContain('| Employee ann (`ann`) | 2026-03-20 | Read by \\[every] agent | open |');
    expect(before.text).toContain('| Old script | Employee bob (`bob`) | 2026-03-10 | Done | open |');
    expect(before.text).toContain('_No documents to change._');
  });

  it('answers the plan only to the council, auditors and admins, and 404 for a program unknown then', async () => {
    const id = await program();
    const created = await chair.stage(id).expect(201);
    await chair.printable(id, { minPosition: created.body.position }).expect(200);
    for (const reader of [await keyWith(api, 'auditor'), asAdmin, (await employeeKey(api, 'm2', 'council-member'))]) {
      await programDesk(api, reader).printable(id).expect(200);
    }
    expectProblem(await programDesk(api, agent).printable(id), 403);
    expectProblem(await api.http().get(`/improvement-programs/${id}/plan.md`), 401);
    expectProblem(await chair.printable('no-such-program'), 404);
    expectProblem(await chair.printable(id, { asOf: '1' }), 404);
    expectProblem(await chair.printable(id, { asOf: 'yesterday' }), 400, 'asOf');
    expectProblem(await chair.printable(id, { format: 'pdf' }), 400, 'format');
  });

  it('lets only the chair draw up the plan, and members record a document change done', async () => {
    const id = await program();
    await chair.planChange(id, { id: 'regulation' }).expect(201);
    expectProblem(await member.stage(id), 403);
    expectProblem(await member.recordNeed(id), 403);
    expectProblem(await member.planChange(id), 403);
    expectProblem(await member.listStandards(id, []), 403);
    expectProblem(await programDesk(api, agent).completeChange(id, 'regulation'), 403);
    await member.completeChange(id, 'regulation').expect(200);
    await expectInvalid(api, () => chair.planChange(id, { budget: 100 }), 'budget');
    await expectInvalid(api, () => member.completeChange(id, 'regulation', { version: 'two' }), 'version');
  });

  it('documents the plan routes in /docs-json with their roles, and the plan as Markdown', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operations: [string, string, RegExp][] = [
      ['/improvement-programs/{id}/plan.md', 'get', /^Roles: council-member, council-chair, auditor, admin/],
      ['/improvement-programs/{id}/stages', 'post', /^Roles: council-chair\./],
      ['/improvement-programs/{id}/standards', 'post', /^Roles: council-chair\./],
      ['/improvement-programs/{id}/training-needs', 'post', /^Roles: council-chair\./],
      ['/improvement-programs/{id}/document-changes', 'post', /^Roles: council-chair\./],
      ['/improvement-programs/{id}/document-changes/{changeId}/completion', 'post', /^Roles: council-member, council-chair\./],
    ];
    for (const [path, method, roles] of operations) {
      const operation = document.paths[path]?.[method];
      expect({ path, operation }).toMatchObject({ operation: { security: [{ bearer: [] }], summary: expect.any(String), description: expect.stringMatching(roles) } });
    }
    const { responses } = document.paths['/improvement-programs/{id}/plan.md'].get;
    expect(Object.keys(responses['200'].content)).toEqual(['text/markdown']);
    // The refusals are problem details, not Markdown.
    for (const status of ['401', '403', '404']) expect(Object.keys(responses[status].content)).not.toContain('text/markdown');
  });
});
