import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import type { LogCheckpoint } from '../shared/log-checkpoint.js';
import { requireMember } from './council.decider.js';
import { membersNeeded } from './council.events.js';
import {
  validCastVote,
  validCloseMeeting,
  validDecideProposal,
  validOpenMeeting,
  validRecordDissent,
  validRecordMetricsPack,
  validResolveAgendaItem,
  validScheduleMeeting,
  validSignMinutes,
  validSubmitProposal,
  type CastVote,
  type DecideProposal,
  type MeetingCommand,
  type OpenMeeting,
  type RecordDissent,
  type RecordMetricsPack,
  type SignMinutes,
  type SubmitProposal,
} from './meeting.commands.js';
import {
  AGENDA_ITEM_RESOLVED,
  DECISION_ADOPTED,
  DISSENT_RECORDED,
  isAdopted,
  MEETING_CLOSED,
  MEETING_OPENED,
  MEETING_SCHEDULED,
  METRICS_PACK_RECORDED,
  MINUTES_SIGNED,
  PROPOSAL_REJECTED,
  PROPOSAL_SUBMITTED,
  tallyOf,
  VOTE_CAST,
  type Dissent,
  type EvidenceLink,
  type MeetingEvent,
  type MetricsPack,
  type Vote,
} from './meeting.events.js';

interface ProposalState {
  readonly text: string;
  readonly rationale: string;
  readonly evidence: readonly EvidenceLink[];
  readonly votes: readonly Vote[];
  readonly dissent: readonly Dissent[];
  readonly decided: boolean;
}

export type MeetingStatus = 'scheduled' | 'open' | 'closed' | 'signed';

export type MeetingState =
  | { readonly status: 'absent' }
  | {
      readonly status: MeetingStatus;
      readonly meetingId: string;
      /** The day the council meets, which sets the weeks of its pack. */
      readonly day: string;
      readonly present: readonly string[];
      readonly quorumNeeded: number;
      readonly packPosition?: string;
      readonly packCheckpoint?: LogCheckpoint | null;
      /** Whether the pack the meeting was shown is in its stream. */
      readonly packRecorded: boolean;
      readonly proposals: Readonly<Record<string, ProposalState>>;
      /** The stale agenda items this meeting carried over or escalated, by action id. */
      readonly resolvedItems: readonly string[];
    };

type ExistingMeeting = Exclude<MeetingState, { status: 'absent' }>;

export type MeetingDecider = Decider<MeetingCommand, MeetingEvent, MeetingState>;

/**
 * A council meeting: scheduled, opened with the members present (which pins its metrics pack to the
 * log's position and records the pack as computed there), proposals voted on and decided, closed, and its minutes signed by the chair.
 *
 * Rules, by code: `MEETING_EXISTS`; `MEETING_NOT_SCHEDULED` (opened twice); `NO_CHAIR` (a council
 * without a chair cannot meet); `NOT_A_MEMBER` (attendance of a non-member); `MEETING_NOT_OPEN`
 * (proposals, votes, dissent, decisions and closing need an open meeting); `NOT_PRESENT` (only members
 * present propose and vote); `PROPOSAL_EXISTS`; `ALREADY_VOTED` (once each); `PROPOSAL_DECIDED` (no
 * vote, dissent or decision after the outcome); `NOT_A_DISSENTER` (a dissenting opinion comes from a
 * member who voted against or abstained, once); `QUORUM_NOT_MET` (no outcome without the quorum);
 * `PROPOSALS_UNDECIDED` (a meeting closes with every proposal decided); `MEETING_NOT_CLOSED` and
 * `MINUTES_ALREADY_SIGNED`; `NOT_THE_CHAIR` (only the chair signs); `STALE_ITEMS_UNRESOLVED` (a meeting
 * closes once every stale improvement action on its agenda was completed, carried over or escalated);
 * `MEETING_NOT_OPENED` and `PACK_ALREADY_RECORDED` (a pack is recorded once, for a meeting that opened).
 */
