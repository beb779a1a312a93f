import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { eventsOf, trainingNeed } from './testing.js';
import type { DocumentStanding, PlanDocumentChange, ProgramCommand, RecordTrainingNeed } from './program.commands.js';
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

  it('plans stages in order, each id once, and actions in a stage it has or in none', () => {
    const stage = (stageId: string, title = 'New scripts'): ProgramCommand => ({ type: 'PlanStage', programId: 'prog-1', stageId, title, at: AT });
    given(history(create)).when(stage('s-1')).then([{ type: 'ImprovementStagePlanned', data: { programId: 'prog-1', stageId: 's-1', title: 'New scripts', plannedAt: AT } }]);
    given(history(create, stage('s-1'))).when(stage('s-1', 'Again')).thenThrows(DomainRuleError, 'STAGE_EXISTS');
    given(history(create)).when(stage('s-1', '')).thenRejects(['title']);
    given(history(create, checkWith({}), close)).when(stage('s-1')).thenThrows(DomainRuleError, 'PROGRAM_CLOSED');

    const staged = { ...plan, stageId: 's-1' } as ProgramCommand;
    given(history(create, stage('s-1')))
      .when(staged)
      .then([
        {
          type: 'ImprovementActionPlanned',
          data: {
            programId: 'prog-1',
            actionId: 'a-1',
            stageId: 's-1',
            description: 'Rewrite the discount script',
            ownerId: 'emp-7',
            deadline: '2026-03-20',
            completionCriteria: 'Script published and read by every agent',
            plannedAt: AT,
          },
        },
      ]);
    given(history(create, stage('s-1'))).when({ ...plan, stageId: 's-2' } as ProgramCommand).thenRejects(['stageId']);
    given(history(create)).when({ ...plan, stageId: 'not an id' } as ProgramCommand).thenRejects(['stageId']);
  });

  it('lists the standards it applies as a whole list, appending nothing for the same list', () => {
    const list = (standardIds: string[]): ProgramCommand => ({ type: 'ListStandards', programId: 'prog-1', standardIds, at: AT });
    given(history(create)).when(list(['std-refunds', 'std-scripts'])).then([
      { type: 'ImprovementStandardsListed', data: { programId: 'prog-1', standardIds: ['std-refunds', 'std-scripts'], listedAt: AT } },
    ]);
    given(history(create, list(['std-refunds', 'std-scripts']))).when(list(['std-refunds', 'std-scripts'])).then([]);
    given(history(create, list(['std-refunds']))).when(list([])).then([{ type: 'ImprovementStandardsListed', data: { programId: 'prog-1', standardIds: [], listedAt: AT } }]);
    given(history(create)).when(list(['std-refunds', 'std-refunds'])).thenRejects(['standardIds.1']);
    given([]).when(list(['std-refunds'])).thenThrows(NotFoundError);
  });

  describe('training needs', () => {
    const need = (change: Partial<RecordTrainingNeed> = {}): ProgramCommand => trainingNeed(AT, change);

    it('names everyone who needs the competency by a day: those named, then the holders of the positions named, each once', () => {
      given(history(create))
        .when(need())
        .then([
          {
            type: 'ImprovementTrainingNeedRecorded',
            data: { programId: 'prog-1', needId: 'need-1', competencyId: 'regs', employeeIds: ['emp-1', 'emp-2'], positionIds: ['line-1'], dueOn: '2026-04-30', recordedAt: AT },
          },
        ]);
      given(history(create, need())).when(need()).thenThrows(DomainRuleError, 'TRAINING_NEED_EXISTS');
    });

    it('refuses an unknown or retired competency, a need of nobody, and a day before it is recorded', () => {
      given(history(create)).when(need({ competencyId: 'juggling' })).thenRejects(['competencyId']);
      given(history(create)).when(need({ competencyId: 'gone' })).thenThrows(DomainRuleError, 'COMPETENCY_RETIRED');
      given(history(create)).when(need({ employeeIds: [], positionIds: [] })).thenRejects(['employeeIds']);
      given(history(create)).when(need({ employeeIds: [], positionHolders: { 'line-1': [] } })).thenThrows(DomainRuleError, 'NO_EMPLOYEES_TO_TRAIN');
      given(history(create)).when(need({ dueOn: '2026-03-04' })).thenRejects(['dueOn']);
      given(history(create)).when(need({ employeeIds: ['emp-1', 'emp-1'] })).thenRejects(['employeeIds.1']);
      given(history(create, checkWith({}), close)).when(need()).thenThrows(DomainRuleError, 'PROGRAM_CLOSED');
    });
  });

  describe('documents to change', () => {
    const regulation = { kind: 'knowledge-base', id: 'reg-refunds' } as const;
    const planChange = (change: Partial<PlanDocumentChange> = {}): ProgramCommand => ({
      type: 'PlanDocumentChange',
      programId: 'prog-1',
      changeId: 'ch-1',
      document: regulation,
      standing: { status: 'current', version: 2 },
      change: 'State the new discount limits',
      ownerId: 'emp-9',
      deadline: '2026-04-15',
      at: AT,
      ...change,
    });
    const completeChange = (version?: number, standing: DocumentStanding = { status: 'current', version: 3 }): ProgramCommand => ({
      type: 'CompleteDocumentChange',
      programId: 'prog-1',
      changeId: 'ch-1',
      ...(version === undefined ? {} : { version }),
      standing,
      at: AT,
    });

    it('plans a change to a current document at its current version, each id once', () => {
      given(history(create))
        .when(planChange())
        .then([
          {
            type: 'ImprovementDocumentChangePlanned',
            data: {
              programId: 'prog-1',
              changeId: 'ch-1',
              document: { kind: 'knowledge-base', id: 'reg-refunds', version: 2 },
              change: 'State the new discount limits',
              ownerId: 'emp-9',
              deadline: '2026-04-15',
              plannedAt: AT,
            },
          },
        ]);
      given(history(create, planChange())).when(planChange()).thenThrows(DomainRuleError, 'DOCUMENT_CHANGE_EXISTS');
    });

    it('refuses a document that does not exist or is retired, and a kind it does not know', () => {
      given(history(create)).when(planChange({ standing: { status: 'absent' } })).thenRejects(['document.id']);
      given(history(create)).when(planChange({ standing: { status: 'retired', version: 4 } })).thenRejects(['document.id']);
      given(history(create)).when(planChange({ document: { kind: 'memo', id: 'x' } as unknown as PlanDocumentChange['document'] })).thenRejects(['document.kind']);
      given(history(create)).when(planChange({ change: ' ' })).thenRejects(['change']);
    });

    it('is completed once, naming a published version later than the one planned against, or none', () => {
      given(history(create, planChange())).when(completeChange(3)).then([{ type: 'ImprovementDocumentChangeCompleted', data: { programId: 'prog-1', changeId: 'ch-1', version: 3, completedAt: AT } }]);
      given(history(create, planChange())).when(completeChange()).then([{ type: 'ImprovementDocumentChangeCompleted', data: { programId: 'prog-1', changeId: 'ch-1', completedAt: AT } }]);
      given(history(create, planChange(), completeChange())).when(completeChange()).thenThrows(DomainRuleError, 'DOCUMENT_CHANGE_COMPLETED');
      given(history(create, planChange())).when(completeChange(2)).thenThrows(DomainRuleError, 'DOCUMENT_VERSION_NOT_NEWER');
      given(history(create, planChange())).when(completeChange(4)).thenRejects(['version']);
      given(history(create, planChange())).when(completeChange(3, { status: 'absent' })).thenRejects(['version']);
      given(history(create, planChange())).when(completeChange(0)).thenRejects(['version']);
      given(history(create)).when(completeChange(3)).thenThrows(NotFoundError);
    });
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
