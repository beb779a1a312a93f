import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { eventsOf } from './testing.js';
import type { ProgramCommand } from './program.commands.js';
import { programDecider } from './program.decider.js';
import { meetsGoal, type Goal, type ProgramEvent } from './program.events.js';

const AT = '2026-03-05T09:00:00.000Z';
const { given } = deciderSpec(programDecider);

const retentionGoal: Goal = { indicator: 'care.retentionShare', direction: 'higher-is-better', targetValue: 0.6, targetDate: '2026-06-30', baseline: 0.5 };
const overdueGoal: Goal = { indicator: 'training.plansOverdue', direction: 'lower-is-better', targetValue: 0, targetDate: '2026-06-30', baseline: 3 };
const create: ProgramCommand = {
  type: 'CreateProgram',
  programId: 'prog-1',
  decision: { decisionId: 'p-1', outcome: 'adopted' },
  title: 'Retention scripts for the webinar section',
  goals: [retentionGoal, overdueGoal],
  at: AT,
};
const plan: ProgramCommand = {
  type: 'PlanAction',
  programId: 'prog-1',
  actionId: 'a-1',
  description: 'Rewrite the discount script',
  ownerId: 'emp-7',
  deadline: '2026-03-20',
  completionCriteria: 'Script published and read by every agent',
  at: AT,
};
const complete: ProgramCommand = { type: 'CompleteAction', programId: 'prog-1', actionId: 'a-1', at: AT };
const checkWith = (readings: Record<string, number | null>): ProgramCommand => ({ type: 'CheckEffectiveness', programId: 'prog-1', readings, at: AT });
const close: ProgramCommand = { type: 'CloseProgram', programId: 'prog-1', at: AT };

const history = (...commands: ProgramCommand[]): ProgramEvent[] => eventsOf(programDecider, commands);

