import type { TrainingPlanStatus } from '#domain/training/index.js';
import type { SkillGapDocument } from '../competence/skill-gaps.projection.js';
import type { ReassessmentDocument, TrainingPlanDocument } from './training-plans.projection.js';

/** One starting gap of a plan against the latest validated level of its competency. */
export interface GapEffectiveness {
  readonly competencyId: string;
  /** The level required when the plan was proposed, which the gap is judged against. */
  readonly required: number;
  readonly levelAtStart: number | null;
  readonly gapAtStart: number;
  /** The latest validated level, and when it was assessed. */
  readonly level: number | null;
  readonly assessedAt: string | null;
  /** True once that level was assessed after the plan completed. */
  readonly reassessed: boolean;
  /** required - level, never below zero, once re-assessed; null before. */
  readonly gapAfter: number | null;
  readonly closed: boolean;
}

/** Whether a plan closed the gaps it started from (ISO 9001 §7.2: the effectiveness of training). */
export interface PlanEffectiveness {
  readonly planId: string;
  readonly employeeId: string;
  readonly status: TrainingPlanStatus;
  readonly completedAt: string | null;
  readonly reassessment: ReassessmentDocument | null;
  readonly gaps: readonly GapEffectiveness[];
  readonly gapsReassessed: number;
  readonly gapsClosed: number;
}

/**
 * A plan's starting gaps judged by the employee's skill gaps: a gap is re-assessed when its level was
 * assessed at or after the plan's completion, and closed when that level meets what was required.
 */
export function planEffectiveness(plan: TrainingPlanDocument, skillGaps: SkillGapDocument | undefined): PlanEffectiveness {
  const gaps = plan.gaps.map(({ competencyId, required, level: levelAtStart, gap: gapAtStart }): GapEffectiveness => {
    const now = skillGaps?.competencies.find((competency) => competency.competencyId === competencyId);
    const level = now?.level ?? null;
    const assessedAt = now?.assessedAt ?? null;
    const reassessed =
      plan.completedAt !== null && level !== null && assessedAt !== null && Date.parse(assessedAt) >= Date.parse(plan.completedAt);
    const gapAfter = reassessed ? Math.max(0, required - level!) : null;
    return { competencyId, required, levelAtStart, gapAtStart, level, assessedAt, reassessed, gapAfter, closed: gapAfter === 0 };
  });
  return {
    planId: plan.id,
    employeeId: plan.employeeId,
    status: plan.status,
    completedAt: plan.completedAt,
    reassessment: plan.reassessment,
    gaps,
    gapsReassessed: gaps.filter((gap) => gap.reassessed).length,
    gapsClosed: gaps.filter((gap) => gap.closed).length,
  };
}
