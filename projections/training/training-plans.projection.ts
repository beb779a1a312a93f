import type { Projection, RecordedOf } from '#kernel';
import type { Money } from '#domain/shared/money.js';
import {
  planDueOn,
  REASSESSMENT_SCHEDULED,
  TRAINING_COMPLETED,
  TRAINING_PLAN_APPROVED,
  TRAINING_PLAN_CANCELLED,
  TRAINING_PLAN_COMPLETED,
  TRAINING_PLAN_EVENT_TYPES,
  TRAINING_PLAN_PROPOSED,
  TRAINING_PLAN_REVISED,
  type PlanGap,
  type PlanTrigger,
  type TrainingItem,
  type TrainingItemKind,
  type TrainingPlanEvent,
  type TrainingPlanStatus,
} from '#domain/training/index.js';

/** An item of a plan with its completion. Absent facts are null, so that every field can be filtered on. */
export interface PlanItemDocument {
  readonly itemId: string;
  readonly kind: TrainingItemKind;
  readonly title: string;
  readonly materialId: string | null;
  readonly sessionId: string | null;
  readonly provider: string | null;
  readonly cost: Money | null;
  readonly mentorId: string | null;
  readonly competencyIds: readonly string[];
  readonly dueOn: string;
  /** Hours planned. */
  readonly hours: number | null;
  readonly completedAt: string | null;
  readonly onTime: boolean | null;
  readonly score: number | null;
  /** Hours spent, as recorded at completion. */
  readonly hoursSpent: number | null;
}

export interface ReassessmentDocument {
  readonly competencyIds: readonly string[];
  readonly dueOn: string;
  readonly scheduledAt: string;
}

/** An individual training plan as the API shows it. */
export interface TrainingPlanDocument {
  readonly id: string;
  readonly employeeId: string;
  readonly sectionId: string | null;
  readonly positionId: string | null;
  readonly status: TrainingPlanStatus;
  readonly trigger: PlanTrigger;
  /** The gaps the plan was proposed for, as they were then. */
  readonly gaps: readonly PlanGap[];
  readonly items: readonly PlanItemDocument[];
  /** The day of its latest item. */
  readonly dueOn: string;
  /** The earliest due day of an item not completed yet; null once all are. */
  readonly nextDueOn: string | null;
  readonly proposedAt: string;
  readonly approvedAt: string | null;
  readonly approverId: string | null;
  readonly completedAt: string | null;
  /** Every item completed by its due day; null until the plan is completed. */
  readonly onTime: boolean | null;
  readonly cancelledAt: string | null;
  readonly cancellationReason: string | null;
  readonly reassessment: ReassessmentDocument | null;
}

type PlanRecord = RecordedOf<TrainingPlanEvent>;

export const trainingPlans: Projection<TrainingPlanDocument, TrainingPlanEvent> = {
  name: 'trainingPlans',
  version: 1,
  indexes: [{ fields: ['proposedAt'] }, { fields: ['employeeId', 'proposedAt'] }, { fields: ['status', 'approvedAt'] }],
  handles: TRAINING_PLAN_EVENT_TYPES,
  documentId: (event) => event.data.planId,
  evolve: (document, event) => evolvePlan(document, event),
};

function evolvePlan(document: TrainingPlanDocument | null, event: PlanRecord): TrainingPlanDocument | null {
  if (event.type === TRAINING_PLAN_PROPOSED) {
    const { planId, employeeId, sectionId, positionId, trigger, gaps, items, proposedAt } = event.data;
    return withItems(
      {
        id: planId,
        employeeId,
        sectionId: sectionId ?? null,
        positionId: positionId ?? null,
        status: 'proposed',
        trigger,
        gaps,
        items: [],
        dueOn: '',
        nextDueOn: null,
        proposedAt,
        approvedAt: null,
        approverId: null,
        completedAt: null,
        onTime: null,
        cancelledAt: null,
        cancellationReason: null,
        reassessment: null,
      },
      items.map(plannedItem),
    );
  }
  if (document === null) return null;
  switch (event.type) {
    case TRAINING_PLAN_REVISED:
      return withItems(document, event.data.items.map(plannedItem));
    case TRAINING_PLAN_APPROVED:
      return { ...document, status: 'approved', approvedAt: event.data.approvedAt, approverId: event.data.approverId };
    case TRAINING_COMPLETED: {
      const { itemId, completedAt, onTime, score, hours } = event.data;
      const items = document.items.map((item) =>
        item.itemId === itemId ? { ...item, completedAt, onTime, score: score ?? null, hoursSpent: hours ?? null } : item,
      );
      return withItems(document, items);
    }
    case TRAINING_PLAN_COMPLETED:
      return { ...document, status: 'completed', completedAt: event.data.completedAt, onTime: event.data.onTime };
    case REASSESSMENT_SCHEDULED: {
      const { competencyIds, dueOn, scheduledAt } = event.data;
      return { ...document, reassessment: { competencyIds, dueOn, scheduledAt } };
    }
    case TRAINING_PLAN_CANCELLED:
      return { ...document, status: 'cancelled', cancelledAt: event.data.cancelledAt, cancellationReason: event.data.reason };
  }
}

function withItems(document: TrainingPlanDocument, items: readonly PlanItemDocument[]): TrainingPlanDocument {
  const openDays = items.filter((item) => item.completedAt === null).map((item) => item.dueOn);
  return { ...document, items, dueOn: planDueOn(items), nextDueOn: openDays.sort()[0] ?? null };
}

function plannedItem(item: TrainingItem): PlanItemDocument {
  return {
    itemId: item.itemId,
    kind: item.kind,
    title: item.title,
    materialId: item.materialId ?? null,
    sessionId: item.sessionId ?? null,
    provider: item.provider ?? null,
    cost: item.cost ?? null,
    mentorId: item.mentorId ?? null,
    competencyIds: item.competencyIds,
    dueOn: item.dueOn,
    hours: item.hours ?? null,
    completedAt: null,
    onTime: null,
    score: null,
    hoursSpent: null,
  };
}

/** The items of an approved plan still open after their due day, as of the day `on`. */
export function overdueItems(plan: TrainingPlanDocument, on: string): PlanItemDocument[] {
  if (plan.status !== 'approved') return [];
  return plan.items.filter((item) => item.completedAt === null && item.dueOn < on);
}
