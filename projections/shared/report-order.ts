/** A value a report row is grouped by: a period's first day, an id, a number such as a wave; null for "none". */
export type GroupValue = string | number | null | undefined;

/**
 * The order of report rows: key by key in the order of `a`'s keys (the period first), numbers by
 * value, text by code unit, and the rows without a value (null) last.
 */
export function compareGroups<G extends { readonly [K in keyof G]?: GroupValue }>(a: G, b: G): number {
  for (const key of Object.keys(a) as (keyof G)[]) {
    const order = compareValues(a[key] ?? null, b[key] ?? null);
    if (order !== 0) return order;
  }
  return 0;
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

/** Code-unit order, the same on every machine, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
