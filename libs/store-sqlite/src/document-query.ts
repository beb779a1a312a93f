import {
  checkCondition,
  checkDocumentIndex,
  checkFieldPath,
  checkSortDirection,
  pageBound,
  type Direction,
  type DocumentFilter,
  type DocumentIndex,
  type FieldCondition,
  type RangeOperator,
  type Scalar,
  type SortField,
} from '#kernel';

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

/**
 * A dotted field of the document data as an SQL string literal of its JSON path. A literal, not a
 * parameter: the planner uses an expression index only for the very expression it was created on,
 * so filters, sorts and indexes all spell a field through here. The checked path holds no quote.
 * Its segments are quoted, so `a.0` is the key "0".
 */
function jsonPath(field: string): string {
  return `'$${checkFieldPath(field).split('.').map((segment) => `."${segment}"`).join('')}'`;
}

function dataField(field: string): string {
  return `json_extract(data, ${jsonPath(field)})`;
}

function dataType(field: string): string {
  return `json_type(data, ${jsonPath(field)})`;
}

/** The indexed expressions of a declared index: its fields, then the id, as `orderSql` sorts. */
export function indexColumnsSql(index: DocumentIndex): string {
  return [...checkDocumentIndex(index).map(dataField), 'id'].join(', ');
}

/**
 * The fields of the declared index that reads a range of a sort order in order, if one does: its
 * fields are fields the read holds equal, then the fields it sorts by, all one direction. Of several,
 * the one that holds most fields equal. Without statistics, SQLite's planner prefers reading a
 * generation by id (and sorting) to a partial expression index, so a read names the one that serves
 * it (INDEXED BY).
 */
export function servingIndex(
  indexes: readonly (readonly string[])[],
  filters: readonly DocumentFilter[],
  sort: readonly SortField[],
): readonly string[] | undefined {
  if (new Set(sort.map(({ direction }) => direction)).size > 1) return undefined;
  const equal = new Set(filters.flatMap((filter) => Object.entries(filter).filter(([field, condition]) => holdsEqual(field, condition)).map(([field]) => field)));
  let serving: readonly string[] | undefined;
  for (const fields of indexes) {
    const held = fields.length - sort.length;
    const serves =
      held >= 0 &&
      fields.length > 0 &&
      fields.slice(0, held).every((field) => equal.has(field)) &&
      sort.every(({ field }, index) => fields[held + index] === field);
    if (serves && (serving === undefined || held > serving.length - sort.length)) serving = fields;
  }
  return serving;
}

function holdsEqual(field: string, condition: FieldCondition): boolean {
  const checked = checkCondition(field, condition);
  return checked.kind === 'equals' || (checked.kind === 'oneOf' && checked.values.length === 1);
}

/** Conditions on the `data` column; all must hold. */
export function filterSql(filter: DocumentFilter = {}): SqlFragment {
  const conditions = Object.entries(filter).map(([field, condition]) => conditionSql(field, condition));
  return joinFragments(conditions, ' AND ', '1');
}

/** Sorted by the given fields, then by id in `idDirection`. */
export function orderSql(sort: readonly SortField[], idDirection: Direction): string {
  sort.forEach(checkSortDirection);
  return [...sort.map(({ field, direction }) => `${dataField(field)} ${direction.toUpperCase()}`), `id ${idDirection.toUpperCase()}`].join(', ');
}

/** The values a read sorts by, as columns `k0`, `k1`…, for rows read apart to be merged in the same order (`compareSorted`). */
export function sortKeysSql(sort: readonly SortField[]): string {
  return sort.map(({ field }, index) => `, ${dataField(field)} AS k${index}`).join('');
}

/** A row as `sortKeysSql` reads it: its id and the values it sorts by. */
export type SortedRow = { readonly id: string } & Readonly<Record<`k${number}`, unknown>>;

