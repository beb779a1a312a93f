import { DomainRuleError } from '#kernel';
import type { CriterionResult, InspectionCriterion, ScoredVerdict } from './inspection.events.js';

export type ScoredCriterion = Pick<InspectionCriterion, 'criterionId' | 'weight' | 'critical'> & { readonly result: CriterionResult };

/**
 * Weights may be fractions, whose sums are not exact in binary: a score that equals the pass mark on
 * paper must not fail by a rounding error.
 */
const PASS_MARK_TOLERANCE = 1e-9;

/**
 * The verdict on a checklist: score = Σ(weight × passed) / Σ(weight of the applicable criteria), n/a
 * criteria left out. It passes when no critical criterion failed and the score reaches the pass mark.
 * A checklist on which nothing applied has no score (`NO_APPLICABLE_CRITERIA`).
 */
export function scoreChecklist(criteria: readonly ScoredCriterion[], passMark: number): ScoredVerdict {
  const applicable = criteria.filter((criterion) => criterion.result !== 'n/a');
  if (applicable.length === 0) {
    throw new DomainRuleError('NO_APPLICABLE_CRITERIA', 'every criterion is n/a: there is nothing to score');
  }
  const failed = applicable.filter((criterion) => criterion.result === 'fail');
  const score = weightOf(applicable.filter((criterion) => criterion.result === 'pass')) / weightOf(applicable);
  const criticalFailed = failed.some((criterion) => criterion.critical);
  return {
    verdict: !criticalFailed && score >= passMark - PASS_MARK_TOLERANCE ? 'passed' : 'failed',
    score,
    criticalFailed,
    failedCriteria: failed.map((criterion) => criterion.criterionId),
  };
}

function weightOf(criteria: readonly ScoredCriterion[]): number {
  return criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
}
