import {
  checkDistributionQuery,
  compareDistributionGroups,
  factDimValues,
  factName,
  percentileRanks,
  type DistributionGroup,
  type DistributionQuery,
  type Period,
} from '#kernel';
import { isoWeekStart } from '#domain/shared/days.js';
import { formatDay, monthStart, parseDayBound } from './calendar.js';
import type { SqliteDatabase } from './database.js';
import { ValueCopy, type CellTotals, type Columns, type ValueRow } from './value-copy.js';

/** A copy as read last: it holds the facts of these generations, with their batches taken out of order. */
interface KeptCopy {
  readonly epoch: string;
  readonly copy: ValueCopy;
}

const ACTIVE_GENERATIONS = "SELECT id FROM rm_generations WHERE status = 'active' ORDER BY id";

/**
 * Distributions of fact values, read from a copy of their facts held in memory (see `ValueCopy`):
 * a distribution then costs its groups' cell totals and a walk to its percentiles, where grouping in
 * SQL costs a row per value and day. The copy follows the file, which other processes may write too:
 * each read first takes in the facts stored since it last looked (by position, per active
 * generation), in its read transaction, and reads the copy afresh when the active generations changed
 * or a batch was stored below facts already stored (`rm_fact_rewrites`), which a read by position
 * would miss.
 */
export class SqliteFactDistributions {
  private readonly copies = new Map<string, KeptCopy>();
  private readonly activeGenerations;
  private readonly rewrites;
  private readonly factsAfter;

  constructor(private readonly db: SqliteDatabase) {
    this.activeGenerations = db.prepare<[], number>(ACTIVE_GENERATIONS).pluck();
    this.rewrites = db.prepare<[], number>(`SELECT coalesce(sum(rewrites), 0) FROM rm_fact_rewrites WHERE generation IN (${ACTIVE_GENERATIONS})`).pluck();
    this.factsAfter = db.prepare<[string, string, string, number, number, string], ValueRow>(
      `SELECT f.position, json_extract(s.dims, ?) AS value, json_extract(f.measures, ?) AS weight, s.day, json_remove(s.dims, ?) AS rest
       FROM rm_facts f JOIN rm_fact_series s ON s.id = f.series
       WHERE f.generation = ? AND f.position > ? AND s.metric = ?`,
    );
  }

  distribute(query: DistributionQuery): DistributionGroup[] {
    checkDistributionQuery(query);
    const scope = readScope(query);
    return this.db.transaction(() => scan(this.current(query), query, scope))();
  }

  private current(query: DistributionQuery): ValueCopy {
    const key = JSON.stringify([query.metric, query.value, query.weight]);
    const generations = this.activeGenerations.all();
    const epoch = `${generations.join(',')}/${this.rewrites.get()}`;
    let kept = this.copies.get(key);
    if (kept === undefined || kept.epoch !== epoch) {
      kept = { epoch, copy: new ValueCopy() };
      this.copies.set(key, kept);
    }
    const { copy } = kept;
    const valuePath = `$."${factName(query.value, 'value')}"`;
    const weightPath = `$."${factName(query.weight, 'weight')}"`;
    const added: ValueRow[] = [];
    for (const generation of generations) {
      const after = copy.takenUpTo.get(generation) ?? -1;
      const rows = this.factsAfter.all(valuePath, weightPath, valuePath, generation, after, query.metric);
      let last = after;
      for (const row of rows) {
        if (row.position > last) last = row.position;
        added.push(row);
      }
      copy.takenUpTo.set(generation, last);
    }
    copy.takeIn(added);
    return copy;
  }
}

/** What a read keeps of the facts: its days, its dimension conditions, its position. */
interface ReadScope {
  readonly fromDay: number;
  readonly toDay: number;
  readonly asOf: number;
  readonly where: readonly (readonly [string, ReadonlySet<string>])[];
  readonly dims: readonly string[];
  readonly period: Period | undefined;
}

function readScope(query: DistributionQuery): ReadScope {
  return {
    fromDay: query.from === undefined ? -Infinity : parseDayBound(query.from, 'from'),
    toDay: query.to === undefined ? Infinity : parseDayBound(query.to, 'to'),
    asOf: query.asOf === undefined ? Infinity : Number(query.asOf),
    where: Object.entries(query.where ?? {}).map(([dim, allowed]) => [factName(dim, 'where'), new Set(factDimValues(dim, allowed))] as const),
    dims: (query.groupBy?.dims ?? []).map((dim) => factName(dim, 'groupBy.dims')),
    period: query.groupBy?.period,
  };
}

