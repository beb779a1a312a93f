/** Prints one figure of the bench beside its target (and what it was before, when known), and keeps it for the closing table. */
export type Report = (measure: string, value: string, target: string) => void;

interface Row {
  readonly measure: string;
  readonly value: string;
  readonly target: string;
  readonly before: string;
}

/**
 * The bench's one table: each figure beside its target and beside the figure `before` gives for the
 * first prefix its measure starts with.
 */
export function figureTable(before: readonly (readonly [prefix: string, figure: string])[]): { report: Report; print(): void } {
  const rows: Row[] = [];
  return {
    report: (measure, value, target) => {
      const earlier = before.find(([prefix]) => measure.startsWith(prefix))?.[1] ?? '';
      rows.push({ measure, value, target, before: earlier });
      console.log(`  ${measure}: ${value} (target ${target}${earlier ? `; before: ${earlier}` : ''})`);
    },
    print: () => {
      console.log('');
      console.table(rows);
    },
  };
}

/** The q-quantile of ascending values, with one decimal. */
export function quantile(sorted: readonly number[], q: number): string {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
}
