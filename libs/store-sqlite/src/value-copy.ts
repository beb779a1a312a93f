import { distributionValue } from '#kernel';

/** A fact of a distribution as the file holds it. */
export interface ValueRow {
  readonly position: number;
  readonly value: string | null;
  readonly weight: number | null;
  readonly day: number;
  /** Its dims but the value, as its series keeps them (sorted keys). */
  readonly rest: string;
}

/** The facts of a copy in one order, in columns. */
export interface Columns {
  readonly value: Float64Array;
  readonly position: Float64Array;
  readonly weight: Float64Array;
  /** The fact's cell: its day and rest of dims. */
  readonly cell: Int32Array;
}

/** How many thresholds a copy keeps the current counts of, per cell: a read store serves a few targets. */
const KEPT_THRESHOLDS = 8;

/**
 * The facts of one distribution (metric, value dimension, weight measure) of the active generations,
 * in memory, in columns: once sorted by value, for the walk to the percentiles, and once by position,
 * so that the facts at or below a position, or above it, are one run. Facts of one day and one rest
 * of dims share a cell, and each cell keeps its current totals: a read of the current state adds up
 * cells, not facts.
 */
export class ValueCopy {
  /** Per active generation, the last position taken in. */
  readonly takenUpTo = new Map<number, number>();
  size = 0;
  /** The greatest position taken in; -Infinity while empty. */
  lastPosition = -Infinity;
  byValue: Columns = emptyColumns(0);
  byPosition: Columns = emptyColumns(0);
  /** The first and last business days of the facts; an empty copy has none in between. */
  firstDay = Infinity;
  lastDay = -Infinity;
  /** Each distinct rest of dims, numbered. */
  readonly restDims: Readonly<Record<string, string>>[] = [];
  private readonly restIds = new Map<string, number>();
  /** Per cell: its day, its rest of dims, and the current number of facts, count and sum of its values. */
  readonly cellDay: number[] = [];
  readonly cellRest: number[] = [];
  readonly cellFacts: number[] = [];
  readonly cellCount: number[] = [];
  readonly cellSum: number[] = [];
  private readonly cellIds = new Map<number, number>();
  /** Per threshold asked for lately, per cell, the current count of values at most it. */
  private readonly cellAtMost = new Map<number, number[]>();

  /** Merges new facts into both orders and the cells; a fact that holds no value is left out. */
  takeIn(rows: readonly ValueRow[]): void {
    const fresh: Fresh[] = [];
    for (const row of rows) {
      const value = distributionValue(row.value);
      if (value === undefined) continue;
      const cell = this.cellOf(row.day, row.rest);
      const weight = row.weight ?? 0;
      fresh.push({ value, position: row.position, weight, cell });
      this.cellFacts[cell]! += 1;
      this.cellCount[cell]! += weight;
      this.cellSum[cell]! += value * weight;
      for (const [threshold, counts] of this.cellAtMost) if (value <= threshold) counts[cell]! += weight;
      if (row.position > this.lastPosition) this.lastPosition = row.position;
      if (row.day < this.firstDay) this.firstDay = row.day;
      if (row.day > this.lastDay) this.lastDay = row.day;
    }
    if (fresh.length === 0) return;
    this.byValue = merged(this.byValue, this.size, fresh, 'value');
    this.byPosition = merged(this.byPosition, this.size, fresh, 'position');
    this.size += fresh.length;
  }

  /** Per cell, the current count of values at most `threshold`. */
  atMostPerCell(threshold: number): readonly number[] {
    let counts = this.cellAtMost.get(threshold);
    if (counts === undefined) {
      counts = this.cellDay.map(() => 0);
      const { value, weight, cell } = this.byValue;
      for (let i = 0; i < this.size && value[i]! <= threshold; i++) counts[cell[i]!]! += weight[i]!;
      if (this.cellAtMost.size === KEPT_THRESHOLDS) this.cellAtMost.delete(this.cellAtMost.keys().next().value!);
    }
    // Asked for again, a threshold goes last: the one dropped is the one asked for longest ago.
    this.cellAtMost.delete(threshold);
    this.cellAtMost.set(threshold, counts);
    return counts;
  }

  /** How many facts lie at or below `position`: the first ones by position. */
  factsUpTo(position: number): number {
    return countAtMost(this.byPosition.position, this.size, position);
  }

  private cellOf(day: number, rest: string): number {
    let restId = this.restIds.get(rest);
    if (restId === undefined) {
      restId = this.restDims.length;
      this.restDims.push(JSON.parse(rest) as Record<string, string>);
      this.restIds.set(rest, restId);
    }
    // Days and rests are small whole numbers: one number names the pair.
    const key = day * 2 ** 24 + restId;
    let cell = this.cellIds.get(key);
    if (cell === undefined) {
      cell = this.cellDay.length;
      this.cellIds.set(key, cell);
      this.cellDay.push(day);
      this.cellRest.push(restId);
      this.cellFacts.push(0);
      this.cellCount.push(0);
      this.cellSum.push(0);
      for (const counts of this.cellAtMost.values()) counts.push(0);
    }
    return cell;
  }
}

interface Fresh {
  readonly value: number;
  readonly position: number;
  readonly weight: number;
  readonly cell: number;
}

function emptyColumns(size: number): Columns {
  return { value: new Float64Array(size), position: new Float64Array(size), weight: new Float64Array(size), cell: new Int32Array(size) };
}

/** The `size` facts of `columns`, sorted by `key`, with the fresh ones merged in. */
function merged(columns: Columns, size: number, fresh: readonly Fresh[], key: 'value' | 'position'): Columns {
  const incoming = [...fresh].sort((a, b) => a[key] - b[key]);
  const out = emptyColumns(size + incoming.length);
  const sorted = columns[key];
  let old = 0;
  let next = 0;
  for (let at = 0; at < out.value.length; at++) {
    if (next < incoming.length && (old >= size || incoming[next]![key] < sorted[old]!)) {
      const fact = incoming[next++]!;
      out.value[at] = fact.value;
      out.position[at] = fact.position;
      out.weight[at] = fact.weight;
      out.cell[at] = fact.cell;
    } else {
      out.value[at] = columns.value[old]!;
      out.position[at] = columns.position[old]!;
      out.weight[at] = columns.weight[old]!;
      out.cell[at] = columns.cell[old]!;
      old++;
    }
  }
  return out;
}

/** How many of the first `size` numbers, ascending, are at most `bound`. */
export function countAtMost(sorted: Float64Array, size: number, bound: number): number {
  let low = 0;
  let high = size;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= bound) low = middle + 1;
    else high = middle;
  }
  return low;
}
