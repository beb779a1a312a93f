import { type FactGroup, type FactQuery, type Period, type Position } from '#kernel';
import { compareGroups } from '../shared/report-order.js';
import { ratio, reportFilters, reportGrouping, reportQuery, type ReportWindow } from '../shared/report-query.js';
import { GAP_COVERAGE_METRIC } from './skill-gaps.projection.js';

export type GapCoverageGroupBy = Period | 'section' | 'position';

export interface GapCoverageParams {
  /** Business-date range: `from` inclusive, `to` exclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly groupBy?: GapCoverageGroupBy;
  readonly sectionId?: string;
  readonly positionId?: string;
  readonly asOf?: Position;
}

export interface GapCoverageGroup {
  /** First day of the period (`YYYY-MM-DD`). */
  readonly period?: string;
  readonly sectionId?: string | null;
  readonly positionId?: string | null;
}

/** Coverage at one moment: required competencies (over all employees), those met, and met / required. */
export interface Coverage {
  readonly required: number;
  readonly met: number;
  /** Null when nothing is required. */
  readonly coverage: number | null;
}

export interface GapCoverageRow {
  readonly group: GapCoverageGroup;
  /** At the start of the range, or of the period; the end of the period before, for the next ones. */
  readonly opening: Coverage;
  /** At the end of the range, or of the period. */
  readonly closing: Coverage;
}

type GroupedDim = 'sectionId' | 'positionId';

const GROUPED_DIMS: Readonly<Record<string, GroupedDim>> = { section: 'sectionId', position: 'positionId' };
const MEASURES = ['required', 'met'] as const;

/*
 * Coverage is a stock: its facts are changes (each employee's previous count taken back, the new one
 * counted), so the coverage at a moment is the sum of every change before it. A report therefore
 * reads two sums: the opening balance (every change before `from`), and the changes inside the range.
 */

/** The sums up to `from`: the coverage the range opens with. Undefined without `from`: a range from the start opens with nothing. */
export function gapCoverageOpeningQuery(params: GapCoverageParams): FactQuery | undefined {
  if (params.from === undefined) return undefined;
  const { dims: dim } = reportGrouping(params.groupBy, GROUPED_DIMS);
  return coverageQuery({ to: params.from, asOf: params.asOf }, params, { dims: dim ? [dim] : [] });
}

/** The changes inside the range, per period when grouped by one. */
export function gapCoverageChangesQuery(params: GapCoverageParams): FactQuery {
  const { period, dims: dim } = reportGrouping(params.groupBy, GROUPED_DIMS);
  return coverageQuery(params, params, { ...(period && { period }), dims: dim ? [dim] : [] });
}

function coverageQuery(window: ReportWindow, params: GapCoverageParams, groupBy: FactQuery['groupBy']): FactQuery {
  return reportQuery(window, reportFilters(params, ['sectionId', 'positionId']), { metric: GAP_COVERAGE_METRIC, groupBy, measures: MEASURES });
}

/**
 * The rows from the groups of both queries. Grouped by section or position (or not at all): one row
 * per value, from its opening balance to its closing one, also for a value whose coverage did not
 * change in the range. Grouped by period: one row per period in which the coverage changed, each
 * opening where the row before closed; a period without a change keeps the coverage of the one before.
 */
export function gapCoverageReport(opening: readonly FactGroup[], changes: readonly FactGroup[]): GapCoverageRow[] {
  const balances = new Map<string, Sums>();
  for (const group of opening) balances.set(keyOf(group.dims), sumsOf(group));
  const byPeriod = changes.some((group) => group.period !== undefined);
  if (!byPeriod) {
    const keys = new Map<string, Readonly<Record<string, string | null>>>();
    for (const group of [...opening, ...changes]) keys.set(keyOf(group.dims), group.dims);
    return [...keys]
      .map(([key, dims]) => {
        const start = balances.get(key) ?? NOTHING;
        const change = changes.find((group) => keyOf(group.dims) === key);
        return { group: { ...dims }, opening: coverage(start), closing: coverage(change ? plus(start, sumsOf(change)) : start) };
      })
      .sort((a, b) => compareGroups(a.group, b.group));
  }
  const rows: GapCoverageRow[] = [];
  for (const group of [...changes].sort((a, b) => compareGroups({ ...a.dims, period: a.period }, { ...b.dims, period: b.period }))) {
    const key = keyOf(group.dims);
    const start = balances.get(key) ?? NOTHING;
    const end = plus(start, sumsOf(group));
    balances.set(key, end);
    rows.push({ group: { period: group.period!, ...group.dims }, opening: coverage(start), closing: coverage(end) });
  }
  return rows.sort((a, b) => compareGroups(a.group, b.group));
}

interface Sums {
  readonly required: number;
  readonly met: number;
}

const NOTHING: Sums = { required: 0, met: 0 };

function sumsOf(group: FactGroup): Sums {
  return { required: group.sums.required ?? 0, met: group.sums.met ?? 0 };
}

function plus(a: Sums, b: Sums): Sums {
  return { required: a.required + b.required, met: a.met + b.met };
}

function coverage({ required, met }: Sums): Coverage {
  return { required, met, coverage: ratio(met, required) };
}

function keyOf(dims: Readonly<Record<string, string | null>>): string {
  return JSON.stringify(dims);
}
