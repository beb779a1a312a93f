import type { Role } from '../../../libs/domain/access/roles.js';

/** The shapes the console reads, as the API's OpenAPI document describes them. */

export interface OwnKey {
  readonly id: string | null;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly employeeId: string | null;
}

export interface MeetingSummary {
  readonly meetingId: string;
  readonly day: string;
  readonly status: 'scheduled' | 'open' | 'closed' | 'signed';
  readonly scheduledAt: string;
  readonly openedAt?: string;
  readonly closedAt?: string;
  readonly proposals: number;
  readonly adopted: number;
}

export interface Reading {
  readonly value: number | null;
  readonly deviation: number | null;
  readonly onTarget: boolean | null;
  /** How many of the indicator's `sampleOf` the value came from; null in packs recorded before samples were. */
  readonly sample: number | null;
}

export interface PackIndicator {
  readonly indicator: string;
  readonly definitionVersion: number;
  readonly unit: 'share' | 'ratio' | 'score' | 'count' | 'minutes' | 'hours';
  readonly target: number | null;
  readonly direction: 'higher-is-better' | 'lower-is-better';
  readonly sampleOf: string | null;
  readonly current: Reading;
  readonly previous: Reading;
}

export interface ComparedIndicator extends PackIndicator {
  readonly changes: readonly ('late-facts' | 'correction' | 'definition')[];
}

export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface MetricsPack {
  readonly meetingId: string;
  readonly periods: { readonly current: Period; readonly previous: Period };
  readonly recordedAt: string;
  readonly then: { readonly asOf: { readonly position: string | null }; readonly indicators: readonly PackIndicator[] };
  readonly now?: { readonly asOf: { readonly position: string | null; readonly time?: string }; readonly indicators: readonly ComparedIndicator[] };
}

export interface LoggedEvent {
  readonly metadata: { readonly recordedAt: string };
}

/** The roles that read meetings, packs and program plans (the council's readers in the API). */
export const COUNCIL_READERS: readonly Role[] = ['council-member', 'council-chair', 'auditor', 'admin'];

/** The roles that read the raw log, whose first event starts the time line. */
export const LOG_READERS: readonly Role[] = ['auditor', 'admin'];

/** An indicator of the catalogue (`GET /indicators`): the metric route and row field that compute it. */
export interface CatalogueIndicator {
  readonly id: string;
  readonly name: string;
  readonly unit: PackIndicator['unit'];
  readonly direction: PackIndicator['direction'];
  readonly source: { readonly route: string; readonly field: string; readonly divideBy?: number };
  readonly perEmployee?: string;
}

/** A metric route's answer: the position it reflects, and one row per group. */
export interface MetricAnswer {
  readonly asOf: { readonly position: string | null; readonly time?: string };
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** The roles that read the metric routes (the `metrics` row of the role table in docs/SECURITY.md). */
export const METRICS_READERS: readonly Role[] = [
  'admin',
  'quality-inspector',
  'care-lead',
  'support-lead',
  'survey-manager',
  'trainer',
  'hr',
  'council-member',
  'council-chair',
  'auditor',
];

/** A link from a proposal to the facts it rests on: an entity of the log by its kind and id. */
export interface EvidenceLink {
  readonly kind: string;
  readonly id: string;
}

export interface Vote {
  readonly memberId: string;
  readonly choice: 'for' | 'against' | 'abstain';
  readonly reason: string;
}

export interface Dissent {
  readonly memberId: string;
  readonly opinion: string;
}

export interface Proposal {
  readonly proposalId: string;
  readonly proposerId: string;
  readonly text: string;
  readonly rationale: string;
  readonly evidence: readonly EvidenceLink[];
  readonly votes: readonly Vote[];
  readonly dissent: readonly Dissent[];
  readonly status: 'pending' | 'adopted' | 'rejected';
  readonly tally?: { readonly present: number; readonly for: number; readonly against: number; readonly abstain: number };
  readonly decidedAt?: string;
}

/** `GET /council/meetings/{id}`. */
export interface MeetingDetail {
  readonly meetingId: string;
  readonly day: string;
  readonly status: MeetingSummary['status'];
  readonly chairId?: string;
  readonly present?: readonly string[];
  readonly proposals: readonly Proposal[];
}

/** An improvement action as a program holds it (`ActionView`). */
export interface ProgramAction {
  readonly actionId: string;
  readonly stageId?: string;
  readonly description: string;
  readonly ownerId: string;
  readonly deadline: string;
  readonly completionCriteria: string;
  readonly completedAt?: string;
  readonly reschedules?: readonly { readonly deadline: string; readonly previousDeadline: string; readonly reason: string; readonly rescheduledAt: string }[];
  readonly cancelled?: { readonly reason: string; readonly cancelledAt: string };
}

interface AgendaAction extends ProgramAction {
  readonly programId: string;
  readonly programTitle: string;
}

/** `GET /council/meetings/{id}/agenda`. */
export interface Agenda {
  readonly meetingId: string;
  readonly day: string;
  readonly proposals: readonly Proposal[];
  readonly openActions: readonly (AgendaAction & { readonly overdue: boolean })[];
  readonly overdueActions: readonly (AgendaAction & { readonly stale: boolean; readonly resolution?: string })[];
  readonly carriedOver: readonly { readonly programId: string; readonly actionId: string; readonly resolution: string; readonly note: string; readonly meetingId: string; readonly day: string }[];
  readonly packPosition: string | null;
}

export interface GoalProgress {
  readonly indicator: string;
  readonly direction: PackIndicator['direction'];
  readonly targetValue: number;
  readonly targetDate: string;
  readonly baseline: number | null;
  readonly current: number | null;
  readonly onTarget: boolean;
}

interface ProgramHead {
  readonly programId: string;
  readonly decisionId: string;
  readonly title: string;
  readonly status: 'running' | 'closed';
  readonly goals: readonly GoalProgress[];
  readonly createdAt: string;
  readonly closedAt?: string;
}

/** `GET /improvement-programs/{id}`. */
export interface Program extends ProgramHead {
  readonly stages: readonly { readonly stageId: string; readonly title: string; readonly plannedAt: string }[];
  readonly actions: readonly ProgramAction[];
}

/** An item of `GET /improvement-programs`. */
export interface ProgramSummary extends ProgramHead {
  readonly actions: { readonly open: number; readonly overdue: number; readonly completed: number; readonly cancelled: number };
}
