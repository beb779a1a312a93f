import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { ProposeTrainingPlan, TrainingPlanCommand } from './training-plan.commands.js';
import { planDueOn, trainingPlanDecider } from './training-plan.decider.js';
import type { TrainingCompleted, TrainingItem, TrainingPlanApproved, TrainingPlanEvent, TrainingPlanProposed } from './training-plan.events.js';

const PROPOSED_AT = '2026-03-02T09:00:00.000Z';
const APPROVED_AT = '2026-03-03T09:00:00.000Z';

const reading: TrainingItem = {
  itemId: 'item-1',
  kind: 'material',
  title: 'Refund regulation',
  materialId: 'refunds',
  competencyIds: ['refund-handling'],
  dueOn: '2026-03-20',
  hours: 2,
};

const course: TrainingItem = {
  itemId: 'item-2',
  kind: 'external-course',
  title: 'Negotiation',
  provider: 'Negotiation School',
  cost: { minor: 1_200_000, currency: 'RUB' },
  competencyIds: ['negotiation'],
  dueOn: '2026-03-31',
};

const propose: ProposeTrainingPlan = {
  type: 'ProposeTrainingPlan',
  planId: 'plan-1',
  employeeId: 'emp-42',
  sectionId: 'support',
  positionId: 'support-l1',
  trigger: { eventId: 'event-7', assessmentId: 'assessment-7', position: '7' },
  gaps: [
    { competencyId: 'refund-handling', required: 3, level: 1, gap: 2 },
    { competencyId: 'negotiation', required: 2, level: null, gap: 2 },
  ],
  items: [reading, course],
  at: PROPOSED_AT,
};

const proposed: TrainingPlanProposed = {
  type: 'TrainingPlanProposed',
  data: {
    planId: 'plan-1',
    employeeId: 'emp-42',
    sectionId: 'support',
    positionId: 'support-l1',
    trigger: { eventId: 'event-7', assessmentId: 'assessment-7', position: '7' },
    gaps: propose.gaps,
    items: [reading, course],
    proposedAt: PROPOSED_AT,
  },
};

const approved: TrainingPlanApproved = {
  type: 'TrainingPlanApproved',
  data: {
    planId: 'plan-1',
    employeeId: 'emp-42',
    sectionId: 'support',
    dueOn: '2026-03-31',
    approverId: 'apiKey:trainer',
    approverEmployeeId: 'emp-trainer',
    approvedAt: APPROVED_AT,
  },
};

const approve = (employeeId = 'emp-trainer', at = APPROVED_AT): TrainingPlanCommand => ({
  type: 'ApproveTrainingPlan',
  planId: 'plan-1',
  approver: { actorId: 'apiKey:trainer', employeeId },
  at,
});

const complete = (itemId: string, at: string, extra: { score?: number; hours?: number } = {}): TrainingPlanCommand => ({
  type: 'CompleteTraining',
  planId: 'plan-1',
  itemId,
  ...extra,
  at,
});

const readingDone = (at = '2026-03-10T09:00:00.000Z', onTime = true): TrainingCompleted => ({
  type: 'TrainingCompleted',
  data: {
    planId: 'plan-1',
    itemId: 'item-1',
    employeeId: 'emp-42',
    sectionId: 'support',
    kind: 'material',
    competencyIds: ['refund-handling'],
    dueOn: '2026-03-20',
    onTime,
    score: 90,
    hours: 2,
    completedAt: at,
  },
});

const cancelled: TrainingPlanEvent = {
  type: 'TrainingPlanCancelled',
  data: { planId: 'plan-1', employeeId: 'emp-42', sectionId: 'support', reason: 'Moved', cancelledAt: APPROVED_AT },
};

const { given } = deciderSpec(trainingPlanDecider());

function decide(history: readonly TrainingPlanEvent[], command: TrainingPlanCommand, reassessmentAfterDays?: number): readonly TrainingPlanEvent[] {
  const decider = trainingPlanDecider({ reassessmentAfterDays });
  return decider.decide(command, history.reduce(decider.evolve, decider.initialState()));
}

