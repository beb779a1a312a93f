import {
  ValidationError,
  type FactGroup,
  type FactQuery,
  type MetricFact,
  type Period,
  type Position,
} from '#libs/eventsourcing/src/index.js';
import { epochDay, formatDay, isoWeekStart, monthStart, parseDayBound, parseIsoTime } from './calendar.js';
import type { SqliteDatabase } from './database.js';
import type { SqlFragment } from './document-query.js';

type Sums = Record<string, number>;

/** The JSON form of a series' totals: the number of facts and the sum of each measure. */
type Totals = [facts: number, sums: Sums];

interface FactKey {
  readonly position: Position;
  readonly index: number;
}

/** A series as a batch changes it; saved once at the end of the batch. */
interface SeriesState {
  readonly id: number;
  totals: Totals;
  first: Position;
  last: FactKey;
  /** A fact arrived below the last one: the running totals after it must be recomputed. */
  outOfOrder: boolean;
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

/** A fact counts in its (day, dims) series and in its day's series across all dims. */
const SERIES_GRAINS = [
  { byDims: 1, dims: (fact: ValidFact) => fact.dims },
  { byDims: 0, dims: () => '{}' },
] as const;

const NAME = /^[A-Za-z0-9_]+$/;

const PERIOD_COLUMNS: Readonly<Record<Period, string>> = { day: 's.day', week: 's.week', month: 's.month' };

/**
 * Metric facts and their aggregation. See `read-store-schema.ts` for the series and running totals
 * that keep an aggregate proportional to the number of series rather than of facts.
 */
export class SqliteFactLedger {
  private readonly insertFact;
  private readonly findSeries;
  private readonly createSeries;
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
    this.createSeries = db
      .prepare<[number, string, number, number, number, number, string, Position, Position, number], number>(
        `INSERT INTO rm_fact_series
           (generation, metric, by_dims, day, week, month, dims, totals, first_position, last_position, last_index)
         VALUES (?, ?, ?, ?, ?, ?, ?, '[0, {}]', ?, ?, ?) RETURNING id`,
      )
      .pluck();
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
    const touched = new Map<string, SeriesState>();
    for (const fact of facts) this.appendFact(generation, fact, touched);
    for (const series of touched.values()) this.saveSeries(generation, series);
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

  private appendFact(generation: number, fact: MetricFact, touched: Map<string, SeriesState>): void {
    const valid = validateFact(fact);
    const { position, index, metric, occurredAt } = fact;
    const stored = this.insertFact.run(generation, position, index, metric, occurredAt, valid.dims, valid.measures);
    if (stored.changes === 0) return;
    for (const grain of SERIES_GRAINS) {
      const dims = grain.dims(valid);
      const key = `${metric}\u0000${grain.byDims}\u0000${valid.day}\u0000${dims}`;
      const series = touched.get(key) ?? this.loadSeries(generation, fact, grain.byDims, valid.day, dims);
      touched.set(key, series);
      this.addToSeries(series, fact);
    }
  }

  private loadSeries(generation: number, fact: MetricFact, byDims: number, day: number, dims: string): SeriesState {
    const row = this.findSeries.get(generation, fact.metric, byDims, day, dims);
    if (row !== undefined) {
      const last = { position: row.last_position, index: Number(row.last_index) };
      return { id: Number(row.id), totals: JSON.parse(row.totals), first: row.first_position, last, outOfOrder: false };
    }
    const { metric, position, index } = fact;
    const id = this.createSeries.get(generation, metric, byDims, day, isoWeekStart(day), monthStart(day), dims, position, position, index);
    return { id: id as number, totals: [0, {}], first: position, last: fact, outOfOrder: false };
  }

  private addToSeries(series: SeriesState, fact: MetricFact): void {
    const inOrder = series.totals[0] === 0 || compareKeys(fact, series.last) > 0;
    addFact(series.totals, fact.measures);
    this.insertRunning.run(series.id, fact.position, fact.index, JSON.stringify(series.totals));
    if (fact.position < series.first) series.first = fact.position;
    if (inOrder) series.last = fact;
    else series.outOfOrder = true;
  }

