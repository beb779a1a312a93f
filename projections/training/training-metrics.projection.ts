import type { DocumentChange, FactInput, Projection, RecordedOf } from '#kernel';
import { startOfDay } from '#domain/shared/days.js';
import type { Money } from '#domain/shared/money.js';
import { COMPETENCY_ASSESSED, SELF_ASSESSMENT_VALIDATED } from '#domain/competence/index.js';
import {
  TRAINING_ATTENDANCE_RECORDED,
  TRAINING_COMPLETED,
  TRAINING_PLAN_APPROVED,
  TRAINING_PLAN_CANCELLED,
  TRAINING_PLAN_COMPLETED,
  TRAINING_SESSION_CANCELLED,
  TRAINING_SESSION_SCHEDULED,
  validatedLevelOf,
  WEBINAR_COUNTS_CORRECTED,
  WEBINAR_RECORDED,
  type AssessmentEvent,
  type TrainingPlanEvent,
  type TrainingSessionEvent,
  type ValidatedLevel,
  type WebinarCounts,
  type WebinarEvent,
} from '#domain/training/index.js';

/*
 * The facts of the training metrics, all in one projection so that every training metric answers as
 * of one checkpoint. Corrections are negative facts at the business date of what they correct.
 *
 * - `training.plans`, dated by the plan's due day, by section and employee: due (+1 on approval, -1
 *   when an approved plan is cancelled), completed and completedOnTime (on completion).
 * - `training.activity`, dated by when the training happened: trainings (completed plan items and
 *   session attendances), hours, and costMinor (per currency: external courses when completed,
 *   outside sessions when scheduled, taken back when cancelled).
 * - `training.effectiveness`, dated by the plan's completion: gapsTrained (the plan's starting gaps),
 *   then for each gap at its first validated assessment after the plan: gapsReassessed, gapsClosed,
 *   gapAtStart and gapAfter; a later assessment corrects gapsClosed and gapAfter.
 * - `training.webinars`, dated by the webinar: webinars, attendees, buyers, per trainer.
 *
 * Effectiveness needs what the plans left open per employee: that is this projection's document,
 * one per employee (the other events change no document).
 */

export const TRAINING_PLANS_METRIC = 'training.plans';
export const TRAINING_ACTIVITY_METRIC = 'training.activity';
export const TRAINING_EFFECTIVENESS_METRIC = 'training.effectiveness';
export const TRAINING_WEBINARS_METRIC = 'training.webinars';

export const PLAN_MEASURES = ['due', 'completed', 'completedOnTime'] as const;
export const ACTIVITY_MEASURES = ['trainings', 'hours'] as const;
/** Money, summed exactly. */
export const ACTIVITY_EXACT_MEASURES = ['costMinor'] as const;
export const EFFECTIVENESS_MEASURES = ['gapsTrained', 'gapsReassessed', 'gapsClosed', 'gapAtStart', 'gapAfter'] as const;
export const WEBINAR_MEASURES = ['webinars', 'attendees', 'buyers'] as const;

/** A starting gap of a completed plan, and what the validated assessments since its completion say. */
export interface TrainedGap {
  readonly competencyId: string;
  readonly required: number;
  readonly gapAtStart: number;
  /** The gap by the latest validated level after the plan; null until one came. */
  readonly gapAfter: number | null;
}

export interface CompletedPlan {
  readonly planId: string;
  readonly sectionId: string | null;
  readonly completedAt: string;
  readonly gaps: readonly TrainedGap[];
}

/** What the completed plans of an employee trained, for judging them by later assessments. */
export interface TrainingFollowUpDocument {
  readonly employeeId: string;
  readonly plans: readonly CompletedPlan[];
}

type MetricEvent = TrainingPlanEvent | TrainingSessionEvent | WebinarEvent | AssessmentEvent;
type MetricRecord = RecordedOf<MetricEvent>;

