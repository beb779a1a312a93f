import type { FactGroup } from '#kernel';
import { compareText } from './report-order.js';

/**
 * A money total as reports answer it: minor units as a decimal string (`"-1500000"`). A total may pass
 * 2^53, past which a JSON number loses digits in most readers, so it is never a number.
 */
export type MinorUnitsTotal = string;

/** The exact sum of an exact measure in a fact group; 0 when the group has none. */
export function exactSumOf(group: FactGroup, measure: string): bigint {
  return group.exactSums?.[measure] ?? 0n;
}

/** Totals per currency as reports answer them: by currency code, each as a decimal string. */
export function minorUnitsTotals(totals: Iterable<readonly [currency: string, minor: bigint]>): Record<string, MinorUnitsTotal> {
  return Object.fromEntries([...totals].sort(([a], [b]) => compareText(a, b)).map(([currency, minor]) => [currency, minor.toString()]));
}
