import {
  checkCondition,
  checkFieldPath,
  checkSortDirection,
  invalidQuery,
  pageBound,
  type DocumentFilter,
  type FieldCondition,
  type Position,
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

/** The stored field of a dotted path of the document data. */
export function dataPath(field: string): string {
  return `data.${checkFieldPath(field)}`;
}

/** Conditions on the `data` field; all must hold. Throws `ValidationError` for a bad path, operator or value. */
export function documentFilter(filter: DocumentFilter = {}): Document {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw invalidQuery('filter', 'a filter is an object of field conditions');
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
    checkSortDirection({ field, direction });
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
    limit: limit === undefined ? undefined : pageBound('limit', limit),
    skip: pageBound('skip', skip ?? 0),
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
  const checked = checkCondition(field, condition);
  switch (checked.kind) {
    case 'equals':
      return { $eq: checked.value };
    case 'oneOf':
      return { $in: checked.values };
    case 'notEquals':
      return { $ne: checked.value };
    case 'range':
      return Object.fromEntries(checked.bounds);
  }
}
