import { addDays, startOfDay } from '#domain/shared/days.js';
import type { RefundRetentionRow } from '../care/refund-retention.report.js';
import type { GapCoverageRow } from '../competence/gap-coverage.report.js';
import type { InspectionMetricsRow } from '../quality/inspection-metrics.report.js';
import type { SurveyMetricsRow } from '../surveys/survey-metrics.report.js';
import type { TrainingPlansRow } from '../training/training-metrics.report.js';

/*
 * The metrics pack: what the council looks at, for the week of its meeting and the week before, each
 * indicator beside its target. The numbers come from the reports of the other contexts; this module
 * only picks them and compares them with the targets.
 */

export type Direction = 'higher-is-better' | 'lower-is-better';

export interface IndicatorDefinition {
  readonly indicator: string;
  readonly unit: 'share' | 'ratio' | 'score' | 'count' | 'minutes' | 'hours';
  /** Null where no target has been set for the indicator. */
  readonly target: number | null;
  readonly direction: Direction;
}

/**
 * Support KPIs of the support department's standards with their targets. No context records support
 * tickets, so they have no data: the pack lists them, with their targets, so that the council sees
 * what it does not measure yet.
 */
export const SUPPORT_INDICATORS: readonly IndicatorDefinition[] = [
  { indicator: 'support.firstResponseMinutes', unit: 'minutes', target: 2, direction: 'lower-is-better' },
  { indicator: 'support.resolutionHours', unit: 'hours', target: 4, direction: 'lower-is-better' },
  { indicator: 'support.csat', unit: 'share', target: 0.9, direction: 'higher-is-better' },
  { indicator: 'support.repeatContactShare', unit: 'share', target: 0.05, direction: 'lower-is-better' },
  { indicator: 'support.escalationShare', unit: 'share', target: 0.02, direction: 'lower-is-better' },
];

/** The rows of the reports the pack draws on, each over one period without grouping: one row or none. */
export interface PackSources {
  readonly refundRetention: readonly RefundRetentionRow[];
  readonly inspections: readonly InspectionMetricsRow[];
  readonly surveys: readonly SurveyMetricsRow[];
  readonly gapCoverage: readonly GapCoverageRow[];
  readonly trainingPlans: readonly TrainingPlansRow[];
}

interface MeasuredIndicator extends IndicatorDefinition {
  readonly value: (sources: PackSources) => number | null;
}

const MEASURED_INDICATORS: readonly MeasuredIndicator[] = [
  {
    indicator: 'care.retentionShare',
    unit: 'share',
    target: 0.6,
    direction: 'higher-is-better',
    value: (sources) => sources.refundRetention[0]?.retentionShare ?? null,
  },
  {
    indicator: 'care.refundToRetainedRatio',
    unit: 'ratio',
    target: null,
    direction: 'lower-is-better',
    value: (sources) => sources.refundRetention[0]?.refundToRetainedRatio ?? null,
  },
  {
    indicator: 'quality.checklistPassRate',
    unit: 'share',
    target: null,
    direction: 'higher-is-better',
    value: (sources) => sources.inspections[0]?.passRate ?? null,
  },
  {
    indicator: 'surveys.csat',
    unit: 'share',
    target: 0.9,
    direction: 'higher-is-better',
    value: (sources) => sources.surveys[0]?.csat.share ?? null,
  },
  {
    indicator: 'surveys.nps',
    unit: 'score',
    target: null,
    direction: 'higher-is-better',
    value: (sources) => sources.surveys[0]?.nps.score ?? null,
  },
  {
    indicator: 'competence.gapCoverage',
    unit: 'share',
    target: null,
    direction: 'higher-is-better',
    value: (sources) => sources.gapCoverage[0]?.closing.coverage ?? null,
  },
  {
    indicator: 'training.plansOverdue',
    unit: 'count',
    target: 0,
    direction: 'lower-is-better',
    value: (sources) => sources.trainingPlans[0]?.overdue ?? 0,
  },
];

/** Every indicator of the pack, measured or not: the indicators an improvement goal may target. */
export const PACK_INDICATORS: readonly IndicatorDefinition[] = [...MEASURED_INDICATORS.map(definitionOf), ...SUPPORT_INDICATORS];

function definitionOf({ indicator, unit, target, direction }: MeasuredIndicator): IndicatorDefinition {
  return { indicator, unit, target, direction };
}

export interface PackPeriod {
  /** First day, inclusive. */
  readonly from: string;
  /** Day after the last, exclusive. */
  readonly to: string;
}

/** The ISO week (Monday to Monday) holding the meeting day, and the week before it. */
export function packPeriods(meetingDay: string): { readonly current: PackPeriod; readonly previous: PackPeriod } {
  const sinceMonday = (new Date(startOfDay(meetingDay)).getUTCDay() + 6) % 7;
  const monday = (offsetDays: number) => addDays(meetingDay, offsetDays - sinceMonday);
  return { current: { from: monday(0), to: monday(7) }, previous: { from: monday(-7), to: monday(0) } };
}

/** One indicator in one period. */
export interface IndicatorReading {
  /** Null: no data in the period. */
  readonly value: number | null;
  /** value - target; null without either. */
  readonly deviation: number | null;
  /** Whether the value meets the target in the indicator's direction; null without either. */
  readonly onTarget: boolean | null;
}

export interface PackIndicator extends IndicatorDefinition {
  readonly current: IndicatorReading;
  readonly previous: IndicatorReading;
}

/** The pack's indicators from the report rows of the two periods. */
export function packIndicators(current: PackSources, previous: PackSources): PackIndicator[] {
  return [
    ...MEASURED_INDICATORS.map((measured) => ({
      ...definitionOf(measured),
      current: readingOf(measured, measured.value(current)),
      previous: readingOf(measured, measured.value(previous)),
    })),
    ...SUPPORT_INDICATORS.map((definition) => ({ ...definition, current: readingOf(definition, null), previous: readingOf(definition, null) })),
  ];
}

export function readingOf({ target, direction }: Pick<IndicatorDefinition, 'target' | 'direction'>, value: number | null): IndicatorReading {
  if (value === null || target === null) return { value, deviation: null, onTarget: null };
  return { value, deviation: value - target, onTarget: direction === 'higher-is-better' ? value >= target : value <= target };
}

/** Each indicator's value in the current period: what a goal is measured by. */
export function currentValues(
  indicators: readonly { readonly indicator: string; readonly current: Pick<IndicatorReading, 'value'> }[],
): Readonly<Record<string, number | null>> {
  return Object.fromEntries(indicators.map((entry) => [entry.indicator, entry.current.value]));
}

export function indicatorDefinition(indicator: string): IndicatorDefinition | undefined {
  return PACK_INDICATORS.find((definition) => definition.indicator === indicator);
}
