import {
  checkDim,
  checkFactKey,
  checkMeasure,
  exactSum,
  factDimValues,
  factName,
  factPeriod,
  invalidFact,
  ValidationError,
  type FactGroup,
  type FactQuery,
  type MetricFact,
  type Period,
  type Position,
} from '#kernel';
// The pure calendar helpers of the embedded adapter: that file imports nothing but the kernel, so
// sharing it keeps both adapters on one definition of days, ISO weeks and months.
import { isoWeekStart } from '#domain/shared/days.js';
import { epochDay, formatDay, monthStart, parseDayBound, parseIsoTime } from '#stores/sqlite';
import { Decimal128, type Document } from 'mongodb';

/** A fact as stored in `rm_facts`, with its business day, ISO week and month as epoch days. */
export interface FactDocument {
  readonly generation: number;
  readonly position: Position;
  readonly index: number;
  readonly metric: string;
  readonly occurredAt: string;
  readonly day: number;
  readonly week: number;
  readonly month: number;
  readonly dims: Record<string, string>;
  readonly measures: Record<string, number>;
}

const PERIOD_FIELDS: Readonly<Record<Period, string>> = { day: '$day', week: '$week', month: '$month' };

/** Validates a fact as the embedded adapter does, and gives its stored form. */
export function factDocument(generation: number, fact: MetricFact): FactDocument {
  checkFactKey(fact);
  if (typeof fact.position !== 'bigint') throw invalidFact(fact, 'position', 'a position is a bigint');
  const day = epochDay(parseIsoTime(fact.occurredAt, 'occurredAt'));
  const dims: Record<string, string> = {};
  for (const [name, value] of Object.entries(fact.dims ?? {})) {
    storableName(fact, `dims.${name}`, name);
    checkDim(fact, name, value);
    dims[name] = value;
  }
  const measures: Record<string, number> = {};
  for (const [name, value] of Object.entries(fact.measures ?? {})) {
    storableName(fact, `measures.${name}`, name);
    checkMeasure(fact, name, value);
    measures[name] = value;
  }
  return {
    generation,
    position: fact.position,
    index: fact.index,
    metric: fact.metric,
    occurredAt: fact.occurredAt,
    day,
    week: isoWeekStart(day),
    month: monthStart(day),
    dims,
    measures,
  };
}

/**
 * The aggregation pipeline of a fact query over the given active generations: match (generation,
 * metric, day range, dims, `position <= asOf`), group by period and dims (a missing dimension groups
 * under null) summing each measure (a missing measure counts 0) and counting facts, sort by the group
 * keys (nulls first). Group keys are named `period`, `d0`, `d1`...; sums `m0`, `m1`... and exact sums
 * `x0`, `x1`... by position in the query, so no dimension or measure name can collide with another field.
 * Exact sums add 128-bit decimals (34 digits) of the whole values: `$sum` of int64 turns to a double
 * when it overflows, and of doubles rounds past 2^53. Going through int64 first keeps the decimal
 * whole for a value stored as a double.
 */
export function factPipeline(query: FactQuery, activeGenerations: readonly number[]): Document[] {
  if (typeof query.metric !== 'string') {
    throw new ValidationError('metric is a string', [{ field: 'metric', message: 'not a string' }]);
  }
  const measures = query.measures.map((measure) => factName(measure, 'measures'));
  const exactMeasures = (query.exactMeasures ?? []).map((measure) => factName(measure, 'exactMeasures'));
  const period = factPeriod(query.groupBy?.period);
  const dims = (query.groupBy?.dims ?? []).map((dim) => factName(dim, 'groupBy.dims'));

  const match: Document = { generation: { $in: [...activeGenerations] }, metric: { $eq: query.metric } };
  const day: Document = {};
  if (query.from !== undefined) day.$gte = parseDayBound(query.from, 'from');
  if (query.to !== undefined) day.$lt = parseDayBound(query.to, 'to');
  if (Object.keys(day).length > 0) match.day = day;
  for (const [dim, allowed] of Object.entries(query.where ?? {})) {
    match[`dims.${factName(dim, 'where')}`] = { $in: [...factDimValues(dim, allowed)] };
  }
  if (query.asOf !== undefined) match.position = { $lte: query.asOf };

  const keys: Document = {};
  if (period !== undefined) keys.period = PERIOD_FIELDS[period];
  dims.forEach((dim, i) => (keys[`d${i}`] = { $ifNull: [`$dims.${dim}`, null] }));
  const hasKeys = Object.keys(keys).length > 0;

  const group: Document = { _id: hasKeys ? keys : null, facts: { $sum: 1 } };
  measures.forEach((measure, i) => (group[`m${i}`] = { $sum: { $ifNull: [`$measures.${measure}`, 0] } }));
  exactMeasures.forEach((measure, i) => (group[`x${i}`] = { $sum: { $toDecimal: { $toLong: { $ifNull: [`$measures.${measure}`, 0] } } } }));

  const pipeline: Document[] = [{ $match: match }, { $group: group }];
  if (hasKeys) pipeline.push({ $sort: Object.fromEntries(Object.keys(keys).map((key) => [`_id.${key}`, 1])) });
  return pipeline;
}

/** A row of `factPipeline` as a `FactGroup`. Numbers may come back as bigint (a sum past int32 is a long). */
export function toFactGroup(row: Document, query: FactQuery): FactGroup {
  const keys: Document = row._id ?? {};
  const dims = Object.fromEntries(
    (query.groupBy?.dims ?? []).map((dim, i) => [dim, keys[`d${i}`] === undefined ? null : (keys[`d${i}`] as string | null)]),
  );
  const sums = Object.fromEntries(query.measures.map((measure, i) => [measure, toNumber(row[`m${i}`] ?? 0)]));
  const exactSums = query.exactMeasures && {
    exactSums: Object.fromEntries(query.exactMeasures.map((measure, i) => [measure, toExactSum(measure, row[`x${i}`] ?? 0)])),
  };
  const group = { dims, facts: toNumber(row.facts), sums, ...exactSums };
  return query.groupBy?.period === undefined ? group : { period: formatDay(toNumber(keys.period)), ...group };
}

/** A numeric value read with `useBigInt64` (an int64 is a bigint) or without it (a `Long`). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object' && 'toNumber' in value && typeof value.toNumber === 'function') {
    return Number(value.toNumber());
  }
  throw new TypeError(`not a number: ${String(value)}`);
}

function toExactSum(measure: string, value: unknown): bigint {
  if (value instanceof Decimal128) return exactSum(measure, value.toString());
  if (typeof value === 'number' || typeof value === 'bigint') return exactSum(measure, value);
  throw new TypeError(`not a sum: ${String(value)}`);
}

/** MongoDB cannot store a field name that is empty, dotted or starts with `$` through an update. */
function storableName(fact: MetricFact, field: string, name: string): void {
  if (name === '' || name.includes('.') || name.startsWith('$') || name.includes('\0')) {
    throw invalidFact(fact, field, 'a name is not empty, has no dot and does not start with $');
  }
}
