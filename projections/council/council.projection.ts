import { ofTypes, type Projection, type RecordedOf } from '#kernel';
import {
  COUNCIL_EVENT_TYPES,
  DEFAULT_QUORUM,
  MEETING_EVENT_TYPES,
  PROGRAM_EVENT_TYPES,
  type CouncilEvent,
  type ActionCancelledData,
  type ActionRescheduledData,
  type DocumentChangeCompletedData,
  type DocumentChangePlannedData,
  type StagePlannedData,
  type TrainingNeedRecordedData,
  type AgendaItemResolvedData,
  type EffectivenessCheckedData,
  type Goal,
  type ProgramStatus,
  type Dissent,
  type EvidenceLink,
  type MeetingEvent,
  type MeetingStatus,
  type MetricsPackRecordedData,
  type ProgramEvent,
  type ProposalDecidedData,
  type Quorum,
  type Tally,
  type Vote,
} from '#domain/council/index.js';
import type { LogCheckpoint } from '#domain/shared/log-checkpoint.js';

export const COUNCIL = 'council';

/** Document ids: the roster, one per meeting, one per recorded pack, one per decided proposal, one per program. */
export const ROSTER_DOCUMENT_ID = 'roster';
export const meetingDocumentId = (meetingId: string) => `meeting:${meetingId}`;
export const packDocumentId = (meetingId: string) => `pack:${meetingId}`;
export const decisionDocumentId = (proposalId: string) => `decision:${proposalId}`;
export const programDocumentId = (programId: string) => `program:${programId}`;

export interface RosterDocument {
  readonly kind: 'roster';
  readonly members: readonly string[];
  readonly chairId?: string;
  readonly quorum: Quorum;
}

export type ProposalStatus = 'pending' | 'adopted' | 'rejected';

export interface ProposalEntry {
  readonly proposalId: string;
  readonly proposerId: string;
  readonly text: string;
  readonly rationale: string;
  readonly evidence: readonly EvidenceLink[];
  readonly votes: readonly Vote[];
  readonly dissent: readonly Dissent[];
  readonly status: ProposalStatus;
  readonly tally?: Tally;
  readonly decidedAt?: string;
}

export interface Minutes {
  readonly chairId: string;
  readonly text: string;
  readonly signedAt: string;
  /** The ledger as the minutes were signed: every decision of the meeting is in it. */
  readonly checkpoint: LogCheckpoint | null;
}

export interface MeetingDocument {
  readonly kind: 'meeting';
  readonly meetingId: string;
  readonly day: string;
  readonly status: MeetingStatus;
  readonly scheduledAt: string;
  readonly openedAt?: string;
  readonly chairId?: string;
  readonly present?: readonly string[];
  readonly quorumNeeded?: number;
  readonly packPosition?: string;
  /** The ledger up to `packPosition`. */
  readonly packCheckpoint?: LogCheckpoint | null;
  readonly proposals: readonly ProposalEntry[];
  /** Stale improvement actions this meeting carried over or escalated. */
  readonly resolvedItems: readonly ResolvedItem[];
  readonly closedAt?: string;
  readonly minutes?: Minutes;
}

export type ResolvedItem = Omit<AgendaItemResolvedData, 'meetingId' | 'resolvedAt'>;

/** The metrics pack a meeting was shown, as recorded. */
export interface PackDocument extends MetricsPackRecordedData {
  readonly kind: 'pack';
}

export interface DecisionDocument extends ProposalDecidedData {
  readonly kind: 'decision';
  readonly outcome: 'adopted' | 'rejected';
}

export type StageEntry = Omit<StagePlannedData, 'programId'>;

