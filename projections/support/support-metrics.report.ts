import type { DistributionGroup, DistributionQuery, FactGroup, FactQuery, Period, Position, ReadStore } from '#kernel';
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

/** The three fact reads of the report: the ticket counts, and the distributions of the two durations. */
export interface SupportMetricsQueries {
  readonly tickets: FactQuery;
  readonly firstResponse: DistributionQuery;
  readonly resolution: DistributionQuery;
}

/** What the stores answer to `SupportMetricsQueries`, read by read. */
export interface SupportMetricsGroups {
  readonly tickets: readonly FactGroup[];
  readonly firstResponse: readonly DistributionGroup[];
  readonly resolution: readonly DistributionGroup[];
}

const GROUPED_DIMS: Readonly<Record<string, GroupedDim>> = { employee: 'employeeId', line: 'line', channel: 'channel', product: 'productId' };
const TICKET_MEASURES = ['tickets', 'repeats', 'closed', 'escalated', 'rated', 'excellent', 'satisfied'] as const;
const SECONDS_DIM = 'seconds';
const DAY_MS = 86_400_000;

/** The percentiles every duration figure reads, in the order `DurationFigures` holds them. */
const DURATION_PERCENTILES = [50, 90];

export function supportMetricsQueries(params: SupportMetricsParams, targets: SupportTargets): SupportMetricsQueries {
  const { period, dims: dim } = reportGrouping(params.groupBy, GROUPED_DIMS);
  const groupBy = { ...(period && { period }), dims: dim ? [dim] : [] };
  const durations = (metric: string, targetSeconds: number): DistributionQuery =>
    reportQuery(params, {}, { metric, groupBy, value: SECONDS_DIM, weight: 'count', percentiles: DURATION_PERCENTILES, atMost: [targetSeconds] });
  return {
    tickets: reportQuery(params, {}, { metric: SUPPORT_TICKETS_METRIC, groupBy, measures: TICKET_MEASURES }),
    firstResponse: durations(SUPPORT_FIRST_RESPONSE_METRIC, targets.firstResponseSeconds),
    resolution: durations(SUPPORT_RESOLUTION_METRIC, targets.resolutionSeconds),
  };
}

/** The report's rows as a read store knows them: its three reads, made into rows. */
export async function readSupportMetrics(
  reads: Pick<ReadStore, 'aggregateFacts' | 'distributeFacts'>,
  params: SupportMetricsParams,
  targets: SupportTargets,
): Promise<SupportMetricsRow[]> {
  const queries = supportMetricsQueries(params, targets);
  const [tickets, firstResponse, resolution] = await Promise.all([
    reads.aggregateFacts(queries.tickets),
    reads.distributeFacts(queries.firstResponse),
    reads.distributeFacts(queries.resolution),
  ]);
  return supportMetricsReport({ tickets, firstResponse, resolution }, params);
}

type TicketSums = Readonly<Record<(typeof TICKET_MEASURES)[number], number>>;

interface RowParts {
  readonly group: SupportGroup;
  sums: TicketSums | undefined;
  firstResponse: DistributionGroup | undefined;
  resolution: DistributionGroup | undefined;
}

/**
 * The rows of the report from the groups of `supportMetricsQueries`, ordered by period, then by the
 * grouped value (nulls last). A row exists for every group any figure has: grouped by employee, one
 * who only answered or resolved tickets assigned to others has a row with no tickets.
 */
export function supportMetricsReport(groups: SupportMetricsGroups, params: SupportMetricsParams): SupportMetricsRow[] {
  const rows = new Map<string, RowParts>();
  const rowOf = (factGroup: Pick<FactGroup, 'period' | 'dims'>): RowParts => {
    const group = rowGroup(factGroup);
    const key = JSON.stringify(group);
    const row = rows.get(key) ?? { group, sums: undefined, firstResponse: undefined, resolution: undefined };
    rows.set(key, row);
    return row;
  };
  for (const factGroup of groups.tickets) rowOf(factGroup).sums = factGroup.sums as TicketSums;
  for (const distribution of groups.firstResponse) rowOf(distribution).firstResponse = distribution;
  for (const distribution of groups.resolution) rowOf(distribution).resolution = distribution;
  const period = reportGrouping(params.groupBy, GROUPED_DIMS).period;
  return [...rows.values()]
    .sort((a, b) => compareGroups(a.group, b.group))
    .map((row) => toRow(row, daysCovered(params, period, row.group.period)));
}

function rowGroup(factGroup: Pick<FactGroup, 'period' | 'dims'>): SupportGroup {
  const dims = Object.entries(factGroup.dims).map(([dim, value]) => [dim, dim === 'line' && value !== null ? Number(value) : value] as const);
  return { ...(factGroup.period !== undefined && { period: factGroup.period }), ...Object.fromEntries(dims) };
}

function toRow({ group, sums, firstResponse, resolution }: RowParts, days: number | null): SupportMetricsRow {
  const tickets = sums?.tickets ?? 0;
  const rated = sums?.rated ?? 0;
  return {
    group,
    tickets,
    contactsPerDay: days === null ? null : ratio(tickets, days),
    firstResponseSeconds: durationFigures(firstResponse),
    firstResponseWithinTarget: shareWithin(firstResponse),
    resolutionSeconds: durationFigures(resolution),
    resolvedWithinTarget: shareWithin(resolution),
    excellentShare: ratio(sums?.excellent ?? 0, rated),
    csat: ratio(sums?.satisfied ?? 0, rated),
    repeatContactShare: ratio(sums?.repeats ?? 0, tickets),
    closedShare: ratio(sums?.closed ?? 0, tickets),
    escalationShare: ratio(sums?.escalated ?? 0, tickets),
  };
}

/** Null while the row counts no duration: none yet, or every one taken back. */
function durationFigures(distribution: DistributionGroup | undefined): DurationFigures | null {
  if (distribution === undefined || distribution.count <= 0) return null;
  const [p50, p90] = distribution.percentiles as [number, number];
  return { mean: distribution.sum / distribution.count, p50, p90 };
}

/** The share of the row's durations within the target its query was given. */
function shareWithin(distribution: DistributionGroup | undefined): number | null {
  return distribution === undefined ? null : ratio(distribution.atMost[0]!, distribution.count);
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
