import { legacyKeyWith } from '../support/api-keys.js';
import { careDesk, employeeKey, expectInvalid, expectProblem, keyWith, type Auth } from '../support/care-cases.js';
import { councilDesk, readingOf } from '../support/council.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

/** A Monday: the pack's current week runs 2026-03-02 to 2026-03-09, the week before it; the outcomes below are dated inside it. */
const MEETING_DAY = '2026-03-09';
const IN_WEEK = '2026-03-03T10:00:00Z';
const POSITION = /^[0-9]+$/;

describe('the quality council', () => {
  let api: TestApp;
  let admin: ReturnType<typeof councilDesk>;
  let chair: ReturnType<typeof councilDesk>;
  let m2: ReturnType<typeof councilDesk>;
  let m3: ReturnType<typeof councilDesk>;
  let auditor: Auth;
  let agent: Auth;
  let meetingCount = 0;

  /** A meeting of its own per test, opened with these members present. */
  async function openedMeeting(present: string[]): Promise<{ id: string; position: string }> {
    const id = `meeting-${++meetingCount}`;
    await chair.schedule({ id, day: MEETING_DAY }).expect(201);
    const opened = await chair.open(id, present).expect(200);
    return { id, position: opened.body.position };
  }

  async function proposed(meetingId: string, body: object = {}): Promise<string> {
    return (await m2.propose(meetingId, body).expect(201)).body.id;
  }

  beforeAll(async () => {
    api = await startTestApp();
    admin = councilDesk(api, asAdmin);
    chair = councilDesk(api, await employeeKey(api, 'm1', 'council-chair'));
    m2 = councilDesk(api, await employeeKey(api, 'm2', 'council-member'));
    m3 = councilDesk(api, await employeeKey(api, 'm3', 'council-member'));
    auditor = await keyWith(api, 'auditor');
    agent = await keyWith(api, 'care-agent');
    for (const member of ['m1', 'm2', 'm3', 'm4']) await admin.appoint(member).expect(200);
    await admin.appointChair('m1').expect(200);
    await admin.setQuorum({ kind: 'count', count: 2 }).expect(200);
  });

  afterAll(() => api.destroy());

  describe('roster', () => {
    it('appoints and removes members, the chair and the quorum', async () => {
      await admin.appoint('m9').expect(200);
      const removed = await admin.remove('m9').expect(200);
      expect(removed.body).toEqual({ id: 'main', revision: expect.any(Number), position: expect.stringMatching(POSITION) });
      const roster = await chair.read('', { minPosition: removed.body.position }).expect(200);
      expect(roster.body).toEqual({ members: ['m1', 'm2', 'm3', 'm4'], chairId: 'm1', quorum: { kind: 'count', count: 2 } });
    });

    it('refuses to appoint twice, to remove a non-member or the chair', async () => {
      expect((await admin.appoint('m2').expect(409)).body.code).toBe('ALREADY_A_MEMBER');
      expect((await admin.remove('x1').expect(409)).body.code).toBe('NOT_A_MEMBER');
      expect((await admin.remove('m1').expect(409)).body.code).toBe('CHAIR_CANNOT_BE_REMOVED');
    });

    it('is appointed by admins only', async () => {
      expectProblem(await chair.appoint('m8'), 403);
    });
  });

  describe('a meeting from the pack to the signed minutes', () => {
    it('pins the pack, decides with provenance, and reconstructs the decision for auditors', async () => {
      const care = careDesk(api, agent);
      await care.open({ id: 'case-kept', occurredAt: '2026-03-02T09:00:00Z' }).expect(201);
      await care.retain('case-kept', { occurredAt: IN_WEEK }).expect(200);
      await care.open({ id: 'case-refunded', occurredAt: '2026-03-02T09:00:00Z' }).expect(201);
      await care.refund('case-refunded', { occurredAt: IN_WEEK }).expect(200);

      const meeting = await openedMeeting(['m1', 'm2', 'm3']);
      const pinned = await m2.read(`/meetings/${meeting.id}/pack`, { minPosition: meeting.position }).expect(200);
      const packPosition = (await m2.read(`/meetings/${meeting.id}`).expect(200)).body.packPosition;
      // The opening appends `MeetingOpened` and then `MetricsPackRecorded`, whose position it answers.
      expect(BigInt(packPosition)).toBe(BigInt(meeting.position) - 2n);
      expect(pinned.body.periods).toEqual({ current: { from: '2026-03-02', to: '2026-03-09' }, previous: { from: '2026-02-23', to: '2026-03-02' } });
      expect(pinned.body).toMatchObject({ periodRule: 'complete-weeks-before', recordedAt: expect.any(String) });
      expect(pinned.body.then.asOf.position).toBe(packPosition);
      expect(readingOf(pinned.body.then, 'care.retentionShare')).toMatchObject({ target: 0.6, current: { value: 0.5, deviation: 0.5 - 0.6, onTarget: false } });
      expect(readingOf(pinned.body.then, 'support.firstResponseMinutes')).toMatchObject({ target: 2, current: { value: null } });
      expect(pinned.body.now).toBeUndefined();

      // A late fact dated in the pack's week: the pinned pack stays, "now" shows it.
      await care.open({ id: 'case-late', occurredAt: '2026-03-02T09:00:00Z' }).expect(201);
      const late = await care.retain('case-late', { occurredAt: IN_WEEK }).expect(200);
      const compared = await m2.read(`/meetings/${meeting.id}/pack`, { compare: 'now', minPosition: late.body.position }).expect(200);
      expect(compared.body.then).toEqual(pinned.body.then);
      expect(readingOf(compared.body.now, 'care.retentionShare')).toMatchObject({ current: { value: 2 / 3 }, changes: ['late-facts'] });
      expect(readingOf(compared.body.now, 'quality.checklistPassRate')).toMatchObject({ changes: [] });
      expect(BigInt(compared.body.now.asOf.position)).toBeGreaterThanOrEqual(BigInt(late.body.position));

      const proposalId = await proposed(meeting.id, { evidence: [{ kind: 'careCase', id: 'case-refunded' }] });
      await chair.vote(meeting.id, proposalId, 'for').expect(200);
      await m2.vote(meeting.id, proposalId, 'for').expect(200);
      await m3.vote(meeting.id, proposalId, 'against').expect(200);
      await m3.dissent(meeting.id, proposalId).expect(200);
      await chair.decide(meeting.id, proposalId).expect(200);
      await chair.close(meeting.id).expect(200);
      const signed = await chair.sign(meeting.id).expect(200);

      const decision = await api.http().get(`/audit/decisions/${proposalId}`).set(auditor).query({ minPosition: signed.body.position }).expect(200);
      expect(decision.body).toMatchObject({
        decisionId: proposalId,
        outcome: 'adopted',
        meetingId: meeting.id,
        present: ['m1', 'm2', 'm3'],
        tally: { present: 3, for: 2, against: 1, abstain: 0 },
        votes: [
          { memberId: 'm1', choice: 'for' },
          { memberId: 'm2', choice: 'for' },
          { memberId: 'm3', choice: 'against' },
        ],
        dissent: [{ memberId: 'm3', opinion: 'Two weeks are too few to tell' }],
        evidence: [{ kind: 'careCase', id: 'case-refunded' }],
        minutes: { chairId: 'm1', text: 'Present: 3 of 3. Adopted: retraining.' },
      });
      expect(decision.body.pack.then).toEqual(pinned.body.then);
      const view = await m2.read(`/meetings/${meeting.id}`).expect(200);
      expect(view.body).toMatchObject({ status: 'signed', present: ['m1', 'm2', 'm3'], quorumNeeded: 2, proposals: [{ proposalId, status: 'adopted' }] });
    });
  });

  describe('majority and quorum', () => {
    it('rejects a tie of the members present, and keeps the rejection for auditors', async () => {
      const meeting = await openedMeeting(['m1', 'm2']);
      const proposalId = await proposed(meeting.id);
      await chair.vote(meeting.id, proposalId, 'for').expect(200);
      await m2.vote(meeting.id, proposalId, 'against').expect(200);
      const decided = await chair.decide(meeting.id, proposalId).expect(200);
      const decision = await api.http().get(`/audit/decisions/${proposalId}`).set(auditor).query({ minPosition: decided.body.position }).expect(200);
      expect(decision.body).toMatchObject({ outcome: 'rejected', tally: { present: 2, for: 1, against: 1, abstain: 0 }, minutes: null });
    });

    it('counts an abstention as present but not for', async () => {
      const meeting = await openedMeeting(['m1', 'm2', 'm3']);
      const proposalId = await proposed(meeting.id);
      await chair.vote(meeting.id, proposalId, 'for').expect(200);
      await m2.vote(meeting.id, proposalId, 'abstain').expect(200);
      const decided = await chair.decide(meeting.id, proposalId).expect(200);
      const view = await m2.read(`/meetings/${meeting.id}`, { minPosition: decided.body.position }).expect(200);
      expect(view.body.proposals[0]).toMatchObject({ status: 'rejected', tally: { present: 3, for: 1, against: 0, abstain: 1 } });
    });

    it('decides nothing below the quorum', async () => {
      const meeting = await openedMeeting(['m2']);
      const proposalId = await proposed(meeting.id);
      await m2.vote(meeting.id, proposalId, 'for').expect(200);
      expect((await chair.decide(meeting.id, proposalId).expect(409)).body.code).toBe('QUORUM_NOT_MET');
    });
  });

  describe('rules', () => {
    it('answers 409 with the rule for votes, dissent, closing and minutes out of turn', async () => {
      const meeting = await openedMeeting(['m1', 'm2']);
      const proposalId = await proposed(meeting.id);
      expect((await m3.vote(meeting.id, proposalId, 'for').expect(409)).body.code).toBe('NOT_PRESENT');
      expect((await m3.propose(meeting.id).expect(409)).body.code).toBe('NOT_PRESENT');
      await m2.vote(meeting.id, proposalId, 'for').expect(200);
      expect((await m2.vote(meeting.id, proposalId, 'against').expect(409)).body.code).toBe('ALREADY_VOTED');
      expect((await m2.dissent(meeting.id, proposalId).expect(409)).body.code).toBe('NOT_A_DISSENTER');
      expect((await chair.close(meeting.id).expect(409)).body.code).toBe('PROPOSALS_UNDECIDED');
      expect((await chair.sign(meeting.id).expect(409)).body.code).toBe('MEETING_NOT_CLOSED');
      await chair.decide(meeting.id, proposalId).expect(200);
      expect((await chair.decide(meeting.id, proposalId).expect(409)).body.code).toBe('PROPOSAL_DECIDED');
      expect((await chair.open(meeting.id, ['m1']).expect(409)).body.code).toBe('MEETING_NOT_SCHEDULED');
      await chair.close(meeting.id).expect(200);
      expect((await m2.propose(meeting.id).expect(409)).body.code).toBe('MEETING_NOT_OPEN');
      const otherChairKey = councilDesk(api, await employeeKey(api, 'm2', 'council-chair'));
      expect((await otherChairKey.sign(meeting.id).expect(409)).body.code).toBe('NOT_THE_CHAIR');
      await chair.sign(meeting.id).expect(200);
      expect((await chair.sign(meeting.id).expect(409)).body.code).toBe('MINUTES_ALREADY_SIGNED');
    });

    it('schedules weekly by default: a week after the latest meeting', async () => {
      const latest = await chair.schedule({ id: 'meeting-weekly-1', day: '2030-01-07' }).expect(201);
      await m2.read('/meetings/meeting-weekly-1', { minPosition: latest.body.position }).expect(200);
      const next = await chair.schedule({ id: 'meeting-weekly-2' }).expect(201);
      const meeting = await m2.read('/meetings/meeting-weekly-2', { minPosition: next.body.position }).expect(200);
      expect(meeting.body.day).toBe('2030-01-14');
    });

    it('refuses a meeting id twice and a non-member present', async () => {
      await chair.schedule({ id: 'meeting-dup', day: MEETING_DAY }).expect(201);
      expect((await chair.schedule({ id: 'meeting-dup', day: MEETING_DAY }).expect(409)).body.code).toBe('MEETING_EXISTS');
      expect((await chair.open('meeting-dup', ['m1', 'x7']).expect(409)).body.code).toBe('NOT_A_MEMBER');
    });
  });

  describe('errors', () => {
    it('answers 400 for unknown fields and bad values, appending nothing', async () => {
      await expectInvalid(api, () => chair.schedule({ day: MEETING_DAY, venue: 'room 4' }), 'venue');
      await expectInvalid(api, () => chair.schedule({ day: '2026-02-30' }), 'day');
      const meeting = await openedMeeting(['m1', 'm2']);
      const proposalId = await proposed(meeting.id);
      await expectInvalid(api, () => m2.vote(meeting.id, proposalId, 'maybe'), 'choice');
      await expectInvalid(api, () => m2.propose(meeting.id, { evidence: [{ kind: 'invoice', id: 'inv-1' }] }), 'evidence.0.kind');
      await expectInvalid(api, () => admin.setQuorum({ kind: 'count', count: 0 }), 'quorum.count');
      await expectInvalid(api, () => m2.read(`/meetings/${meeting.id}/pack`, { compare: 'then' }), 'compare');
    });

    it('answers 401 without a key, 403 for a wrong role or a key of no employee', async () => {
      expectProblem(await api.http().get('/council/meetings/meeting-1'), 401);
      expectProblem(await councilDesk(api, agent).schedule({ day: MEETING_DAY }), 403);
      expectProblem(await api.http().get('/audit/decisions/anything').set(agent), 403);
      expectProblem(await m2.read('/meetings/meeting-1/pack').set(agent), 403);
      const meeting = await openedMeeting(['m1', 'm2']);
      const keyOfNoEmployee = councilDesk(api, (await legacyKeyWith(api, ['council-member'])).auth);
      expectProblem(await keyOfNoEmployee.propose(meeting.id), 403);
    });

    it('answers 404 for an unknown meeting, proposal or decision, and for the pack of an unopened meeting', async () => {
      expectProblem(await chair.open('no-such-meeting', ['m1']), 404);
      expectProblem(await m2.read('/meetings/no-such-meeting'), 404);
      const meeting = await openedMeeting(['m1', 'm2']);
      expectProblem(await m2.vote(meeting.id, 'no-such-proposal', 'for'), 404);
      expectProblem(await api.http().get('/audit/decisions/no-such-decision').set(auditor), 404);
      const scheduled = await chair.schedule({ id: 'meeting-unopened', day: MEETING_DAY }).expect(201);
      expectProblem(await m2.read('/meetings/meeting-unopened/pack', { minPosition: scheduled.body.position }), 404);
    });

    it('answers 412 when If-Match names a revision the meeting left', async () => {
      const scheduled = await chair.schedule({ id: 'meeting-pinned', day: MEETING_DAY }).expect(201);
      expect(scheduled.body.revision).toBe(0);
      expectProblem(await chair.open('meeting-pinned', ['m1'], { 'If-Match': '5' }), 412);
      await chair.open('meeting-pinned', ['m1'], { 'If-Match': '0' }).expect(200);
    });
  });

  it('documents every council route in /docs-json with its roles', async () => {
    const { body: document } = await api.http().get('/docs-json').expect(200);
    const operations: [string, string, RegExp][] = [
      ['/council', 'get', /^Roles: council-member, council-chair, auditor, admin/],
      ['/council/members', 'post', /^Roles: admin/],
      ['/council/members/{memberId}/removal', 'post', /^Roles: admin/],
      ['/council/chair', 'post', /^Roles: admin/],
      ['/council/quorum', 'post', /^Roles: admin/],
      ['/council/meetings', 'post', /^Roles: council-chair/],
      ['/council/meetings/{id}', 'get', /^Roles: council-member/],
      ['/council/meetings/{id}/opening', 'post', /^Roles: council-chair/],
      ['/council/meetings/{id}/proposals', 'post', /^Roles: council-member, council-chair/],
      ['/council/meetings/{id}/proposals/{proposalId}/votes', 'post', /^Roles: council-member, council-chair/],
      ['/council/meetings/{id}/proposals/{proposalId}/dissent', 'post', /^Roles: council-member, council-chair/],
      ['/council/meetings/{id}/proposals/{proposalId}/decision', 'post', /^Roles: council-chair/],
      ['/council/meetings/{id}/closing', 'post', /^Roles: council-chair/],
      ['/council/meetings/{id}/minutes', 'post', /^Roles: council-chair/],
      ['/council/meetings/{id}/pack', 'get', /^Roles: council-member/],
      ['/audit/decisions/{id}', 'get', /^Roles: auditor, admin/],
    ];
    for (const [path, method, roles] of operations) {
      const operation = document.paths[path]?.[method];
      expect({ path, method, operation }).toMatchObject({ operation: { security: [{ bearer: [] }], summary: expect.any(String), description: expect.stringMatching(roles) } });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', method === 'post' ? '412' : '503']));
    }
  });
});
