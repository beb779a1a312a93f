import { projectionSpec } from '#kernel/testing.js';
import { trainingPlanDecider, type TrainingItem, type TrainingPlanCommand } from '#domain/training/index.js';
import { overdueItems, trainingPlans, type TrainingPlanDocument } from './training-plans.projection.js';
import { course, reading, trainerHistory } from './testing.js';

const PROPOSED_AT = '2026-03-02T09:00:00.000Z';
const APPROVED_AT = '2026-03-03T09:00:00.000Z';

const propose: TrainingPlanCommand = {
  type: 'ProposeTrainingPlan',
  planId: 'plan-1',
  employeeId: 'emp-42',
  sectionId: 'support',
  trigger: { eventId: 'event-7', assessmentId: 'assessment-7', position: '7' },
  gaps: [{ competencyId: 'refunds', required: 3, level: 1, gap: 2 }],
  items: [reading],
  at: PROPOSED_AT,
};
const revise: TrainingPlanCommand = { type: 'ReviseTrainingPlan', planId: 'plan-1', items: [reading, course], at: PROPOSED_AT };
const approve: TrainingPlanCommand = { type: 'ApproveTrainingPlan', planId: 'plan-1', approver: { actorId: 'apiKey:hr', employeeId: 'emp-hr' }, at: APPROVED_AT };
const complete = (itemId: string, at: string, score?: number): TrainingPlanCommand => ({ type: 'CompleteTraining', planId: 'plan-1', itemId, score, at });

const open = (item: TrainingItem) => ({
  materialId: null,
  sessionId: null,
  provider: null,
  cost: null,
  mentorId: null,
  hours: null,
  ...item,
  completedAt: null,
  onTime: null,
  score: null,
  hoursSpent: null,
});

function planAfter(...commands: TrainingPlanCommand[]): TrainingPlanDocument {
  const { documents } = projectionSpec(trainingPlans).given(trainerHistory(trainingPlanDecider(), 'trainingPlan-plan-1', [propose, ...commands]));
  return documents.get('plan-1')!;
}

describe('training plans projection', () => {
  it('shows a proposed plan with its gaps, items, due day and earliest open due day', () => {
    projectionSpec(trainingPlans)
      .given(trainerHistory(trainingPlanDecider(), 'trainingPlan-plan-1', [propose, revise]))
      .thenDocument('plan-1', {
        id: 'plan-1',
        employeeId: 'emp-42',
        sectionId: 'support',
        positionId: null,
        status: 'proposed',
        trigger: { eventId: 'event-7', assessmentId: 'assessment-7', position: '7' },
        gaps: [{ competencyId: 'refunds', required: 3, level: 1, gap: 2 }],
        items: [open(reading), open(course)],
        dueOn: '2026-03-31',
        nextDueOn: '2026-03-20',
        proposedAt: PROPOSED_AT,
        approvedAt: null,
        approverId: null,
        completedAt: null,
        onTime: null,
        cancelledAt: null,
        cancellationReason: null,
        reassessment: null,
      });
  });

  it('records each completion on its item and moves the earliest open due day on', () => {
    const plan = planAfter(revise, approve, complete('item-1', '2026-03-21T09:00:00.000Z', 75));
    expect(plan).toMatchObject({ status: 'approved', approvedAt: APPROVED_AT, approverId: 'apiKey:hr', nextDueOn: '2026-03-31' });
    expect(plan.items[0]).toMatchObject({ completedAt: '2026-03-21T09:00:00.000Z', onTime: false, score: 75, hoursSpent: 2 });
  });

  it('completes the plan with its last item, with the re-assessment it schedules', () => {
    const plan = planAfter(approve, complete('item-1', '2026-03-10T09:00:00.000Z'));
    expect(plan).toMatchObject({
      status: 'completed',
      completedAt: '2026-03-10T09:00:00.000Z',
      onTime: true,
      nextDueOn: null,
      reassessment: { competencyIds: ['refunds'], dueOn: '2026-04-09', scheduledAt: '2026-03-10T09:00:00.000Z' },
    });
  });

  it('shows a cancellation with its reason', () => {
    const plan = planAfter({ type: 'CancelTrainingPlan', planId: 'plan-1', reason: 'Moved to sales', at: APPROVED_AT });
    expect(plan).toMatchObject({ status: 'cancelled', cancelledAt: APPROVED_AT, cancellationReason: 'Moved to sales' });
  });

  describe('overdue items', () => {
    const approved = planAfter(revise, approve);

    it('lists the open items of an approved plan due before the day, not on it', () => {
      expect(overdueItems(approved, '2026-03-20').map((item) => item.itemId)).toEqual([]);
      expect(overdueItems(approved, '2026-03-21').map((item) => item.itemId)).toEqual(['item-1']);
      expect(overdueItems(approved, '2026-04-01').map((item) => item.itemId)).toEqual(['item-1', 'item-2']);
    });

    it('leaves out completed items, and every item of a plan not approved', () => {
      const partly = planAfter(revise, approve, complete('item-1', '2026-03-25T09:00:00.000Z'));
      expect(overdueItems(partly, '2026-04-01').map((item) => item.itemId)).toEqual(['item-2']);
      expect(overdueItems(planAfter(revise), '2026-04-01')).toEqual([]);
    });
  });
});
