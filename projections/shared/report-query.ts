import { ValidationError, type FactQuery, type Period, type Position } from '#kernel';

/** The calendar periods every report can be grouped by. */
export const PERIODS: ReadonlySet<string> = new Set<Period>(['day', 'week', 'month']);

/** The range and read position every report takes. */
export interface ReportWindow {
  /** Business-date range: `from` inclusive, `to` exclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly asOf?: Position;
}

/**
 * A report's `groupBy`: a calendar period, or one of the report's named groupings (whatever the report
 * maps a name to: a dimension or a list of them). An unknown name is the caller's mistake, so it fails
 * with the periods and the names the report knows.
 */
export function reportGrouping<D>(groupBy: string | undefined, groupings: Readonly<Record<string, D>>): { period?: Period; dims?: D } {
  if (groupBy === undefined) return {};
  if (PERIODS.has(groupBy)) return { period: groupBy as Period };
  const dims = groupings[groupBy];
  if (dims === undefined) {
    const known = [...PERIODS, ...Object.keys(groupings)].join(', ');
    throw new ValidationError(`groupBy is one of ${known}, got ${JSON.stringify(groupBy)}`, [{ field: 'groupBy', message: 'unknown grouping' }]);
  }
  return { dims };
}

/** The dimension conditions of a report: its filter parameters that are set, as text (dimension values are text). */
export function reportFilters<P extends object>(params: P, names: readonly (keyof P & string)[]): Record<string, string> {
  return Object.fromEntries(names.filter((name) => params[name] !== undefined).map((name) => [name, String(params[name])]));
}

/**
 * A fact query from a report's window and conditions. A bound, a condition list or a position that is
 * not set is left out rather than sent as undefined, so equal reports make equal queries.
 */
export function reportQuery<Q extends Pick<FactQuery, 'metric' | 'groupBy'>>(window: ReportWindow, where: Record<string, string>, query: Q): Q & Pick<FactQuery, 'from' | 'to' | 'where' | 'asOf'> {
  return {
    ...query,
    ...(window.from !== undefined && { from: window.from }),
    ...(window.to !== undefined && { to: window.to }),
    ...(Object.keys(where).length > 0 && { where }),
    ...(window.asOf !== undefined && { asOf: window.asOf }),
  };
}

/** A share of a whole, or null where there is no whole to share (a rate of nothing is no rate, not 0). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