export const meetingDecider: MeetingDecider = {
  initialState: () => ({ status: 'absent' }),

  decide(command, state) {
    switch (command.type) {
      case 'ScheduleMeeting': {
        const { meetingId, day, at } = validScheduleMeeting(command);
        if (state.status !== 'absent') throw new DomainRuleError('MEETING_EXISTS', `meeting ${meetingId} already exists`, { meetingId });
        return [{ type: MEETING_SCHEDULED, data: { meetingId, day, scheduledAt: at } }];
      }
      case 'OpenMeeting':
        return open(validOpenMeeting(command), existing(state, command.meetingId));
      case 'SubmitProposal':
        return submit(validSubmitProposal(command), openMeeting(state, command.meetingId));
      case 'CastVote':
        return vote(validCastVote(command), openMeeting(state, command.meetingId));
      case 'RecordDissent':
        return dissent(validRecordDissent(command), openMeeting(state, command.meetingId));
      case 'DecideProposal':
        return decideProposal(validDecideProposal(command), openMeeting(state, command.meetingId));
      case 'CloseMeeting': {
        const { meetingId, staleItems, at } = validCloseMeeting(command);
        const meeting = openMeeting(state, meetingId);
        const undecided = Object.keys(meeting.proposals).filter((id) => !meeting.proposals[id]!.decided);
        if (undecided.length > 0) {
          throw new DomainRuleError('PROPOSALS_UNDECIDED', 'decide every proposal before closing the meeting', { undecided });
        }
        const unresolved = staleItems.filter((actionId) => !meeting.resolvedItems.includes(actionId));
        if (unresolved.length > 0) {
          throw new DomainRuleError('STALE_ITEMS_UNRESOLVED', 'carry over or escalate every stale item before closing the meeting', { unresolved });
        }
        return [{ type: MEETING_CLOSED, data: { meetingId, closedAt: at } }];
      }
      case 'ResolveAgendaItem': {
        const { meetingId, programId, actionId, resolution, note, at } = validResolveAgendaItem(command);
        openMeeting(state, meetingId);
        return [{ type: AGENDA_ITEM_RESOLVED, data: { meetingId, programId, actionId, resolution, note, resolvedAt: at } }];
      }
      case 'SignMinutes':
        return sign(validSignMinutes(command), existing(state, command.meetingId));
      case 'RecordMetricsPack':
        return recordPack(validRecordMetricsPack(command), existing(state, command.meetingId));
    }
  },

  evolve,
};

function evolve(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === MEETING_SCHEDULED) {
    const { meetingId, day } = event.data;
    return { status: 'scheduled', meetingId, day, present: [], quorumNeeded: 0, packRecorded: false, proposals: {}, resolvedItems: [] };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case MEETING_OPENED: {
      const { present, quorumNeeded, packPosition, packCheckpoint } = event.data;
      return { ...state, status: 'open', present, quorumNeeded, packPosition, packCheckpoint };
    }
    case METRICS_PACK_RECORDED:
      return { ...state, packRecorded: true };
    case PROPOSAL_SUBMITTED: {
      const { proposalId, text, rationale, evidence } = event.data;
      return withProposal(state, proposalId, { text, rationale, evidence, votes: [], dissent: [], decided: false });
    }
    case VOTE_CAST: {
      const { proposalId, memberId, choice, reason } = event.data;
      const proposal = state.proposals[proposalId]!;
      return withProposal(state, proposalId, { ...proposal, votes: [...proposal.votes, { memberId, choice, reason }] });
    }
    case DISSENT_RECORDED: {
      const { proposalId, memberId, opinion } = event.data;
      const proposal = state.proposals[proposalId]!;
      return withProposal(state, proposalId, { ...proposal, dissent: [...proposal.dissent, { memberId, opinion }] });
    }
    case DECISION_ADOPTED:
    case PROPOSAL_REJECTED:
      return withProposal(state, event.data.proposalId, { ...state.proposals[event.data.proposalId]!, decided: true });
    case AGENDA_ITEM_RESOLVED:
      return { ...state, resolvedItems: [...state.resolvedItems, event.data.actionId] };
    case MEETING_CLOSED:
      return { ...state, status: 'closed' };
    case MINUTES_SIGNED:
      return { ...state, status: 'signed' };
  }
}

function withProposal(state: ExistingMeeting, proposalId: string, proposal: ProposalState): ExistingMeeting {
  return { ...state, proposals: { ...state.proposals, [proposalId]: proposal } };
}

function open(command: OpenMeeting, meeting: ExistingMeeting): MeetingEvent[] {
  if (meeting.status !== 'scheduled') {
    throw new DomainRuleError('MEETING_NOT_SCHEDULED', `meeting ${meeting.meetingId} was opened already`, { status: meeting.status });
  }
  const { council, present, packPosition, packCheckpoint, pack, at } = command;
  if (council.chairId === undefined) throw new DomainRuleError('NO_CHAIR', 'the council has no chair to open the meeting');
  for (const memberId of present) requireMember(council, memberId);
  const data = {
    meetingId: meeting.meetingId,
    openedAt: at,
    chairId: council.chairId,
    members: council.members,
    present,
    quorumNeeded: membersNeeded(council.quorum, council.members.length),
    packPosition,
    packCheckpoint,
  };
  return [{ type: MEETING_OPENED, data }, packRecorded(meeting.meetingId, pack, packPosition, packCheckpoint, at)];
}

function recordPack({ pack, at }: RecordMetricsPack, meeting: ExistingMeeting): MeetingEvent[] {
  if (meeting.packPosition === undefined) {
    throw new DomainRuleError('MEETING_NOT_OPENED', `meeting ${meeting.meetingId} has not opened: it has no pack yet`, { status: meeting.status });
  }
  if (meeting.packRecorded) throw new DomainRuleError('PACK_ALREADY_RECORDED', `the pack of meeting ${meeting.meetingId} is recorded already`);
  return [packRecorded(meeting.meetingId, pack, meeting.packPosition, meeting.packCheckpoint ?? null, at)];
}

