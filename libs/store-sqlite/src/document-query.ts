import {
  checkCondition,
  checkFieldPath,
  checkSortDirection,
  pageBound,
  type DocumentFilter,
  type FieldCondition,
  type RangeOperator,
  type Scalar,
  type SortField,
} from '#libs/eventsourcing/src/index.js';

/** A piece of SQL and the values of its `?` placeholders, in order. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const RANGE_OPERATORS: Readonly<Record<RangeOperator, string>> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

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
  return '$' + checkFieldPath(field).split('.').map((segment) => `."${segment}"`).join('');
}

/** Conditions on the `data` column; all must hold. */
export function filterSql(filter: DocumentFilter = {}): SqlFragment {
  const conditions = Object.entries(filter).map(([field, condition]) => conditionSql(field, condition));
  return joinFragments(conditions, ' AND ', '1');
}

/** Sorted by the given fields, then by id. */
export function orderSql(sort: readonly SortField[] = []): SqlFragment {
  sort.forEach(checkSortDirection);
  const keys = sort.map(({ direction }) => `json_extract(data, ?) ${direction.toUpperCase()}, `).join('');
  return { sql: `${keys}id ASC`, params: sort.map(({ field }) => jsonPath(field)) };
}

export function pageSql(limit: number | undefined, skip: number | undefined): SqlFragment {
  const noLimit = -1;
  return {
    sql: 'LIMIT ? OFFSET ?',
    params: [limit === undefined ? noLimit : pageBound('limit', limit), pageBound('skip', skip ?? 0)],
  };
}

function conditionSql(field: string, condition: FieldCondition): SqlFragment {
  const path = jsonPath(field);
  const checked = checkCondition(field, condition);
  switch (checked.kind) {
    case 'equals':
      return equals(path, checked.value);
    case 'oneOf':
      return joinFragments(checked.values.map((value) => equals(path, value)), ' OR ', '0');
    case 'notEquals':
      return notEquals(path, checked.value);
    case 'range':
      return range(path, checked.bounds);
  }
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

/** Null bounds follow MongoDB: `$gte`/`$lte` null match null and missing, `$gt`/`$lt` null match nothing. */
function range(path: string, bounds: readonly (readonly [RangeOperator, Scalar])[]): SqlFragment {
  const conditions = bounds.map(([operator, value]): SqlFragment => {
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