describe('training plan decider', () => {
  describe('proposal and revision', () => {
    it('proposes a plan with the gaps it was made for and its items', () => {
      given([]).when(propose).then([proposed]);
    });

    it('proposes a plan for a training need of an improvement program, its trigger naming the program and the need', () => {
      const trigger = { eventId: 'event-9', programId: 'program-1', needId: 'need-1', position: '9' };
      given([]).when({ ...propose, trigger, gaps: [] }).then([{ ...proposed, data: { ...proposed.data, trigger, gaps: [] } }]);
      given([]).when({ ...propose, trigger: { eventId: 'event-9', programId: 'program-1', position: '9' } } as unknown as TrainingPlanCommand).thenRejects(['trigger.needId']);
      given([]).when({ ...propose, trigger: { eventId: 'event-9', position: '9' } } as unknown as TrainingPlanCommand).thenRejects(['trigger.assessmentId']);
      given([]).when({ ...propose, trigger: { ...trigger, position: '-9' } }).thenRejects(['trigger.position']);
    });

    it('refuses a second plan under the same id', () => {
      given([proposed]).when(propose).thenThrows(DomainRuleError, 'TRAINING_PLAN_EXISTS');
    });

    it('replaces the items before approval, and appends nothing for the same list', () => {
      const mentoring: TrainingItem = { itemId: 'item-3', kind: 'mentoring', title: 'Refunds with a lead', mentorId: 'emp-lead', competencyIds: ['refund-handling'], dueOn: '2026-03-25' };
      const revise = { type: 'ReviseTrainingPlan', planId: 'plan-1', at: APPROVED_AT } as const;
      given([proposed])
        .when({ ...revise, items: [mentoring] })
        .then([{ type: 'TrainingPlanRevised', data: { planId: 'plan-1', items: [mentoring], revisedAt: APPROVED_AT } }]);
      given([proposed]).when({ ...revise, items: [reading, course] }).then([]);
    });

    it('settles the items at approval', () => {
      given([proposed, approved])
        .when({ type: 'ReviseTrainingPlan', planId: 'plan-1', items: [reading], at: APPROVED_AT })
        .thenThrows(DomainRuleError, 'PLAN_APPROVED');
    });
  });

  describe('approval', () => {
    it('approves with the due day of its latest item', () => {
      given([proposed]).when(approve()).then([approved]);
    });

    it('is never given by the employee the plan is for, nor by a key that names no employee', () => {
      given([proposed]).when(approve('emp-42')).thenThrows(DomainRuleError, 'SELF_APPROVAL');
      given([proposed])
        .when({ type: 'ApproveTrainingPlan', planId: 'plan-1', approver: { actorId: 'apiKey:trainer' }, at: APPROVED_AT })
        .thenThrows(DomainRuleError, 'ACTOR_NOT_AN_EMPLOYEE');
    });

    it('is given once', () => {
      given([proposed, approved]).when(approve()).thenThrows(DomainRuleError, 'PLAN_APPROVED');
    });

    it('is not dated before the proposal', () => {
      given([proposed]).when(approve('emp-trainer', '2026-03-01T09:00:00.000Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_LAST_CHANGE');
    });
  });

  describe('completion', () => {
    it('records an item done on time, with its score and the hours planned', () => {
      given([proposed, approved]).when(complete('item-1', '2026-03-10T09:00:00.000Z', { score: 90 })).then([readingDone()]);
    });

    it('counts an item done after its due day as late, with the hours reported', () => {
      const { score: _score, ...unscored } = readingDone('2026-03-21T00:00:00.000Z', false).data;
      given([proposed, approved])
        .when(complete('item-1', '2026-03-21T00:00:00.000Z', { hours: 3 }))
        .then([{ type: 'TrainingCompleted', data: { ...unscored, hours: 3 } }]);
    });

    it('completes the plan with the last item, late when any item was, and schedules the re-assessment 30 days on', () => {
      given([proposed, approved, readingDone('2026-03-10T09:00:00.000Z')])
        .when(complete('item-2', '2026-04-02T09:00:00.000Z'))
        .then([
          {
            type: 'TrainingCompleted',
            data: {
              planId: 'plan-1',
              itemId: 'item-2',
              employeeId: 'emp-42',
              sectionId: 'support',
              kind: 'external-course',
              competencyIds: ['negotiation'],
              dueOn: '2026-03-31',
              onTime: false,
              cost: { minor: 1_200_000, currency: 'RUB' },
              completedAt: '2026-04-02T09:00:00.000Z',
            },
          },
          {
            type: 'TrainingPlanCompleted',
            data: {
              planId: 'plan-1',
              employeeId: 'emp-42',
              sectionId: 'support',
              dueOn: '2026-03-31',
              onTime: false,
              gaps: propose.gaps,
              completedAt: '2026-04-02T09:00:00.000Z',
            },
          },
          {
            type: 'ReassessmentScheduled',
            data: {
              planId: 'plan-1',
              employeeId: 'emp-42',
              competencyIds: ['refund-handling', 'negotiation'],
              dueOn: '2026-05-02',
              scheduledAt: '2026-04-02T09:00:00.000Z',
            },
          },
        ]);
    });

    it('takes the re-assessment delay from the factory, and is on time when every item was', () => {
      const events = decide([proposed, approved, readingDone()], complete('item-2', '2026-03-30T09:00:00.000Z'), 7);
      expect(events.slice(1)).toMatchObject([
        { type: 'TrainingPlanCompleted', data: { onTime: true } },
        { type: 'ReassessmentScheduled', data: { dueOn: '2026-04-06' } },
      ]);
      expect(() => trainingPlanDecider({ reassessmentAfterDays: 0 })).toThrow(RangeError);
    });

    it('completes an item once', () => {
      given([proposed, approved, readingDone()]).when(complete('item-1', '2026-03-30T09:00:00.000Z')).thenThrows(DomainRuleError, 'ITEM_ALREADY_COMPLETED');
    });

    it('waits for approval', () => {
      given([proposed]).when(complete('item-1', APPROVED_AT)).thenThrows(DomainRuleError, 'PLAN_NOT_APPROVED');
    });

    it('does not know an item outside the plan', () => {
      given([proposed, approved]).when(complete('item-9', APPROVED_AT)).thenThrows(NotFoundError);
    });

    it('takes nothing more once the plan is completed or cancelled', () => {
      const completedPlan = decide([proposed, approved, readingDone()], complete('item-2', '2026-03-30T09:00:00.000Z'));
      given([proposed, approved, readingDone(), ...completedPlan])
        .when({ type: 'CancelTrainingPlan', planId: 'plan-1', reason: 'Too late', at: '2026-04-01T09:00:00.000Z' })
        .thenThrows(DomainRuleError, 'PLAN_CLOSED');
      given([proposed, cancelled]).when(approve()).thenThrows(DomainRuleError, 'PLAN_CLOSED');
    });
  });

  describe('cancellation', () => {
    it('cancels a proposed plan', () => {
      given([proposed]).when({ type: 'CancelTrainingPlan', planId: 'plan-1', reason: 'Moved', at: APPROVED_AT }).then([cancelled]);
    });

    it('cancels an approved plan with its due day, for its metric to take it back', () => {
      given([proposed, approved])
        .when({ type: 'CancelTrainingPlan', planId: 'plan-1', reason: 'Moved', at: APPROVED_AT })
        .then([{ type: 'TrainingPlanCancelled', data: { ...(cancelled.data as object), approvedDueOn: '2026-03-31' } } as TrainingPlanEvent]);
    });

    it('is not found for a plan that does not exist', () => {
      given([]).when({ type: 'CancelTrainingPlan', planId: 'plan-1', reason: 'Moved', at: APPROVED_AT }).thenThrows(NotFoundError);
    });
  });

  describe('input', () => {
    it.each<[string, TrainingPlanCommand, string]>([
      ['no items', { ...propose, items: [] }, 'items'],
      ['a repeated item id', { ...propose, items: [reading, { ...course, itemId: 'item-1' }] }, 'items.1.itemId'],
      ['an unknown kind', { ...propose, items: [{ ...reading, kind: 'book' as TrainingItem['kind'] }] }, 'items.0.kind'],
      ['a material item without a material', { ...propose, items: [{ ...reading, materialId: undefined }] }, 'items.0.materialId'],
      ['a cost on a material item', { ...propose, items: [{ ...reading, cost: { minor: 100, currency: 'RUB' } }] }, 'items.0.cost'],
      ['an external course without a cost', { ...propose, items: [{ ...course, cost: undefined }] }, 'items.0.cost'],
      ['an external course that costs nothing', { ...propose, items: [{ ...course, cost: { minor: 0, currency: 'RUB' } }] }, 'items.0.cost.minor'],
      ['a mentor on a course', { ...propose, items: [{ ...course, mentorId: 'emp-lead' }] }, 'items.0.mentorId'],
      ['an item for no competency', { ...propose, items: [{ ...reading, competencyIds: [] }] }, 'items.0.competencyIds'],
      ['a due day before the plan is made', { ...propose, items: [{ ...reading, dueOn: '2026-03-01' }] }, 'items.0.dueOn'],
      ['a due day that does not exist', { ...propose, items: [{ ...reading, dueOn: '2026-02-30' }] }, 'items.0.dueOn'],
      ['no hours', { ...propose, items: [{ ...reading, hours: 0 }] }, 'items.0.hours'],
      ['a gap without a required level', { ...propose, gaps: [{ competencyId: 'a', required: undefined as never, level: null, gap: 1 }] }, 'gaps.0.required'],
      ['a score over 100', complete('item-1', APPROVED_AT, { score: 101 }), 'score'],
      ['negative hours', complete('item-1', APPROVED_AT, { hours: -1 }), 'hours'],
      ['a blank reason', { type: 'CancelTrainingPlan', planId: 'plan-1', reason: ' ', at: APPROVED_AT }, 'reason'],
    ])('rejects %s, naming the field', (_name, command, field) => {
      given([proposed, approved]).when(command).thenRejects([field]);
    });
  });

  it('takes the latest due day of the items as the due day of the plan', () => {
    expect(planDueOn([{ dueOn: '2026-03-20' }, { dueOn: '2026-04-01' }, { dueOn: '2026-03-31' }])).toBe('2026-04-01');
  });
});
