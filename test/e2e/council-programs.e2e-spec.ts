import { careDesk, employeeKey, expectInvalid, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { councilDesk, programDesk } from '../support/council.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

/** A Monday: its pack's current week is the one before, 2026-03-02 to 2026-03-09. */
const MEETING_DAY = '2026-03-09';
const IN_WEEK = '2026-03-03T10:00:00Z';

/**
 * A decision adopted at a meeting whose pack shows a retention share of 1/2 (one client retained, one
 * refunded in the week before the meeting), and a rejected one; programs are created from them.
 */
describe('improvement programs', () => {
  let api: TestApp;
  let chair: ReturnType<typeof councilDesk>;
  let m2: ReturnType<typeof councilDesk>;
  let programs: ReturnType<typeof programDesk>;
  let memberPrograms: ReturnType<typeof programDesk>;
  let agent: Auth;
  let chairAuth: Auth;
  let adopted: string;
  let rejected: string;
  let programCount = 0;

  async function decided(meetingId: string, votes: [ReturnType<typeof councilDesk>, string][]): Promise<string> {
    const proposalId = (await m2.propose(meetingId).expect(201)).body.id;
    for (const [member, choice] of votes) await member.vote(meetingId, proposalId, choice).expect(200);
    const decision = await chair.decide(meetingId, proposalId).expect(200);
    await chair.read(`/meetings/${meetingId}`, { minPosition: decision.body.position }).expect(200);
    return proposalId;
  }

  async function created(body: object = {}): Promise<string> {
    const id = `program-${++programCount}`;
    await programs.create(adopted, { id, ...body }).expect(201);
    return id;
  }

  beforeAll(async () => {
    api = await startTestApp();
    const admin = councilDesk(api, asAdmin);
    chairAuth = await employeeKey(api, 'm1', 'council-chair');
    chair = councilDesk(api, chairAuth);
    const memberAuth = await employeeKey(api, 'm2', 'council-member');
    m2 = councilDesk(api, memberAuth);
    programs = programDesk(api, chairAuth);
    memberPrograms = programDesk(api, memberAuth);
    agent = await keyWith(api, 'care-agent');
    for (const member of ['m1', 'm2', 'm3']) await admin.appoint(member).expect(200);
    await admin.appointChair('m1').expect(200);

    const care = careDesk(api, agent);
    await care.open({ id: 'kept', occurredAt: '2026-03-02T09:00:00Z' }).expect(201);
    await care.retain('kept', { occurredAt: IN_WEEK }).expect(200);
    await care.open({ id: 'refunded', occurredAt: '2026-03-02T09:00:00Z' }).expect(201);
    await care.refund('refunded', { occurredAt: IN_WEEK }).expect(200);

    await chair.schedule({ id: 'meeting-w10', day: MEETING_DAY }).expect(201);
    await chair.open('meeting-w10', ['m1', 'm2']).expect(200);
    adopted = await decided('meeting-w10', [[chair, 'for'], [m2, 'for']]);
    rejected = await decided('meeting-w10', [[chair, 'for'], [m2, 'against']]);
    await chair.close('meeting-w10').expect(200);
  });

  afterAll(() => api.destroy());

  it('takes each goal’s baseline from the pack of its decision and shows live progress', async () => {
    const id = `program-${++programCount}`;
    const response = await programs.create(adopted, { id }).expect(201);
    expect(response.body).toEqual({ id, revision: 0, position: expect.stringMatching(/^[0-9]+$/) });
    const program = await programs.read(id, { minPosition: response.body.position }).expect(200);
    expect(program.body).toMatchObject({
      programId: id,
      decisionId: adopted,
      status: 'running',
      goals: [{ indicator: 'care.retentionShare', direction: 'higher-is-better', targetValue: 0.6, targetDate: '2026-06-30', baseline: 0.5 }],
      actions: [],
    });
  });

  it('surfaces overdue actions on the next agenda until they are completed', async () => {
    const id = await created();
    const action = await programs.plan(id, { deadline: '2026-03-10' }).expect(201);
    await chair.schedule({ id: 'meeting-w11', day: '2026-03-11' }).expect(201);
    const agenda = await chair.read('/meetings/meeting-w11/agenda', { minPosition: action.body.position }).expect(200);
    expect(agenda.body.overdueActions).toEqual(
      expect.arrayContaining([expect.objectContaining({ programId: id, actionId: action.body.id, ownerId: 'emp-7', deadline: '2026-03-10' })]),
    );
    const done = await memberPrograms.complete(id, action.body.id).expect(200);
    const after = await chair.read('/meetings/meeting-w11/agenda', { minPosition: done.body.position }).expect(200);
    expect(after.body.overdueActions.map((overdue: { actionId: string }) => overdue.actionId)).not.toContain(action.body.id);
    expect((await memberPrograms.complete(id, action.body.id).expect(409)).body.code).toBe('ACTION_COMPLETED');
    expect((await programs.plan(id, { id: action.body.id }).expect(409)).body.code).toBe('ACTION_EXISTS');
  });

  it('reschedules an overdue action off the agenda, and cancels another, each with its reason kept on the program', async () => {
    const id = await created();
    const moved = (await programs.plan(id, { deadline: '2026-03-10' }).expect(201)).body.id;
    const dropped = (await programs.plan(id, { deadline: '2026-03-10' }).expect(201)).body.id;
    await memberPrograms.reschedule(id, moved, { deadline: '2026-03-20' }).expect(200);
    const cancelled = await memberPrograms.cancel(id, dropped).expect(200);
    await chair.schedule({ id: 'meeting-w11b', day: '2026-03-11' }).expect(201);
    const agenda = await chair.read('/meetings/meeting-w11b/agenda', { minPosition: cancelled.body.position }).expect(200);
    const listed = (entries: { actionId: string }[]) => entries.map((entry) => entry.actionId).filter((actionId) => [moved, dropped].includes(actionId));
    expect(listed(agenda.body.overdueActions)).toEqual([]);
    expect(listed(agenda.body.openActions)).toEqual([moved]);

    const program = await programs.read(id, { minPosition: cancelled.body.position }).expect(200);
    expect(program.body.actions).toEqual([
      expect.objectContaining({
        actionId: moved,
        deadline: '2026-03-20',
        reschedules: [{ deadline: '2026-03-20', previousDeadline: '2026-03-10', reason: 'Waits for the refund policy', rescheduledAt: expect.any(String) }],
      }),
      expect.objectContaining({ actionId: dropped, cancelled: { reason: 'Covered by the onboarding course', cancelledAt: expect.any(String) } }),
    ]);
    expect((await memberPrograms.complete(id, dropped).expect(409)).body.code).toBe('ACTION_CANCELLED');
    expect((await memberPrograms.reschedule(id, moved, { deadline: '2026-03-20' }).expect(409)).body.code).toBe('ACTION_DEADLINE_UNCHANGED');
    expectProblem(await memberPrograms.reschedule(id, moved, { reason: '' }), 400, 'reason');
    expectProblem(await memberPrograms.cancel(id, 'no-such-action'), 404);
    expectProblem(await programDesk(api, agent).cancel(id, moved), 403);
  });

  it('keeps a meeting open until each stale action is completed, carried over or escalated', async () => {
    const id = await created();
    const action = await programs.plan(id, { deadline: '2026-03-01' }).expect(201);
    await chair.schedule({ id: 'meeting-w12', day: '2026-03-18' }).expect(201);
    await chair.open('meeting-w12', ['m1', 'm2']).expect(200);
    const agenda = await chair.read('/meetings/meeting-w12/agenda', { minPosition: action.body.position }).expect(200);
    expect(agenda.body.overdueActions).toEqual([expect.objectContaining({ actionId: action.body.id, stale: true })]);
    expect((await chair.close('meeting-w12').expect(409)).body.code).toBe('STALE_ITEMS_UNRESOLVED');

    const resolve = (body: object) =>
      api.http().post(`/council/meetings/meeting-w12/agenda-items/${action.body.id}/resolution`).set(chairAuth).send(body);
    await expectInvalid(api, () => resolve({ programId: id, resolution: 'forgotten', note: 'n' }), 'resolution');
    const resolved = await resolve({ programId: id, resolution: 'escalated', note: 'The owner left the section' }).expect(200);
    const after = await chair.read('/meetings/meeting-w12/agenda', { minPosition: resolved.body.position }).expect(200);
    expect(after.body.overdueActions).toEqual([expect.objectContaining({ actionId: action.body.id, stale: true, resolution: 'escalated' })]);
    await chair.close('meeting-w12').expect(200);

    await chair.schedule({ id: 'meeting-w13', day: '2026-03-25' }).expect(201);
    const next = await chair.read('/meetings/meeting-w13/agenda', { minPosition: resolved.body.position }).expect(200);
    expect(next.body.openActions).toEqual(
      expect.arrayContaining([expect.objectContaining({ programId: id, actionId: action.body.id, overdue: true })]),
    );
    expect(next.body.carriedOver).toEqual(
      expect.arrayContaining([
        { programId: id, actionId: action.body.id, resolution: 'escalated', note: 'The owner left the section', meetingId: 'meeting-w12', day: '2026-03-18' },
      ]),
    );
    const completed = await memberPrograms.complete(id, action.body.id).expect(200);
    const cleared = await chair.read('/meetings/meeting-w13/agenda', { minPosition: completed.body.position }).expect(200);
    expect(cleared.body.carriedOver.map((item: { actionId: string }) => item.actionId)).not.toContain(action.body.id);
  });

  it('closes only after an effectiveness check that compares the indicator before and after', async () => {
    const id = await created();
    expect((await programs.close(id).expect(409)).body.code).toBe('EFFECTIVENESS_NOT_CHECKED');
    // Two clients retained this week: the live retention share of the current week is 1.
    const care = careDesk(api, agent);
    for (const caseId of ['now-1', 'now-2']) {
      await care.open({ id: caseId }).expect(201);
      await care.retain(caseId).expect(200);
    }
    const checked = await programs.check(id).expect(200);
    const program = await programs.read(id, { minPosition: checked.body.position }).expect(200);
    expect(program.body.effectiveness).toMatchObject({
      results: [{ indicator: 'care.retentionShare', targetValue: 0.6, before: 0.5, after: 1, achieved: true }],
      effective: true,
    });
    expect(program.body.goals[0]).toMatchObject({ current: 1, onTarget: true });
    await programs.close(id).expect(200);
    expect((await programs.plan(id).expect(409)).body.code).toBe('PROGRAM_CLOSED');
  });

  it('refuses a program from a rejected or unknown decision, twice, or on an unknown indicator', async () => {
    expect((await programs.create(rejected).expect(409)).body.code).toBe('DECISION_NOT_ADOPTED');
    expectProblem(await programs.create('no-such-decision'), 404);
    const id = await created();
    expect((await programs.create(adopted, { id }).expect(409)).body.code).toBe('PROGRAM_EXISTS');
    await expectInvalid(api, () => programs.create(adopted, { goals: [{ indicator: 'mood', targetValue: 1, targetDate: '2026-06-30' }] }), 'goals.0.indicator');
    await expectInvalid(api, () => programs.create(adopted, { budget: 100 }), 'budget');
    await expectInvalid(api, () => programs.create(adopted, { goals: [] }), 'goals');
  });

  it('answers 401, 403, 404 and 412', async () => {
    expectProblem(await api.http().get('/improvement-programs/program-1'), 401);
    expectProblem(await memberPrograms.create(adopted), 403);
    expectProblem(await programDesk(api, agent).read('program-1'), 403);
    expectProblem(await programs.read('no-such-program'), 404);
    expectProblem(await programs.check('no-such-program'), 404);
    expectProblem(await chair.read('/meetings/no-such-meeting/agenda'), 404);
    const id = await created();
    expectProblem(await programs.create(adopted, { id: `${id}-pinned` }, { 'If-Match': '3' }), 412);
  });

  it('documents the program and agenda routes in /docs-json with their roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operations: [string, string, RegExp][] = [
      ['/improvement-programs', 'post', /^Roles: council-chair\./],
      ['/improvement-programs', 'get', /^Roles: council-member, council-chair, auditor, admin/],
      ['/improvement-programs/{id}', 'get', /^Roles: council-member, council-chair, auditor, admin/],
      ['/improvement-programs/{id}/actions', 'post', /^Roles: council-chair\./],
      ['/improvement-programs/{id}/actions/{actionId}/completion', 'post', /^Roles: council-member, council-chair\./],
      ['/improvement-programs/{id}/actions/{actionId}/rescheduling', 'post', /^Roles: council-member, council-chair\./],
      ['/improvement-programs/{id}/actions/{actionId}/cancellation', 'post', /^Roles: council-member, council-chair\./],
      ['/improvement-programs/{id}/effectiveness-check', 'post', /^Roles: council-chair\./],
      ['/improvement-programs/{id}/closing', 'post', /^Roles: council-chair\./],
      ['/council/meetings/{id}/agenda', 'get', /^Roles: council-member, council-chair, auditor, admin/],
      ['/council/meetings/{id}/agenda-items/{actionId}/resolution', 'post', /^Roles: council-chair\./],
    ];
    for (const [path, method, roles] of operations) {
      const operation = document.paths[path]?.[method];
      expect({ path, operation }).toMatchObject({ operation: { security: [{ bearer: [] }], summary: expect.any(String), description: expect.stringMatching(roles) } });
    }
  });

  it('reads a meeting, its agenda and a program as known at an earlier position', async () => {
    await chair.schedule({ id: 'meeting-as-of', day: '2026-03-30' }).expect(201);
    await chair.open('meeting-as-of', ['m1', 'm2']).expect(200);
    const proposed = await m2.propose('meeting-as-of').expect(201);
    for (const member of [chair, m2]) await member.vote('meeting-as-of', proposed.body.id, 'for').expect(200);
    const decision = await chair.decide('meeting-as-of', proposed.body.id).expect(200);
    await chair.read('/meetings/meeting-as-of', { minPosition: decision.body.position }).expect(200);
    const proposalAt = async (asOf?: string) =>
      (await chair.read('/meetings/meeting-as-of', { ...(asOf && { asOf }) }).expect(200)).body.proposals[0];
    expect(await proposalAt(proposed.body.position)).toMatchObject({ status: 'pending', votes: [] });
    expect(await proposalAt()).toMatchObject({ status: 'adopted', votes: [expect.objectContaining({ memberId: 'm1', choice: 'for' }), expect.objectContaining({ memberId: 'm2', choice: 'for' })] });
    const undecidedAt = async (asOf?: string) =>
      (await chair.read('/meetings/meeting-as-of/agenda', { ...(asOf && { asOf }) }).expect(200)).body.proposals.map((proposal: { proposalId: string }) => proposal.proposalId);
    expect(await undecidedAt(proposed.body.position)).toEqual([proposed.body.id]);
    expect(await undecidedAt()).toEqual([]);

    const id = await created();
    const planned = await programs.plan(id, { deadline: '2026-03-10' }).expect(201);
    const done = await memberPrograms.complete(id, planned.body.id).expect(200);
    await programs.read(id, { minPosition: done.body.position }).expect(200);
    const completedAt = async (asOf?: string) =>
      (await programs.read(id, { ...(asOf && { asOf }) }).expect(200)).body.actions.map((action: { completedAt?: string }) => action.completedAt);
    expect(await completedAt(planned.body.position)).toEqual([undefined]);
    expect(await completedAt()).toEqual([expect.any(String)]);
    expectProblem(await programs.read(id, { asOf: proposed.body.position }), 404);
  });
  it('lists the programs with live goal progress and their actions counted, by status, page by page, and as known earlier', async () => {
    const before = (await api.stores.events.headPosition())!.toString();
    const id = await created();
    await programs.plan(id, { deadline: '2026-03-10' }).expect(201);
    const done = (await programs.plan(id, { deadline: '2026-03-10' }).expect(201)).body.id;
    const dropped = (await programs.plan(id, { deadline: '2026-03-10' }).expect(201)).body.id;
    await programs.plan(id, { deadline: '2099-12-31' }).expect(201);
    await memberPrograms.complete(id, done).expect(200);
    const last = await memberPrograms.cancel(id, dropped).expect(200);
    const list = async (query: Record<string, string> = {}) =>
      (await api.http().get('/improvement-programs').set(chairAuth).query({ minPosition: last.body.position, ...query }).expect(200)).body;

    const all = await list({ limit: '100' });
    expect(all.nextCursor).toBeNull();
    const listed = all.items.find((program: { programId: string }) => program.programId === id);
    expect(listed).toEqual({
      programId: id,
      decisionId: adopted,
      title: expect.any(String),
      status: 'running',
      goals: (await programs.read(id).expect(200)).body.goals,
      actions: { open: 2, overdue: 1, completed: 1, cancelled: 1 },
      createdAt: expect.any(String),
    });
    expect(all.items.map((program: { programId: string }) => program.programId)).toEqual(
      expect.arrayContaining(Array.from({ length: programCount }, (_, index) => `program-${index + 1}`)),
    );
    expect(all.items.map((program: { createdAt: string }) => program.createdAt)).toEqual(all.items.map((program: { createdAt: string }) => program.createdAt).sort());

    const paged = [];
    for (let cursor: string | undefined; ; ) {
      const page = await list({ limit: '2', ...(cursor && { cursor }) });
      paged.push(...page.items);
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(all.items);

    const closed = await list({ status: 'closed' });
    expect(closed.items.length).toBeGreaterThan(0);
    expect(closed.items.every((program: { status: string; closedAt?: string }) => program.status === 'closed' && program.closedAt !== undefined)).toBe(true);
    expect((await list({ status: 'running' })).items.map((program: { programId: string }) => program.programId)).toContain(id);
    expect((await list({ asOf: before })).items.map((program: { programId: string }) => program.programId)).not.toContain(id);
    expectProblem(await api.http().get('/improvement-programs').set(chairAuth).query({ status: 'paused' }), 400);
    expectProblem(await api.http().get('/improvement-programs').set(agent), 403);
  });
});
