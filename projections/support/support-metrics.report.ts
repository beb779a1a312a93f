import type { FactGroup, FactQuery, Period, Position } from '#kernel';
import { compareGroups } from '../shared/report-order.js';
import { ratio, reportGrouping, reportQuery } from '../shared/report-query.js';
import { SUPPORT_FIRST_RESPONSE_METRIC, SUPPORT_RESOLUTION_METRIC, SUPPORT_TICKETS_METRIC } from './support-metrics.projection.js';
import type { SupportTargets } from './support-targets.js';

export type SupportGroupBy = Period | 'employee' | 'line' | 'channel' | 'product';

export interface SupportMetricsParams {
  /** Business-date range of the tickets' opening: `from` inclusive, `to` exclusive (days, or midnight UTC). */
  readonly from?: string;
  readonly to?: string;
  readonly groupBy?: SupportGroupBy;
  /** Answer as the tickets were known at this position. */
  readonly asOf?: Position;
}

type GroupedDim = 'employeeId' | 'line' | 'channel' | 'productId';

export interface SupportGroup {
  /** First day of the period (`YYYY-MM-DD`). */
  readonly period?: string;
  /** Null collects the tickets without one, e.g. not yet assigned. */
  readonly employeeId?: string | null;
  /** The line the ticket entered on. */
  readonly line?: number;
  readonly channel?: string;
  readonly productId?: string | null;
}

export interface DurationFigures {
  readonly mean: number;
  /** Nearest-rank percentiles: durations of actual tickets, exact over every ticket counted. */
  readonly p50: number;
  readonly p90: number;
}

export interface SupportMetricsRow {
  readonly group: SupportGroup;
  readonly tickets: number;
  /** Tickets per calendar day of the row's period within the range; null when that has no bounds. */
  readonly contactsPerDay: number | null;
  /** Null while no ticket of the row has had a first response. */
  readonly firstResponseSeconds: DurationFigures | null;
  /** Share of the responded tickets whose first response came within the target. */
  readonly firstResponseWithinTarget: number | null;
  /** Null while no ticket of the row is resolved. */
  readonly resolutionSeconds: DurationFigures | null;
  /** Share of the resolved tickets resolved within the target. */
  readonly resolvedWithinTarget: number | null;
  /** Share of the rated tickets rated 5. */
  readonly excellentShare: number | null;
  /** Share of the rated tickets rated 4 or 5. */
  readonly csat: number | null;
  readonly repeatContactShare: number | null;
  readonly closedShare: number | null;
  readonly escalationShare: number | null;
}

/** The three fact queries of the report: the ticket counts and the two durations, each per value. */
export interface SupportMetricsQueries {
  readonly tickets: FactQuery;
  readonly firstResponse: FactQuery;
  readonly resolution: FactQuery;
}

/** What the stores answer to `SupportMetricsQueries`, query by query. */
export type SupportMetricsGroups = { readonly [Q in keyof SupportMetricsQueries]: readonly FactGroup[] };

const GROUPED_DIMS: Readonly<Record<string, GroupedDim>> = { employee: 'employeeId', line: 'line', channel: 'channel', product: 'productId' };
const TICKET_MEASURES = ['tickets', 'repeats', 'closed', 'escalated', 'rated', 'excellent', 'satisfied'] as const;
const SECONDS_DIM = 'seconds';
const DAY_MS = 86_400_000;

export function supportMetricsQueries(params: SupportMetricsParams): SupportMetricsQueries {
  const { period, dims: dim } = reportGrouping(params.groupBy, GROUPED_DIMS);
  const grouped = (extra: readonly string[]) => ({ ...(period && { period }), dims: [...(dim ? [dim] : []), ...extra] });
  const durations = (metric: string) => reportQuery(params, {}, { metric, groupBy: grouped([SECONDS_DIM]), measures: ['count'] });
  return {
    tickets: reportQuery(params, {}, { metric: SUPPORT_TICKETS_METRIC, groupBy: grouped([]), measures: TICKET_MEASURES }),
    firstResponse: durations(SUPPORT_FIRST_RESPONSE_METRIC),
    resolution: durations(SUPPORT_RESOLUTION_METRIC),
  };
}

type TicketSums = Readonly<Record<(typeof TICKET_MEASURES)[number], number>>;

/** Tickets per duration in seconds. */
type Durations = Map<number, number>;

interface RowParts {
  readonly group: SupportGroup;
  sums: TicketSums | undefined;
  readonly firstResponse: Durations;
  readonly resolution: Durations;
}

/**
 * The rows of the report from the groups of `supportMetricsQueries`, ordered by period, then by the
 * grouped value (nulls last). A row exists for every group any figure has: grouped by employee, one
 * who only answered or resolved tickets assigned to others has a row with no tickets.
 */
