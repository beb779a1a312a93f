import type { Goal } from '#domain/council/index.js';
import { agendaOf, goalProgress, nextWeeklyDay, overdueActions, staleItems } from './agenda.js';
import type { MeetingDocument, ProgramDocument } from './council.projection.js';

const AT = '2026-03-02T09:00:00.000Z';
const action = (actionId: string, deadline: string, completedAt?: string) => ({
  actionId,
  description: `do ${actionId}`,
  ownerId: 'emp-7',
  deadline,
  completionCriteria: 'done',
  ...(completedAt !== undefined && { completedAt }),
});
const program = (programId: string, status: 'running' | 'closed', actions: ProgramDocument['actions']): ProgramDocument => ({
  kind: 'program',
  programId,
  decisionId: 'p-1',
  title: `program ${programId}`,
  status,
  goals: [],
  actions,
  createdAt: AT,
});

function meetingOn(day: string, meetingId = 'mt-x'): MeetingDocument {
  return { kind: 'meeting', meetingId, day, status: 'scheduled', scheduledAt: AT, resolvedItems: [], proposals: [] };
}

describe('the agenda', () => {
  const programs = [
    program('prog-1', 'running', [action('late', '2026-03-08'), action('due-today', '2026-03-09'), action('done', '2026-03-01', AT)]),
    program('prog-2', 'closed', [action('closed-late', '2026-03-01')]),
  ];

  it('surfaces the actions of running programs past their deadline and not completed', () => {
    expect(overdueActions(programs, '2026-03-09')).toEqual([
      { ...action('late', '2026-03-08'), programId: 'prog-1', programTitle: 'program prog-1', stale: false },
    ]);
  });

  it('marks as stale what is overdue for longer than two weekly meetings, with what the meeting did about it', () => {
    const running = [program('prog-1', 'running', [action('fortnight', '2026-03-08'), action('older', '2026-03-07')])];
    const resolved = [{ programId: 'prog-1', actionId: 'older', resolution: 'carried-over', note: 'n' }] as const;
    const overdue = overdueActions(running, '2026-03-22', resolved);
    expect(overdue.map(({ actionId, stale, resolution }) => ({ actionId, stale, resolution }))).toEqual([
      { actionId: 'fortnight', stale: false, resolution: undefined },
      { actionId: 'older', stale: true, resolution: 'carried-over' },
    ]);
    expect(staleItems({ overdueActions: overdue })).toEqual(['older']);
  });

  it('leaves out cancelled actions, and follows a rescheduled one by its new deadline', () => {
    const cancelled = { ...action('dropped', '2026-03-01'), cancelled: { reason: 'Covered elsewhere', cancelledAt: AT } };
    const moved = { ...action('moved', '2026-03-20'), reschedules: [{ deadline: '2026-03-20', previousDeadline: '2026-03-02', reason: 'Waits for the policy', rescheduledAt: AT }] };
    const running = [program('prog-3', 'running', [cancelled, moved])];
    expect(overdueActions(running, '2026-03-09')).toEqual([]);
    expect(agendaOf(meetingOn('2026-03-09'), running).openActions.map(({ actionId, overdue }) => ({ actionId, overdue }))).toEqual([{ actionId: 'moved', overdue: false }]);
    expect(overdueActions(running, '2026-03-23').map(({ actionId }) => actionId)).toEqual(['moved']);
  });

  it('lists every open action of the running programs, overdue or not', () => {
    expect(agendaOf(meetingOn('2026-03-09'), programs).openActions.map(({ actionId, overdue }) => ({ actionId, overdue }))).toEqual([
      { actionId: 'late', overdue: true },
      { actionId: 'due-today', overdue: false },
    ]);
  });

  it('carries over what earlier meetings carried over or escalated, while it is open, with the latest decision', () => {
    const earlier = [
      { ...meetingOn('2026-03-02', 'mt-0'), resolvedItems: [{ programId: 'prog-1', actionId: 'late', resolution: 'carried-over', note: 'a' }] },
      { ...meetingOn('2026-03-05', 'mt-1'), resolvedItems: [{ programId: 'prog-1', actionId: 'late', resolution: 'escalated', note: 'b' }] },
      { ...meetingOn('2026-03-06', 'mt-2'), resolvedItems: [{ programId: 'prog-1', actionId: 'done', resolution: 'carried-over', note: 'c' }] },
      { ...meetingOn('2026-03-16', 'mt-9'), resolvedItems: [{ programId: 'prog-1', actionId: 'due-today', resolution: 'carried-over', note: 'later' }] },
    ] as const;
    expect(agendaOf(meetingOn('2026-03-09'), programs, earlier).carriedOver).toEqual([
      { programId: 'prog-1', actionId: 'late', resolution: 'escalated', note: 'b', meetingId: 'mt-1', day: '2026-03-05' },
    ]);
  });

  it('lists the undecided proposals and where the pack is pinned', () => {
    const meeting: MeetingDocument = {
      kind: 'meeting',
      meetingId: 'mt-1',
      day: '2026-03-09',
      status: 'open',
      scheduledAt: AT,
      packPosition: '12',
      resolvedItems: [],
      proposals: [
        { proposalId: 'p-1', proposerId: 'm1', text: 't', rationale: 'r', evidence: [], votes: [], dissent: [], status: 'adopted' },
        { proposalId: 'p-2', proposerId: 'm1', text: 't', rationale: 'r', evidence: [], votes: [], dissent: [], status: 'pending' },
      ],
    };
    const agenda = agendaOf(meeting, programs);
    expect(agenda.proposals.map((proposal) => proposal.proposalId)).toEqual(['p-2']);
    expect(agenda.overdueActions.map((overdue) => overdue.actionId)).toEqual(['late']);
    expect(agenda.packPosition).toBe('12');
  });
});

describe('goal progress', () => {
  it('puts the live value beside each goal', () => {
    const goal: Goal = { indicator: 'care.retentionShare', direction: 'higher-is-better', targetValue: 0.6, targetDate: '2026-06-30', baseline: 0.5 };
    expect(goalProgress([goal], { 'care.retentionShare': 0.62 })).toEqual([{ ...goal, current: 0.62, onTarget: true }]);
    expect(goalProgress([goal], {})).toEqual([{ ...goal, current: null, onTarget: false }]);
  });
});

describe('the day of the next meeting', () => {
  it('is a week after the latest meeting, or today for the first one', () => {
    expect(nextWeeklyDay(['2026-03-09', '2026-03-16', '2026-03-02'], '2026-03-18')).toBe('2026-03-23');
    expect(nextWeeklyDay([], '2026-03-18')).toBe('2026-03-18');
  });
});