export const trainingMetrics: Projection<TrainingFollowUpDocument, MetricEvent> = {
  name: 'trainingMetrics',
  version: 2,
  handles: [
    TRAINING_PLAN_APPROVED,
    TRAINING_PLAN_CANCELLED,
    TRAINING_PLAN_COMPLETED,
    TRAINING_COMPLETED,
    TRAINING_SESSION_SCHEDULED,
    TRAINING_ATTENDANCE_RECORDED,
    TRAINING_SESSION_CANCELLED,
    WEBINAR_RECORDED,
    WEBINAR_COUNTS_CORRECTED,
    COMPETENCY_ASSESSED,
    SELF_ASSESSMENT_VALIDATED,
  ],
  documentId: followUpOf,
  evolve: (document, event) => evolveFollowUp(document, event),
  facts: (event, change) => factsOf(event, change),
};

function followUpOf(event: MetricRecord): string | null {
  switch (event.type) {
    case TRAINING_PLAN_COMPLETED:
    case COMPETENCY_ASSESSED:
    case SELF_ASSESSMENT_VALIDATED:
      return event.data.employeeId;
    default:
      return null;
  }
}

function evolveFollowUp(document: TrainingFollowUpDocument | null, event: MetricRecord): TrainingFollowUpDocument | null {
  if (event.type === TRAINING_PLAN_COMPLETED) {
    const { planId, employeeId, sectionId, completedAt, gaps } = event.data;
    const trained = gaps
      .filter((gap) => gap.gap > 0)
      .map(({ competencyId, required, gap }) => ({ competencyId, required, gapAtStart: gap, gapAfter: null }));
    const plan = { planId, sectionId: sectionId ?? null, completedAt, gaps: trained };
    return { employeeId, plans: [...(document?.plans ?? []), plan] };
  }
  if (event.type !== COMPETENCY_ASSESSED && event.type !== SELF_ASSESSMENT_VALIDATED) return document;
  const level = validatedLevelOf(event);
  if (document === null || level === undefined) return document;
  return { ...document, plans: document.plans.map((plan) => reassessed(plan, level)) };
}

/** The plan with the gap of the level's competency judged by it, when the level came after the plan. */
function reassessed(plan: CompletedPlan, level: ValidatedLevel): CompletedPlan {
  if (Date.parse(level.at) < Date.parse(plan.completedAt)) return plan;
  const gaps = plan.gaps.map((gap) =>
    gap.competencyId === level.competencyId ? { ...gap, gapAfter: Math.max(0, gap.required - level.level) } : gap,
  );
  return { ...plan, gaps };
}

function factsOf(event: MetricRecord, change: DocumentChange<TrainingFollowUpDocument>): FactInput[] {
  switch (event.type) {
    case TRAINING_PLAN_APPROVED:
      return [planFact(event.data.dueOn, event.data, { due: 1 })];
    case TRAINING_PLAN_CANCELLED:
      return event.data.approvedDueOn === undefined ? [] : [planFact(event.data.approvedDueOn, event.data, { due: -1 })];
    case TRAINING_PLAN_COMPLETED: {
      const { dueOn, sectionId, onTime, completedAt } = event.data;
      const gapsTrained = change.after?.plans.at(-1)?.gaps.length ?? 0;
      return [
        planFact(dueOn, event.data, { completed: 1, completedOnTime: onTime ? 1 : 0 }),
        effectivenessFact(completedAt, sectionId ?? null, { gapsTrained }),
      ];
    }
    case TRAINING_COMPLETED: {
      const { kind, sectionId, hours, cost, completedAt } = event.data;
      return [activityFact(completedAt, { source: 'plan', kind, sectionId }, { trainings: 1, hours: hours ?? 0 }, cost)];
    }
    case TRAINING_SESSION_SCHEDULED:
    case TRAINING_SESSION_CANCELLED: {
      const { kind, startsAt, cost } = event.data;
      if (cost === undefined) return [];
      const sign = event.type === TRAINING_SESSION_SCHEDULED ? 1 : -1;
      return [activityFact(startsAt, { source: 'session', kind }, {}, { ...cost, minor: sign * cost.minor })];
    }
    case TRAINING_ATTENDANCE_RECORDED: {
      const { kind, startsAt, hours, changes } = event.data;
      return changes
        .filter(({ attended, wasAttending }) => attended !== wasAttending)
        .map(({ sectionId, attended }) => {
          const sign = attended ? 1 : -1;
          return activityFact(startsAt, { source: 'session', kind, sectionId }, { trainings: sign, hours: sign * hours });
        });
    }
    case WEBINAR_RECORDED:
      return [webinarFact(event.data.heldAt, event.data.trainerId, 1, event.data)];
    case WEBINAR_COUNTS_CORRECTED: {
      const { heldAt, trainerId, previous } = event.data;
      return [webinarFact(heldAt, trainerId, -1, previous), webinarFact(heldAt, trainerId, 1, event.data)];
    }
    case COMPETENCY_ASSESSED:
    case SELF_ASSESSMENT_VALIDATED:
      return reassessmentFacts(change);
    default:
      return [];
  }
}