export function supportMetricsReport(groups: SupportMetricsGroups, params: SupportMetricsParams, targets: SupportTargets): SupportMetricsRow[] {
  const rows = new Map<string, RowParts>();
  const rowOf = (factGroup: FactGroup): RowParts => {
    const group = rowGroup(factGroup);
    const key = JSON.stringify(group);
    const row = rows.get(key) ?? { group, sums: undefined, firstResponse: new Map(), resolution: new Map() };
    rows.set(key, row);
    return row;
  };
  for (const factGroup of groups.tickets) rowOf(factGroup).sums = factGroup.sums as TicketSums;
  for (const factGroup of groups.firstResponse) addDuration(rowOf(factGroup).firstResponse, factGroup);
  for (const factGroup of groups.resolution) addDuration(rowOf(factGroup).resolution, factGroup);
  const period = reportGrouping(params.groupBy, GROUPED_DIMS).period;
  return [...rows.values()]
    .sort((a, b) => compareGroups(a.group, b.group))
    .map((row) => toRow(row, daysCovered(params, period, row.group.period), targets));
}

function rowGroup(factGroup: FactGroup): SupportGroup {
  const dims = Object.entries(factGroup.dims)
    .filter(([dim]) => dim !== SECONDS_DIM)
    .map(([dim, value]) => [dim, dim === 'line' && value !== null ? Number(value) : value] as const);
  return { ...(factGroup.period !== undefined && { period: factGroup.period }), ...Object.fromEntries(dims) };
}

function addDuration(durations: Durations, factGroup: FactGroup): void {
  const seconds = Number(factGroup.dims[SECONDS_DIM]);
  durations.set(seconds, (durations.get(seconds) ?? 0) + factGroup.sums.count);
}

function toRow({ group, sums, firstResponse, resolution }: RowParts, days: number | null, targets: SupportTargets): SupportMetricsRow {
  const tickets = sums?.tickets ?? 0;
  const rated = sums?.rated ?? 0;
  const responses = counted(firstResponse);
  const resolutions = counted(resolution);
  return {
    group,
    tickets,
    contactsPerDay: days === null ? null : ratio(tickets, days),
    firstResponseSeconds: durationFigures(responses),
    firstResponseWithinTarget: shareWithin(responses, targets.firstResponseSeconds),
    resolutionSeconds: durationFigures(resolutions),
    resolvedWithinTarget: shareWithin(resolutions, targets.resolutionSeconds),
    excellentShare: ratio(sums?.excellent ?? 0, rated),
    csat: ratio(sums?.satisfied ?? 0, rated),
    repeatContactShare: ratio(sums?.repeats ?? 0, tickets),
    closedShare: ratio(sums?.closed ?? 0, tickets),
    escalationShare: ratio(sums?.escalated ?? 0, tickets),
  };
}

/** Durations with their numbers of tickets, ascending, each counted at least once. */
type CountedDurations = readonly (readonly [seconds: number, count: number])[];

/** A value whose facts were all taken back has a count of 0: it is left out. */
function counted(durations: Durations): CountedDurations {
  return [...durations.entries()].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
}

const totalOf = (values: CountedDurations): number => values.reduce((sum, [, count]) => sum + count, 0);

function durationFigures(values: CountedDurations): DurationFigures | null {
  const total = totalOf(values);
  if (total === 0) return null;
  const sum = values.reduce((acc, [seconds, count]) => acc + seconds * count, 0);
  return { mean: sum / total, p50: nearestRank(values, total, 50), p90: nearestRank(values, total, 90) };
}

/** The smallest duration that at least `percent` % of the tickets do not exceed; whole numbers keep the rank exact. */
function nearestRank(values: CountedDurations, total: number, percent: number): number {
  const rank = Math.max(1, Math.ceil((percent * total) / 100));
  let seen = 0;
  const reached = values.find(([, count]) => (seen += count) >= rank);
  return reached![0];
}

function shareWithin(values: CountedDurations, targetSeconds: number): number | null {
  return ratio(totalOf(values.filter(([seconds]) => seconds <= targetSeconds)), totalOf(values));
}

/**
 * The calendar days a row covers: its period cut to the range, or the range itself for a row of no
 * period. Null when unbounded: a rate per day of "all time" would depend on when it is read.
 */
function daysCovered(range: Pick<SupportMetricsParams, 'from' | 'to'>, period: Period | undefined, periodStart: string | undefined): number | null {
  const from = range.from === undefined ? undefined : Date.parse(range.from);
  const to = range.to === undefined ? undefined : Date.parse(range.to);
  if (period === undefined || periodStart === undefined) return from === undefined || to === undefined ? null : (to - from) / DAY_MS;
  const start = Date.parse(periodStart);
  const end = periodEnd(start, period);
  return (Math.min(end, to ?? end) - Math.max(start, from ?? start)) / DAY_MS;
}

function periodEnd(start: number, period: Period): number {
  if (period === 'day') return start + DAY_MS;
  if (period === 'week') return start + 7 * DAY_MS;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}
