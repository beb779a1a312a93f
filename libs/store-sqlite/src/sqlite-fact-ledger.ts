import {
  checkDim,
  checkFactKey,
  checkMeasure,
  exactSum,
  factDimValues,
  factName,
  factPeriod,
  type FactGroup,
  type FactQuery,
  type MetricFact,
  type Period,
  type Position,
} from '#kernel';
import { epochDay, formatDay, isoWeekStart, monthStart, parseDayBound, parseIsoTime } from './calendar.js';
import type { SqliteDatabase } from './database.js';
import type { SqlFragment } from './document-query.js';

/**
 * A sum as a series keeps it: a number, or decimal digits for a whole sum past 2^53, which a JSON
 * number would round but a JSON string holds exactly (SQLite's `sum` reads either).
 */
type Sum = number | string;
type Sums = Record<string, Sum>;

/** The JSON form of a series' totals: the number of facts and the sum of each measure. */
type Totals = [facts: number, sums: Sums];

interface FactKey {
  readonly position: Position;
  readonly index: number;
}

/** What names a series: its facts share them. */
interface SeriesKey {
  readonly metric: string;
  readonly byDims: Grain;
  readonly day: number;
  readonly dims: string;
}

/** A series as a batch changes it; saved once at the end of the batch. */
interface SeriesState {
  readonly id: number;
  readonly key: SeriesKey;
  /** Created by this batch: inserted, not updated, at the end of the batch. */
  readonly isNew: boolean;
  totals: Totals;
  first: Position;
  last: FactKey;
  /** A fact arrived below the last one: the running totals after it must be recomputed. */
  outOfOrder: boolean;
}

/**
 * The series one `append` has read or created, by day, metric and dims (none for a day series),
 * and the last series id in use. Nested maps rather than one map by a joined key: each fact would
 * otherwise build and hash two long keys.
 */
interface AppendState {
  readonly generation: number;
  readonly series: Map<number, Map<string, Map<string, SeriesState>>>;
  lastSeriesId: number | undefined;
}

interface SeriesRow {
  readonly id: bigint;
  readonly totals: string;
  readonly first_position: bigint;
  readonly last_position: bigint;
  readonly last_index: bigint;
}

/** A validated fact: its business day, and its dims and measures as stored (JSON). */
interface ValidFact {
  readonly day: number;
  readonly dims: string;
  readonly measures: string;
}

/**
 * A fact counts in its (day, dims) series, which keeps running totals, and in its day's series
 * across all dims, which does not (see `read-store-schema.ts`).
 */
const BY_DIMS = 1;
const ACROSS_DIMS = 0;
type Grain = typeof BY_DIMS | typeof ACROSS_DIMS;

const ACTIVE_GENERATIONS = "SELECT id FROM rm_generations WHERE status = 'active'";

const PERIOD_COLUMNS: Readonly<Record<Period, string>> = { day: 's.day', week: 's.week', month: 's.month' };

/**
 * Metric facts and their aggregation. See `read-store-schema.ts` for the series and running totals
 * that keep an aggregate proportional to the number of series rather than of facts.
 */
export class SqliteFactLedger {
  private readonly insertFact;
  private readonly findSeries;
  private readonly lastSeriesId;
  private readonly insertSeries;
  private readonly saveSeriesRow;
  private readonly insertRunning;
  private readonly seriesFacts;
  private readonly setRunning;