function packRecorded(meetingId: string, pack: MetricsPack, packPosition: string, packCheckpoint: LogCheckpoint | null, at: string): MeetingEvent {
  return { type: METRICS_PACK_RECORDED, data: { meetingId, ...pack, packPosition, packCheckpoint, recordedAt: at } };
}

function submit(command: SubmitProposal, meeting: ExistingMeeting): MeetingEvent[] {
  const { meetingId, proposalId, proposerId, text, rationale, evidence, at } = command;
  requirePresent(meeting, proposerId);
  if (meeting.proposals[proposalId] !== undefined) {
    throw new DomainRuleError('PROPOSAL_EXISTS', `proposal ${proposalId} was submitted already`, { proposalId });
  }
  return [{ type: PROPOSAL_SUBMITTED, data: { meetingId, proposalId, proposerId, text, rationale, evidence, submittedAt: at } }];
}

function vote(command: CastVote, meeting: ExistingMeeting): MeetingEvent[] {
  const { meetingId, proposalId, memberId, choice, reason, at } = command;
  const proposal = pendingProposal(meeting, proposalId);
  requirePresent(meeting, memberId);
  if (proposal.votes.some((earlier) => earlier.memberId === memberId)) {
    throw new DomainRuleError('ALREADY_VOTED', `${memberId} voted on proposal ${proposalId} already`, { memberId, proposalId });
  }
  return [{ type: VOTE_CAST, data: { meetingId, proposalId, memberId, choice, reason, castAt: at } }];
}

function dissent(command: RecordDissent, meeting: ExistingMeeting): MeetingEvent[] {
  const { meetingId, proposalId, memberId, opinion, at } = command;
  const proposal = pendingProposal(meeting, proposalId);
  const ownVote = proposal.votes.find((earlier) => earlier.memberId === memberId);
  if (ownVote === undefined || ownVote.choice === 'for' || proposal.dissent.some((earlier) => earlier.memberId === memberId)) {
    throw new DomainRuleError('NOT_A_DISSENTER', 'a dissenting opinion comes once from a member who voted against or abstained', {
      memberId,
      proposalId,
    });
  }
  return [{ type: DISSENT_RECORDED, data: { meetingId, proposalId, memberId, opinion, recordedAt: at } }];
}

function decideProposal(command: DecideProposal, meeting: ExistingMeeting): MeetingEvent[] {
  const { meetingId, proposalId, at } = command;
  const proposal = pendingProposal(meeting, proposalId);
  if (meeting.present.length < meeting.quorumNeeded) {
    throw new DomainRuleError('QUORUM_NOT_MET', 'too few members present to decide', {
      present: meeting.present.length,
      needed: meeting.quorumNeeded,
    });
  }
  const { text, rationale, votes, dissent: dissenting, evidence } = proposal;
  const tally = tallyOf(meeting.present, votes);
  const data = {
    meetingId,
    proposalId,
    text,
    rationale,
    packPosition: meeting.packPosition!,
    present: meeting.present,
    votes,
    tally,
    dissent: dissenting,
    evidence,
    decidedAt: at,
  };
  return [{ type: isAdopted(tally) ? DECISION_ADOPTED : PROPOSAL_REJECTED, data }];
}

function sign(command: SignMinutes, meeting: ExistingMeeting): MeetingEvent[] {
  if (meeting.status === 'signed') throw new DomainRuleError('MINUTES_ALREADY_SIGNED', 'the minutes are signed already');
  if (meeting.status !== 'closed') throw new DomainRuleError('MEETING_NOT_CLOSED', 'minutes are signed once the meeting is closed');
  const { meetingId, signerId, minutes, council, checkpoint, at } = command;
  if (council.chairId !== signerId) throw new DomainRuleError('NOT_THE_CHAIR', 'only the chair of the council signs the minutes', { signerId });
  const packCheckpoint = meeting.packCheckpoint ?? null;
  return [{ type: MINUTES_SIGNED, data: { meetingId, chairId: signerId, minutes, signedAt: at, packCheckpoint, checkpoint } }];
}

function existing(state: MeetingState, meetingId: string): ExistingMeeting {
  if (state.status === 'absent') throw new NotFoundError('meeting', meetingId);
  return state;
}

function openMeeting(state: MeetingState, meetingId: string): ExistingMeeting {
  const meeting = existing(state, meetingId);
  if (meeting.status !== 'open') throw new DomainRuleError('MEETING_NOT_OPEN', `meeting ${meetingId} is not open`, { status: meeting.status });
  return meeting;
}

function pendingProposal(meeting: ExistingMeeting, proposalId: string): ProposalState {
  const proposal = meeting.proposals[proposalId];
  if (proposal === undefined) throw new NotFoundError('proposal', proposalId);
  if (proposal.decided) throw new DomainRuleError('PROPOSAL_DECIDED', `proposal ${proposalId} is decided already`, { proposalId });
  return proposal;
}

function requirePresent(meeting: ExistingMeeting, memberId: string): void {
  if (!meeting.present.includes(memberId)) {
    throw new DomainRuleError('NOT_PRESENT', `${memberId} is not present at meeting ${meeting.meetingId}`, { memberId });
  }
}
