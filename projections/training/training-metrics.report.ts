import { ValidationError, type FactGroup, type FactQuery, type Period, type Position } from '#kernel';
import { WEBINAR_CONVERSION_TARGET } from '#domain/training/index.js';
import { exactSumOf, minorUnitsTotals, type MinorUnitsTotal } from '../shared/money-totals.js';
import { compareGroups } from '../shared/report-order.js';
import { PERIODS, ratio, reportFilters, reportQuery } from '../shared/report-query.js';
import {
  ACTIVITY_EXACT_MEASURES,
  ACTIVITY_MEASURES,
  EFFECTIVENESS_MEASURES,
  PLAN_MEASURES,
  TRAINING_ACTIVITY_METRIC,
  TRAINING_EFFECTIVENESS_METRIC,
  TRAINING_PLANS_METRIC,
  TRAINING_WEBINARS_METRIC,
  WEBINAR_MEASURES,
} from './training-metrics.projection.js';

export type TrainingPlansGroupBy = Period | 'section' | 'employee';
export type TrainingActivityGroupBy = Period | 'section' | 'source';
export type TrainingEffectivenessGroupBy = Period | 'section';
export type WebinarConversionGroupBy = Period | 'trainer';

export const TRAINING_PLANS_GROUPINGS: readonly TrainingPlansGroupBy[] = ['day', 'week', 'month', 'section', 'employee'];
export const TRAINING_ACTIVITY_GROUPINGS: readonly TrainingActivityGroupBy[] = ['day', 'week', 'month', 'section', 'source'];
export const TRAINING_EFFECTIVENESS_GROUPINGS: readonly TrainingEffectivenessGroupBy[] = ['day', 'week', 'month', 'section'];
export const WEBINAR_CONVERSION_GROUPINGS: readonly WebinarConversionGroupBy[] = ['day', 'week', 'month', 'trainer'];

export interface TrainingMetricParams<G extends string> {
  /** Business-date range: `from` inclusive, `to` exclusive (days, or midnight UTC). */
  readonly from?: string;
  readonly to?: string;
  readonly groupBy?: G;
  readonly sectionId?: string;
  /** Answer as the numbers were known at this position. */
  readonly asOf?: Position;
}

export interface WebinarConversionParams extends Omit<TrainingMetricParams<WebinarConversionGroupBy>, 'sectionId'> {
  readonly trainerId?: string;
}

/** A row's group: the period's first day, and the grouped dimension; null collects the facts without it. */
export interface TrainingMetricGroup {
  readonly period?: string;
  readonly sectionId?: string | null;
  readonly source?: string | null;
  readonly trainerId?: string | null;
  readonly employeeId?: string;
}

const GROUPED_DIMS: Readonly<Record<string, string>> = { section: 'sectionId', source: 'source', trainer: 'trainerId', employee: 'employeeId' };

interface MetricDefinition {
  readonly metric: string;
  readonly measures: readonly string[];
  readonly exactMeasures?: readonly string[];
  readonly groupings: readonly string[];
  /** Dimensions every query groups by besides the asked one, such as the currency of amounts. */
  readonly alwaysBy?: readonly string[];
  readonly filters: readonly ('sectionId' | 'trainerId')[];
}

const PLANS: MetricDefinition = { metric: TRAINING_PLANS_METRIC, measures: PLAN_MEASURES, groupings: TRAINING_PLANS_GROUPINGS, filters: ['sectionId'] };
const ACTIVITY: MetricDefinition = {
  metric: TRAINING_ACTIVITY_METRIC,
  measures: ACTIVITY_MEASURES,
  exactMeasures: ACTIVITY_EXACT_MEASURES,
  groupings: TRAINING_ACTIVITY_GROUPINGS,
  alwaysBy: ['currency'],
  filters: ['sectionId'],
};
const EFFECTIVENESS: MetricDefinition = {
  metric: TRAINING_EFFECTIVENESS_METRIC,
  measures: EFFECTIVENESS_MEASURES,
  groupings: TRAINING_EFFECTIVENESS_GROUPINGS,
  filters: ['sectionId'],
};
const WEBINARS: MetricDefinition = {
  metric: TRAINING_WEBINARS_METRIC,
  measures: WEBINAR_MEASURES,
  groupings: WEBINAR_CONVERSION_GROUPINGS,
  filters: ['trainerId'],
};

