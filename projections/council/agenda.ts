import { meetsGoal, STALE_AFTER_DAYS, type Goal, type ItemResolution } from '#domain/council/index.js';
import { addDays } from '#domain/shared/days.js';
import { isOpenAction, type ActionEntry, type MeetingDocument, type ProgramDocument, type ProposalEntry, type ResolvedItem } from './council.projection.js';

export interface OverdueAction extends ActionEntry {
  readonly programId: string;
  readonly programTitle: string;
  /** Overdue for longer than two weekly meetings: the meeting must carry it over or escalate it, short of its completion. */
  readonly stale: boolean;
  /** What this meeting did with the stale item, once it did. */
  readonly resolution?: ItemResolution;
}

/** Open, and past its deadline by the end of the day before `day`. */
function isOverdueOn(action: ActionEntry, day: string): boolean {
  return isOpenAction(action) && action.deadline < day;
}

/** Open actions of running programs past their deadline by the end of the day before `day`; a meeting's resolutions marked. */
export function overdueActions(programs: readonly ProgramDocument[], day: string, resolved: readonly ResolvedItem[] = []): OverdueAction[] {
  const staleBefore = addDays(day, -STALE_AFTER_DAYS);
  return programs
    .filter((program) => program.status === 'running')
    .flatMap((program) =>
      program.actions
        .filter((action) => isOverdueOn(action, day))
        .map((action) => {
          const resolution = resolved.find((item) => item.actionId === action.actionId)?.resolution;
          const overdue = { ...action, programId: program.programId, programTitle: program.title, stale: action.deadline < staleBefore };
          return resolution === undefined ? overdue : { ...overdue, resolution };
        }),
    );
}

export interface OpenAction extends ActionEntry {
  readonly programId: string;
  readonly programTitle: string;
  /** Past its deadline on the meeting day. */
  readonly overdue: boolean;
}

/** Every open action of the running programs (neither completed nor cancelled): what the council follows up each week. */
export function openActions(programs: readonly ProgramDocument[], day: string): OpenAction[] {
  return programs
    .filter((program) => program.status === 'running')
    .flatMap((program) =>
      program.actions
        .filter(isOpenAction)
        .map((action) => ({ ...action, programId: program.programId, programTitle: program.title, overdue: isOverdueOn(action, day) })),
    );
}

export interface CarriedOverItem {
  readonly programId: string;
  readonly actionId: string;
  readonly resolution: ItemResolution;
  readonly note: string;
  /** The earlier meeting that carried the item over or escalated it: its latest such decision. */
  readonly meetingId: string;
  readonly day: string;
}

/** The still open actions that earlier meetings carried over or escalated, with the latest of those decisions. */
export function carriedOverItems(earlierMeetings: readonly MeetingDocument[], open: readonly OpenAction[]): CarriedOverItem[] {
  const openIds = new Set(open.map((action) => action.actionId));
  const latest = new Map<string, CarriedOverItem>();
  for (const meeting of [...earlierMeetings].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))) {
    for (const { programId, actionId, resolution, note } of meeting.resolvedItems) {
      if (openIds.has(actionId)) latest.set(actionId, { programId, actionId, resolution, note, meetingId: meeting.meetingId, day: meeting.day });
    }
  }
  return [...latest.values()];
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
  /** Every improvement action still open, overdue or not. */
  readonly openActions: readonly OpenAction[];
  /** Open actions an earlier meeting carried over or escalated. */
  readonly carriedOver: readonly CarriedOverItem[];
  /** Improvement actions past their deadline on the meeting day. */
  readonly overdueActions: readonly OverdueAction[];
  /** Where the metrics pack is pinned; null before the meeting opens. */
  readonly packPosition: string | null;
}

/**
 * What the meeting has to deal with: its new proposals, the open improvement actions (overdue ones
 * apart, the stale among them marked), the items earlier meetings carried over, and the metrics pack.
 */
export function agendaOf(
  meeting: MeetingDocument,
  programs: readonly ProgramDocument[],
  earlierMeetings: readonly MeetingDocument[] = [],
): Agenda {
  const open = openActions(programs, meeting.day);
  return {
    meetingId: meeting.meetingId,
    day: meeting.day,
    proposals: meeting.proposals.filter((proposal) => proposal.status === 'pending'),
    openActions: open,
    carriedOver: carriedOverItems(
      earlierMeetings.filter((earlier) => earlier.day < meeting.day),
      open,
    ),
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

export interface ActionCounts {
  readonly open: number;
  /** Of the open ones, past their deadline on the day. */
  readonly overdue: number;
  readonly completed: number;
  readonly cancelled: number;
}

/** How a program's actions stand on a day. */
export function actionCountsOn(actions: readonly ActionEntry[], day: string): ActionCounts {
  const count = (holds: (action: ActionEntry) => boolean) => actions.filter(holds).length;
  return {
    open: count(isOpenAction),
    overdue: count((action) => isOverdueOn(action, day)),
    completed: count((action) => action.completedAt !== undefined),
    cancelled: count((action) => action.cancelled !== undefined),
  };
}