  private saveSeries(generation: number, series: SeriesState): void {
    if (series.outOfOrder) this.recomputeRunningTotals(generation, series);
    const { totals, first, last, id } = series;
    this.saveSeriesRow.run(JSON.stringify(totals), first, last.position, last.index, id);
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

function validateFact(fact: MetricFact): ValidFact {
  if (typeof fact.metric !== 'string' || fact.metric === '') throw invalidFact(fact, 'metric', 'a metric is a non-empty string');
  if (!Number.isSafeInteger(fact.index) || fact.index < 0) throw invalidFact(fact, 'index', 'an index is an integer >= 0');
  const day = epochDay(parseIsoTime(fact.occurredAt, 'occurredAt'));
  return { day, dims: canonicalDims(fact), measures: measuresJson(fact) };
}

/** Sorted keys, so that the same dims always name the same series. */
function canonicalDims(fact: MetricFact): string {
  const dims = fact.dims ?? {};
  const names = Object.keys(dims).sort();
  for (const name of names) {
    if (typeof dims[name] !== 'string') throw invalidFact(fact, `dims.${name}`, 'a dimension value is a string');
  }
  return JSON.stringify(dims, names);
}

function measuresJson(fact: MetricFact): string {
  for (const [name, value] of Object.entries(fact.measures ?? {})) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw invalidFact(fact, `measures.${name}`, 'a measure is a finite number');
    }
  }
  return JSON.stringify(fact.measures ?? {});
}

function invalidFact(fact: MetricFact, field: string, message: string): ValidationError {
  return new ValidationError(`invalid fact at position ${fact.position}, index ${fact.index}: ${field}: ${message}`, [
    { field, message },
  ]);
}

function addFact(totals: Totals, measures: Readonly<Sums>): void {
  const sums = totals[1];
  totals[0] += 1;
  for (const name in measures) sums[name] = (sums[name] ?? 0) + measures[name];
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
  const { totals, condition } = totalsAt(query.asOf);
  const where = factConditions(query, condition);
  const keys = groups.map((_, i) => `g${i}`);
  const measures = query.measures.map((measure) => `$[1]."${validName(measure, 'measures')}"`);
  const inner = [...groups.map((group, i) => `${group.sql} AS ${keys[i]}`), `${totals.sql} AS totals`];
  const outer = [...keys, "sum(json_extract(totals, '$[0]'))", ...measures.map(() => 'coalesce(sum(json_extract(totals, ?)), 0)')];
  const grouping = keys.length === 0 ? 'HAVING count(*) > 0' : `GROUP BY ${keys.join(', ')} ORDER BY ${keys.join(', ')}`;
  return {
    sql: `WITH series_totals AS MATERIALIZED (SELECT ${inner.join(', ')} FROM rm_fact_series s WHERE ${where.sql})
      SELECT ${outer.join(', ')} FROM series_totals ${grouping}`,
    params: [...groups.flatMap((group) => group.params), ...totals.params, ...where.params, ...measures],
  };
}

/**
 * The totals of a series as known at `asOf`: its current totals when it ends at or below `asOf`,
 * otherwise the running totals of its last fact at or below `asOf`. A series that starts above
 * `asOf` is left out by the condition.
 */
function totalsAt(asOf: Position | undefined): { readonly totals: SqlFragment; readonly condition: SqlFragment } {
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

function groupColumns(query: FactQuery): SqlFragment[] {
  const period = query.groupBy?.period;
  if (period !== undefined && !Object.hasOwn(PERIOD_COLUMNS, period)) {
    throw new ValidationError(`a period is day, week or month, got ${JSON.stringify(period)}`, [
      { field: 'groupBy.period', message: 'unknown period' },
    ]);
  }
  const dims = (query.groupBy?.dims ?? []).map((dim) => ({ sql: 'json_extract(s.dims, ?)', params: [dimPath(dim, 'groupBy.dims')] }));
  return period === undefined ? dims : [{ sql: PERIOD_COLUMNS[period], params: [] }, ...dims];
}

function factConditions(query: FactQuery, sourceCondition: SqlFragment): SqlFragment {
  const conditions: SqlFragment[] = [
    { sql: "s.generation IN (SELECT id FROM rm_generations WHERE status = 'active')", params: [] },
    { sql: 's.metric = ?', params: [query.metric] },
    { sql: 's.by_dims = ?', params: [needsDims(query) ? 1 : 0] },
    sourceCondition,
  ];
  if (query.from !== undefined) conditions.push({ sql: 's.day >= ?', params: [parseDayBound(query.from, 'from')] });
  if (query.to !== undefined) conditions.push({ sql: 's.day < ?', params: [parseDayBound(query.to, 'to')] });
  for (const [dim, allowed] of Object.entries(query.where ?? {})) {
    conditions.push({
      sql: 'json_extract(s.dims, ?) IN (SELECT value FROM json_each(?))',
      params: [dimPath(dim, 'where'), JSON.stringify(dimValues(dim, allowed))],
    });
  }
  return { sql: conditions.map((condition) => condition.sql).join(' AND '), params: conditions.flatMap((c) => c.params) };
}

function needsDims(query: FactQuery): boolean {
  return (query.groupBy?.dims ?? []).length > 0 || Object.keys(query.where ?? {}).length > 0;
}

function dimValues(dim: string, allowed: string | readonly string[]): readonly string[] {
  const values = typeof allowed === 'string' ? [allowed] : allowed;
  if (!Array.isArray(values) || values.some((value) => typeof value !== 'string')) {
    throw new ValidationError(`where.${dim} is a string or a list of strings`, [{ field: `where.${dim}`, message: 'not a string' }]);
  }
  return values;
}

function dimPath(dim: string, field: string): string {
  return `$."${validName(dim, field)}"`;
}

/** Dimension and measure names become JSON paths, so they are restricted to plain names. */
function validName(name: string, field: string): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new ValidationError(`${field}: ${JSON.stringify(name)} is not a name of letters, digits and underscores`, [
      { field, message: 'invalid name' },
    ]);
  }
  return name;
}

function toGroup(row: readonly unknown[], query: FactQuery): FactGroup {
  const period = query.groupBy?.period;
  const dims = query.groupBy?.dims ?? [];
  const values = period === undefined ? row : row.slice(1);
  const facts = values[dims.length] as number;
  const sums = Object.fromEntries(query.measures.map((measure, i) => [measure, values[dims.length + 1 + i] as number]));
  const group = { dims: Object.fromEntries(dims.map((dim, i) => [dim, values[i] as string | null])), facts, sums };
  return period === undefined ? group : { period: formatDay(row[0] as number), ...group };
}
