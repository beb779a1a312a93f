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
import { isoWeekStart } from '#domain/shared/days.js';
import { epochDay, formatDay, monthStart, parseDayBound, parseIsoTime } from './calendar.js';
import { MultiRowInsert, type PreparedTexts, type SqliteDatabase } from './database.js';
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
  /** Its last fact and totals as stored before the batch; undefined when the batch creates it. */
  readonly saved: { readonly last: FactKey; readonly totals: string } | undefined;
  totals: Totals;
  first: Position;
  last: FactKey;
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
  /** The series that gained a fact, to be saved at the end of the batch. */
  readonly touched: Set<SeriesState>;
  /** The positions of the first and last facts the batch stored. */
  span: { first: Position; last: Position } | undefined;
  /** The last position of the generation's facts stored before the batch. */
  readonly stored: Position | undefined;
  /**
   * Facts that cannot be stored already, inserted together (see `isUnstored`): their rows' values,
   * and the last of them.
   */
  unstored: unknown[];
  lastUnstored: FactKey | undefined;
}

interface SeriesRow {
  readonly id: bigint;
  readonly totals: string;
  readonly first_position: bigint;
  readonly last_position: bigint;
  readonly last_index: bigint;
}

/** A stored fact, with the metric and day of its series. */
interface FactOfSeries {
  readonly position: bigint;
  readonly idx: bigint;
  readonly measures: string;
  readonly series: bigint;
  readonly metric: string;
  readonly day: bigint;
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
  private readonly insertFacts;
  private readonly lastFactPosition;
  private readonly findSeries;
  private readonly lastSeriesId;
  private readonly saveSeriesRows;
  private readonly saveRunning;
  private readonly saveRunningRows;
  private readonly insertSpan;
  private readonly factsOfGeneration;
  private readonly countRewrite;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly prepared: PreparedTexts,
  ) {
    const insertFacts = 'INSERT OR IGNORE INTO rm_facts (generation, position, idx, series, measures)';
    this.insertFact = db.prepare<[number, Position, number, number, string]>(`${insertFacts} VALUES (?, ?, ?, ?, ?)`);
    this.insertFacts = new MultiRowInsert(db, insertFacts, 5);
    this.lastFactPosition = db
      .prepare<[number], bigint>('SELECT position FROM rm_facts WHERE generation = ? ORDER BY position DESC LIMIT 1')
      .pluck()
      .safeIntegers(true);
    this.findSeries = db
      .prepare<[number, string, number, number, string], SeriesRow>(
        `SELECT id, totals, first_position, last_position, last_index FROM rm_fact_series
         WHERE generation = ? AND metric = ? AND by_dims = ? AND day = ? AND dims = ?`,
      )
      .safeIntegers(true);
    this.lastSeriesId = db.prepare<[], number | null>('SELECT max(id) FROM rm_fact_series').pluck();
    this.saveSeriesRows = new MultiRowInsert(
      db,
      'INSERT INTO rm_fact_series (id, generation, metric, by_dims, day, week, month, dims, totals, first_position, last_position, last_index)',
      12,
      `ON CONFLICT (id) DO UPDATE SET totals = excluded.totals, first_position = excluded.first_position,
         last_position = excluded.last_position, last_index = excluded.last_index`,
    );
    const saveRunning = 'INSERT OR REPLACE INTO rm_fact_running (series, position, idx, running)';
    this.saveRunning = db.prepare<[number, Position, number, string]>(`${saveRunning} VALUES (?, ?, ?, ?)`);
    this.saveRunningRows = new MultiRowInsert(db, saveRunning, 4);
    this.insertSpan = db.prepare<[number, Position, Position]>(
      'INSERT OR REPLACE INTO rm_fact_spans (generation, first_position, last_position) VALUES (?, ?, ?)',
    );
    this.countRewrite = db.prepare<[number]>(
      'INSERT INTO rm_fact_rewrites (generation, rewrites) VALUES (?, 1) ON CONFLICT (generation) DO UPDATE SET rewrites = rewrites + 1',
    );
    this.factsOfGeneration = db
      .prepare<[number], FactOfSeries>(
        `SELECT f.position, f.idx, f.measures, f.series, s.metric, s.day FROM rm_facts f JOIN rm_fact_series s ON s.id = f.series
         WHERE f.generation = ? ORDER BY f.position, f.idx`,
      )
      .safeIntegers(true);
  }

  /**
   * Appends facts; one already stored (same generation, position and index) is ignored. A batch whose
   * facts all lie above those stored before is a span: each series it touches keeps its running
   * totals at its last fact of the span only, in its own row until a later span moves them to a
   * running row. Any other batch gives every fact of the series it touches its running totals (see
   * `read-store-schema.ts`).
   */
  append(generation: number, facts: readonly MetricFact[]): void {
    const stored = this.lastFactPosition.get(generation);
    const state: AppendState = {
      generation,
      series: new Map(),
      lastSeriesId: undefined,
      touched: new Set(),
      span: undefined,
      stored,
      unstored: [],
      lastUnstored: undefined,
    };
    for (const fact of facts) this.appendFact(state, fact);
    this.insertFacts.run(state.unstored);
    if (state.span === undefined) return;
    const touched = [...state.touched];
    this.saveSeriesRows.run(touched.flatMap((series) => seriesRow(generation, series)));
    if (stored === undefined || state.span.first > stored) {
      this.insertSpan.run(generation, state.span.first, state.span.last);
      this.saveRunningRows.run(touched.flatMap(({ id, saved }) => (saved === undefined ? [] : [id, saved.last.position, saved.last.index, saved.totals])));
    } else {
      this.saveEveryRunningTotal(generation, touched);
      this.countRewrite.run(generation);
    }
  }

  aggregate(query: FactQuery): FactGroup[] {
    const plan = aggregateSql(query);
    const rows = this.prepared.of<unknown[], unknown[]>(plan.sql).raw(true).all(...plan.params);
    return rows.map((row) => toGroup(row, query));
  }

  drop(generation: number): void {
    this.db.prepare('DELETE FROM rm_fact_running WHERE series IN (SELECT id FROM rm_fact_series WHERE generation = ?)').run(generation);
    this.db.prepare('DELETE FROM rm_fact_series WHERE generation = ?').run(generation);
    this.db.prepare('DELETE FROM rm_facts WHERE generation = ?').run(generation);
    this.db.prepare('DELETE FROM rm_fact_spans WHERE generation = ?').run(generation);
    this.db.prepare('DELETE FROM rm_fact_rewrites WHERE generation = ?').run(generation);
  }

  private appendFact(state: AppendState, fact: MetricFact): void {
    const valid = validateFact(fact);
    const { position, index, metric } = fact;
    const byDims = this.seriesOf(state, metric, BY_DIMS, valid.day, valid.dims, fact);
    if (isUnstored(state, fact)) {
      state.unstored.push(state.generation, position, index, byDims.id, valid.measures);
      state.lastUnstored = fact;
    } else {
      this.insertFacts.run(state.unstored);
      state.unstored = [];
      if (this.insertFact.run(state.generation, position, index, byDims.id, valid.measures).changes === 0) return;
    }
    addToSeries(state, byDims, fact);
    addToSeries(state, this.seriesOf(state, metric, ACROSS_DIMS, valid.day, '{}', fact), fact);
    widenSpan(state, position);
  }

  /** The series by its key's parts rather than a key object: each fact asks for two, and most are known. */
  private seriesOf(state: AppendState, metric: string, byDims: Grain, day: number, dims: string, fact: MetricFact): SeriesState {
    let ofDay = state.series.get(day);
    if (ofDay === undefined) state.series.set(day, (ofDay = new Map()));
    let ofMetric = ofDay.get(metric);
    if (ofMetric === undefined) ofDay.set(metric, (ofMetric = new Map()));
    const ofDims = byDims === BY_DIMS ? dims : '';
    let series = ofMetric.get(ofDims);
    if (series === undefined) {
      const key = { metric, byDims, day, dims };
      ofMetric.set(ofDims, (series = this.loadSeries(state, key) ?? this.newSeries(state, key, fact)));
    }
    return series;
  }

  private loadSeries(state: AppendState, key: SeriesKey): SeriesState | undefined {
    const row = this.findSeries.get(state.generation, key.metric, key.byDims, key.day, key.dims);
    if (row === undefined) return undefined;
    const last = { position: row.last_position, index: Number(row.last_index) };
    return { id: Number(row.id), key, saved: { last, totals: row.totals }, totals: JSON.parse(row.totals), first: row.first_position, last };
  }

  /** Ids are handed out here rather than by the insert, so that facts and running rows can name the series before it is saved. */
  private newSeries(state: AppendState, key: SeriesKey, fact: MetricFact): SeriesState {
    state.lastSeriesId = (state.lastSeriesId ?? this.lastSeriesId.get() ?? 0) + 1;
    return { id: state.lastSeriesId, key, saved: undefined, totals: [0, {}], first: fact.position, last: fact };
  }

  /**
   * A series a fact may have reached out of order: read as of a position, its running totals are
   * found by a seek only, so every fact gets its own. A batch out of order is rare (the runner
   * projects the log in order), so the generation's facts are read in one pass.
   */
  private saveEveryRunningTotal(generation: number, touched: readonly SeriesState[]): void {
    const running = new Map(touched.map((series) => [series.id, [0, {}] as Totals]));
    const daySeries = new Map(touched.filter(({ key }) => key.byDims === ACROSS_DIMS).map(({ id, key }) => [dayKey(key.metric, Number(key.day)), id]));
    for (const fact of this.factsOfGeneration.all(generation)) {
      for (const id of [Number(fact.series), daySeries.get(dayKey(fact.metric, Number(fact.day)))]) {
        const totals = id === undefined ? undefined : running.get(id);
        if (totals === undefined) continue;
        addFact(totals, JSON.parse(fact.measures));
        this.saveRunning.run(id!, fact.position, Number(fact.idx), JSON.stringify(totals));
      }
    }
  }
}

