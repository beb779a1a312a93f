import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { eventsOf, SAMPLE_PACK } from './testing.js';
import type { CouncilState } from './council.decider.js';
import type { CastVote, MeetingCommand, SubmitProposal } from './meeting.commands.js';
import { meetingDecider } from './meeting.decider.js';
import { isAdopted, tallyOf, type MeetingEvent, type VoteChoice } from './meeting.events.js';

const AT = '2026-03-02T09:00:00.000Z';
const PACK_CHECKPOINT = { treeSize: 42, rootHash: 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=' };
const SIGNING_CHECKPOINT = { treeSize: 57, rootHash: 'kOY9hfoassjtZSIvPr15Sx5SS0t8+EvsRRVC0EUbKYU=' };
const council: CouncilState = { members: ['m1', 'm2', 'm3', 'm4', 'm5'], chairId: 'm1', quorum: { kind: 'count', count: 3 } };
const { given } = deciderSpec(meetingDecider);

const schedule: MeetingCommand = { type: 'ScheduleMeeting', meetingId: 'mt-1', day: '2026-03-02', at: AT };
const openWith = (present: string[], roster: CouncilState = council): MeetingCommand => ({
  type: 'OpenMeeting',
  meetingId: 'mt-1',
  present,
  packPosition: '42',
  packCheckpoint: PACK_CHECKPOINT,
  pack: SAMPLE_PACK,
  council: roster,
  at: AT,
});
const submit = (proposalId = 'p-1'): SubmitProposal => ({
  type: 'SubmitProposal',
  meetingId: 'mt-1',
  proposalId,
  proposerId: 'm2',
  text: 'Retrain the webinar section on refund scripts',
  rationale: 'Retention share fell below target two weeks running',
  evidence: [{ kind: 'careCase', id: 'case-7' }],
  at: AT,
});
const voteBy = (memberId: string, choice: VoteChoice): CastVote => ({
  type: 'CastVote',
  meetingId: 'mt-1',
  proposalId: 'p-1',
  memberId,
  choice,
  reason: `${choice} because`,
  at: AT,
});
const dissentBy = (memberId: string): MeetingCommand => ({
  type: 'RecordDissent',
  meetingId: 'mt-1',
  proposalId: 'p-1',
  memberId,
  opinion: 'The numbers do not support it',
  at: AT,
});
const decide: MeetingCommand = { type: 'DecideProposal', meetingId: 'mt-1', proposalId: 'p-1', at: AT };
const close: MeetingCommand = { type: 'CloseMeeting', meetingId: 'mt-1', staleItems: [], at: AT };
const resolve = (actionId: string): MeetingCommand => ({
  type: 'ResolveAgendaItem',
  meetingId: 'mt-1',
  programId: 'prog-1',
  actionId,
  resolution: 'escalated',
  note: 'Owner left the section',
  at: AT,
});
const signBy = (signerId: string): MeetingCommand => ({
  type: 'SignMinutes',
  meetingId: 'mt-1',
  signerId,
  minutes: 'Adopted p-1.',
  checkpoint: SIGNING_CHECKPOINT,
  council,
  at: AT,
});

/** The events the decider appends for these commands, one after the other. */
const history = (...commands: MeetingCommand[]): MeetingEvent[] => eventsOf(meetingDecider, commands);

const opened = (...present: string[]) => history(schedule, openWith(present), submit());
const outcomeOf = (events: readonly MeetingEvent[]) => meetingDecider.decide(decide, events.reduce(meetingDecider.evolve, meetingDecider.initialState()))[0]!;

describe('a council meeting', () => {
  it('is scheduled once', () => {
    given([]).when(schedule).then([{ type: 'MeetingScheduled', data: { meetingId: 'mt-1', day: '2026-03-02', scheduledAt: AT } }]);
    given(history(schedule)).when(schedule).thenThrows(DomainRuleError, 'MEETING_EXISTS');
    given([]).when({ ...schedule, day: '2026-02-30' } as MeetingCommand).thenRejects(['day']);
  });

  it('opens with the members present, the quorum needed, and the pack pinned to the log and to the ledger over it, and records the pack', () => {
    given(history(schedule))
      .when(openWith(['m1', 'm2', 'm3']))
      .then([
        {
          type: 'MeetingOpened',
          data: {
            meetingId: 'mt-1',
            openedAt: AT,
            chairId: 'm1',
            members: council.members,
            present: ['m1', 'm2', 'm3'],
            quorumNeeded: 3,
            packPosition: '42',
            packCheckpoint: PACK_CHECKPOINT,
          },
        },
        { type: 'MetricsPackRecorded', data: { meetingId: 'mt-1', ...SAMPLE_PACK, packPosition: '42', packCheckpoint: PACK_CHECKPOINT, recordedAt: AT } },
      ]);
  });

  it('refuses a pack that is not periods and indicators with readings', () => {
    const withPack = (pack: unknown) => ({ ...openWith(['m1']), pack }) as MeetingCommand;
    const indicator = SAMPLE_PACK.indicators[0]!;
    given(history(schedule)).when(withPack(undefined)).thenRejects(['pack']);
    given(history(schedule)).when({ ...openWith(['m1']), packPosition: 'head' } as MeetingCommand).thenRejects(['packPosition']);
    given(history(schedule)).when(withPack({ ...SAMPLE_PACK, periodRule: 'any-week' })).thenRejects(['pack.periodRule']);
    given(history(schedule))
      .when(withPack({ ...SAMPLE_PACK, periods: { ...SAMPLE_PACK.periods, current: { from: '2026-03-02', to: '2026-02-23' } } }))
      .thenRejects(['pack.periods.current.to']);
    given(history(schedule)).when(withPack({ ...SAMPLE_PACK, indicators: [{ ...indicator, definitionVersion: 0 }] })).thenRejects(['pack.indicators.0.definitionVersion']);
    given(history(schedule))
      .when(withPack({ ...SAMPLE_PACK, indicators: [{ ...indicator, current: { ...indicator.current, value: Number.NaN } }] }))
      .thenRejects(['pack.indicators.0.current.value']);
    given(history(schedule))
      .when(withPack({ ...SAMPLE_PACK, indicators: [{ ...indicator, previous: { ...indicator.previous, sample: 2.5 } }] }))
      .thenRejects(['pack.indicators.0.previous.sample']);
    given(history(schedule)).when(withPack({ ...SAMPLE_PACK, indicators: [{ ...indicator, sampleOf: '' }] })).thenRejects(['pack.indicators.0.sampleOf']);
  });

  it('records the pack of a meeting opened before packs were recorded, once, with the position and checkpoint it pinned', () => {
    const earlierPack = { ...SAMPLE_PACK, periodRule: 'week-of-meeting' as const };
    const record: MeetingCommand = { type: 'RecordMetricsPack', meetingId: 'mt-1', pack: earlierPack, at: AT };
    const openedBefore = history(schedule, openWith(['m1'])).filter((event) => event.type !== 'MetricsPackRecorded');
    given(openedBefore)
      .when(record)
      .then([{ type: 'MetricsPackRecorded', data: { meetingId: 'mt-1', ...earlierPack, packPosition: '42', packCheckpoint: PACK_CHECKPOINT, recordedAt: AT } }]);
    given(openedBefore.map((event) => (event.type === 'MeetingOpened' ? { ...event, data: { ...event.data, packCheckpoint: null } } : event)))
      .when(record)
      .then([{ type: 'MetricsPackRecorded', data: { meetingId: 'mt-1', ...earlierPack, packPosition: '42', packCheckpoint: null, recordedAt: AT } }]);
    given(history(schedule, openWith(['m1']))).when(record).thenThrows(DomainRuleError, 'PACK_ALREADY_RECORDED');
    given(history(schedule)).when(record).thenThrows(DomainRuleError, 'MEETING_NOT_OPENED');
    given([]).when(record).thenThrows(NotFoundError);
  });

  it('refuses a checkpoint that is not a tree size and a base64 SHA-256 root', () => {
    const withCheckpoint = (packCheckpoint: unknown) => ({ ...openWith(['m1']), packCheckpoint }) as MeetingCommand;
    given(history(schedule)).when(withCheckpoint({ treeSize: -1, rootHash: PACK_CHECKPOINT.rootHash })).thenRejects(['packCheckpoint.treeSize']);
    given(history(schedule)).when(withCheckpoint({ treeSize: 42, rootHash: 'abc' })).thenRejects(['packCheckpoint.rootHash']);
    given(history(schedule)).when(withCheckpoint(undefined)).thenRejects(['packCheckpoint']);
    given(history(schedule, openWith(['m1']), close)).when({ ...signBy('m1'), checkpoint: { treeSize: 1.5, rootHash: 'x' } } as MeetingCommand).thenRejects(['checkpoint.treeSize']);
  });

  it('refuses to open twice, without a chair, with a non-member present, or unscheduled', () => {
    given(history(schedule, openWith(['m1']))).when(openWith(['m1'])).thenThrows(DomainRuleError, 'MEETING_NOT_SCHEDULED');
    given(history(schedule)).when(openWith(['m1'], { ...council, chairId: undefined })).thenThrows(DomainRuleError, 'NO_CHAIR');
    given(history(schedule)).when(openWith(['m1', 'x9'])).thenThrows(DomainRuleError, 'NOT_A_MEMBER');
    given([]).when(openWith(['m1'])).thenThrows(NotFoundError);
    given(history(schedule)).when({ ...openWith(['m1']), packPosition: 'head' } as MeetingCommand).thenRejects(['packPosition']);
  });

  it('takes proposals from members present only, once per id, while open', () => {
    given(history(schedule)).when(submit()).thenThrows(DomainRuleError, 'MEETING_NOT_OPEN');
    given(history(schedule, openWith(['m1']))).when(submit()).thenThrows(DomainRuleError, 'NOT_PRESENT');
    given(opened('m1', 'm2')).when(submit()).thenThrows(DomainRuleError, 'PROPOSAL_EXISTS');
    given(opened('m1', 'm2'))
      .when({ ...submit('p-2'), evidence: [{ kind: 'invoice', id: 'x' }] } as unknown as MeetingCommand)
      .thenRejects(['evidence.0.kind']);
  });

  it('takes one vote per member present, with a reason', () => {
    given(opened('m1', 'm2', 'm3'))
      .when(voteBy('m3', 'against'))
      .then([{ type: 'VoteCast', data: { meetingId: 'mt-1', proposalId: 'p-1', memberId: 'm3', choice: 'against', reason: 'against because', castAt: AT } }]);
    given(history(schedule, openWith(['m1', 'm2']), submit(), voteBy('m1', 'for'))).when(voteBy('m1', 'against')).thenThrows(DomainRuleError, 'ALREADY_VOTED');
    given(opened('m1', 'm2')).when(voteBy('m4', 'for')).thenThrows(DomainRuleError, 'NOT_PRESENT');
    given(opened('m1', 'm2')).when({ ...voteBy('m1', 'for'), proposalId: 'p-9' }).thenThrows(NotFoundError);
    given(opened('m1', 'm2')).when({ ...voteBy('m1', 'for'), reason: ' ' }).thenRejects(['reason']);
  });

  it('keeps dissent from members who voted against or abstained, once', () => {
    const voted = history(schedule, openWith(['m1', 'm2', 'm3']), submit(), voteBy('m1', 'for'), voteBy('m2', 'abstain'));
    given(voted)
      .when(dissentBy('m2'))
      .then([{ type: 'DissentRecorded', data: { meetingId: 'mt-1', proposalId: 'p-1', memberId: 'm2', opinion: 'The numbers do not support it', recordedAt: AT } }]);
    given(voted).when(dissentBy('m1')).thenThrows(DomainRuleError, 'NOT_A_DISSENTER');
    given(voted).when(dissentBy('m3')).thenThrows(DomainRuleError, 'NOT_A_DISSENTER');
    given(history(schedule, openWith(['m1', 'm2']), submit(), voteBy('m2', 'against'), dissentBy('m2')))
      .when(dissentBy('m2'))
      .thenThrows(DomainRuleError, 'NOT_A_DISSENTER');
  });

  it('adopts by a majority of the members present, carrying votes, dissent, evidence and the pack position', () => {
    const events = history(schedule, openWith(['m1', 'm2', 'm3']), submit(), voteBy('m1', 'for'), voteBy('m2', 'for'), voteBy('m3', 'against'), dissentBy('m3'));
    given(events)
      .when(decide)
      .then([
        {
          type: 'DecisionAdopted',
          data: {
            meetingId: 'mt-1',
            proposalId: 'p-1',
            text: 'Retrain the webinar section on refund scripts',
            rationale: 'Retention share fell below target two weeks running',
            packPosition: '42',
            present: ['m1', 'm2', 'm3'],
            votes: [
              { memberId: 'm1', choice: 'for', reason: 'for because' },
              { memberId: 'm2', choice: 'for', reason: 'for because' },
              { memberId: 'm3', choice: 'against', reason: 'against because' },
            ],
            tally: { present: 3, for: 2, against: 1, abstain: 0 },
            dissent: [{ memberId: 'm3', opinion: 'The numbers do not support it' }],
            evidence: [{ kind: 'careCase', id: 'case-7' }],
            decidedAt: AT,
          },
        },
      ]);
  });

  it('rejects on a tie, and counts abstentions and missing votes as present but not for', () => {
    const tie = history(schedule, openWith(['m1', 'm2', 'm3', 'm4']), submit(), voteBy('m1', 'for'), voteBy('m2', 'for'), voteBy('m3', 'against'), voteBy('m4', 'against'));
    expect(outcomeOf(tie).type).toBe('ProposalRejected');
    const abstained = history(schedule, openWith(['m1', 'm2', 'm3', 'm4']), submit(), voteBy('m1', 'for'), voteBy('m2', 'for'), voteBy('m3', 'abstain'));
    expect(outcomeOf(abstained).type).toBe('ProposalRejected');
    const majority = history(schedule, openWith(['m1', 'm2', 'm3', 'm4', 'm5']), submit(), voteBy('m1', 'for'), voteBy('m2', 'for'), voteBy('m3', 'for'));
    expect(outcomeOf(majority).type).toBe('DecisionAdopted');
  });

  it('decides nothing without the quorum, and nothing twice', () => {
    given(history(schedule, openWith(['m1', 'm2']), submit(), voteBy('m1', 'for'), voteBy('m2', 'for')))
      .when(decide)
      .thenThrows(DomainRuleError, 'QUORUM_NOT_MET');
    const decided = history(schedule, openWith(['m1', 'm2', 'm3']), submit(), voteBy('m1', 'for'), voteBy('m2', 'for'), decide);
    given(decided).when(decide).thenThrows(DomainRuleError, 'PROPOSAL_DECIDED');
    given(decided).when(voteBy('m3', 'for')).thenThrows(DomainRuleError, 'PROPOSAL_DECIDED');
  });

  it('closes only with every proposal decided; the chair alone signs the minutes of a closed meeting, once', () => {
    given(opened('m1', 'm2', 'm3')).when(close).thenThrows(DomainRuleError, 'PROPOSALS_UNDECIDED');
    const decided = history(schedule, openWith(['m1', 'm2', 'm3']), submit(), voteBy('m1', 'for'), voteBy('m2', 'for'), decide);
    given(decided).when(close).then([{ type: 'MeetingClosed', data: { meetingId: 'mt-1', closedAt: AT } }]);
    given(decided).when(signBy('m1')).thenThrows(DomainRuleError, 'MEETING_NOT_CLOSED');
    const closed = history(schedule, openWith(['m1', 'm2', 'm3']), close);
    given(closed).when(close).thenThrows(DomainRuleError, 'MEETING_NOT_OPEN');
    given(closed).when(signBy('m2')).thenThrows(DomainRuleError, 'NOT_THE_CHAIR');
    given(closed)
      .when(signBy('m1'))
      .then([
        {
          type: 'MinutesSigned',
          data: { meetingId: 'mt-1', chairId: 'm1', minutes: 'Adopted p-1.', signedAt: AT, packCheckpoint: PACK_CHECKPOINT, checkpoint: SIGNING_CHECKPOINT },
        },
      ]);
    given(history(schedule, openWith(['m1']), close, signBy('m1'))).when(signBy('m1')).thenThrows(DomainRuleError, 'MINUTES_ALREADY_SIGNED');
  });
});

describe('stale agenda items', () => {
  const closeWithStale: MeetingCommand = { type: 'CloseMeeting', meetingId: 'mt-1', staleItems: ['a-1', 'a-2'], at: AT };

  it('are carried over or escalated while the meeting is open', () => {
    given(history(schedule, openWith(['m1'])))
      .when(resolve('a-1'))
      .then([
        {
          type: 'AgendaItemResolved',
          data: { meetingId: 'mt-1', programId: 'prog-1', actionId: 'a-1', resolution: 'escalated', note: 'Owner left the section', resolvedAt: AT },
        },
      ]);
    given(history(schedule)).when(resolve('a-1')).thenThrows(DomainRuleError, 'MEETING_NOT_OPEN');
    given(history(schedule, openWith(['m1']))).when({ ...resolve('a-1'), resolution: 'ignored' } as unknown as MeetingCommand).thenRejects(['resolution']);
  });

  it('keep the meeting from closing until each is resolved', () => {
    given(history(schedule, openWith(['m1']), resolve('a-1'))).when(closeWithStale).thenThrows(DomainRuleError, 'STALE_ITEMS_UNRESOLVED');
    given(history(schedule, openWith(['m1']), resolve('a-1'), resolve('a-2')))
      .when(closeWithStale)
      .then([{ type: 'MeetingClosed', data: { meetingId: 'mt-1', closedAt: AT } }]);
  });
});

describe('the majority of members present', () => {
  const votes = (...choices: VoteChoice[]) => choices.map((choice, index) => ({ memberId: `m${index}`, choice, reason: 'r' }));

  it('needs more votes for than half of those present', () => {
    expect(isAdopted(tallyOf(['a', 'b', 'c'], votes('for', 'for')))).toBe(true);
    expect(isAdopted(tallyOf(['a', 'b', 'c', 'd'], votes('for', 'for', 'against', 'against')))).toBe(false);
    expect(isAdopted(tallyOf(['a', 'b', 'c', 'd'], votes('for', 'for', 'abstain')))).toBe(false);
    expect(isAdopted(tallyOf(['a'], votes('abstain')))).toBe(false);
    expect(tallyOf(['a', 'b', 'c'], votes('for', 'against', 'abstain'))).toEqual({ present: 3, for: 1, against: 1, abstain: 1 });
  });
});
