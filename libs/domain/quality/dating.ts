import { DomainRuleError } from '#kernel';

/**
 * Decisions on one template or one inspection follow each other in business time too: a decision
 * dated before the previous one would let a period's figures change behind an earlier decision.
 */
export function rejectDatedBefore(previousAt: string, at: string, details: Record<string, unknown>): void {
  if (Date.parse(at) < Date.parse(previousAt)) {
    throw new DomainRuleError('DATED_BEFORE_PREVIOUS_DECISION', `a decision dated ${at} comes before the previous one, dated ${previousAt}`, {
      ...details,
      previousAt,
      at,
    });
  }
}
