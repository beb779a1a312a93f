import type { GoalDirection, IndicatorReading, IndicatorUnit, PackPeriods, RecordedIndicator } from '#domain/council/index.js';
import { addDays, isoWeekMonday } from '#domain/shared/days.js';
import type { RefundRetentionRow } from '../care/refund-retention.report.js';
import type { GapCoverageRow } from '../competence/gap-coverage.report.js';
import type { FeedbackMetricsRow } from '../feedback/feedback-metrics.report.js';
import type { InspectionMetricsRow } from '../quality/inspection-metrics.report.js';
import type { SupportMetricsRow } from '../support/support-metrics.report.js';
import type { SurveyMetricsRow } from '../surveys/survey-metrics.report.js';
import type { TrainingPlansRow } from '../training/training-metrics.report.js';

/*
 * The metrics pack: what the council looks at, for the last two complete weeks before its meeting,
 * each indicator beside its target. The numbers come from the reports of the other contexts; this
 * module only picks them and compares them with the targets.
 */

export type Direction = GoalDirection;

export interface IndicatorDefinition {
  readonly indicator: string;
  /**
   * Raised whenever what the indicator counts or how changes (its source, formula or target), so
   * that a recorded pack tells which definition its numbers came from.
   */
  readonly definitionVersion: number;
  readonly unit: IndicatorUnit;
  /** Null where no target has been set for the indicator. */
  readonly target: number | null;
  readonly direction: Direction;
}

/** The rows of the reports the pack draws on, each over one period without grouping: one row or none. */
export interface PackSources {
  readonly refundRetention: readonly RefundRetentionRow[];
  readonly inspections: readonly InspectionMetricsRow[];
  readonly surveys: readonly SurveyMetricsRow[];
  readonly gapCoverage: readonly GapCoverageRow[];
  readonly trainingPlans: readonly TrainingPlansRow[];
  readonly support: readonly SupportMetricsRow[];
  readonly feedback: readonly FeedbackMetricsRow[];
}

interface MeasuredIndicator extends IndicatorDefinition {
  readonly value: (sources: PackSources) => number | null;
}

const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;

/**
 * The seven support KPIs of the support department's standards, from the support report of the tickets
 * opened in the period. Version 1 of the first five listed them without data, before support tickets
 * were recorded; `support.contactsPerDay` and `support.closedShare` came with the report.
 */
const SUPPORT_INDICATORS: readonly MeasuredIndicator[] = [
  {
    indicator: 'support.firstResponseMinutes',
    definitionVersion: 2,
    unit: 'minutes',
    target: 2,
    direction: 'lower-is-better',
    value: (sources) => inUnits(sources.support[0]?.firstResponseSeconds?.mean, SECONDS_PER_MINUTE),
  },
  {
    indicator: 'support.resolutionHours',
    definitionVersion: 2,
    unit: 'hours',
    target: 4,
    direction: 'lower-is-better',
    value: (sources) => inUnits(sources.support[0]?.resolutionSeconds?.mean, SECONDS_PER_HOUR),
  },
  {
    indicator: 'support.csat',
    definitionVersion: 2,
    unit: 'share',
    target: 0.9,
    direction: 'higher-is-better',
    value: (sources) => sources.support[0]?.excellentShare ?? null,
  },
  {
    indicator: 'support.contactsPerDay',
    definitionVersion: 1,
    unit: 'count',
    target: 100,
    direction: 'higher-is-better',
    value: (sources) => sources.support[0]?.contactsPerDay ?? null,
  },
  {
    indicator: 'support.repeatContactShare',
    definitionVersion: 2,
    unit: 'share',
    target: 0.05,
    direction: 'lower-is-better',
    value: (sources) => sources.support[0]?.repeatContactShare ?? null,
  },
  {
    indicator: 'support.closedShare',
    definitionVersion: 1,
    unit: 'share',
    target: 0.95,
    direction: 'higher-is-better',
    value: (sources) => sources.support[0]?.closedShare ?? null,
  },
  {
    indicator: 'support.escalationShare',
    definitionVersion: 2,
    unit: 'share',
    target: 0.02,
    direction: 'lower-is-better',
    value: (sources) => sources.support[0]?.escalationShare ?? null,
  },
];

function inUnits(seconds: number | undefined, secondsPerUnit: number): number | null {
  return seconds === undefined ? null : seconds / secondsPerUnit;
}