export function trainingPlansQuery(params: TrainingMetricParams<TrainingPlansGroupBy>): FactQuery {
  return metricQuery(PLANS, params);
}

export function trainingActivityQuery(params: TrainingMetricParams<TrainingActivityGroupBy>): FactQuery {
  return metricQuery(ACTIVITY, params);
}

export function trainingEffectivenessQuery(params: TrainingMetricParams<TrainingEffectivenessGroupBy>): FactQuery {
  return metricQuery(EFFECTIVENESS, params);
}

export function webinarConversionQuery(params: WebinarConversionParams): FactQuery {
  return metricQuery(WEBINARS, params);
}

function metricQuery(definition: MetricDefinition, params: TrainingMetricParams<string> & { readonly trainerId?: string }): FactQuery {
  const { period, dim } = grouping(definition, params.groupBy);
  return reportQuery(params, reportFilters(params, definition.filters), {
    metric: definition.metric,
    groupBy: { ...(period && { period }), dims: [...(dim ? [dim] : []), ...(definition.alwaysBy ?? [])] },
    measures: definition.measures,
    ...(definition.exactMeasures && { exactMeasures: definition.exactMeasures }),
  });
}

function grouping(definition: MetricDefinition, groupBy: string | undefined): { period?: Period; dim?: string } {
  if (groupBy === undefined) return {};
  if (!definition.groupings.includes(groupBy)) {
    throw new ValidationError(`groupBy is one of ${definition.groupings.join(', ')}, got ${JSON.stringify(groupBy)}`, [
      { field: 'groupBy', message: 'unknown grouping' },
    ]);
  }
  return PERIODS.has(groupBy) ? { period: groupBy as Period } : { dim: GROUPED_DIMS[groupBy] };
}

export interface TrainingPlansRow {
  readonly group: TrainingMetricGroup;
  /** Approved plans due in the row (by the due day of their latest item), net of cancellations. */
  readonly due: number;
  readonly completed: number;
  readonly completedOnTime: number;
  readonly completedLate: number;
  /** Due and not completed. */
  readonly open: number;
  /** Open although their due day lies before the day asked for. */
  readonly overdue: number;
  /** completed / due; null without plans due. */
  readonly completionRate: number | null;
  /** completedOnTime / due; null without plans due. */
  readonly onTimeRate: number | null;
}

/**
 * The plan rows from the groups of `trainingPlansQuery`, and of the same query over the due days
 * before the day asked for (`pastDue`), whose open plans are overdue.
 */
export function trainingPlansReport(groups: readonly FactGroup[], pastDue: readonly FactGroup[]): TrainingPlansRow[] {
  const overdue = new Map(pastDue.map((group) => [keyOf(rowGroup(group)), sum(group, 'due') - sum(group, 'completed')]));
  return rowsOf(groups, (group, sums) => {
    const due = sums.due ?? 0;
    const completed = sums.completed ?? 0;
    const completedOnTime = sums.completedOnTime ?? 0;
    return {
      group,
      due,
      completed,
      completedOnTime,
      completedLate: completed - completedOnTime,
      open: due - completed,
      overdue: overdue.get(keyOf(group)) ?? 0,
      completionRate: ratio(completed, due),
      onTimeRate: ratio(completedOnTime, due),
    };
  });
}

export interface TrainingActivityRow {
  readonly group: TrainingMetricGroup;
  /** Plan items completed and session attendances. */
  readonly trainings: number;
  readonly hours: number;
  /** Minor units per currency, exact; currencies that net to nothing are left out. */
  readonly cost: Readonly<Record<string, MinorUnitsTotal>>;
}