export interface ActionEntry {
  readonly actionId: string;
  /** Absent for an action outside the stages. */
  readonly stageId?: string;
  readonly description: string;
  readonly ownerId: string;
  /** The current deadline; `reschedules` holds the earlier ones. */
  readonly deadline: string;
  readonly completionCriteria: string;
  readonly completedAt?: string;
  readonly reschedules?: readonly Omit<ActionRescheduledData, 'programId' | 'actionId'>[];
  readonly cancelled?: Omit<ActionCancelledData, 'programId' | 'actionId'>;
}

/** Neither completed nor cancelled: what the council still follows up. */
export function isOpenAction(action: ActionEntry): boolean {
  return action.completedAt === undefined && action.cancelled === undefined;
}

export type TrainingNeedEntry = Omit<TrainingNeedRecordedData, 'programId'>;

export interface DocumentChangeEntry extends Omit<DocumentChangePlannedData, 'programId'> {
  readonly completed?: Omit<DocumentChangeCompletedData, 'programId' | 'changeId'>;
}

/**
 * A program and its plan of measures. The parts of the plan came after the first programs: a
 * program document written before them lacks them until its plan gains one (`planOf` reads them as empty).
 */
export interface ProgramDocument {
  readonly kind: 'program';
  readonly programId: string;
  readonly decisionId: string;
  readonly title: string;
  readonly status: ProgramStatus;
  readonly goals: readonly Goal[];
  readonly standardIds?: readonly string[];
  readonly trainingNeeds?: readonly TrainingNeedEntry[];
  /** In the order they were planned. */
  readonly stages?: readonly StageEntry[];
  readonly actions: readonly ActionEntry[];
  readonly documentChanges?: readonly DocumentChangeEntry[];
  readonly effectiveness?: Omit<EffectivenessCheckedData, 'programId'>;
  readonly createdAt: string;
  readonly closedAt?: string;
}

export type CouncilDocument = RosterDocument | MeetingDocument | PackDocument | DecisionDocument | ProgramDocument;

/**
 * The council's roster, its meetings with their proposals and votes, the pack each meeting was shown,
 * every decided proposal by id, and the improvement programs.
 */
export const council: Projection<CouncilDocument, CouncilEvent | MeetingEvent | ProgramEvent> = {
  name: COUNCIL,
  version: 2,
  handles: [...COUNCIL_EVENT_TYPES, ...MEETING_EVENT_TYPES, ...PROGRAM_EVENT_TYPES],
  // The keyset orders of the meeting and program lists.
  indexes: [{ fields: ['kind', 'day'] }, { fields: ['kind', 'createdAt'] }, { fields: ['kind', 'status', 'createdAt'] }],

  documentIds(recorded) {
    switch (recorded.type) {
      case 'CouncilMemberAppointed':
      case 'CouncilMemberRemoved':
      case 'CouncilChairAppointed':
      case 'CouncilQuorumSet':
        return [ROSTER_DOCUMENT_ID];
      case 'DecisionAdopted':
      case 'ProposalRejected':
        return [meetingDocumentId(recorded.data.meetingId), decisionDocumentId(recorded.data.proposalId)];
      case 'MetricsPackRecorded':
        return [packDocumentId(recorded.data.meetingId)];
      case 'ImprovementProgramCreated':
      case 'ImprovementStagePlanned':
      case 'ImprovementActionPlanned':
      case 'ImprovementActionCompleted':
      case 'ImprovementActionRescheduled':
      case 'ImprovementActionCancelled':
      case 'ImprovementStandardsListed':
      case 'ImprovementTrainingNeedRecorded':
      case 'ImprovementDocumentChangePlanned':
      case 'ImprovementDocumentChangeCompleted':
      case 'ProgramEffectivenessChecked':
      case 'ImprovementProgramClosed':
        return [programDocumentId(recorded.data.programId)];
      default:
        return [meetingDocumentId(recorded.data.meetingId)];
    }
  },

  evolve(document, recorded, { id }) {
    if (isRosterEvent(recorded)) return evolveRoster(document?.kind === 'roster' ? document : emptyRoster(), recorded);
    if (isProgramEvent(recorded)) return evolveProgram(document?.kind === 'program' ? document : null, recorded);
    // A meeting's events also make the documents of its decided proposals and of its pack.
    if (id.startsWith('decision:')) return decisionOf(recorded);
    if (id.startsWith('pack:')) return packOf(recorded);
    return evolveMeeting(document?.kind === 'meeting' ? document : null, recorded);
  },
};

