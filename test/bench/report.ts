/** Prints one figure of the bench beside its target, and keeps it for the closing table. */
export type Report = (measure: string, value: string, target: string) => void;

/** The q-quantile of ascending values, with one decimal. */
export function quantile(sorted: readonly number[], q: number): string {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
}
