import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { rejectDatedBeforeLastChange } from '../organisation/references.js';
import { addDays, dayOf } from '../shared/days.js';
import { sameJson, withoutAbsent } from '../shared/objects.js';
import { actingEmployee } from '../shared/separation-of-duty.js';
import {
  validApproveTrainingPlan,
  validCancelTrainingPlan,
  validCompleteTraining,
  validProposeTrainingPlan,
  validReviseTrainingPlan,
  type ApproveTrainingPlan,
  type CancelTrainingPlan,
  type CompleteTraining,
  type ProposeTrainingPlan,
  type ReviseTrainingPlan,
  type TrainingPlanCommand,
} from './training-plan.commands.js';
import {
  REASSESSMENT_SCHEDULED,
  TRAINING_COMPLETED,
  TRAINING_PLAN_APPROVED,
  TRAINING_PLAN_CANCELLED,
  TRAINING_PLAN_COMPLETED,
  TRAINING_PLAN_PROPOSED,
  TRAINING_PLAN_REVISED,
  type PlanGap,
  type TrainingItem,
  type TrainingPlanEvent,
} from './training-plan.events.js';

export const DEFAULT_REASSESSMENT_AFTER_DAYS = 30;

export interface TrainingPlanDeciderOptions {
  /** Days after a plan's completion by which its competencies are to be assessed again. */
  readonly reassessmentAfterDays?: number;
}

export type TrainingPlanStatus = 'proposed' | 'approved' | 'completed' | 'cancelled';

/** An item with whether it was done on time; absent until it is done. */
export interface PlanItemState extends TrainingItem {
  readonly completedOnTime?: boolean;
}

export interface TrainingPlanFacts {
  readonly planId: string;
  readonly employeeId: string;
  readonly sectionId?: string;
  readonly gaps: readonly PlanGap[];
  readonly items: readonly PlanItemState[];
  readonly lastChangedAt: string;
  /** The due day the plan was approved with; absent before approval. */
  readonly approvedDueOn?: string;
}

export type TrainingPlanState = { readonly status: 'absent' } | (TrainingPlanFacts & { readonly status: TrainingPlanStatus });

type ExistingPlan = Exclude<TrainingPlanState, { status: 'absent' }>;

export type TrainingPlanDecider = Decider<TrainingPlanCommand, TrainingPlanEvent, TrainingPlanState>;

/**
 * An individual training plan. It is proposed (by the process manager, from an employee's gaps), its
 * items may be edited until a trainer or manager approves it, and its items are then completed one
 * by one (`TrainingCompleted`). The last completion completes the plan and schedules the re-assessment
 * that tells whether the gaps closed. An open plan may be cancelled.
 *
 * Rules: nobody approves their own plan (`SELF_APPROVAL`); items change only before approval
 * (`PLAN_APPROVED`) and are completed only after it (`PLAN_NOT_APPROVED`), each once
 * (`ITEM_ALREADY_COMPLETED`); a completed or cancelled plan takes nothing more (`PLAN_CLOSED`); the
 * decisions on a plan are dated in order (`DATED_BEFORE_LAST_CHANGE`).
 */
export function trainingPlanDecider(options: TrainingPlanDeciderOptions = {}): TrainingPlanDecider {
  const reassessmentAfterDays = wholeDays(options.reassessmentAfterDays ?? DEFAULT_REASSESSMENT_AFTER_DAYS);

  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'ProposeTrainingPlan':
          return propose(validProposeTrainingPlan(command), state);
        case 'ReviseTrainingPlan':
          return revise(validReviseTrainingPlan(command), state);
        case 'ApproveTrainingPlan':
          return approve(validApproveTrainingPlan(command), state);
        case 'CompleteTraining':
          return complete(validCompleteTraining(command), state, reassessmentAfterDays);
        case 'CancelTrainingPlan':
          return cancel(validCancelTrainingPlan(command), state);
      }
    },

    evolve,
  };
}

function wholeDays(days: number): number {
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`reassessmentAfterDays must be a whole number of days from 1, got ${days}`);
  return days;
}

/** The day a plan is due: that of its latest item. */
export function planDueOn(items: readonly Pick<TrainingItem, 'dueOn'>[]): string {
  return items.reduce((latest, item) => (item.dueOn > latest ? item.dueOn : latest), items[0]!.dueOn);
}

function propose(command: ProposeTrainingPlan, state: TrainingPlanState): TrainingPlanEvent[] {
  const { planId, employeeId, sectionId, positionId, trigger, gaps, items, at } = command;
  if (state.status !== 'absent') throw new DomainRuleError('TRAINING_PLAN_EXISTS', `training plan ${planId} already exists`, { planId });
  return [
    {
      type: TRAINING_PLAN_PROPOSED,
      data: withoutAbsent({ planId, employeeId, sectionId, positionId, trigger, gaps, items, proposedAt: at }),
    },
  ];
}

function revise(command: ReviseTrainingPlan, state: TrainingPlanState): TrainingPlanEvent[] {
  const plan = open(state, command.planId, command.at);
  rejectApproved(plan);
  if (sameJson(command.items, plan.items)) return [];
  return [{ type: TRAINING_PLAN_REVISED, data: { planId: plan.planId, items: command.items, revisedAt: command.at } }];
}

