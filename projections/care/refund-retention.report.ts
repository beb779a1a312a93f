import { type FactGroup, type FactQuery, type Period, type Position } from '#kernel';
import { exactSumOf, minorUnitsTotals, type MinorUnitsTotal } from '../shared/money-totals.js';
import { compareGroups } from '../shared/report-order.js';
import { ratio, reportFilters, reportGrouping, reportQuery } from '../shared/report-query.js';
import { CARE_RESOLUTION_OUTCOMES, type CareResolutionOutcome } from '#domain/care/index.js';
import { CARE_OUTCOMES_METRIC } from './care-cases.projection.js';

export type RefundRetentionGroupBy = Period | 'product' | 'section' | 'employee';

export interface RefundRetentionParams {
  /** Business-date range: `from` inclusive, `to` exclusive (days, or midnight UTC). */
  readonly from?: string;
  readonly to?: string;
  readonly groupBy?: RefundRetentionGroupBy;
  readonly productId?: string;
  readonly sectionId?: string;
  readonly employeeId?: string;
  /** Answer as the numbers were known at this position. */
  readonly asOf?: Position;
}

type GroupedDim = 'productId' | 'sectionId' | 'employeeId';

export interface RefundRetentionGroup {
  /** First day of the period (`YYYY-MM-DD`). */
  readonly period?: string;
  /** Null collects the outcomes without that dimension, e.g. decided before the case was assigned. */
  readonly productId?: string | null;
  readonly sectionId?: string | null;
  readonly employeeId?: string | null;
}

export interface OutcomeTotals {
  /** Net count: a lost save takes a retention back, so a period may show fewer retentions than it saw. */
  readonly count: number;
  /** Net minor units per currency, exact; currencies with no outcome and no money are left out. */
  readonly amount: Readonly<Record<string, MinorUnitsTotal>>;
}

export interface RefundRetentionRow {
  readonly group: RefundRetentionGroup;
  readonly refunds: OutcomeTotals;
  readonly retained: OutcomeTotals;
  /** refunds / retained, by count; null when the group retained nobody (net). */
  readonly refundToRetainedRatio: number | null;
  /** retained / (retained + refunded), by count; null when it would not be a share (nothing, or more saves lost than made). */
  readonly retentionShare: number | null;
  /**
   * The cases of the group that ended with neither a refund nor a retention, by count; present only
   * on a row with such an outcome, so that a row of refunds and retentions alone reads as it always did.
   */
  readonly otherOutcomes?: OtherOutcomes;
}

export interface OtherOutcomes {
  /** Solved with no money moving. */
  readonly resolvedWithoutMoney: number;
  /** The client left without a refund. */
  readonly clientLost: number;
}

const OTHER_OUTCOME_FIELDS: Readonly<Record<CareResolutionOutcome, keyof OtherOutcomes>> = {
  'resolved-without-money': 'resolvedWithoutMoney',
  'client-lost': 'clientLost',
};

const GROUPED_DIMS: Readonly<Record<string, GroupedDim>> = { product: 'productId', section: 'sectionId', employee: 'employeeId' };

/** Amounts are only summed within one currency, so every query also groups by outcome and currency. */
const OUTCOME_DIMS = ['outcome', 'currency'] as const;
const MEASURES = ['count'] as const;
const EXACT_MEASURES = ['amountMinor'] as const;

/** The fact query behind the refund-vs-retained statistic. */
export function refundRetentionQuery(params: RefundRetentionParams): FactQuery {
  const { period, dims: dim } = reportGrouping(params.groupBy, GROUPED_DIMS);
  return reportQuery(params, reportFilters(params, ['productId', 'sectionId', 'employeeId']), {
    metric: CARE_OUTCOMES_METRIC,
    groupBy: { ...(period && { period }), dims: dim ? [dim, ...OUTCOME_DIMS] : [...OUTCOME_DIMS] },
    measures: MEASURES,
    exactMeasures: EXACT_MEASURES,
  });
}

interface RowTotals {
  readonly group: RefundRetentionGroup;
  readonly refunded: CurrencyTotals;
  readonly retained: CurrencyTotals;
  readonly resolved: Map<CareResolutionOutcome, number>;
}

type CurrencyTotals = Map<string, { count: number; amountMinor: bigint }>;

/**
 * The rows of the statistic from the groups of `refundRetentionQuery`: the groups of one period or
 * dimension value (one per outcome and currency) become one row. Rows are ordered by period, then by
 * the grouped value, nulls last.
 */
export function refundRetentionReport(groups: readonly FactGroup[]): RefundRetentionRow[] {
  const rows = new Map<string, RowTotals>();
  for (const factGroup of groups) {
    const group = rowGroup(factGroup);
    const key = JSON.stringify(group);
    const totals = rows.get(key) ?? { group, refunded: new Map(), retained: new Map(), resolved: new Map() };
    rows.set(key, totals);
    const outcome = factGroup.dims.outcome;
    if (outcome === 'refunded' || outcome === 'retained') addTo(totals[outcome], factGroup);
    if (isResolutionOutcome(outcome)) totals.resolved.set(outcome, (totals.resolved.get(outcome) ?? 0) + factGroup.sums.count);
  }
  return [...rows.values()].sort((a, b) => compareGroups(a.group, b.group)).map(toRow);
}

function rowGroup(factGroup: FactGroup): RefundRetentionGroup {
  const dims = Object.entries(factGroup.dims).filter(([dim]) => !(OUTCOME_DIMS as readonly string[]).includes(dim));
  return { ...(factGroup.period !== undefined && { period: factGroup.period }), ...Object.fromEntries(dims) };
}

function addTo(totals: CurrencyTotals, factGroup: FactGroup): void {
  const currency = factGroup.dims.currency ?? '';
  const sum = totals.get(currency) ?? { count: 0, amountMinor: 0n };
  totals.set(currency, {
    count: sum.count + factGroup.sums.count,
    amountMinor: sum.amountMinor + exactSumOf(factGroup, 'amountMinor'),
  });
}

function isResolutionOutcome(outcome: string | null | undefined): outcome is CareResolutionOutcome {
  return (CARE_RESOLUTION_OUTCOMES as readonly (string | null | undefined)[]).includes(outcome);
}

function toRow({ group, refunded, retained, resolved }: RowTotals): RefundRetentionRow {
  const refunds = outcomeTotals(refunded);
  const kept = outcomeTotals(retained);
  return {
    group,
    refunds,
    retained: kept,
    refundToRetainedRatio: ratio(refunds.count, kept.count),
    retentionShare: kept.count >= 0 && kept.count + refunds.count > 0 ? kept.count / (kept.count + refunds.count) : null,
    ...(resolved.size > 0 && { otherOutcomes: otherOutcomes(resolved) }),
  };
}

function otherOutcomes(resolved: ReadonlyMap<CareResolutionOutcome, number>): OtherOutcomes {
  const counts = { resolvedWithoutMoney: 0, clientLost: 0 };
  for (const [outcome, count] of resolved) counts[OTHER_OUTCOME_FIELDS[outcome]] += count;
  return counts;
}

function outcomeTotals(totals: CurrencyTotals): OutcomeTotals {
  const entries = [...totals.entries()];
  return {
    count: entries.reduce((count, [, sum]) => count + sum.count, 0),
    amount: minorUnitsTotals(
      entries.filter(([, sum]) => sum.count !== 0 || sum.amountMinor !== 0n).map(([currency, sum]) => [currency, sum.amountMinor] as const),
    ),
  };
}
