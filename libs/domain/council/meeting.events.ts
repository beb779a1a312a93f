import type { DomainEvent } from '#kernel';
import type { IndicatorDirection, IndicatorUnit } from '../catalogue/indicators.js';
import type { LogCheckpoint } from '../shared/log-checkpoint.js';

/** Stream category of council meetings: a meeting, its proposals and votes live in `councilMeeting-<meetingId>`. */
export const MEETING_CATEGORY = 'councilMeeting';

export const MEETING_SCHEDULED = 'MeetingScheduled';
export const MEETING_OPENED = 'MeetingOpened';
export const PROPOSAL_SUBMITTED = 'ProposalSubmitted';
export const VOTE_CAST = 'VoteCast';
export const DISSENT_RECORDED = 'DissentRecorded';
export const DECISION_ADOPTED = 'DecisionAdopted';
export const PROPOSAL_REJECTED = 'ProposalRejected';
export const MEETING_CLOSED = 'MeetingClosed';
export const MINUTES_SIGNED = 'MinutesSigned';
export const AGENDA_ITEM_RESOLVED = 'AgendaItemResolved';
export const METRICS_PACK_RECORDED = 'MetricsPackRecorded';

/**
 * What a meeting does with an improvement action overdue for longer than two weekly meetings, short of
 * its completion: carry it over to the next meeting, or escalate it above the council.
 */
export const ITEM_RESOLUTIONS = ['carried-over', 'escalated'] as const;
export type ItemResolution = (typeof ITEM_RESOLUTIONS)[number];

/** Two weekly meetings: an action overdue for longer is stale, and the meeting must resolve it. */
export const STALE_AFTER_DAYS = 14;