/** The order of `orderSql` on rows read with `sortKeysSql`: SQLite's, which JavaScript's `<` is not. */
export function compareSorted(sort: readonly SortField[], idDirection: Direction): (a: SortedRow, b: SortedRow) => number {
  const sign = (direction: Direction) => (direction === 'asc' ? 1 : -1);
  return (a, b) => {
    for (const [index, { direction }] of sort.entries()) {
      const order = compareSqlValues(a[`k${index}`], b[`k${index}`]);
      if (order !== 0) return order * sign(direction);
    }
    return compareText(a.id, b.id) * sign(idDirection);
  };
}

/** SQLite orders NULL first, then numbers by value, then text by its UTF-8 bytes (`json_extract` gives no blob). */
function compareSqlValues(a: unknown, b: unknown): number {
  const rank = (value: unknown) => (value === null || value === undefined ? 0 : typeof value === 'string' ? 2 : 1);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0 || rank(a) === 0) return byRank;
  if (typeof a === 'string') return compareText(a, b as string);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** By code point, as UTF-8 bytes order: UTF-16 units put U+E000–U+FFFF after the surrogates of higher code points. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  const left = a.codePointAt(i);
  const right = b.codePointAt(i);
  if (left === undefined || right === undefined) return left === undefined ? -1 : 1;
  return left < right ? -1 : 1;
}

/** Beyond an id in the direction the ids go: the last bound of a page after a sort key. */
export function idBeyondSql(id: string | undefined, direction: Direction): SqlFragment {
  if (id === undefined) return { sql: '1', params: [] };
  return { sql: `id ${direction === 'asc' ? '>' : '<'} ?`, params: [id] };
}

/**
 * The bounds are written into the statement, checked to be whole numbers, rather than bound: a bound
 * LIMIT made each query about 14 µs slower.
 */
export function pageSql(limit: number | undefined, skip: number | undefined): SqlFragment {
  const noLimit = -1;
  return { sql: `LIMIT ${limit === undefined ? noLimit : pageBound('limit', limit)} OFFSET ${pageBound('skip', skip ?? 0)}`, params: [] };
}

function conditionSql(field: string, condition: FieldCondition): SqlFragment {
  const checked = checkCondition(field, condition);
  switch (checked.kind) {
    case 'equals':
      return equals(field, checked.value);
    case 'oneOf':
      return joinFragments(checked.values.map((value) => equals(field, value)), ' OR ', '0');
    case 'notEquals':
      return notEquals(field, checked.value);
    case 'range':
      return range(field, checked.bounds);
  }
}

function equals(field: string, value: Scalar): SqlFragment {
  return value === null ? { sql: `${dataField(field)} IS NULL`, params: [] } : compare(field, '=', value);
}

function notEquals(field: string, value: Scalar): SqlFragment {
  if (value === null) return { sql: `${dataField(field)} IS NOT NULL`, params: [] };
  const equal = compare(field, '=', value);
  // A missing field makes the comparison NULL; it is "not equal" all the same.
  return { sql: `NOT coalesce(${equal.sql}, 0)`, params: equal.params };
}

/** Null bounds follow MongoDB: `$gte`/`$lte` null match null and missing, `$gt`/`$lt` null match nothing. */
function range(field: string, bounds: readonly (readonly [RangeOperator, Scalar])[]): SqlFragment {
  const conditions = bounds.map(([operator, value]): SqlFragment => {
    if (value !== null) return compare(field, RANGE_OPERATORS[operator], value);
    return operator === '$gte' || operator === '$lte' ? equals(field, null) : { sql: '0', params: [] };
  });
  return joinFragments(conditions, ' AND ', '1');
}

function compare(field: string, operator: string, value: string | number | boolean): SqlFragment {
  const type = JSON_TYPES[typeof value as keyof typeof JSON_TYPES];
  const bound = typeof value === 'boolean' ? Number(value) : value;
  return { sql: `(${dataType(field)} ${type} AND ${dataField(field)} ${operator} ?)`, params: [bound] };
}

function joinFragments(fragments: readonly SqlFragment[], separator: string, empty: string): SqlFragment {
  if (fragments.length === 0) return { sql: empty, params: [] };
  return {
    sql: fragments.map((fragment) => `(${fragment.sql})`).join(separator),
    params: fragments.flatMap((fragment) => fragment.params),
  };
}