/** The values of a series' row, as `saveSeriesRows` inserts it or updates its totals and bounds. */
function seriesRow(generation: number, { id, key, totals, first, last }: SeriesState): unknown[] {
  const { metric, byDims, day, dims } = key;
  return [id, generation, metric, byDims, day, isoWeekStart(day), monthStart(day), dims, JSON.stringify(totals), first, last.position, last.index];
}

/**
 * Whether a fact is sure not to be stored yet: it lies above the generation's facts stored before the
 * batch and after the batch's own such facts. Any other fact is inserted alone, to learn whether it was.
 */
function isUnstored(state: AppendState, fact: FactKey): boolean {
  return (state.stored === undefined || fact.position > state.stored) && (state.lastUnstored === undefined || compareKeys(fact, state.lastUnstored) > 0);
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
 * Sorted keys, so that the same dims always name the same series. Dims out of order are copied into
 * a sorted object rather than stringified with a list of keys, the slower path of `JSON.stringify`.
 * Integer-like names still come first, in numeric order, as in any object: one form per set of dims
 * all the same, whichever path it took.
 */
function canonicalDims(fact: MetricFact): string {
  const dims = fact.dims ?? {};
  const names = Object.keys(dims);
  let inOrder = true;
  for (let i = 0; i < names.length; i++) {
    checkDim(fact, names[i]!, dims[names[i]!]);
    if (i > 0 && names[i - 1]! > names[i]!) inOrder = false;
  }
  if (inOrder) return JSON.stringify(dims);
  const sorted: Record<string, string> = {};
  for (const name of names.sort()) sorted[name] = dims[name]!;
  return JSON.stringify(sorted);
}

function measuresJson(fact: MetricFact): string {
  const measures = fact.measures ?? {};
  for (const name of Object.keys(measures)) checkMeasure(fact, name, measures[name]);
  return JSON.stringify(measures);
}

function addToSeries(state: AppendState, series: SeriesState, fact: MetricFact): void {
  if (series.totals[0] === 0 || compareKeys(fact, series.last) > 0) series.last = fact;
  addFact(series.totals, fact.measures);
  if (fact.position < series.first) series.first = fact.position;
  state.touched.add(series);
}

function widenSpan(state: AppendState, position: Position): void {
  const { span } = state;
  if (span === undefined) state.span = { first: position, last: position };
  else if (position < span.first) span.first = position;
  else if (position > span.last) span.last = position;
}

function dayKey(metric: string, day: number): string {
  return `${day}/${metric}`;
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
 * The totals of the series as known at the query's `asOf` are materialised first, so that the seek
 * of a series runs once, not once per aggregate that reads it.
 */
function aggregateSql(query: FactQuery): SqlFragment {
  const groups = groupColumns(query);
  const keys = groups.map((_, i) => `g${i}`);
  const grain = needsDims(query) ? BY_DIMS : ACROSS_DIMS;
  const selects = [seriesSelect(query, groups, keys, grain)];
  if (query.asOf !== undefined) selects.push(spanFactsSelect(query, groups, keys, grain, query.asOf));
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
      SELECT ${outer.join(', ')} FROM series_totals WHERE totals IS NOT NULL ${grouping}`,
    params: [...selects.flatMap((select) => select.params), ...measures, ...exact],
  };
}

/**
 * The series of the grain the query reads, with their totals as known at `asOf`: the current totals
 * of a series that ends at or below it, else the last of its running rows at or below it (none,
 * NULL, when that is above). A series that starts above `asOf` is left out.
 */
function seriesSelect(query: FactQuery, groups: readonly SqlFragment[], keys: readonly string[], grain: Grain): SqlFragment {
  const { asOf } = query;
  const totals: SqlFragment =
    asOf === undefined
      ? { sql: 's.totals', params: [] }
      : {
          sql: `CASE WHEN s.last_position <= ? THEN s.totals ELSE (SELECT running FROM rm_fact_running
            WHERE series = s.id AND position <= ? ORDER BY position DESC, idx DESC LIMIT 1) END`,
          params: [asOf, asOf],
        };
  const started: SqlFragment = asOf === undefined ? { sql: '1', params: [] } : { sql: 's.first_position <= ?', params: [asOf] };
  const where = allOf([seriesConditions(query, grain), started]);
  const columns = [...groups.map((group, i) => `${group.sql} AS ${keys[i]}`), `${totals.sql} AS totals`];
  return {
    sql: `SELECT ${columns.join(', ')} FROM rm_fact_series s WHERE ${where.sql}`,
    params: [...groups.flatMap((group) => group.params), ...totals.params, ...where.params],
  };
}

/**
 * The facts at or below `asOf` that the running totals read by `seriesSelect` leave out, one by one:
 * those after their series' last running totals at or below `asOf`, in a running row or in the
 * series' own row. Only a span (see `append`) that
 * straddles `asOf` holds any, so only its facts are read. Each is grouped through its series by
 * dims, which holds its day, week, month and dims.
 */
function spanFactsSelect(query: FactQuery, groups: readonly SqlFragment[], keys: readonly string[], grain: Grain, asOf: Position): SqlFragment {
  // The series of the grain read: the fact's series by dims, or its day series.
  const ofGrain =
    grain === BY_DIMS
      ? { alias: 's', join: '' }
      : {
          alias: 'd',
          join: `JOIN rm_fact_series d ON d.generation = s.generation AND d.metric = s.metric AND d.by_dims = ${ACROSS_DIMS} AND d.day = s.day AND d.dims = '{}'`,
        };
  const where = allOf([
    { sql: `g.status = 'active' AND p.last_position > ? AND ${ofGrain.alias}.last_position > ?`, params: [asOf, asOf] },
    seriesConditions(query, BY_DIMS),
    {
      sql: `NOT EXISTS (SELECT 1 FROM rm_fact_running WHERE series = ${ofGrain.alias}.id
        AND position >= f.position AND position <= ? AND (position > f.position OR idx >= f.idx))`,
      params: [asOf],
    },
  ]);
  const columns = [...groups.map((group, i) => `${group.sql} AS ${keys[i]}`), 'json_array(1, json(f.measures)) AS totals'];
  return {
    sql: `SELECT ${columns.join(', ')} FROM rm_generations g
      JOIN rm_fact_spans p ON p.generation = g.id
        AND p.first_position = (SELECT max(first_position) FROM rm_fact_spans WHERE generation = g.id AND first_position <= ?)
      JOIN rm_facts f ON f.generation = p.generation AND f.position >= p.first_position AND f.position <= ?
      JOIN rm_fact_series s ON s.id = f.series
      ${ofGrain.join}
      WHERE ${where.sql}`,
    params: [...groups.flatMap((group) => group.params), asOf, asOf, ...where.params],
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

/** The series of the query's metric, grain, days and dims, in the active generations. */
function seriesConditions(query: FactQuery, grain: Grain): SqlFragment {
  const conditions: SqlFragment[] = [
    { sql: `s.generation IN (${ACTIVE_GENERATIONS})`, params: [] },
    { sql: 's.metric = ?', params: [query.metric] },
    { sql: 's.by_dims = ?', params: [grain] },
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

/** A fact as files written before stored it, with its metric, time and dims instead of its series. */
interface StoredFact {
  readonly generation: bigint;
  readonly position: bigint;
  readonly idx: bigint;
  readonly metric: string;
  readonly occurred_at: string;
  readonly dims: string;
  readonly measures: string;
}

const COMPLETED_PER_READ = 10_000;

/**
 * Copies the facts of a file written before facts named their series (`previous`, the table they
 * were in) into `rm_facts`, and gives each day series running totals at every fact, as its series
 * by dims have. (Files older still had those; they are written again, alike.) Read in pages of the
 * primary key: a connection cannot write while it steps through a query.
 */
export function completeFactSeries(db: SqliteDatabase, previous: string): void {
  const page = db
    .prepare<[bigint, bigint, bigint, number], StoredFact>(
      `SELECT generation, position, idx, metric, occurred_at, dims, measures FROM ${previous}
       WHERE (generation, position, idx) > (?, ?, ?) ORDER BY generation, position, idx LIMIT ?`,
    )
    .safeIntegers(true);
  const seriesId = db
    .prepare<[bigint, string, Grain, number, string], bigint>(
      'SELECT id FROM rm_fact_series WHERE generation = ? AND metric = ? AND by_dims = ? AND day = ? AND dims = ?',
    )
    .pluck()
    .safeIntegers(true);
  const insertFact = db.prepare<[bigint, bigint, bigint, bigint, string]>('INSERT INTO rm_facts (generation, position, idx, series, measures) VALUES (?, ?, ?, ?, ?)');
  const saveRunning = db.prepare<[bigint, bigint, bigint, string]>('INSERT OR REPLACE INTO rm_fact_running (series, position, idx, running) VALUES (?, ?, ?, ?)');
  const running = new Map<bigint, Totals>();
  let after: readonly [bigint, bigint, bigint] = [-1n, -1n, -1n];
  for (;;) {
    const facts = page.all(...after, COMPLETED_PER_READ);
    for (const { generation, position, idx, metric, occurred_at, dims, measures } of facts) {
      const day = epochDay(parseIsoTime(occurred_at, 'occurredAt'));
      insertFact.run(generation, position, idx, seriesId.get(generation, metric, BY_DIMS, day, dims)!, measures);
      const daySeries = seriesId.get(generation, metric, ACROSS_DIMS, day, '{}')!;
      const totals = entry(running, daySeries, (): Totals => [0, {}]);
      addFact(totals, JSON.parse(measures));
      saveRunning.run(daySeries, position, idx, JSON.stringify(totals));
    }
    const last = facts.at(-1);
    if (last === undefined) return;
    after = [last.generation, last.position, last.idx];
  }
}
