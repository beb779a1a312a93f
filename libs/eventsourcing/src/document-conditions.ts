import { ValidationError } from './errors.js';
import type { DocumentFilter, DocumentIndex, FieldCondition, FindOptions, Scalar, SortField, SortKey } from './read-store.js';

/*
 * The checks every read store makes on a document query before it builds one of its own: field
 * paths, values, operators, sort directions and page bounds, with the same errors everywhere.
 */

/** Letters, digits and underscores, dotted: no operator, no empty segment, nothing to inject. */
const FIELD_PATH = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$/;

export type RangeOperator = '$gt' | '$gte' | '$lt' | '$lte';

const RANGE_OPERATORS: ReadonlySet<string> = new Set<RangeOperator>(['$gt', '$gte', '$lt', '$lte']);

/** A field condition, checked and told apart: what each read store translates into its own query. */
export type CheckedCondition =
  | { readonly kind: 'equals'; readonly value: Scalar }
  | { readonly kind: 'oneOf'; readonly values: readonly Scalar[] }
  | { readonly kind: 'notEquals'; readonly value: Scalar }
  | { readonly kind: 'range'; readonly bounds: readonly (readonly [RangeOperator, Scalar])[] };

/** A dotted field of the document data, checked. */
export function checkFieldPath(field: string): string {
  if (typeof field !== 'string' || !FIELD_PATH.test(field)) {
    throw invalidQuery(field, 'a field is a dotted path of letters, digits and underscores');
  }
  return field;
}

export function checkCondition(field: string, condition: FieldCondition): CheckedCondition {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    return { kind: 'equals', value: queryScalar(field, condition) };
  }
  const operators = Object.keys(condition);
  if ('$in' in condition && operators.length === 1) {
    const values: unknown = condition.$in;
    if (!Array.isArray(values)) throw invalidQuery(field, '$in takes a list of values');
    return { kind: 'oneOf', values: values.map((value) => queryScalar(field, value)) };
  }
  if ('$ne' in condition && operators.length === 1) return { kind: 'notEquals', value: queryScalar(field, condition.$ne) };
  if (operators.length > 0 && operators.every((operator) => RANGE_OPERATORS.has(operator))) {
    const bounds = condition as Readonly<Record<RangeOperator, unknown>>;
    return {
      kind: 'range',
      bounds: (operators as RangeOperator[]).map((operator) => [operator, queryScalar(field, bounds[operator])] as const),
    };
  }
  throw invalidQuery(field, `use a value, { $in }, { $ne } or $gt/$gte/$lt/$lte, got ${JSON.stringify(operators)}`);
}

export function checkSortDirection({ field, direction }: SortField): void {
  if (direction !== 'asc' && direction !== 'desc') throw invalidQuery(field, 'the direction is asc or desc');
}

export type Direction = SortField['direction'];

/** One stretch of a sort order that an index reads as one range: see `seekRanges`. */
export interface SeekRange {
  /** The sort fields held at the key's values, and the next one beyond its value. */
  readonly filter: DocumentFilter;
  /** Beyond this id, when every sort field is held at the key's values. */
  readonly idBeyond: string | undefined;
  /** The sort fields not held, which order the range, then the id in `direction`. */
  readonly sort: readonly SortField[];
  readonly direction: Direction;
}

/**
 * What a read sorted by `sort` reads, in order: the whole order, or with a key what lies after it.
 * "After (v1, v2, id)" is not one range of an index on (f1, f2, id) by a condition on data: it is
 * f1 = v1, f2 = v2, id beyond; then f1 = v1, f2 beyond v2; then f1 beyond v1. Each of these is
 * one range of that index, in order, so a page seeks to its start instead of passing over the
 * documents before it.
 */
export function seekRanges({ sort = [], after, skip }: Pick<FindOptions, 'sort' | 'after' | 'skip'>): SeekRange[] {
  sort.forEach(checkSortDirection);
  // Ties go by id in the direction of the last field, so that a descending order mirrors the ascending one.
  const direction = sort.at(-1)?.direction ?? 'asc';
  if (after === undefined) return [{ filter: {}, idBeyond: undefined, sort, direction }];
  if (skip !== undefined) throw invalidQuery('skip', 'a page after a key skips nothing');
  const values = checkSortKey(sort, after);
  const beyond = direction === 'asc' ? '$gt' : '$lt';
  const held = (count: number) => Object.fromEntries(sort.slice(0, count).map(({ field }, index) => [field, values[index]!]));
  const ranges: SeekRange[] = [{ filter: held(sort.length), idBeyond: after.id, sort: [], direction }];
  for (let count = sort.length - 1; count >= 0; count -= 1) {
    const beyondValue = { [sort[count]!.field]: { [beyond]: values[count]! } };
    ranges.push({ filter: { ...held(count), ...beyondValue }, idBeyond: undefined, sort: sort.slice(count), direction });
  }
  return ranges;
}

function checkSortKey(sort: readonly SortField[], after: SortKey): readonly string[] {
  if (typeof after.id !== 'string') throw invalidQuery('after', 'the id of a sort key is text');
  if (!Array.isArray(after.values) || after.values.length !== sort.length) {
    throw invalidQuery('after', 'a sort key holds one value per sort field');
  }
  if (!after.values.every((value) => typeof value === 'string')) throw invalidQuery('after', 'the values of a sort key are text');
  if (new Set(sort.map(({ direction }) => direction)).size > 1) {
    throw invalidQuery('after', 'paging after a key needs every sort field in one direction');
  }
  if (new Set(sort.map(({ field }) => field)).size !== sort.length) throw invalidQuery('after', 'paging after a key sorts by each field once');
  return after.values;
}

/** The fields of a declared index, checked: at least one, each a field path, none twice. */
export function checkDocumentIndex(index: DocumentIndex): readonly string[] {
  const fields: unknown = index?.fields;
  if (!Array.isArray(fields) || fields.length === 0) throw invalidQuery('indexes', 'an index has at least one field');
  fields.forEach((field: string) => checkFieldPath(field));
  if (new Set(fields).size !== fields.length) throw invalidQuery('indexes', 'an index names each field once');
  return fields as readonly string[];
}

/** A `limit` or `skip` of a page, checked. */
export function pageBound(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw invalidQuery(field, 'must be an integer >= 0');
  return value;
}

export function invalidQuery(field: string, message: string): ValidationError {
  return new ValidationError(`invalid query on ${JSON.stringify(field)}: ${message}`, [{ field: String(field), message }]);
}

function queryScalar(field: string, value: unknown): Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw invalidQuery(field, `a value is a string, a finite number, a boolean or null, got ${String(value)}`);
}
