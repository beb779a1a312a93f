import {
  ValidationError,
  type DocumentFilter,
  type FieldCondition,
  type Scalar,
  type SortField,
} from '#libs/eventsourcing/src/index.js';

/** A piece of SQL and the values of its `?` placeholders, in order. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const FIELD_PATH = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$/;

const RANGE_OPERATORS: Readonly<Record<string, string>> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/**
 * `json_extract` returns JSON true/false as 1/0 and objects as text, so every comparison also checks
 * the JSON type: `true` never equals 1, and a range over numbers never matches strings.
 */
const JSON_TYPES: Readonly<Record<'string' | 'number' | 'boolean', string>> = {
  string: "= 'text'",
  number: "IN ('integer', 'real')",
  boolean: "IN ('true', 'false')",
};

/** A dotted field of the document data as a JSON path; the segments are quoted, so `a.0` is the key "0". */
function jsonPath(field: string): string {
  if (typeof field !== 'string' || !FIELD_PATH.test(field)) {
    throw invalidField(field, 'a field is a dotted path of letters, digits and underscores');
  }
  return '$' + field.split('.').map((segment) => `."${segment}"`).join('');
}

/** Conditions on the `data` column; all must hold. */
export function filterSql(filter: DocumentFilter = {}): SqlFragment {
  const conditions = Object.entries(filter).map(([field, condition]) => conditionSql(field, condition));
  return joinFragments(conditions, ' AND ', '1');
}

/** Sorted by the given fields, then by id. */
export function orderSql(sort: readonly SortField[] = []): SqlFragment {
  for (const { field, direction } of sort) {
    if (direction !== 'asc' && direction !== 'desc') throw invalidField(field, 'the direction is asc or desc');
  }
  const keys = sort.map(({ direction }) => `json_extract(data, ?) ${direction.toUpperCase()}, `).join('');
  return { sql: `${keys}id ASC`, params: sort.map(({ field }) => jsonPath(field)) };
}

export function pageSql(limit: number | undefined, skip: number | undefined): SqlFragment {
  const noLimit = -1;
  return {
    sql: 'LIMIT ? OFFSET ?',
    params: [limit === undefined ? noLimit : nonNegative('limit', limit), nonNegative('skip', skip ?? 0)],
  };
}

function nonNegative(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw invalidField(field, 'must be an integer >= 0');
  return value;
}

function conditionSql(field: string, condition: FieldCondition): SqlFragment {
  const path = jsonPath(field);
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    return equals(path, scalar(field, condition));
  }
  const operators = Object.keys(condition);
  if ('$in' in condition && operators.length === 1) return oneOf(path, field, condition.$in);
  if ('$ne' in condition && operators.length === 1) return notEquals(path, scalar(field, condition.$ne));
  if (operators.length > 0 && operators.every((operator) => Object.hasOwn(RANGE_OPERATORS, operator))) {
    return range(path, field, condition as Readonly<Record<string, Scalar>>);
  }
  throw invalidField(field, `use a value, { $in }, { $ne } or $gt/$gte/$lt/$lte, got ${JSON.stringify(operators)}`);
}

function scalar(field: string, value: unknown): Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw invalidField(field, `a value is a string, a finite number, a boolean or null, got ${String(value)}`);
}

function equals(path: string, value: Scalar): SqlFragment {
  return value === null ? { sql: 'json_extract(data, ?) IS NULL', params: [path] } : compare(path, '=', value);
}

function notEquals(path: string, value: Scalar): SqlFragment {
  if (value === null) return { sql: 'json_extract(data, ?) IS NOT NULL', params: [path] };
  const equal = compare(path, '=', value);
  // A missing field makes the comparison NULL; it is "not equal" all the same.
  return { sql: `NOT coalesce(${equal.sql}, 0)`, params: equal.params };
}

function oneOf(path: string, field: string, values: unknown): SqlFragment {
  if (!Array.isArray(values)) throw invalidField(field, '$in takes a list of values');
  const alternatives = values.map((value) => equals(path, scalar(field, value)));
  return joinFragments(alternatives, ' OR ', '0');
}

/** Null bounds follow MongoDB: `$gte`/`$lte` null match null and missing, `$gt`/`$lt` null match nothing. */
function range(path: string, field: string, bounds: Readonly<Record<string, Scalar>>): SqlFragment {
  const conditions = Object.entries(bounds).map(([operator, bound]): SqlFragment => {
    const value = scalar(field, bound);
    if (value !== null) return compare(path, RANGE_OPERATORS[operator], value);
    return operator === '$gte' || operator === '$lte' ? equals(path, null) : { sql: '0', params: [] };
  });
  return joinFragments(conditions, ' AND ', '1');
}

function compare(path: string, operator: string, value: string | number | boolean): SqlFragment {
  const type = JSON_TYPES[typeof value as keyof typeof JSON_TYPES];
  const bound = typeof value === 'boolean' ? Number(value) : value;
  return { sql: `(json_type(data, ?) ${type} AND json_extract(data, ?) ${operator} ?)`, params: [path, path, bound] };
}

function joinFragments(fragments: readonly SqlFragment[], separator: string, empty: string): SqlFragment {
  if (fragments.length === 0) return { sql: empty, params: [] };
  return {
    sql: fragments.map((fragment) => `(${fragment.sql})`).join(separator),
    params: fragments.flatMap((fragment) => fragment.params),
  };
}

function invalidField(field: string, message: string): ValidationError {
  return new ValidationError(`invalid query on ${JSON.stringify(field)}: ${message}`, [{ field: String(field), message }]);
}