const isRosterEvent = ofTypes(COUNCIL_EVENT_TYPES);
const isProgramEvent = ofTypes(PROGRAM_EVENT_TYPES);

function emptyRoster(): RosterDocument {
  return { kind: 'roster', members: [], quorum: DEFAULT_QUORUM };
}

function evolveRoster(roster: RosterDocument, event: RecordedOf<CouncilEvent>): RosterDocument {
  switch (event.type) {
    case 'CouncilMemberAppointed':
      return { ...roster, members: [...roster.members, event.data.memberId] };
    case 'CouncilMemberRemoved':
      return { ...roster, members: roster.members.filter((member) => member !== event.data.memberId) };
    case 'CouncilChairAppointed':
      return { ...roster, chairId: event.data.memberId };
    case 'CouncilQuorumSet':
      return { ...roster, quorum: event.data.quorum };
  }
}

function decisionOf(event: RecordedOf<MeetingEvent>): DecisionDocument | null {
  if (event.type !== 'DecisionAdopted' && event.type !== 'ProposalRejected') return null;
  return { kind: 'decision', outcome: event.type === 'DecisionAdopted' ? 'adopted' : 'rejected', ...event.data };
}

function packOf(event: RecordedOf<MeetingEvent>): PackDocument | null {
  return event.type === 'MetricsPackRecorded' ? { kind: 'pack', ...event.data } : null;
}

function evolveMeeting(meeting: MeetingDocument | null, event: RecordedOf<MeetingEvent>): MeetingDocument | null {
  if (event.type === 'MeetingScheduled') {
    const { meetingId, day, scheduledAt } = event.data;
    return { kind: 'meeting', meetingId, day, status: 'scheduled', scheduledAt, proposals: [], resolvedItems: [] };
  }
  if (meeting === null) return null;
  switch (event.type) {
    case 'MeetingOpened': {
      const { openedAt, chairId, present, quorumNeeded, packPosition, packCheckpoint } = event.data;
      return { ...meeting, status: 'open', openedAt, chairId, present, quorumNeeded, packPosition, packCheckpoint };
    }
    case 'ProposalSubmitted': {
      const { proposalId, proposerId, text, rationale, evidence } = event.data;
      const proposal: ProposalEntry = { proposalId, proposerId, text, rationale, evidence, votes: [], dissent: [], status: 'pending' };
      return { ...meeting, proposals: [...meeting.proposals, proposal] };
    }
    case 'VoteCast': {
      const { memberId, choice, reason } = event.data;
      return withProposal(meeting, event.data.proposalId, (proposal) => ({ ...proposal, votes: [...proposal.votes, { memberId, choice, reason }] }));
    }
    case 'DissentRecorded': {
      const { memberId, opinion } = event.data;
      return withProposal(meeting, event.data.proposalId, (proposal) => ({ ...proposal, dissent: [...proposal.dissent, { memberId, opinion }] }));
    }
    case 'DecisionAdopted':
    case 'ProposalRejected': {
      const { tally, decidedAt } = event.data;
      const status = event.type === 'DecisionAdopted' ? 'adopted' : 'rejected';
      return withProposal(meeting, event.data.proposalId, (proposal) => ({ ...proposal, status, tally, decidedAt }));
    }
    case 'AgendaItemResolved': {
      const { programId, actionId, resolution, note } = event.data;
      return { ...meeting, resolvedItems: [...meeting.resolvedItems, { programId, actionId, resolution, note }] };
    }
    case 'MeetingClosed':
      return { ...meeting, status: 'closed', closedAt: event.data.closedAt };
    case 'MinutesSigned': {
      const { chairId, minutes, signedAt, checkpoint } = event.data;
      return { ...meeting, status: 'signed', minutes: { chairId, text: minutes, signedAt, checkpoint } };
    }
    case 'MetricsPackRecorded':
      // The pack is a document of its own, so that a meeting's answer does not carry it.
      return meeting;
  }
}

