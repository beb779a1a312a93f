import type { Cell } from './csv.js';

/** A metric answer's rows as a table: each nested field a column named by its dotted path, as the catalogue names fields. */
export interface MetricTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export function tableOf(rows: readonly Readonly<Record<string, unknown>>[]): MetricTable {
  const flat = rows.map((row) => new Map(leavesOf(row, '')));
  const columns = [...new Set(flat.flatMap((row) => [...row.keys()]))];
  return { columns, rows: flat.map((row) => columns.map((column) => row.get(column) ?? null)) };
}

function leavesOf(value: unknown, path: string): [string, Cell][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([name, inner]) => leavesOf(inner, path === '' ? name : `${path}.${name}`));
  }
  if (value === null || value === undefined) return [[path, null]];
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return [[path, value]];
  return [[path, JSON.stringify(value)]];
}

/** The value at a dotted path into a row, as the catalogue's `source.field` names it; null where absent. */
export function fieldOf(row: unknown, field: string): unknown {
  const inner = (value: unknown, name: string) => (value !== null && typeof value === 'object' ? ((value as Record<string, unknown>)[name] ?? null) : null);
  return field.split('.').reduce<unknown>(inner, row);
}

/**
 * What a row is about: its group's values (a period's first day, an employee's id); "all" for the one
 * row of no grouping, "none" for the row of what has no value of the dimension (cases of no section).
 */
export function groupLabelOf(row: Readonly<Record<string, unknown>>): string {
  const group = Object.values((row['group'] ?? {}) as Record<string, unknown>);
  const values = group.filter((value) => value !== null && value !== undefined);
  if (group.length === 0) return 'all';
  return values.length === 0 ? 'none' : values.join(' ');
}
