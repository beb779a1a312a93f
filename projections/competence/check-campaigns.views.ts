import { dayOf } from '#domain/shared/days.js';
import type { CampaignDocument, ParticipantDocument, ParticipationStatus } from './check-campaigns.projection.js';

/** Where a participant stands on a day: whether they took the check in time. */
export interface Participation {
  readonly employeeId: string;
  readonly attemptId: string;
  readonly status: ParticipationStatus;
  readonly startedAt: string | null;
  readonly submittedAt: string | null;
  readonly completedAt: string | null;
  /** Not submitted, and the day is past the due day. */
  readonly overdue: boolean;
  /** Submitted after the due day. */
  readonly late: boolean;
}

export interface ParticipationCounts {
  readonly participants: number;
  readonly notStarted: number;
  readonly inProgress: number;
  readonly awaitingMarking: number;
  readonly completed: number;
  readonly overdue: number;
  readonly late: number;
}

export interface ParticipationReport {
  readonly campaignId: string;
  readonly checkId: string;
  readonly title: string;
  readonly opensOn: string;
  readonly dueOn: string;
  /** The day the report judges what is overdue on. */
  readonly at: string;
  readonly counts: ParticipationCounts;
  readonly participants: readonly Participation[];
}

/** A participant has taken the check once they submitted it, whether or not a trainer has marked it yet. */
const TAKEN: readonly ParticipationStatus[] = ['awaiting-marking', 'completed'];

export function participationOn(participant: ParticipantDocument, at: string): Participation {
  const { employeeId, attemptId, status, startedAt, submittedAt, completedAt, dueOn } = participant;
  return {
    employeeId,
    attemptId,
    status,
    startedAt,
    submittedAt,
    completedAt,
    overdue: !TAKEN.includes(status) && at > dueOn,
    late: submittedAt !== null && dayOf(submittedAt) > dueOn,
  };
}

/** Who took the campaign's check and who did not, as of the day `at`, with the count of each. */
export function participationReport(campaign: CampaignDocument, participants: readonly ParticipantDocument[], at: string): ParticipationReport {
  const rows = participants.map((participant) => participationOn(participant, at));
  const withStatus = (status: ParticipationStatus) => rows.filter((row) => row.status === status).length;
  const { id: campaignId, checkId, title, opensOn, dueOn } = campaign;
  return {
    campaignId,
    checkId,
    title,
    opensOn,
    dueOn,
    at,
    counts: {
      participants: rows.length,
      notStarted: withStatus('not-started'),
      inProgress: withStatus('in-progress'),
      awaitingMarking: withStatus('awaiting-marking'),
      completed: withStatus('completed'),
      overdue: rows.filter((row) => row.overdue).length,
      late: rows.filter((row) => row.late).length,
    },
    participants: rows,
  };
}