describe('an improvement program', () => {
  it('is created once, from an adopted decision only, with its goals and their baselines', () => {
    given([])
      .when(create)
      .then([
        {
          type: 'ImprovementProgramCreated',
          data: { programId: 'prog-1', decisionId: 'p-1', title: 'Retention scripts for the webinar section', goals: [retentionGoal, overdueGoal], createdAt: AT },
        },
      ]);
    given(history(create)).when(create).thenThrows(DomainRuleError, 'PROGRAM_EXISTS');
    given([]).when({ ...create, decision: { decisionId: 'p-2', outcome: 'rejected' } } as ProgramCommand).thenThrows(DomainRuleError, 'DECISION_NOT_ADOPTED');
    given([]).when({ ...create, goals: [] } as ProgramCommand).thenRejects(['goals']);
    given([]).when({ ...create, goals: [{ ...retentionGoal, targetDate: 'June' }] } as ProgramCommand).thenRejects(['goals.0.targetDate']);
  });

  it('plans actions with an owner, a deadline and completion criteria, and completes each once', () => {
    given(history(create))
      .when(plan)
      .then([
        {
          type: 'ImprovementActionPlanned',
          data: {
            programId: 'prog-1',
            actionId: 'a-1',
            description: 'Rewrite the discount script',
            ownerId: 'emp-7',
            deadline: '2026-03-20',
            completionCriteria: 'Script published and read by every agent',
            plannedAt: AT,
          },
        },
      ]);
    given(history(create, plan)).when(plan).thenThrows(DomainRuleError, 'ACTION_EXISTS');
    given(history(create, plan)).when(complete).then([{ type: 'ImprovementActionCompleted', data: { programId: 'prog-1', actionId: 'a-1', completedAt: AT } }]);
    given(history(create, plan, complete)).when(complete).thenThrows(DomainRuleError, 'ACTION_COMPLETED');
    given(history(create)).when(complete).thenThrows(NotFoundError);
    given([]).when(plan).thenThrows(NotFoundError);
    given(history(create)).when({ ...plan, deadline: '2026-13-01' } as ProgramCommand).thenRejects(['deadline']);
  });

  it('reschedules an open action to another day and cancels it, each with a reason; a cancelled action takes nothing more', () => {
    const later = '2026-04-10T09:00:00.000Z';
    const reschedule = (deadline: string, at = later): ProgramCommand => ({ type: 'RescheduleAction', programId: 'prog-1', actionId: 'a-1', deadline, reason: 'Waits for the refund policy', at });
    const cancel: ProgramCommand = { type: 'CancelAction', programId: 'prog-1', actionId: 'a-1', reason: 'Covered by the onboarding course', at: later };
    given(history(create, plan))
      .when(reschedule('2026-04-20'))
      .then([
        {
          type: 'ImprovementActionRescheduled',
          data: { programId: 'prog-1', actionId: 'a-1', deadline: '2026-04-20', previousDeadline: '2026-03-20', reason: 'Waits for the refund policy', rescheduledAt: later },
        },
      ]);
    given(history(create, plan, reschedule('2026-04-20')))
      .when(reschedule('2026-05-04'))
      .then([
        {
          type: 'ImprovementActionRescheduled',
          data: { programId: 'prog-1', actionId: 'a-1', deadline: '2026-05-04', previousDeadline: '2026-04-20', reason: 'Waits for the refund policy', rescheduledAt: later },
        },
      ]);
    given(history(create, plan)).when(reschedule('2026-03-20')).thenThrows(DomainRuleError, 'ACTION_DEADLINE_UNCHANGED');
    given(history(create, plan, complete)).when(reschedule('2026-04-20')).thenThrows(DomainRuleError, 'ACTION_COMPLETED');
    given(history(create)).when(reschedule('2026-04-20')).thenThrows(NotFoundError);

    given(history(create, plan)).when(cancel).then([{ type: 'ImprovementActionCancelled', data: { programId: 'prog-1', actionId: 'a-1', reason: 'Covered by the onboarding course', cancelledAt: later } }]);
    for (const after of [cancel, complete, reschedule('2026-04-20')]) given(history(create, plan, cancel)).when(after).thenThrows(DomainRuleError, 'ACTION_CANCELLED');
    given(history(create, plan, complete)).when(cancel).thenThrows(DomainRuleError, 'ACTION_COMPLETED');
    given(history(create, plan, checkWith({}), close)).when(cancel).thenThrows(DomainRuleError, 'PROGRAM_CLOSED');

    given(history(create, plan)).when({ ...cancel, reason: ' ' } as ProgramCommand).thenRejects(['reason']);
    given(history(create, plan)).when({ ...reschedule('2026-04-20'), reason: 'Ask anna@example.org' } as ProgramCommand).thenRejects(['reason']);
    given(history(create, plan)).when(reschedule('20 April')).thenRejects(['deadline']);
  });

  it('checks effectiveness: each indicator before and after against its target', () => {
    given(history(create))
      .when(checkWith({ 'care.retentionShare': 0.65, 'training.plansOverdue': 1 }))
      .then([
        {
          type: 'ProgramEffectivenessChecked',
          data: {
            programId: 'prog-1',
            results: [
              { indicator: 'care.retentionShare', targetValue: 0.6, before: 0.5, after: 0.65, achieved: true },
              { indicator: 'training.plansOverdue', targetValue: 0, before: 3, after: 1, achieved: false },
            ],
            effective: false,
            checkedAt: AT,
          },
        },
      ]);
  });

  it('closes only after an effectiveness check, and then changes no more', () => {
    given(history(create, plan)).when(close).thenThrows(DomainRuleError, 'EFFECTIVENESS_NOT_CHECKED');
    const checked = history(create, checkWith({ 'care.retentionShare': 0.7, 'training.plansOverdue': 0 }));
    given(checked).when(close).then([{ type: 'ImprovementProgramClosed', data: { programId: 'prog-1', effective: true, closedAt: AT } }]);
    given(history(create, checkWith({}), close)).when(plan).thenThrows(DomainRuleError, 'PROGRAM_CLOSED');
  });
});

describe('meeting a goal', () => {
  it('goes by the direction of the indicator, and no data meets nothing', () => {
    expect(meetsGoal(retentionGoal, 0.6)).toBe(true);
    expect(meetsGoal(retentionGoal, 0.59)).toBe(false);
    expect(meetsGoal(overdueGoal, 0)).toBe(true);
    expect(meetsGoal(overdueGoal, 1)).toBe(false);
    expect(meetsGoal(retentionGoal, null)).toBe(false);
  });
});
