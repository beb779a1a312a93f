import {
  checkCondition,
  checkDocumentIndex,
  checkFieldPath,
  checkSortDirection,
  invalidQuery,
  pageBound,
  type Direction,
  type DocumentFilter,
  type DocumentIndex,
  type FieldCondition,
  type Position,
  type SeekRange,
  type SortField,
} from '#kernel';
import type { Document, IndexDescription } from 'mongodb';

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

/** Sorted by the given fields, then by id in `idDirection`. */
export function documentSort(sort: readonly SortField[], idDirection: Direction): [string, 1 | -1][] {
  // A field sorted twice sorts by its first direction, as in SQL; MongoDB refuses a repeated key.
  const keys = new Map<string, 1 | -1>();
  for (const { field, direction } of sort) {
    checkSortDirection({ field, direction });
    const path = dataPath(field);
    if (!keys.has(path)) keys.set(path, direction === 'asc' ? 1 : -1);
  }
  keys.set('id', idDirection === 'asc' ? 1 : -1);
  return [...keys];
}

/**
 * One range of a read's sort order (see `seekRanges`) within the read's own conditions: both hold,
 * and each may bound the same field, so they are ANDed rather than merged.
 */
export function rangeQuery(versions: Document, conditions: Document, range: Pick<SeekRange, 'filter' | 'idBeyond' | 'direction'>): Document {
  const parts = [conditions, documentFilter(range.filter)].filter((part) => Object.keys(part).length > 0);
  return {
    ...versions,
    ...(parts.length > 0 && { $and: parts }),
    ...(range.idBeyond !== undefined && { id: { [range.direction === 'asc' ? '$gt' : '$lt']: range.idBeyond } }),
  };
}

/**
 * A declared index of one generation: partial, so that a write updates only its own generation's
 * indexes; ending with the id, as reads sort. Reads name the generation, which makes it usable.
 */
export function generationIndex(generation: number, index: DocumentIndex): IndexDescription {
  const fields = checkDocumentIndex(index);
  return {
    name: `${generationIndexPrefix(generation)}${fields.join(',')}`,
    key: new Map<string, 1>([...fields.map((field) => [dataPath(field), 1] as const), ['id', 1]]),
    partialFilterExpression: { generation: { $eq: generation } },
  };
}

/** Index names are `g<generation>/<fields>`, so that a generation's indexes can be found and dropped with it. */
export function generationIndexPrefix(generation: number): string {
  return `g${generation}/`;
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