const PERIOD_START: Readonly<Record<Period, (day: number) => number>> = { day: (day) => day, week: isoWeekStart, month: monthStart };

/** How a read's facts fall into groups: by period, then by the values of the grouped dims. */
interface Grouping {
  /** Per cell of the copy, its group; -1 where the read leaves the cell out. */
  readonly groupOfCell: Int32Array;
  readonly groupCount: number;
  /** Per group, the first day of its period (when grouped by period) and the values of its dims. */
  readonly periodOf: readonly number[];
  readonly dimsOf: readonly (readonly (string | null)[])[];
}

/**
 * Numbers the groups in the order cells meet them. A cell's period comes from its day and its dims
 * from its rest: each is worked out once per distinct day and rest, not per cell.
 */
function groupingOf(copy: ValueCopy, scope: ReadScope): Grouping {
  const periodStart = scope.period === undefined ? () => 0 : PERIOD_START[scope.period];
  const tuples = new Map<string, number>();
  const tupleValues: (string | null)[][] = [];
  const tupleOfRest = Int32Array.from(copy.restDims, (dims) => {
    if (!scope.where.every(([dim, allowed]) => dims[dim] !== undefined && allowed.has(dims[dim]!))) return -1;
    const values = scope.dims.map((dim) => dims[dim] ?? null);
    const key = JSON.stringify(values);
    let tuple = tuples.get(key);
    if (tuple === undefined) {
      tuple = tupleValues.length;
      tuples.set(key, tuple);
      tupleValues.push(values);
    }
    return tuple;
  });
  const periods = new Map<number, number>();
  const periodStarts: number[] = [];
  const slotOfDay = new Map<number, number>();
  const slotOf = (day: number): number => {
    let slot = slotOfDay.get(day);
    if (slot === undefined) {
      const start = periodStart(day);
      slot = periods.get(start);
      if (slot === undefined) {
        slot = periodStarts.length;
        periods.set(start, slot);
        periodStarts.push(start);
      }
      slotOfDay.set(day, slot);
    }
    return slot;
  };
  const groupOfSlotAndTuple = new Map<number, number>();
  const periodOf: number[] = [];
  const dimsOf: (readonly (string | null)[])[] = [];
  const groupOfCell = Int32Array.from(copy.cellDay, (day, cell) => {
    const tuple = tupleOfRest[copy.cellRest[cell]!]!;
    if (tuple < 0 || day < scope.fromDay || day >= scope.toDay) return -1;
    const slot = slotOf(day);
    const key = slot * tupleValues.length + tuple;
    let group = groupOfSlotAndTuple.get(key);
    if (group === undefined) {
      group = periodOf.length;
      groupOfSlotAndTuple.set(key, group);
      periodOf.push(periodStarts[slot]!);
      dimsOf.push(tupleValues[tuple]!);
    }
    return group;
  });
  return { groupOfCell, groupCount: periodOf.length, periodOf, dimsOf };
}

/**
 * Each group's totals as of the read's position, then one walk up the values to the rank of each
 * percentile. Checked against `distributionFromValueGroups` by the read-store contract.
 */
function scan(copy: ValueCopy, query: DistributionQuery, scope: ReadScope): DistributionGroup[] {
  const grouping = groupingOf(copy, scope);
  const totals = groupTotals(copy, grouping, scope.asOf, query.atMost);
  const percentiles = rankValues(copy, grouping.groupOfCell, scope.asOf, query.percentiles, totals.counts);
  const groups: DistributionGroup[] = [];
  for (let g = 0; g < grouping.groupCount; g++) {
    if (totals.facts[g] === 0) continue;
    const dims = grouping.dimsOf[g]!;
    const count = totals.counts[g]!;
    groups.push({
      ...(scope.period !== undefined && { period: formatDay(grouping.periodOf[g]!) }),
      dims: Object.fromEntries(scope.dims.map((dim, i) => [dim, dims[i]!])),
      facts: totals.facts[g]!,
      count,
      sum: totals.sums[g]!,
      percentiles: query.percentiles.map((_, p) => (count > 0 ? percentiles[g * query.percentiles.length + p]! : null)),
      atMost: query.atMost.map((_, t) => totals.atMost[g * query.atMost.length + t]!),
    });
  }
  return groups.sort((a, b) => compareDistributionGroups(a, b, scope.dims));
}

/** Per group: facts, their count and the sum of their values, and per threshold the values at most it. */
interface GroupTotals {
  readonly facts: Float64Array;
  readonly counts: Float64Array;
  readonly sums: Float64Array;
  /** Per group, per threshold. */
  readonly atMost: Float64Array;
}

