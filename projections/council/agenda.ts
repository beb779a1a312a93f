import { meetsGoal, STALE_AFTER_DAYS, type Goal, type ItemResolution } from '#libs/domain/council/index.js';
import { addDays } from '#libs/domain/shared/days.js';
import type { ActionEntry, MeetingDocument, ProgramDocument, ProposalEntry, ResolvedItem } from './council.projection.js';

export interface OverdueAction extends ActionEntry {
  readonly programId: string;
  readonly programTitle: string;
  /** Overdue for longer than two weekly meetings: the meeting must carry it over or escalate it, short of its completion. */
  readonly stale: boolean;
  /** What this meeting did with the stale item, once it did. */
  readonly resolution?: ItemResolution;
}

/** Actions of running programs not completed by the end of the day before `day`; a meeting's resolutions marked. */
export function overdueActions(programs: readonly ProgramDocument[], day: string, resolved: readonly ResolvedItem[] = []): OverdueAction[] {
  const staleBefore = addDays(day, -STALE_AFTER_DAYS);
  return programs
    .filter((program) => program.status === 'running')
    .flatMap((program) =>
      program.actions
        .filter((action) => action.completedAt === undefined && action.deadline < day)
        .map((action) => {
          const resolution = resolved.find((item) => item.actionId === action.actionId)?.resolution;
          const overdue = { ...action, programId: program.programId, programTitle: program.title, stale: action.deadline < staleBefore };
          return resolution === undefined ? overdue : { ...overdue, resolution };
        }),
    );
}

/** The ids of the stale items of an agenda: what the meeting must resolve before it closes. */
export function staleItems(agenda: Pick<Agenda, 'overdueActions'>): string[] {
  return agenda.overdueActions.filter((item) => item.stale).map((item) => item.actionId);
}

export interface Agenda {
  readonly meetingId: string;
  readonly day: string;
  /** Proposals not decided yet. */
  readonly proposals: readonly ProposalEntry[];
  /** Improvement actions past their deadline on the meeting day. */
  readonly overdueActions: readonly OverdueAction[];
  /** Where the metrics pack is pinned; null before the meeting opens. */
  readonly packPosition: string | null;
}

/** What the meeting has to deal with: its open proposals, the overdue improvement actions and the metrics pack. */
export function agendaOf(meeting: MeetingDocument, programs: readonly ProgramDocument[]): Agenda {
  return {
    meetingId: meeting.meetingId,
    day: meeting.day,
    proposals: meeting.proposals.filter((proposal) => proposal.status === 'pending'),
    overdueActions: overdueActions(programs, meeting.day, meeting.resolvedItems),
    packPosition: meeting.packPosition ?? null,
  };
}

/** The council meets weekly: a week after its latest meeting, or today when it never met. */
export function nextWeeklyDay(meetingDays: readonly string[], today: string): string {
  const latest = [...meetingDays].sort().at(-1);
  return latest === undefined ? today : addDays(latest, 7);
}

export interface GoalProgress extends Goal {
  /** The indicator now, in the current week; null without data. */
  readonly current: number | null;
  readonly onTarget: boolean;
}

/** Each goal beside the live value of its indicator. */
export function goalProgress(goals: readonly Goal[], live: Readonly<Record<string, number | null>>): GoalProgress[] {
  return goals.map((goal) => {
    const current = live[goal.indicator] ?? null;
    return { ...goal, current, onTarget: meetsGoal(goal, current) };
  });
}
