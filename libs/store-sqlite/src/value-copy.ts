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
 * The recent run by value is merged into the main one once it holds this share of the facts (or at
 * least `MIN_RECENT` facts): a merge copies every fact, so it is paid once per so many new ones.
 */
const RECENT_SHARE = 1 / 64;
const MIN_RECENT = 16;

/** Cell totals are kept at every so many facts by position, so that a read as of a position adds at most half as many. */
const BLOCK_FACTS = 65_536;

/** Per cell: the number of facts, their count and the sum of their values, and per threshold the count at most it. */
export interface CellTotals {
  /** The totals are those of the first `end` facts by position. */
  readonly end: number;
  readonly facts: ArrayLike<number>;
  readonly counts: ArrayLike<number>;
  readonly sums: ArrayLike<number>;
  /** In the order of the thresholds asked for. */
  readonly atMost: readonly ArrayLike<number>[];
}

interface Block {
  readonly facts: Float64Array;
  readonly counts: Float64Array;
  readonly sums: Float64Array;
}

/**
 * The facts of one distribution (metric, value dimension, weight measure) of the active generations,
 * in memory, in columns: by value, for the walk to the percentiles, and by position, so that the
 * facts at or below a position, or above it, are one run. Facts of one day and one rest of dims share
 * a cell, and each cell keeps its current totals: a read of the current state adds up cells, not facts.
 *
 * New facts mostly come after all others by position: they are appended to the order by position,
 * which keeps room to grow. By value they go to a short recent run, merged into the main run only
 * once it is a sizeable share: a read after a few new facts does not copy them all.
 */
export class ValueCopy {
  /** @param blockFacts how many facts by position a block of kept cell totals spans */
  constructor(private readonly blockFacts = BLOCK_FACTS) {}

