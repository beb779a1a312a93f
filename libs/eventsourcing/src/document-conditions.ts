import { ValidationError } from './errors.js';
import type { FieldCondition, Scalar, SortField } from './read-store.js';

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