export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** The evidence a proposal rests on, as typed references to entities of other contexts. */
export const EVIDENCE_KINDS = ['inspection', 'careCase', 'assessment', 'survey', 'trainingPlan', 'supportTicket'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceLink {
  readonly kind: EvidenceKind;
  readonly id: string;
}

export interface Vote {
  readonly memberId: string;
  readonly choice: VoteChoice;
  readonly reason: string;
}

export interface Dissent {
  readonly memberId: string;
  readonly opinion: string;
}

/** The count behind an outcome: members who did not vote were present all the same. */
export interface Tally {
  readonly present: number;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

export interface MeetingScheduledData {
  readonly meetingId: string;
  /** The day the council meets; the metrics pack covers the two complete ISO weeks before it. */
  readonly day: string;
  readonly scheduledAt: string;
}

export interface MeetingOpenedData {
  readonly meetingId: string;
  readonly openedAt: string;
  readonly chairId: string;
  readonly members: readonly string[];
  readonly present: readonly string[];
  readonly quorumNeeded: number;
  /**
   * The last position of the log when the meeting opened, as a decimal string: the metrics pack of the
   * meeting is computed as of it, so that it reads the same forever.
   */
  readonly packPosition: string;
  /** The ledger's tree over the log up to `packPosition`; null for meetings opened before the log had a ledger. */
  readonly packCheckpoint: LogCheckpoint | null;
}

/**
 * Which weeks a pack covers. `complete-weeks-before`: the last complete ISO week before the meeting day
 * and the week before it. `week-of-meeting`: the ISO week holding the meeting day and the week before
 * it, the rule of the packs of meetings opened before packs were recorded.
 */
export const PACK_PERIOD_RULES = ['complete-weeks-before', 'week-of-meeting'] as const;
export type PackPeriodRule = (typeof PACK_PERIOD_RULES)[number];

export interface PackPeriod {
  /** First day, inclusive. */
  readonly from: string;
  /** Day after the last, exclusive. */
  readonly to: string;
}

export interface PackPeriods {
  readonly current: PackPeriod;
  readonly previous: PackPeriod;
}

/** One indicator in one period. */
export interface IndicatorReading {
  /** Null: no data in the period. */
  readonly value: number | null;
  /** value - target; null without either. */
  readonly deviation: number | null;
  /** Whether the value meets the target in the indicator's direction; null without either. */
  readonly onTarget: boolean | null;
  /** How many of the indicator's `sampleOf` the value was computed from; null in packs recorded before samples were. */
  readonly sample: number | null;
}

/** An indicator of a pack as recorded: its definition as it stood, by version, and its two readings. */
export interface RecordedIndicator {
  readonly indicator: string;
  /** The version of the indicator's definition (what it counts and how) the readings were computed with. */
  readonly definitionVersion: number;
  readonly unit: IndicatorUnit;
  readonly target: number | null;
  readonly direction: IndicatorDirection;
  /** What the sample of a reading counts, such as "decided cases"; null in packs recorded before samples were. */
  readonly sampleOf: string | null;
  readonly current: IndicatorReading;
  readonly previous: IndicatorReading;
}

/** What the council was shown: the pack computed once, as of the position its meeting pinned. */
export interface MetricsPack {
  readonly periodRule: PackPeriodRule;
  readonly periods: PackPeriods;
  readonly indicators: readonly RecordedIndicator[];
}

export interface MetricsPackRecordedData extends MetricsPack {
  readonly meetingId: string;
  /** The position the pack was computed as of: the meeting's `packPosition`. */
  readonly packPosition: string;
  /** The ledger's tree up to `packPosition`, as the meeting recorded it. */
  readonly packCheckpoint: LogCheckpoint | null;
  readonly recordedAt: string;
}

export interface ProposalSubmittedData {
  readonly meetingId: string;
  readonly proposalId: string;
  readonly proposerId: string;
  readonly text: string;
  readonly rationale: string;
  readonly evidence: readonly EvidenceLink[];
  readonly submittedAt: string;
}

export interface VoteCastData extends Vote {
  readonly meetingId: string;
  readonly proposalId: string;
  readonly castAt: string;
}

export interface DissentRecordedData extends Dissent {
  readonly meetingId: string;
  readonly proposalId: string;
  readonly recordedAt: string;
}

/** Everything an auditor needs to reconstruct the decision: what was decided, on what numbers, by whom. */
export interface ProposalDecidedData {
  readonly meetingId: string;
  readonly proposalId: string;
  readonly text: string;
  readonly rationale: string;
  readonly packPosition: string;
  readonly present: readonly string[];
  readonly votes: readonly Vote[];
  readonly tally: Tally;
  readonly dissent: readonly Dissent[];
  readonly evidence: readonly EvidenceLink[];
  readonly decidedAt: string;
}

export interface MeetingClosedData {
  readonly meetingId: string;
  readonly closedAt: string;
}

export interface MinutesSignedData {
  readonly meetingId: string;
  readonly chairId: string;
  readonly minutes: string;
  readonly signedAt: string;
  /** The tree its metrics pack was pinned to, as the meeting opened. */
  readonly packCheckpoint: LogCheckpoint | null;
  /** The tree over the log as the minutes were signed: it holds every decision of the meeting. Null for minutes signed before the log had a ledger. */
  readonly checkpoint: LogCheckpoint | null;
}

export interface AgendaItemResolvedData {
  readonly meetingId: string;
  readonly programId: string;
  readonly actionId: string;
  readonly resolution: ItemResolution;
  readonly note: string;
  readonly resolvedAt: string;
}

export type MeetingEvent =
  | DomainEvent<typeof MEETING_SCHEDULED, MeetingScheduledData>
  | DomainEvent<typeof MEETING_OPENED, MeetingOpenedData>
  | DomainEvent<typeof PROPOSAL_SUBMITTED, ProposalSubmittedData>
  | DomainEvent<typeof VOTE_CAST, VoteCastData>
  | DomainEvent<typeof DISSENT_RECORDED, DissentRecordedData>
  | DomainEvent<typeof DECISION_ADOPTED, ProposalDecidedData>
  | DomainEvent<typeof PROPOSAL_REJECTED, ProposalDecidedData>
  | DomainEvent<typeof MEETING_CLOSED, MeetingClosedData>
  | DomainEvent<typeof MINUTES_SIGNED, MinutesSignedData>
  | DomainEvent<typeof AGENDA_ITEM_RESOLVED, AgendaItemResolvedData>
  | DomainEvent<typeof METRICS_PACK_RECORDED, MetricsPackRecordedData>;

/**
 * Adopted by a majority of the members present: more votes for than half of them. A tie is not a
 * majority, and an abstention or a missing vote counts as present but not for.
 */
export function tallyOf(present: readonly string[], votes: readonly Vote[]): Tally {
  const count = (choice: VoteChoice) => votes.filter((vote) => vote.choice === choice).length;
  return { present: present.length, for: count('for'), against: count('against'), abstain: count('abstain') };
}

export function isAdopted(tally: Tally): boolean {
  return tally.for * 2 > tally.present;
}
