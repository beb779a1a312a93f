import {
  ValidationError,
  type DocumentFilter,
  type FieldCondition,
  type Position,
  type Scalar,
  type SortField,
} from '#libs/eventsourcing/src/index.js';
import type { Document } from 'mongodb';

/**
 * Our `DocumentFilter` as a MongoDB query on the `data` field of the stored versions.
 *
 * MongoDB's own semantics are what the port specifies: equality and ranges keep types apart (`true`
 * never equals 1, `'10'` never equals 10, a numeric range never matches a string), null matches null
 * and missing fields, `$ne` matches missing fields, and null range bounds behave as in MongoDB. So the
 * translation only validates and prefixes; every value goes behind an explicit operator (`$eq`), so a
 * value can never be read as an operator.
 */

/** Letters, digits and underscores, dotted: no `$` operator, no empty segment, nothing to inject. */
const FIELD_PATH = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$/;

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

/** The stored field of a dotted path of the document data. */
export function dataPath(field: string): string {
  if (typeof field !== 'string' || !FIELD_PATH.test(field)) {
    throw invalidField(field, 'a field is a dotted path of letters, digits and underscores');
  }
  return `data.${field}`;
}

/** Conditions on the `data` field; all must hold. Throws `ValidationError` for a bad path, operator or value. */
export function documentFilter(filter: DocumentFilter = {}): Document {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw invalidField('filter', 'a filter is an object of field conditions');
  }
  const query: Document = {};
  for (const [field, condition] of Object.entries(filter)) query[dataPath(field)] = fieldCondition(field, condition);
  return query;
}

/** Sorted by the given fields, then by id. */
export function documentSort(sort: readonly SortField[] = []): [string, 1 | -1][] {
  // A field sorted twice sorts by its first direction, as in SQL; MongoDB refuses a repeated key.
  const keys = new Map<string, 1 | -1>();
  for (const { field, direction } of sort) {
    if (direction !== 'asc' && direction !== 'desc') throw invalidField(field, 'the direction is asc or desc');
    const path = dataPath(field);
    if (!keys.has(path)) keys.set(path, direction === 'asc' ? 1 : -1);
  }
  keys.set('id', 1);
  return [...keys];
}

export interface Page {
  readonly skip: number;
  /** Undefined for no limit; MongoDB reads a limit of 0 as "no limit", so 0 is answered without a query. */
  readonly limit: number | undefined;
}

export function documentPage(limit: number | undefined, skip: number | undefined): Page {
  return {
    limit: limit === undefined ? undefined : nonNegative('limit', limit),
    skip: nonNegative('skip', skip ?? 0),
  };
}

/**
 * The versions of a generation known at `asOf`, in the history: written at or below it, not yet
 * replaced at it, and not a deletion.
 */
export function versionsAsOf(generation: number, asOf: Position): Document {
  return {
    generation,
    validFrom: { $lte: asOf },
    $or: [{ validTo: null }, { validTo: { $gt: asOf } }],
    data: { $ne: null },
  };
}

function fieldCondition(field: string, condition: FieldCondition): Document {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    return { $eq: scalar(field, condition) };
  }
  const operators = Object.keys(condition);
  if ('$in' in condition && operators.length === 1) {
    const values: unknown = condition.$in;
    if (!Array.isArray(values)) throw invalidField(field, '$in takes a list of values');
    return { $in: values.map((value) => scalar(field, value)) };
  }
  if ('$ne' in condition && operators.length === 1) return { $ne: scalar(field, condition.$ne) };
  if (operators.length > 0 && operators.every((operator) => RANGE_OPERATORS.has(operator))) {
    const bounds = condition as Readonly<Record<string, unknown>>;
    return Object.fromEntries(operators.map((operator) => [operator, scalar(field, bounds[operator])]));
  }
  throw invalidField(field, `use a value, { $in }, { $ne } or $gt/$gte/$lt/$lte, got ${JSON.stringify(operators)}`);
}

function scalar(field: string, value: unknown): Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw invalidField(field, `a value is a string, a finite number, a boolean or null, got ${String(value)}`);
}

function nonNegative(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw invalidField(field, 'must be an integer >= 0');
  return value;
}

function invalidField(field: string, message: string): ValidationError {
  return new ValidationError(`invalid query on ${JSON.stringify(field)}: ${message}`, [{ field: String(field), message }]);
}