function withProposal(meeting: MeetingDocument, proposalId: string, change: (proposal: ProposalEntry) => ProposalEntry): MeetingDocument {
  return { ...meeting, proposals: meeting.proposals.map((proposal) => (proposal.proposalId === proposalId ? change(proposal) : proposal)) };
}

/** The program's plan of measures, its parts empty where the program has none. */
export function planOf(program: ProgramDocument): Required<Pick<ProgramDocument, 'standardIds' | 'trainingNeeds' | 'stages' | 'actions' | 'documentChanges'>> {
  const { standardIds = [], trainingNeeds = [], stages = [], actions, documentChanges = [] } = program;
  return { standardIds, trainingNeeds, stages, actions, documentChanges };
}

function withAction(program: ProgramDocument, actionId: string, change: (action: ActionEntry) => ActionEntry): ProgramDocument {
  return { ...program, actions: program.actions.map((action) => (action.actionId === actionId ? change(action) : action)) };
}

function evolveProgram(program: ProgramDocument | null, event: RecordedOf<ProgramEvent>): ProgramDocument | null {
  if (event.type === 'ImprovementProgramCreated') {
    const { programId, decisionId, title, goals, createdAt } = event.data;
    return { kind: 'program', programId, decisionId, title, status: 'running', goals, actions: [], createdAt };
  }
  if (program === null) return null;
  const plan = planOf(program);
  switch (event.type) {
    case 'ImprovementStagePlanned': {
      const { programId: _programId, ...stage } = event.data;
      return { ...program, stages: [...plan.stages, stage] };
    }
    case 'ImprovementActionPlanned': {
      const { programId: _programId, plannedAt: _plannedAt, ...action } = event.data;
      return { ...program, actions: [...program.actions, action] };
    }
    case 'ImprovementActionCompleted': {
      const { actionId, completedAt } = event.data;
      return withAction(program, actionId, (action) => ({ ...action, completedAt }));
    }
    case 'ImprovementActionRescheduled': {
      const { programId: _programId, actionId, ...rescheduled } = event.data;
      return withAction(program, actionId, (action) => ({ ...action, deadline: rescheduled.deadline, reschedules: [...(action.reschedules ?? []), rescheduled] }));
    }
    case 'ImprovementActionCancelled': {
      const { programId: _programId, actionId, ...cancelled } = event.data;
      return withAction(program, actionId, (action) => ({ ...action, cancelled }));
    }
    case 'ImprovementStandardsListed':
      return { ...program, standardIds: event.data.standardIds };
    case 'ImprovementTrainingNeedRecorded': {
      const { programId: _programId, ...need } = event.data;
      return { ...program, trainingNeeds: [...plan.trainingNeeds, need] };
    }
    case 'ImprovementDocumentChangePlanned': {
      const { programId: _programId, ...change } = event.data;
      return { ...program, documentChanges: [...plan.documentChanges, change] };
    }
    case 'ImprovementDocumentChangeCompleted': {
      const { programId: _programId, changeId, ...completed } = event.data;
      const documentChanges = plan.documentChanges.map((change) => (change.changeId === changeId ? { ...change, completed } : change));
      return { ...program, documentChanges };
    }
    case 'ProgramEffectivenessChecked': {
      const { programId: _programId, ...effectiveness } = event.data;
      return { ...program, effectiveness };
    }
    case 'ImprovementProgramClosed':
      return { ...program, status: 'closed', closedAt: event.data.closedAt };
  }
}