  /** Per active generation, the last position taken in. */
  readonly takenUpTo = new Map<number, number>();
  size = 0;
  /** The facts by value: the main run and the recent one, each sorted, together all `size` facts. */
  byValue: Columns = emptyColumns(0);
  byValueSize = 0;
  recentByValue: Columns = emptyColumns(0);
  recentSize = 0;
  /** The `size` facts by position, in columns that may be longer. */
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
  /** The cell totals at the end of each full block of facts by position, built when first asked for. */
  private blocks: Block[] = [];
  private blockAtMost = new Map<number, Float64Array[]>();

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
      if (row.day < this.firstDay) this.firstDay = row.day;
      if (row.day > this.lastDay) this.lastDay = row.day;
    }
    if (fresh.length === 0) return;
    const lastTaken = this.size === 0 ? -Infinity : this.byPosition.position[this.size - 1]!;
    if (fresh.some((fact) => fact.position <= lastTaken)) {
      // Facts come in between: the blocks after them no longer hold what they say.
      this.blocks = [];
      this.blockAtMost = new Map();
    }
    this.byPosition = appendedByPosition(this.byPosition, this.size, fresh);
    this.size += fresh.length;
    this.recentByValue = merged(this.recentByValue, this.recentSize, fresh, 'value');
    this.recentSize += fresh.length;
    if (this.recentSize >= Math.max(MIN_RECENT, this.size * RECENT_SHARE)) {
      this.byValue = mergedRuns(this.byValue, this.byValueSize, this.recentByValue, this.recentSize);
      this.byValueSize += this.recentSize;
      this.recentByValue = emptyColumns(0);
      this.recentSize = 0;
    }
  }

  /** Per cell, the current count of values at most `threshold`. */
  atMostPerCell(threshold: number): readonly number[] {
    let counts = this.cellAtMost.get(threshold);
    if (counts === undefined) {
      counts = this.cellDay.map(() => 0);
      for (const [{ value, weight, cell }, size] of [
        [this.byValue, this.byValueSize],
        [this.recentByValue, this.recentSize],
      ] as const) {
        for (let i = 0; i < size && value[i]! <= threshold; i++) counts[cell[i]!]! += weight[i]!;
      }
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

  /**
   * The cell totals kept nearest to the first `known` facts by position: none at all, those at the end
   * of a full block, or the current ones. A read adds or takes away the facts in between.
   */
  nearestTotals(known: number, thresholds: readonly number[]): CellTotals {
    const fullBlocks = Math.floor(this.size / this.blockFacts);
    const block = Math.min(Math.round(known / this.blockFacts), fullBlocks);
    const blockEnd = block * this.blockFacts;
    if (this.size - known < Math.abs(known - blockEnd)) {
      return { end: this.size, facts: this.cellFacts, counts: this.cellCount, sums: this.cellSum, atMost: thresholds.map((t) => this.atMostPerCell(t)) };
    }
    if (block === 0) return { end: 0, facts: [], counts: [], sums: [], atMost: thresholds.map(() => []) };
    const { facts, counts, sums } = this.block(block - 1);
    return { end: blockEnd, facts, counts, sums, atMost: thresholds.map((t) => this.blockAtMostOf(t, block - 1)) };
  }

  /** The cell totals of the first `index + 1` full blocks. */
  private block(index: number): Block {
    return this.throughBlock(this.blocks, index, (before, from, to) => {
      const block: Block = { facts: this.cellArray(before?.facts), counts: this.cellArray(before?.counts), sums: this.cellArray(before?.sums) };
      const { value, weight, cell } = this.byPosition;
      for (let i = from; i < to; i++) {
        const c = cell[i]!;
        block.facts[c]! += 1;
        block.counts[c]! += weight[i]!;
        block.sums[c]! += value[i]! * weight[i]!;
      }
      return block;
    });
  }

  /** Per cell, the count of values at most `threshold` among the first `index + 1` full blocks. */
  private blockAtMostOf(threshold: number, index: number): Float64Array {
    const blocks = this.blockAtMost.get(threshold) ?? [];
    this.blockAtMost.set(threshold, blocks);
    return this.throughBlock(blocks, index, (before, from, to) => {
      const counts = this.cellArray(before);
      const { value, weight, cell } = this.byPosition;
      for (let i = from; i < to; i++) if (value[i]! <= threshold) counts[cell[i]!]! += weight[i]!;
      return counts;
    });
  }

  /**
   * Totals kept per full block, built when first asked for: those of each block are made from those of
   * the block before and the facts from position `from` to `to`.
   */
  private throughBlock<T>(built: T[], index: number, next: (before: T | undefined, from: number, to: number) => T): T {
    while (built.length <= index) {
      const from = built.length * this.blockFacts;
      built.push(next(built[built.length - 1], from, from + this.blockFacts));
    }
    return built[index]!;
  }

  /** One number per cell known now: those `carried` from a block before, zeros for the cells since. */
  private cellArray(carried: Float64Array | undefined): Float64Array {
    const numbers = new Float64Array(this.cellDay.length);
    if (carried) numbers.set(carried);
    return numbers;
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

/** Fresh facts as columns, sorted by `key`. */
function columnsOf(fresh: readonly Fresh[], key: 'value' | 'position'): Columns {
  const sorted = [...fresh].sort((a, b) => a[key] - b[key]);
  const out = emptyColumns(sorted.length);
  sorted.forEach((fact, at) => {
    out.value[at] = fact.value;
    out.position[at] = fact.position;
    out.weight[at] = fact.weight;
    out.cell[at] = fact.cell;
  });
  return out;
}

/** The `size` facts of `columns`, sorted by `key`, with the fresh ones merged in. */
function merged(columns: Columns, size: number, fresh: readonly Fresh[], key: 'value' | 'position'): Columns {
  const incoming = columnsOf(fresh, key);
  return mergedRuns(columns, size, incoming, incoming.value.length, key);
}

/** Two runs sorted by `key` as one, in new columns of exactly their length. */
function mergedRuns(a: Columns, aSize: number, b: Columns, bSize: number, key: 'value' | 'position' = 'value'): Columns {
  const out = emptyColumns(aSize + bSize);
  let i = 0;
  let j = 0;
  for (let at = 0; at < out.value.length; at++) {
    const fromB = j < bSize && (i >= aSize || b[key][j]! < a[key][i]!);
    const from = fromB ? b : a;
    const index = fromB ? j++ : i++;
    out.value[at] = from.value[index]!;
    out.position[at] = from.position[index]!;
    out.weight[at] = from.weight[index]!;
    out.cell[at] = from.cell[index]!;
  }
  return out;
}

/**
 * The `size` facts by position with the fresh ones: appended in place, with room doubled when full,
 * when they all come after the last one, as they do from a runner; merged otherwise.
 */
function appendedByPosition(columns: Columns, size: number, fresh: readonly Fresh[]): Columns {
  const incoming = columnsOf(fresh, 'position');
  const last = size === 0 ? -Infinity : columns.position[size - 1]!;
  if (incoming.position[0]! <= last) return mergedRuns(columns, size, incoming, incoming.value.length, 'position');
  let out = columns;
  if (size + incoming.value.length > columns.value.length) {
    out = emptyColumns(Math.max(2 * columns.value.length, size + incoming.value.length, MIN_RECENT));
    out.value.set(columns.value.subarray(0, size));
    out.position.set(columns.position.subarray(0, size));
    out.weight.set(columns.weight.subarray(0, size));
    out.cell.set(columns.cell.subarray(0, size));
  }
  out.value.set(incoming.value, size);
  out.position.set(incoming.position, size);
  out.weight.set(incoming.weight, size);
  out.cell.set(incoming.cell, size);
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