/**
 * The totals as of a position start from the cell totals kept nearest to it (none, those at the end
 * of a full block of facts by position, or the current ones) and add or take away the facts in
 * between: a run of the copy's order by position, at most half a block long.
 */
function groupTotals(copy: ValueCopy, grouping: Grouping, asOf: number, thresholds: readonly number[]): GroupTotals {
  const { groupCount, groupOfCell } = grouping;
  const totals: GroupTotals = {
    facts: new Float64Array(groupCount),
    counts: new Float64Array(groupCount),
    sums: new Float64Array(groupCount),
    atMost: new Float64Array(groupCount * thresholds.length),
  };
  const known = copy.factsUpTo(asOf);
  const nearest = copy.nearestTotals(known, thresholds);
  addCells(nearest, groupOfCell, thresholds.length, totals);
  if (known > nearest.end) addFacts(copy, groupOfCell, thresholds, totals, nearest.end, known, 1);
  else addFacts(copy, groupOfCell, thresholds, totals, known, nearest.end, -1);
  return totals;
}

/** Adds up cell totals into the groups of their cells; a cell the totals do not reach yet has none. */
function addCells(cells: CellTotals, groupOfCell: Int32Array, thresholds: number, totals: GroupTotals): void {
  const reached = Math.min(groupOfCell.length, cells.facts.length);
  for (let cell = 0; cell < reached; cell++) {
    const g = groupOfCell[cell]!;
    if (g < 0) continue;
    totals.facts[g]! += cells.facts[cell]!;
    totals.counts[g]! += cells.counts[cell]!;
    totals.sums[g]! += cells.sums[cell]!;
    for (let t = 0; t < thresholds; t++) totals.atMost[g * thresholds + t]! += cells.atMost[t]![cell]!;
  }
}

/** Adds (`sign` 1) or takes away (-1) the facts `from` to `to` in the order by position. */
function addFacts(copy: ValueCopy, groupOfCell: Int32Array, thresholds: readonly number[], totals: GroupTotals, from: number, to: number, sign: number): void {
  const { value, weight, cell } = copy.byPosition;
  const { facts, counts, sums, atMost } = totals;
  const perGroup = thresholds.length;
  for (let i = from; i < to; i++) {
    const g = groupOfCell[cell[i]!]!;
    if (g < 0) continue;
    const v = value[i]!;
    const w = sign * weight[i]!;
    facts[g]! += sign;
    counts[g]! += w;
    sums[g]! += v * w;
    for (let t = 0; t < perGroup; t++) if (v <= thresholds[t]!) atMost[g * perGroup + t]! += w;
  }
}

/**
 * Per group and percentile, in that order, the value at its rank (NaN for a group that counts none).
 * The percentiles up to the median are reached walking up from the smallest value, the others
 * walking down from the largest: the value at rank r of n is the one at rank n - r + 1 from the top,
 * so each walk goes at most half way, and a p90 takes a tenth.
 */
function rankValues(copy: ValueCopy, groupOfCell: Int32Array, asOf: number, percentiles: readonly number[], counts: Float64Array): Float64Array {
  const found = new Float64Array(counts.length * percentiles.length).fill(NaN);
  const indexes = percentiles.map((_, p) => p);
  const low = indexes.filter((p) => percentiles[p]! <= 50).sort((a, b) => percentiles[a]! - percentiles[b]!);
  const high = indexes.filter((p) => percentiles[p]! > 50).sort((a, b) => percentiles[b]! - percentiles[a]!);
  for (const [order, descending] of [
    [low, false],
    [high, true],
  ] as const) {
    if (order.length === 0) continue;
    // Per group, how many values the walk counts before each of its ranks is reached, in walking order.
    const needed = new Float64Array(counts.length * order.length);
    const open = new Uint8Array(counts.length);
    for (let g = 0; g < counts.length; g++) {
      const count = counts[g]!;
      if (count <= 0) continue;
      percentileRanks(order.map((p) => percentiles[p]!), count).forEach((rank, k) => (needed[g * order.length + k] = descending ? count - rank + 1 : rank));
      open[g] = 1;
    }
    walkRanks(copy, groupOfCell, asOf, { order: Int32Array.from(order), needed, open, found, descending, perGroup: percentiles.length });
  }
  return found;
}