/** What the assessment changed in the judged gaps of each plan: first judgements, then corrections. */
function reassessmentFacts({ before, after }: DocumentChange<TrainingFollowUpDocument>): FactInput[] {
  if (before === null || after === null) return [];
  return after.plans.flatMap((plan, planIndex) =>
    plan.gaps.flatMap((gap, gapIndex) => {
      const earlier = before.plans[planIndex]!.gaps[gapIndex]!.gapAfter;
      if (gap.gapAfter === null || gap.gapAfter === earlier) return [];
      const closed = (gapAfter: number | null) => (gapAfter === 0 ? 1 : 0);
      const measures: Record<string, number> =
        earlier === null
          ? { gapsReassessed: 1, gapsClosed: closed(gap.gapAfter), gapAtStart: gap.gapAtStart, gapAfter: gap.gapAfter }
          : { gapsClosed: closed(gap.gapAfter) - closed(earlier), gapAfter: gap.gapAfter - earlier };
      return [effectivenessFact(plan.completedAt, plan.sectionId, measures)];
    }),
  );
}

/** A plan's fact, by the section and the employee it is for. */
function planFact(dueOn: string, plan: { readonly employeeId: string; readonly sectionId?: string }, measures: Record<string, number>): FactInput {
  return { metric: TRAINING_PLANS_METRIC, occurredAt: startOfDay(dueOn), dims: { ...sectionDims(plan.sectionId), employeeId: plan.employeeId }, measures };
}

function effectivenessFact(occurredAt: string, sectionId: string | null, measures: Record<string, number>): FactInput {
  return { metric: TRAINING_EFFECTIVENESS_METRIC, occurredAt, dims: sectionDims(sectionId ?? undefined), measures };
}

interface ActivityDims {
  readonly source: 'plan' | 'session';
  readonly kind: string;
  readonly sectionId?: string;
}

function activityFact(occurredAt: string, dims: ActivityDims, measures: Record<string, number>, cost?: Money): FactInput {
  return {
    metric: TRAINING_ACTIVITY_METRIC,
    occurredAt,
    dims: { source: dims.source, kind: dims.kind, ...sectionDims(dims.sectionId), ...(cost !== undefined && { currency: cost.currency }) },
    measures: { ...measures, ...(cost !== undefined && { costMinor: cost.minor }) },
  };
}

function webinarFact(heldAt: string, trainerId: string, sign: 1 | -1, counts: WebinarCounts): FactInput {
  return {
    metric: TRAINING_WEBINARS_METRIC,
    occurredAt: heldAt,
    dims: { trainerId },
    measures: { webinars: sign, attendees: sign * counts.attendees, buyers: sign * counts.buyers },
  };
}

/** Facts about no section leave the dimension out; a report groups them under null. */
function sectionDims(sectionId: string | undefined): Record<string, string> {
  return sectionId === undefined ? {} : { sectionId };
}