  constructor(private readonly db: SqliteDatabase) {
    this.insertFact = db.prepare<[number, Position, number, string, string, string, string]>(
      `INSERT OR IGNORE INTO rm_facts (generation, position, idx, metric, occurred_at, dims, measures)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.findSeries = db
      .prepare<[number, string, number, number, string], SeriesRow>(
        `SELECT id, totals, first_position, last_position, last_index FROM rm_fact_series
         WHERE generation = ? AND metric = ? AND by_dims = ? AND day = ? AND dims = ?`,
      )
      .safeIntegers(true);
    this.lastSeriesId = db.prepare<[], number | null>('SELECT max(id) FROM rm_fact_series').pluck();
    this.insertSeries = db.prepare<[number, number, string, number, number, number, number, string, string, Position, Position, number]>(
      `INSERT INTO rm_fact_series
         (id, generation, metric, by_dims, day, week, month, dims, totals, first_position, last_position, last_index)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.saveSeriesRow = db.prepare<[string, Position, Position, number, number]>(
      'UPDATE rm_fact_series SET totals = ?, first_position = ?, last_position = ?, last_index = ? WHERE id = ?',
    );
    this.insertRunning = db.prepare<[number, Position, number, string]>(
      'INSERT INTO rm_fact_running (series, position, idx, running) VALUES (?, ?, ?, ?)',
    );
    this.seriesFacts = db
      .prepare<[number, number], { position: bigint; idx: bigint; measures: string }>(
        `SELECT r.position, r.idx, f.measures FROM rm_fact_running r
         JOIN rm_facts f ON f.generation = ? AND f.position = r.position AND f.idx = r.idx
         WHERE r.series = ? ORDER BY r.position, r.idx`,
      )
      .safeIntegers(true);
    this.setRunning = db.prepare<[string, number, Position, number]>(
      'UPDATE rm_fact_running SET running = ? WHERE series = ? AND position = ? AND idx = ?',
    );
  }

  /** Appends facts; one already stored (same generation, position and index) is ignored. */
  append(generation: number, facts: readonly MetricFact[]): void {
    const state: AppendState = { generation, series: new Map(), lastSeriesId: undefined };
    for (const fact of facts) this.appendFact(state, fact);
    for (const ofDay of state.series.values()) {
      for (const ofMetric of ofDay.values()) {
        for (const series of ofMetric.values()) this.saveSeries(generation, series);
      }
    }
  }

  aggregate(query: FactQuery): FactGroup[] {
    const plan = aggregateSql(query);
    const rows = this.db.prepare<unknown[], unknown[]>(plan.sql).raw().all(...plan.params);
    return rows.map((row) => toGroup(row, query));
  }

  drop(generation: number): void {
    this.db.prepare('DELETE FROM rm_fact_running WHERE series IN (SELECT id FROM rm_fact_series WHERE generation = ?)').run(generation);
    this.db.prepare('DELETE FROM rm_fact_series WHERE generation = ?').run(generation);
    this.db.prepare('DELETE FROM rm_facts WHERE generation = ?').run(generation);
  }

  private appendFact(state: AppendState, fact: MetricFact): void {
    const valid = validateFact(fact);
    const { position, index, metric, occurredAt } = fact;
    const stored = this.insertFact.run(state.generation, position, index, metric, occurredAt, valid.dims, valid.measures);
    if (stored.changes === 0) return;
    const byDims = this.seriesOf(state, { metric, byDims: BY_DIMS, day: valid.day, dims: valid.dims }, fact);
    addToSeries(byDims, fact);
    this.insertRunning.run(byDims.id, position, index, JSON.stringify(byDims.totals));
    addToSeries(this.seriesOf(state, { metric, byDims: ACROSS_DIMS, day: valid.day, dims: '{}' }, fact), fact);
  }

  private seriesOf(state: AppendState, key: SeriesKey, fact: MetricFact): SeriesState {
    const ofDay = entry(state.series, key.day, () => new Map());
    const ofMetric = entry(ofDay, key.metric, () => new Map());
    return entry(ofMetric, key.byDims === BY_DIMS ? key.dims : '', () => this.loadSeries(state, key) ?? this.newSeries(state, key, fact));
  }

  private loadSeries(state: AppendState, key: SeriesKey): SeriesState | undefined {
    const row = this.findSeries.get(state.generation, key.metric, key.byDims, key.day, key.dims);
    if (row === undefined) return undefined;
    const last = { position: row.last_position, index: Number(row.last_index) };
    const totals = JSON.parse(row.totals);
    return { id: Number(row.id), key, isNew: false, totals, first: row.first_position, last, outOfOrder: false };
  }

  /** Ids are handed out here rather than by the insert, so that running rows can name the series before it is saved. */
  private newSeries(state: AppendState, key: SeriesKey, fact: MetricFact): SeriesState {
    state.lastSeriesId = (state.lastSeriesId ?? this.lastSeriesId.get() ?? 0) + 1;
    return { id: state.lastSeriesId, key, isNew: true, totals: [0, {}], first: fact.position, last: fact, outOfOrder: false };
  }

  private saveSeries(generation: number, series: SeriesState): void {
    if (series.outOfOrder && series.key.byDims === BY_DIMS) this.recomputeRunningTotals(generation, series);
    const { id, key, first, last } = series;
    const totals = JSON.stringify(series.totals);
    if (!series.isNew) {
      this.saveSeriesRow.run(totals, first, last.position, last.index, id);
      return;
    }
    const { metric, byDims, day, dims } = key;
    this.insertSeries.run(id, generation, metric, byDims, day, isoWeekStart(day), monthStart(day), dims, totals, first, last.position, last.index);
  }

  private recomputeRunningTotals(generation: number, series: SeriesState): void {
    const totals: Totals = [0, {}];
    for (const row of this.seriesFacts.all(generation, series.id)) {
      addFact(totals, JSON.parse(row.measures));
      this.setRunning.run(JSON.stringify(totals), series.id, row.position, Number(row.idx));
      series.last = { position: row.position, index: Number(row.idx) };
    }
    series.totals = totals;
  }
}

function entry<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

function validateFact(fact: MetricFact): ValidFact {
  checkFactKey(fact);
  const day = epochDay(parseIsoTime(fact.occurredAt, 'occurredAt'));
  return { day, dims: canonicalDims(fact), measures: measuresJson(fact) };
}

/**
 * Sorted keys, so that the same dims always name the same series. Copied into a sorted object
 * rather than stringified with a list of keys, the slower path of `JSON.stringify`. Integer-like
 * names still come first, in numeric order, as in any object: one form per set of dims all the same.
 */
function canonicalDims(fact: MetricFact): string {
  const dims = fact.dims ?? {};
  const sorted: Record<string, string> = {};
  for (const name of Object.keys(dims).sort()) {
    const value = dims[name];
    checkDim(fact, name, value);
    sorted[name] = value;
  }
  return JSON.stringify(sorted);
}

function measuresJson(fact: MetricFact): string {
  for (const [name, value] of Object.entries(fact.measures ?? {})) checkMeasure(fact, name, value);
  return JSON.stringify(fact.measures ?? {});
}

function addToSeries(series: SeriesState, fact: MetricFact): void {
  const inOrder = series.totals[0] === 0 || compareKeys(fact, series.last) > 0;
  addFact(series.totals, fact.measures);
  if (fact.position < series.first) series.first = fact.position;
  if (inOrder) series.last = fact;
  else series.outOfOrder = true;
}

function addFact(totals: Totals, measures: Readonly<Record<string, number>>): void {
  const sums = totals[1];
  totals[0] += 1;
  for (const name in measures) sums[name] = addMeasure(sums[name] ?? 0, measures[name]);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** Whole sums stay exact: past 2^53 they go on in BigInt and are kept as digits. */
function addMeasure(sum: Sum, value: number): Sum {
  if (typeof sum === 'number') {
    const added = sum + value;
    if (Number.isSafeInteger(added) || !Number.isInteger(sum) || !Number.isInteger(value)) return added;
  } else if (!Number.isInteger(value)) {
    return Number(sum) + value;
  }
  const exact = BigInt(sum) + BigInt(value);
  return exact >= MIN_SAFE && exact <= MAX_SAFE ? Number(exact) : exact.toString();
}

function compareKeys(a: FactKey, b: FactKey): number {
  if (a.position !== b.position) return a.position > b.position ? 1 : -1;
  return a.index - b.index;
}

/**
 * The series totals are materialised first so that the seek of a straddling series runs once, not
 * once per aggregate that reads it.
 */
function aggregateSql(query: FactQuery): SqlFragment {
  const groups = groupColumns(query);
  const keys = groups.map((_, i) => `g${i}`);
  const selects = seriesSources(query).map((source) => seriesSelect(query, groups, keys, source));
  const measures = query.measures.map((measure) => `$[1]."${factName(measure, 'measures')}"`);
  const exact = (query.exactMeasures ?? []).map((measure) => `$[1]."${factName(measure, 'exactMeasures')}"`);
  const outer = [
    ...keys,
    "sum(json_extract(totals, '$[0]'))",
    ...measures.map(() => 'coalesce(sum(json_extract(totals, ?)), 0)'),
    // The series' sums as a JSON list, added up in BigInt: SQLite's sum stops at 2^63.
    ...exact.map(() => 'json_group_array(json_extract(totals, ?))'),
  ];
  const grouping = keys.length === 0 ? 'HAVING count(*) > 0' : `GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')}`;
  return {
    sql: `WITH series_totals AS MATERIALIZED (${selects.map((select) => select.sql).join(' UNION ALL ')})
      SELECT ${outer.join(', ')} FROM series_totals ${grouping}`,
    params: [...selects.flatMap((select) => select.params), ...measures, ...exact],
  };
}

/** Series of one grain, read as known at the query's `asOf`: which of them, and their totals. */
interface SeriesSource {
  readonly byDims: Grain;
  readonly totals: SqlFragment;
  readonly condition: SqlFragment;
}

/**
 * A query that neither groups nor filters by dims reads the day series. As of a position, a day
 * series that ends at or below it counts with its totals; a day that straddles it is read from its
 * series by dims, which keep running totals. The straddling days come first, as a list, so that
 * only their series by dims are visited.
 */
function seriesSources(query: FactQuery): SeriesSource[] {
  const { asOf } = query;
  if (needsDims(query)) return [{ byDims: BY_DIMS, ...totalsAt(asOf) }];
  if (asOf === undefined) return [{ byDims: ACROSS_DIMS, ...totalsAt(asOf) }];
  const straddled = {
    sql: `(s.generation, s.day) IN (SELECT generation, day FROM rm_fact_series WHERE generation IN (${ACTIVE_GENERATIONS})
      AND metric = ? AND by_dims = ${ACROSS_DIMS} AND first_position <= ? AND last_position > ?)`,
    params: [query.metric, asOf, asOf],
  };
  const running = totalsAt(asOf);
  return [
    { byDims: ACROSS_DIMS, totals: { sql: 's.totals', params: [] }, condition: { sql: 's.last_position <= ?', params: [asOf] } },
    { byDims: BY_DIMS, totals: running.totals, condition: allOf([running.condition, straddled]) },
  ];
}

function seriesSelect(query: FactQuery, groups: readonly SqlFragment[], keys: readonly string[], source: SeriesSource): SqlFragment {
  const where = factConditions(query, source);
  const columns = [...groups.map((group, i) => `${group.sql} AS ${keys[i]}`), `${source.totals.sql} AS totals`];
  return {
    sql: `SELECT ${columns.join(', ')} FROM rm_fact_series s WHERE ${where.sql}`,
    params: [...groups.flatMap((group) => group.params), ...source.totals.params, ...where.params],
  };
}

/**
 * The totals of a series as known at `asOf`: its current totals when it ends at or below `asOf`,
 * otherwise the running totals of its last fact at or below `asOf`. A series that starts above
 * `asOf` is left out by the condition.
 */
function totalsAt(asOf: Position | undefined): Omit<SeriesSource, 'byDims'> {
  if (asOf === undefined) return { totals: { sql: 's.totals', params: [] }, condition: { sql: '1', params: [] } };
  return {
    totals: {
      sql: `CASE WHEN s.last_position <= ? THEN s.totals ELSE (SELECT running FROM rm_fact_running
        WHERE series = s.id AND position <= ? ORDER BY position DESC, idx DESC LIMIT 1) END`,
      params: [asOf, asOf],
    },
    condition: { sql: 's.first_position <= ?', params: [asOf] },
  };
}

function allOf(conditions: readonly SqlFragment[]): SqlFragment {
  return { sql: conditions.map((condition) => condition.sql).join(' AND '), params: conditions.flatMap((c) => c.params) };
}

function groupColumns(query: FactQuery): SqlFragment[] {
  const period = factPeriod(query.groupBy?.period);
  const dims = (query.groupBy?.dims ?? []).map((dim) => ({ sql: 'json_extract(s.dims, ?)', params: [dimPath(dim, 'groupBy.dims')] }));
  return period === undefined ? dims : [{ sql: PERIOD_COLUMNS[period], params: [] }, ...dims];
}

function factConditions(query: FactQuery, source: SeriesSource): SqlFragment {
  const conditions: SqlFragment[] = [
    { sql: `s.generation IN (${ACTIVE_GENERATIONS})`, params: [] },
    { sql: 's.metric = ?', params: [query.metric] },
    { sql: 's.by_dims = ?', params: [source.byDims] },
    source.condition,
  ];
  if (query.from !== undefined) conditions.push({ sql: 's.day >= ?', params: [parseDayBound(query.from, 'from')] });
  if (query.to !== undefined) conditions.push({ sql: 's.day < ?', params: [parseDayBound(query.to, 'to')] });
  for (const [dim, allowed] of Object.entries(query.where ?? {})) {
    conditions.push({
      sql: 'json_extract(s.dims, ?) IN (SELECT value FROM json_each(?))',
      params: [dimPath(dim, 'where'), JSON.stringify(factDimValues(dim, allowed))],
    });
  }
  return allOf(conditions);
}

function needsDims(query: FactQuery): boolean {
  return (query.groupBy?.dims ?? []).length > 0 || Object.keys(query.where ?? {}).length > 0;
}

function dimPath(dim: string, field: string): string {
  return `$."${factName(dim, field)}"`;
}

function toGroup(row: readonly unknown[], query: FactQuery): FactGroup {
  const period = query.groupBy?.period;
  const dims = query.groupBy?.dims ?? [];
  const values = period === undefined ? row : row.slice(1);
  const facts = values[dims.length] as number;
  const sums = Object.fromEntries(query.measures.map((measure, i) => [measure, values[dims.length + 1 + i] as number]));
  const lists = values.slice(dims.length + 1 + query.measures.length);
  const exactSums = query.exactMeasures && {
    exactSums: Object.fromEntries(query.exactMeasures.map((measure, i) => [measure, sumList(measure, lists[i] as string)])),
  };
  const group = { dims: Object.fromEntries(dims.map((dim, i) => [dim, values[i] as string | null])), facts, sums, ...exactSums };
  return period === undefined ? group : { period: formatDay(row[0] as number), ...group };
}

/** The exact sum of the series' sums of one measure (a series without the measure counts 0). */
function sumList(measure: string, list: string): bigint {
  return (JSON.parse(list) as (Sum | null)[]).reduce<bigint>((total, sum) => total + exactSum(measure, sum), 0n);
}
