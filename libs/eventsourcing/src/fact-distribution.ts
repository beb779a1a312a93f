import { ValidationError } from './errors.js';
import { factName, factPeriod } from './fact-query.js';
import type { FactGroup, FactQuery } from './read-store.js';

/**
 * The distribution of the numbers one dimension of a metric's facts holds, such as durations in
 * seconds: each fact counts its value as often as its weight measure says (1, or -1 to take it
 * back). A fact whose value is not a number is not counted. Grouped, bounded and read as of a
 * position as `FactQuery` is.
 *
 * A fact with a negative weight takes back a value counted before it, with the same day and dims, as
 * a projection's corrections do: no value is ever counted fewer than zero times. The answers are
 * exact under that rule; a read store may walk to a percentile from either end.
 */
export interface DistributionQuery extends Omit<FactQuery, 'measures' | 'exactMeasures'> {
  /** The dimension that holds each fact's value. */
  readonly value: string;
  /** The measure that says how many times a fact counts its value. */
  readonly weight: string;
  /** Nearest-rank percentiles to read, each above 0 and at most 100. */
  readonly percentiles: readonly number[];
  /** Thresholds: how many values are at most each. */
  readonly atMost: readonly number[];
}

export interface DistributionGroup {
  /** First day of the period (`YYYY-MM-DD`), when grouped by period. */
  readonly period?: string;
  /** Values of the grouped dimensions; null where a fact lacks the dimension. */
  readonly dims: Readonly<Record<string, string | null>>;
  /** Number of fact rows in the group, those that take a value back included. */
  readonly facts: number;
  /** How many values the group counts: its facts' weights, added up. */
  readonly count: number;
  /** The sum of the values counted. */
  readonly sum: number;
  /**
   * The query's percentiles, in its order: the smallest value that at least that share of the
   * values counted do not exceed. Null while the group counts no value.
   */
  readonly percentiles: readonly (number | null)[];
  /** For each of the query's thresholds, in its order, how many of the values counted are at most it. */
  readonly atMost: readonly number[];
}

/** Checks what every read store requires of a distribution query before it reads. */
export function checkDistributionQuery(query: DistributionQuery): void {
  factName(query.value, 'value');
  factName(query.weight, 'weight');
  factPeriod(query.groupBy?.period);
  if ((query.groupBy?.dims ?? []).includes(query.value)) {
    throw new ValidationError('a distribution is not grouped by the dimension that holds its values', [{ field: 'groupBy.dims', message: 'holds the value' }]);
  }
  if (!Array.isArray(query.percentiles) || query.percentiles.some((p) => typeof p !== 'number' || !(p > 0 && p <= 100))) {
    throw new ValidationError('percentiles are numbers above 0 and at most 100', [{ field: 'percentiles', message: 'out of range' }]);
  }
  if (!Array.isArray(query.atMost) || query.atMost.some((threshold) => typeof threshold !== 'number' || !Number.isFinite(threshold))) {
    throw new ValidationError('thresholds are finite numbers', [{ field: 'atMost', message: 'not a finite number' }]);
  }
}

/**
 * Folds the values of one group into its figures. The values come in ascending order, each once,
 * with how many times the group counts it; `count` is their total, known beforehand.
 */
export class DistributionFold {
  private seen = 0;
  private sum = 0;
  private readonly ranks: readonly number[];
  private readonly percentiles: (number | null)[];
  private readonly atMost: number[];

  constructor(
    private readonly query: Pick<DistributionQuery, 'percentiles' | 'atMost'>,
    private readonly count: number,
  ) {
    this.ranks = percentileRanks(query.percentiles, count);
    this.percentiles = query.percentiles.map(() => null);
    this.atMost = query.atMost.map(() => 0);
  }

  add(value: number, times: number): void {
    if (times === 0) return;
    this.seen += times;
    this.sum += value * times;
    for (let i = 0; i < this.ranks.length; i++) if (this.percentiles[i] === null && this.seen >= this.ranks[i]!) this.percentiles[i] = value;
    for (let i = 0; i < this.atMost.length; i++) if (value <= this.query.atMost[i]!) this.atMost[i]! += times;
  }

  figures(): Pick<DistributionGroup, 'count' | 'sum' | 'percentiles' | 'atMost'> {
    const counted = this.count > 0;
    return { count: this.count, sum: this.sum, percentiles: counted ? this.percentiles : this.percentiles.map(() => null), atMost: this.atMost };
  }
}

/** The number a fact's value dimension holds; undefined for none, and a fact without one is not counted. */
export function distributionValue(text: string | null | undefined): number | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The nearest ranks of percentiles among `count` values: the 1-based rank each percentile reads. */
export function percentileRanks(percentiles: readonly number[], count: number): number[] {
  return percentiles.map((percent) => Math.max(1, Math.ceil((percent * count) / 100)));
}

/** The fact query whose groups, one per value of each group, a distribution can be read from. */
export function valueGroupsQuery(query: DistributionQuery): FactQuery {
  const { value, weight, percentiles: _percentiles, atMost: _atMost, groupBy, ...range } = query;
  return { ...range, groupBy: { ...groupBy, dims: [...(groupBy?.dims ?? []), value] }, measures: [weight] };
}

/**
 * The distribution from the groups of `valueGroupsQuery`: what a read store that cannot do better
 * answers, and what any answer must equal.
 */
export function distributionFromValueGroups(query: DistributionQuery, valueGroups: readonly FactGroup[]): DistributionGroup[] {
  const groups = new Map<string, { key: Omit<DistributionGroup, 'facts' | 'count' | 'sum' | 'percentiles' | 'atMost'>; facts: number; values: [number, number][] }>();
  for (const valueGroup of valueGroups) {
    const value = distributionValue(valueGroup.dims[query.value]);
    if (value === undefined) continue;
    const dims = Object.fromEntries(Object.entries(valueGroup.dims).filter(([dim]) => dim !== query.value));
    const key = { ...(valueGroup.period !== undefined && { period: valueGroup.period }), dims };
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? groups.set(id, { key, facts: 0, values: [] }).get(id)!;
    group.facts += valueGroup.facts;
    group.values.push([value, valueGroup.sums[query.weight] ?? 0]);
  }
  const answer = [...groups.values()].map(({ key, facts, values }) => {
    const merged = mergedValues(values);
    const fold = new DistributionFold(query, merged.reduce((total, [, times]) => total + times, 0));
    for (const [value, times] of merged) fold.add(value, times);
    return { ...key, facts, ...fold.figures() };
  });
  return answer.sort((a, b) => compareDistributionGroups(a, b, query.groupBy?.dims ?? []));
}

/** Ascending values, each once: "5" and "05" are one value. */
function mergedValues(values: readonly [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [value, times] of [...values].sort(([a], [b]) => a - b)) {
    const last = merged.at(-1);
    if (last !== undefined && last[0] === value) last[1] += times;
    else merged.push([value, times]);
  }
  return merged;
}

/** The order of a distribution's groups in every read store: by period, then by each grouped dimension, nulls first. */
export function compareDistributionGroups(a: Pick<DistributionGroup, 'period' | 'dims'>, b: Pick<DistributionGroup, 'period' | 'dims'>, dims: readonly string[]): number {
  for (const [x, y] of [[a.period, b.period], ...dims.map((dim) => [a.dims[dim], b.dims[dim]])]) {
    if (x === y) continue;
    if (x === undefined || x === null) return -1;
    if (y === undefined || y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