/** The activity rows from the groups of `trainingActivityQuery`: one row per group, costs per currency. */
export function trainingActivityReport(groups: readonly FactGroup[]): TrainingActivityRow[] {
  const rows = new Map<string, { group: TrainingMetricGroup; trainings: number; hours: number; cost: Map<string, bigint> }>();
  for (const factGroup of groups) {
    const group = rowGroup(factGroup, ['currency']);
    const key = keyOf(group);
    const row = rows.get(key) ?? { group, trainings: 0, hours: 0, cost: new Map() };
    rows.set(key, row);
    row.trainings += sum(factGroup, 'trainings');
    row.hours += sum(factGroup, 'hours');
    const currency = factGroup.dims.currency;
    if (currency) row.cost.set(currency, (row.cost.get(currency) ?? 0n) + exactSumOf(factGroup, 'costMinor'));
  }
  return [...rows.values()]
    .sort((a, b) => compareGroups(a.group, b.group))
    .map(({ group, trainings, hours, cost }) => ({
      group,
      trainings,
      hours,
      cost: minorUnitsTotals([...cost].filter(([, minor]) => minor !== 0n)),
    }));
}

export interface TrainingEffectivenessRow {
  readonly group: TrainingMetricGroup;
  /** Gaps the completed plans of the row started from. */
  readonly gapsTrained: number;
  /** Of those, assessed (validated) after their plan. */
  readonly gapsReassessed: number;
  /** Of those, with no gap left by the latest validated level. */
  readonly gapsClosed: number;
  /** gapsClosed / gapsReassessed; null before any re-assessment. */
  readonly closedShare: number | null;
  /** gapsReassessed / gapsTrained; null without trained gaps. */
  readonly reassessedShare: number | null;
  /** Mean gap of the re-assessed competencies when their plans started, and by their latest level. */
  readonly meanGapAtStart: number | null;
  readonly meanGapAfter: number | null;
}

export function trainingEffectivenessReport(groups: readonly FactGroup[]): TrainingEffectivenessRow[] {
  return rowsOf(groups, (group, sums) => {
    const gapsTrained = sums.gapsTrained ?? 0;
    const gapsReassessed = sums.gapsReassessed ?? 0;
    const gapsClosed = sums.gapsClosed ?? 0;
    return {
      group,
      gapsTrained,
      gapsReassessed,
      gapsClosed,
      closedShare: ratio(gapsClosed, gapsReassessed),
      reassessedShare: ratio(gapsReassessed, gapsTrained),
      meanGapAtStart: ratio(sums.gapAtStart ?? 0, gapsReassessed),
      meanGapAfter: ratio(sums.gapAfter ?? 0, gapsReassessed),
    };
  });
}

export interface WebinarConversionRow {
  readonly group: TrainingMetricGroup;
  readonly webinars: number;
  readonly attendees: number;
  readonly buyers: number;
  /** buyers / attendees; null without attendees. */
  readonly conversion: number | null;
  readonly target: number;
  /** conversion >= target; null without attendees. */
  readonly meetsTarget: boolean | null;
}

export function webinarConversionReport(groups: readonly FactGroup[]): WebinarConversionRow[] {
  return rowsOf(groups, (group, sums) => {
    const attendees = sums.attendees ?? 0;
    const conversion = ratio(sums.buyers ?? 0, attendees);
    return {
      group,
      webinars: sums.webinars ?? 0,
      attendees,
      buyers: sums.buyers ?? 0,
      conversion,
      target: WEBINAR_CONVERSION_TARGET,
      meetsTarget: conversion === null ? null : conversion >= WEBINAR_CONVERSION_TARGET,
    };
  });
}

/** One row per fact group (each query groups by the row's values only), in report order. */
function rowsOf<R>(groups: readonly FactGroup[], row: (group: TrainingMetricGroup, sums: Readonly<Record<string, number>>) => R): R[] {
  return groups
    .map((factGroup) => ({ group: rowGroup(factGroup), sums: factGroup.sums }))
    .sort((a, b) => compareGroups(a.group, b.group))
    .map(({ group, sums }) => row(group, sums));
}

function rowGroup(factGroup: FactGroup, hidden: readonly string[] = []): TrainingMetricGroup {
  const dims = Object.entries(factGroup.dims).filter(([dim]) => !hidden.includes(dim));
  return { ...(factGroup.period !== undefined && { period: factGroup.period }), ...Object.fromEntries(dims) };
}

function keyOf(group: TrainingMetricGroup): string {
  return JSON.stringify(group);
}

function sum(group: FactGroup, measure: string): number {
  return group.sums[measure] ?? 0;
}