const MEASURED_INDICATORS: readonly MeasuredIndicator[] = [
  {
    indicator: 'care.retentionShare',
    definitionVersion: 1,
    unit: 'share',
    target: 0.6,
    direction: 'higher-is-better',
    value: (sources) => sources.refundRetention[0]?.retentionShare ?? null,
  },
  {
    indicator: 'care.refundToRetainedRatio',
    definitionVersion: 1,
    unit: 'ratio',
    target: null,
    direction: 'lower-is-better',
    value: (sources) => sources.refundRetention[0]?.refundToRetainedRatio ?? null,
  },
  {
    indicator: 'quality.checklistPassRate',
    definitionVersion: 1,
    unit: 'share',
    target: null,
    direction: 'higher-is-better',
    value: (sources) => sources.inspections[0]?.passRate ?? null,
  },
  {
    indicator: 'surveys.csat',
    definitionVersion: 1,
    unit: 'share',
    target: 0.9,
    direction: 'higher-is-better',
    value: (sources) => sources.surveys[0]?.csat.share ?? null,
  },
  {
    indicator: 'surveys.nps',
    definitionVersion: 1,
    unit: 'score',
    target: null,
    direction: 'higher-is-better',
    value: (sources) => sources.surveys[0]?.nps.score ?? null,
  },
  {
    indicator: 'competence.gapCoverage',
    definitionVersion: 1,
    unit: 'share',
    target: null,
    direction: 'higher-is-better',
    value: (sources) => sources.gapCoverage[0]?.closing.coverage ?? null,
  },
  {
    indicator: 'training.plansOverdue',
    definitionVersion: 1,
    unit: 'count',
    target: 0,
    direction: 'lower-is-better',
    value: (sources) => sources.trainingPlans[0]?.overdue ?? 0,
  },
  ...SUPPORT_INDICATORS,
  // Counts the process watches, as the department's standards name them, with no target set.
  {
    indicator: 'feedback.thanks',
    definitionVersion: 1,
    unit: 'count',
    target: null,
    direction: 'higher-is-better',
    value: (sources) => sources.feedback[0]?.thanks ?? 0,
  },
  {
    indicator: 'feedback.complaints',
    definitionVersion: 1,
    unit: 'count',
    target: null,
    direction: 'lower-is-better',
    value: (sources) => sources.feedback[0]?.complaints ?? 0,
  },
];

/** Every indicator of the pack, measured or not: the indicators an improvement goal may target. */
export const PACK_INDICATORS: readonly IndicatorDefinition[] = MEASURED_INDICATORS.map(definitionOf);

function definitionOf({ indicator, definitionVersion, unit, target, direction }: MeasuredIndicator): IndicatorDefinition {
  return { indicator, definitionVersion, unit, target, direction };
}

/**
 * The last complete ISO week (Monday to Monday) before the meeting day, and the week before it: a
 * meeting on a Monday looks at the week that ended the day before, never at the week it opens.
 */
export function packPeriods(meetingDay: string): PackPeriods {
  const monday = isoWeekMonday(meetingDay);
  return { current: { from: addDays(monday, -7), to: monday }, previous: { from: addDays(monday, -14), to: addDays(monday, -7) } };
}

/**
 * The ISO week holding the day, so far, and the week before it: what live progress on a goal is read
 * from, and the rule of the packs of meetings opened before packs were recorded.
 */
export function weekHoldingPeriods(day: string): PackPeriods {
  const monday = isoWeekMonday(day);
  return { current: { from: monday, to: addDays(monday, 7) }, previous: { from: addDays(monday, -7), to: monday } };
}

export type PackIndicator = RecordedIndicator;

/** The pack's indicators from the report rows of the two periods. */
export function packIndicators(current: PackSources, previous: PackSources): PackIndicator[] {
  return MEASURED_INDICATORS.map((measured) => ({
    ...definitionOf(measured),
    current: readingOf(measured, measured.value(current)),
    previous: readingOf(measured, measured.value(previous)),
  }));
}

export function readingOf({ target, direction }: Pick<IndicatorDefinition, 'target' | 'direction'>, value: number | null): IndicatorReading {
  if (value === null || target === null) return { value, deviation: null, onTarget: null };
  return { value, deviation: value - target, onTarget: direction === 'higher-is-better' ? value >= target : value <= target };
}

/** What changed in an indicator between its recorded pack and the same periods computed today. */
export const PACK_CHANGES = ['late-facts', 'correction', 'definition'] as const;
export type PackChange = (typeof PACK_CHANGES)[number];

export interface ComparedIndicator extends PackIndicator {
  /** Empty: today's view agrees with what was recorded. */
  readonly changes: readonly PackChange[];
}

/**
 * Today's view of a recorded pack, each indicator marked with what makes it differ: `definition`, its
 * definition version is not the recorded one (or it was not in the pack); `correction`, under the same
 * definition the facts as of the pinned position read differently today (a read model derived them
 * anew); `late-facts`, facts recorded after the pinned position, new ones or corrections of earlier
 * ones, changed a reading. `pinned`: today's definitions over the facts as of the pinned position;
 * `now`: over the facts as known now.
 */
export function comparedIndicators(
  recorded: readonly RecordedIndicator[],
  pinned: readonly PackIndicator[],
  now: readonly PackIndicator[],
): ComparedIndicator[] {
  return now.map((today) => {
    const then = recorded.find((entry) => entry.indicator === today.indicator);
    const atPin = pinned.find((entry) => entry.indicator === today.indicator);
    const sameDefinition = then !== undefined && then.definitionVersion === today.definitionVersion;
    const changes: PackChange[] = [];
    if (atPin !== undefined && readingsDiffer(atPin, today)) changes.push('late-facts');
    if (sameDefinition && atPin !== undefined && readingsDiffer(then, atPin)) changes.push('correction');
    if (!sameDefinition) changes.push('definition');
    return { ...today, changes };
  });
}

function readingsDiffer(one: Pick<PackIndicator, 'current' | 'previous'>, other: Pick<PackIndicator, 'current' | 'previous'>): boolean {
  return one.current.value !== other.current.value || one.previous.value !== other.previous.value;
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