/** A walk to some of the ranks of every group, and where the values found go. */
interface RankWalk {
  /** The percentiles it reaches, by their index in the query, in walking order. */
  readonly order: Int32Array;
  /** Per group and percentile of `order`, the values counted when the walk reaches its rank. */
  readonly needed: Float64Array;
  /** The groups still walking: 1 until all their ranks are reached. */
  readonly open: Uint8Array;
  /** Per group and percentile of the query: the answer. */
  readonly found: Float64Array;
  readonly perGroup: number;
  readonly descending: boolean;
}

/** Where each group stands in its walk. */
interface WalkState {
  readonly seen: Float64Array;
  readonly next: Int32Array;
  /** How many values the group must have counted for its next rank. */
  readonly waitingFor: Float64Array;
  /** The value whose facts are being netted, and its count so far. */
  readonly pendingValue: Float64Array;
  readonly pendingTimes: Float64Array;
}

/**
 * Walks the values, up or down, until every open group has reached all its ranks, netting each
 * value's facts before its count is added, so that a value taken back never reaches a rank. Alone in
 * its function, with no closure, so that it is compiled as a whole rather than entered mid-loop and
 * its state stays in locals; the rank a group waits for is kept apart, so that most facts cost a compare.
 */
function walkRanks(copy: ValueCopy, groupOfCell: Int32Array, asOf: number, walk: RankWalk): void {
  const { open, needed, order } = walk;
  const groupCount = open.length;
  const ranks = order.length;
  const state: WalkState = {
    seen: new Float64Array(groupCount),
    next: new Int32Array(groupCount),
    waitingFor: new Float64Array(groupCount).fill(Infinity),
    pendingValue: new Float64Array(groupCount).fill(NaN),
    pendingTimes: new Float64Array(groupCount),
  };
  const { waitingFor } = state;
  let left = 0;
  for (let g = 0; g < groupCount; g++) {
    if (open[g] === 0) continue;
    waitingFor[g] = needed[g * ranks]!;
    left++;
  }
  // The two runs by value, the main one and the recent one, walked as one: the main run in stretches
  // up to the recent run's next value, which is short.
  const main = copy.byValue;
  const recent = copy.recentByValue;
  const { descending } = walk;
  const step = descending ? -1 : 1;
  let i = descending ? copy.byValueSize - 1 : 0;
  let j = descending ? copy.recentSize - 1 : 0;
  const mainSize = copy.byValueSize;
  const recentSize = copy.recentSize;
  while (left > 0 && ((i >= 0 && i < mainSize) || (j >= 0 && j < recentSize))) {
    const inRecent = j >= 0 && j < recentSize;
    const bound = inRecent ? recent.value[j]! : descending ? -Infinity : Infinity;
    for (; left > 0 && i >= 0 && i < mainSize && (descending ? main.value[i]! >= bound : main.value[i]! <= bound); i += step) {
      left -= visit(walk, state, main, i, groupOfCell, asOf);
    }
    if (inRecent && left > 0) {
      left -= visit(walk, state, recent, j, groupOfCell, asOf);
      j += step;
    }
  }
  for (let g = 0; g < groupCount; g++) if (open[g] === 1) countPending(walk, state, g);
}

/** Takes one fact into its group's walk: 1 when that closed the group, else 0. */
function visit(walk: RankWalk, state: WalkState, run: Columns, at: number, groupOfCell: Int32Array, asOf: number): number {
  const g = groupOfCell[run.cell[at]!]!;
  if (g < 0 || walk.open[g] === 0 || run.position[at]! > asOf) return 0;
  const v = run.value[at]!;
  let closed = 0;
  if (state.pendingValue[g] !== v) {
    if (countPending(walk, state, g)) {
      walk.open[g] = 0;
      closed = 1;
    }
    state.pendingValue[g] = v;
    state.pendingTimes[g] = 0;
  }
  state.pendingTimes[g]! += run.weight[at]!;
  return closed;
}

/** Counts the group's pending value; at each rank it reaches, it is the value. True once the group has reached all. */
function countPending(walk: RankWalk, state: WalkState, g: number): boolean {
  const counted = state.seen[g]! + state.pendingTimes[g]!;
  state.seen[g] = counted;
  if (counted < state.waitingFor[g]!) return false;
  const ranks = walk.order.length;
  let k = state.next[g]!;
  while (k < ranks && counted >= walk.needed[g * ranks + k]!) walk.found[g * walk.perGroup + walk.order[k++]!] = state.pendingValue[g]!;
  state.next[g] = k;
  state.waitingFor[g] = k < ranks ? walk.needed[g * ranks + k]! : Infinity;
  return k === ranks;
}
