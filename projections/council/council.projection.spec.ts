import {
  councilDecider,
  meetingDecider,
  programDecider,
  type CouncilCommand,
  type CouncilState,
  type MeetingCommand,
  type ProgramCommand,
} from '#domain/council/index.js';
import { SAMPLE_PACK, trainingNeed } from '#domain/council/testing.js';
import { decidedHistory, projectionSpec } from '#kernel/testing.js';
import { council, decisionDocumentId, meetingDocumentId, packDocumentId, planOf, programDocumentId, ROSTER_DOCUMENT_ID, type MeetingDocument } from './council.projection.js';

const AT = '2026-03-02T09:00:00.000Z';
const roster: CouncilState = { members: ['m1', 'm2', 'm3'], chairId: 'm1', quorum: { kind: 'count', count: 2 } };

const meetingHistory = (...commands: MeetingCommand[]) =>
  decidedHistory(meetingDecider, { streamOf: (c) => `councilMeeting-${c.meetingId}`, roles: ['council-chair'] }, commands.map((c) => ['chair', c] as const));
const councilHistory = (...commands: CouncilCommand[]) =>
  decidedHistory(councilDecider, { streamOf: () => 'council-main', roles: ['admin'] }, commands.map((c) => ['admin', c] as const));

const schedule: MeetingCommand = { type: 'ScheduleMeeting', meetingId: 'mt-1', day: '2026-03-02', at: AT };
const PACK_CHECKPOINT = { treeSize: 17, rootHash: 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=' };
const MINUTES_CHECKPOINT = { treeSize: 25, rootHash: 'kOY9hfoassjtZSIvPr15Sx5SS0t8+EvsRRVC0EUbKYU=' };
const open: MeetingCommand = {
  type: 'OpenMeeting',
  meetingId: 'mt-1',
  present: ['m1', 'm2'],
  packPosition: '17',
  packCheckpoint: PACK_CHECKPOINT,
  pack: SAMPLE_PACK,
  council: roster,
  at: AT,
};
const submit: MeetingCommand = {
  type: 'SubmitProposal',
  meetingId: 'mt-1',
  proposalId: 'p-1',
  proposerId: 'm2',
  text: 'Weekly calibration of inspectors',
  rationale: 'Pass rates differ by inspector',
  evidence: [{ kind: 'inspection', id: 'insp-3' }],
  at: AT,
};
const vote = (memberId: string, choice: 'for' | 'against'): MeetingCommand => ({
  type: 'CastVote',
  meetingId: 'mt-1',
  proposalId: 'p-1',
  memberId,
  choice,
  reason: 'because',
  at: AT,
});
const decide: MeetingCommand = { type: 'DecideProposal', meetingId: 'mt-1', proposalId: 'p-1', at: AT };

describe('the council projection', () => {
  it('keeps the roster', () => {
    projectionSpec(council)
      .given(
        councilHistory(
          { type: 'AppointCouncilMember', memberId: 'm1', at: AT },
          { type: 'AppointCouncilMember', memberId: 'm2', at: AT },
          { type: 'AppointCouncilChair', memberId: 'm1', at: AT },
          { type: 'RemoveCouncilMember', memberId: 'm2', at: AT },
          { type: 'SetCouncilQuorum', quorum: { kind: 'count', count: 1 }, at: AT },
        ),
      )
      .thenDocument(ROSTER_DOCUMENT_ID, { kind: 'roster', members: ['m1'], chairId: 'm1', quorum: { kind: 'count', count: 1 } });
  });

  it('follows a meeting through its proposals and keeps each decided proposal under its own id', () => {
    const spec = projectionSpec(council).given(
      meetingHistory(
        schedule,
        open,
        submit,
        vote('m1', 'for'),
        vote('m2', 'for'),
        decide,
        { type: 'ResolveAgendaItem', meetingId: 'mt-1', programId: 'prog-0', actionId: 'a-9', resolution: 'carried-over', note: 'Owner on leave', at: AT },
        { type: 'CloseMeeting', meetingId: 'mt-1', staleItems: ['a-9'], at: AT },
        { type: 'SignMinutes', meetingId: 'mt-1', signerId: 'm1', minutes: 'Calibration adopted.', checkpoint: MINUTES_CHECKPOINT, council: roster, at: AT },
      ),
    );
    const votes = [
      { memberId: 'm1', choice: 'for', reason: 'because' },
      { memberId: 'm2', choice: 'for', reason: 'because' },
    ] as const;
    const tally = { present: 2, for: 2, against: 0, abstain: 0 };
    const expected: MeetingDocument = {
      kind: 'meeting',
      meetingId: 'mt-1',
      day: '2026-03-02',
      status: 'signed',
      scheduledAt: AT,
      openedAt: AT,
      chairId: 'm1',
      present: ['m1', 'm2'],
      quorumNeeded: 2,
      packPosition: '17',
      packCheckpoint: PACK_CHECKPOINT,
      proposals: [
        {
          proposalId: 'p-1',
          proposerId: 'm2',
          text: 'Weekly calibration of inspectors',
          rationale: 'Pass rates differ by inspector',
          evidence: [{ kind: 'inspection', id: 'insp-3' }],
          votes,
          dissent: [],
          status: 'adopted',
          tally,
          decidedAt: AT,
        },
      ],
      resolvedItems: [{ programId: 'prog-0', actionId: 'a-9', resolution: 'carried-over', note: 'Owner on leave' }],
      closedAt: AT,
      minutes: { chairId: 'm1', text: 'Calibration adopted.', signedAt: AT, checkpoint: MINUTES_CHECKPOINT },
    };
    spec.thenDocument(meetingDocumentId('mt-1'), expected).thenDocument(decisionDocumentId('p-1'), {
      kind: 'decision',
      outcome: 'adopted',
      meetingId: 'mt-1',
      proposalId: 'p-1',
      text: 'Weekly calibration of inspectors',
      rationale: 'Pass rates differ by inspector',
      packPosition: '17',
      present: ['m1', 'm2'],
      votes,
      tally,
      dissent: [],
      evidence: [{ kind: 'inspection', id: 'insp-3' }],
      decidedAt: AT,
    });
  });

  it('keeps the pack a meeting was shown, as recorded at its opening', () => {
    projectionSpec(council)
      .given(meetingHistory(schedule, open))
      .thenDocument(packDocumentId('mt-1'), { kind: 'pack', meetingId: 'mt-1', ...SAMPLE_PACK, packPosition: '17', packCheckpoint: PACK_CHECKPOINT, recordedAt: AT });
  });

  it('records a rejected proposal as decided too', () => {
    const spec = projectionSpec(council).given(meetingHistory(schedule, open, submit, vote('m1', 'for'), vote('m2', 'against'), decide));
    expect((spec.documents.get(decisionDocumentId('p-1')) as { outcome: string }).outcome).toBe('rejected');
    expect((spec.documents.get(meetingDocumentId('mt-1')) as MeetingDocument).proposals[0]!.status).toBe('rejected');
  });
});

describe('the improvement programs in the council projection', () => {
  const goal = { indicator: 'care.retentionShare', direction: 'higher-is-better', targetValue: 0.6, targetDate: '2026-06-30', baseline: 0.5 } as const;
  const programHistory = (...commands: ProgramCommand[]) =>
    decidedHistory(programDecider, { streamOf: (c) => `improvementProgram-${c.programId}`, roles: ['council-chair'] }, commands.map((c) => ['chair', c] as const));

  it('keeps goals, actions with their completion, the effectiveness check and the closing', () => {
    projectionSpec(council)
      .given(
        programHistory(
          { type: 'CreateProgram', programId: 'prog-1', decision: { decisionId: 'p-1', outcome: 'adopted' }, title: 'Retention scripts', goals: [goal], at: AT },
          { type: 'PlanAction', programId: 'prog-1', actionId: 'a-1', description: 'Rewrite', ownerId: 'emp-7', deadline: '2026-03-20', completionCriteria: 'Published', at: AT },
          { type: 'PlanAction', programId: 'prog-1', actionId: 'a-2', description: 'Train', ownerId: 'emp-8', deadline: '2026-03-27', completionCriteria: 'Everyone trained', at: AT },
          { type: 'CompleteAction', programId: 'prog-1', actionId: 'a-1', at: AT },
          { type: 'CheckEffectiveness', programId: 'prog-1', readings: { 'care.retentionShare': 0.7 }, at: AT },
          { type: 'CloseProgram', programId: 'prog-1', at: AT },
        ),
      )
      .thenDocument(programDocumentId('prog-1'), {
        kind: 'program',
        programId: 'prog-1',
        decisionId: 'p-1',
        title: 'Retention scripts',
        status: 'closed',
        goals: [goal],
        actions: [
          { actionId: 'a-1', description: 'Rewrite', ownerId: 'emp-7', deadline: '2026-03-20', completionCriteria: 'Published', completedAt: AT },
          { actionId: 'a-2', description: 'Train', ownerId: 'emp-8', deadline: '2026-03-27', completionCriteria: 'Everyone trained' },
        ],
        effectiveness: { results: [{ indicator: 'care.retentionShare', targetValue: 0.6, before: 0.5, after: 0.7, achieved: true }], effective: true, checkedAt: AT },
        createdAt: AT,
        closedAt: AT,
      });
  });

  it('keeps the plan of measures: standards, training needs, stages with their actions, and documents to change', () => {
    const LATER = '2026-03-09T09:00:00.000Z';
    projectionSpec(council)
      .given(
        programHistory(
          { type: 'CreateProgram', programId: 'prog-1', decision: { decisionId: 'p-1', outcome: 'adopted' }, title: 'Retention scripts', goals: [goal], at: AT },
          { type: 'ListStandards', programId: 'prog-1', standardIds: ['std-refunds'], at: AT },
          { type: 'ListStandards', programId: 'prog-1', standardIds: ['std-refunds', 'std-scripts'], at: AT },
          trainingNeed(AT),
          { type: 'PlanStage', programId: 'prog-1', stageId: 's-1', title: 'New scripts', at: AT },
          { type: 'PlanAction', programId: 'prog-1', actionId: 'a-1', stageId: 's-1', description: 'Rewrite', ownerId: 'emp-7', deadline: '2026-03-20', completionCriteria: 'Published', at: AT },
          {
            type: 'PlanDocumentChange',
            programId: 'prog-1',
            changeId: 'ch-1',
            document: { kind: 'standard', id: 'std-refunds' },
            standing: { status: 'current', version: 1 },
            change: 'New limits',
            ownerId: 'emp-9',
            deadline: '2026-04-15',
            at: AT,
          },
          { type: 'CompleteDocumentChange', programId: 'prog-1', changeId: 'ch-1', version: 2, standing: { status: 'current', version: 2 }, at: LATER },
        ),
      )
      .thenDocument(programDocumentId('prog-1'), {
        kind: 'program',
        programId: 'prog-1',
        decisionId: 'p-1',
        title: 'Retention scripts',
        status: 'running',
        goals: [goal],
        standardIds: ['std-refunds', 'std-scripts'],
        trainingNeeds: [{ needId: 'need-1', competencyId: 'regs', employeeIds: ['emp-1', 'emp-2'], positionIds: ['line-1'], dueOn: '2026-04-30', recordedAt: AT }],
        stages: [{ stageId: 's-1', title: 'New scripts', plannedAt: AT }],
        actions: [{ actionId: 'a-1', stageId: 's-1', description: 'Rewrite', ownerId: 'emp-7', deadline: '2026-03-20', completionCriteria: 'Published' }],
        documentChanges: [
          {
            changeId: 'ch-1',
            document: { kind: 'standard', id: 'std-refunds', version: 1 },
            change: 'New limits',
            ownerId: 'emp-9',
            deadline: '2026-04-15',
            plannedAt: AT,
            completed: { version: 2, completedAt: LATER },
          },
        ],
        createdAt: AT,
      });
  });

  it('reads the plan of a program from before plans as empty', () => {
    const before = { kind: 'program', programId: 'prog-0', decisionId: 'p-0', title: 'Old', status: 'running', goals: [goal], actions: [], createdAt: AT } as const;
    expect(planOf(before)).toEqual({ standardIds: [], trainingNeeds: [], stages: [], actions: [], documentChanges: [] });
  });
});