function approve(command: ApproveTrainingPlan, state: TrainingPlanState): TrainingPlanEvent[] {
  const plan = open(state, command.planId, command.at);
  rejectApproved(plan);
  const { approver, at } = command;
  if (actingEmployee(approver, 'approving a training plan') === plan.employeeId) {
    throw new DomainRuleError('SELF_APPROVAL', `employee ${plan.employeeId} cannot approve their own training plan`, {
      planId: plan.planId,
      employeeId: plan.employeeId,
    });
  }
  return [
    {
      type: TRAINING_PLAN_APPROVED,
      data: withoutAbsent({
        planId: plan.planId,
        employeeId: plan.employeeId,
        sectionId: plan.sectionId,
        dueOn: planDueOn(plan.items),
        approverId: approver.actorId,
        approverEmployeeId: approver.employeeId,
        approvedAt: at,
      }),
    },
  ];
}

function complete(command: CompleteTraining, state: TrainingPlanState, reassessmentAfterDays: number): TrainingPlanEvent[] {
  const plan = open(state, command.planId, command.at);
  if (plan.status !== 'approved') {
    throw new DomainRuleError('PLAN_NOT_APPROVED', `training plan ${plan.planId} is not approved yet`, { planId: plan.planId });
  }
  const item = plan.items.find((candidate) => candidate.itemId === command.itemId);
  if (item === undefined) throw new NotFoundError('training plan item', `${plan.planId}/${command.itemId}`);
  if (item.completedOnTime !== undefined) {
    throw new DomainRuleError('ITEM_ALREADY_COMPLETED', `item ${item.itemId} of training plan ${plan.planId} is completed`, {
      planId: plan.planId,
      itemId: item.itemId,
    });
  }
  const { planId, employeeId, sectionId } = plan;
  const { at } = command;
  const onTime = dayOf(at) <= item.dueOn;
  const completed: TrainingPlanEvent = {
    type: TRAINING_COMPLETED,
    data: withoutAbsent({
      planId,
      itemId: item.itemId,
      employeeId,
      sectionId,
      kind: item.kind,
      competencyIds: item.competencyIds,
      dueOn: item.dueOn,
      onTime,
      score: command.score,
      hours: command.hours ?? item.hours,
      cost: item.cost,
      completedAt: at,
    }),
  };
  const remaining = plan.items.filter((candidate) => candidate.completedOnTime === undefined && candidate.itemId !== item.itemId);
  if (remaining.length > 0) return [completed];
  const competencyIds = [...new Set(plan.items.flatMap((candidate) => candidate.competencyIds))];
  return [
    completed,
    {
      type: TRAINING_PLAN_COMPLETED,
      data: withoutAbsent({
        planId,
        employeeId,
        sectionId,
        dueOn: plan.approvedDueOn!,
        onTime: onTime && plan.items.every((candidate) => candidate.completedOnTime !== false),
        gaps: plan.gaps,
        completedAt: at,
      }),
    },
    {
      type: REASSESSMENT_SCHEDULED,
      data: { planId, employeeId, competencyIds, dueOn: addDays(dayOf(at), reassessmentAfterDays), scheduledAt: at },
    },
  ];
}

function cancel(command: CancelTrainingPlan, state: TrainingPlanState): TrainingPlanEvent[] {
  const plan = open(state, command.planId, command.at);
  const { planId, employeeId, sectionId, approvedDueOn } = plan;
  return [
    {
      type: TRAINING_PLAN_CANCELLED,
      data: withoutAbsent({ planId, employeeId, sectionId, reason: command.reason, approvedDueOn, cancelledAt: command.at }),
    },
  ];
}

/** A plan that exists and is still open, for a decision dated no earlier than the last one. */
function open(state: TrainingPlanState, planId: string, at: string): ExistingPlan {
  if (state.status === 'absent') throw new NotFoundError('training plan', planId);
  if (state.status === 'completed' || state.status === 'cancelled') {
    throw new DomainRuleError('PLAN_CLOSED', `training plan ${planId} is ${state.status}`, { planId, status: state.status });
  }
  rejectDatedBeforeLastChange('training plan', planId, state.lastChangedAt, at);
  return state;
}

function rejectApproved(plan: ExistingPlan): void {
  if (plan.status === 'approved') {
    throw new DomainRuleError('PLAN_APPROVED', `training plan ${plan.planId} is approved: its items are settled`, { planId: plan.planId });
  }
}

function evolve(state: TrainingPlanState, event: TrainingPlanEvent): TrainingPlanState {
  if (event.type === TRAINING_PLAN_PROPOSED) {
    const { planId, employeeId, sectionId, gaps, items, proposedAt } = event.data;
    return withoutAbsent({ status: 'proposed' as const, planId, employeeId, sectionId, gaps, items, lastChangedAt: proposedAt });
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case TRAINING_PLAN_REVISED:
      return { ...state, items: event.data.items, lastChangedAt: event.data.revisedAt };
    case TRAINING_PLAN_APPROVED:
      return { ...state, status: 'approved', approvedDueOn: event.data.dueOn, lastChangedAt: event.data.approvedAt };
    case TRAINING_COMPLETED: {
      const { itemId, onTime, completedAt } = event.data;
      const items = state.items.map((item) => (item.itemId === itemId ? { ...item, completedOnTime: onTime } : item));
      return { ...state, items, lastChangedAt: completedAt };
    }
    case TRAINING_PLAN_COMPLETED:
      return { ...state, status: 'completed' };
    case REASSESSMENT_SCHEDULED:
      return state;
    case TRAINING_PLAN_CANCELLED:
      return { ...state, status: 'cancelled', lastChangedAt: event.data.cancelledAt };
  }
}
