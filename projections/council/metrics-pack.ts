import { inIndicatorUnit, INDICATORS, meetsTarget, type IndicatorDirection, type IndicatorId, type IndicatorUnit } from '#domain/catalogue/indicators.js';
import type { IndicatorReading, PackPeriods, RecordedIndicator } from '#domain/council/index.js';
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

export type Direction = IndicatorDirection;

/** An indicator of the catalogue (`INDICATORS`) as the pack shows it: with the council's target. */
export interface IndicatorDefinition {
  readonly indicator: string;
  /**
   * The catalogue's: raised whenever what the indicator counts or how changes, or the council's target
   * on it, so that a recorded pack tells which definition its numbers came from.
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

interface MeasuredIndicator {
  readonly indicator: IndicatorId;
  /** Null where the council has set no target for the indicator. */
  readonly target: number | null;
  /** The value of the field its catalogue source names, before the source's `divideBy`. */
  readonly value: (sources: PackSources) => number | null;
  /** What the value is computed from, and how many of them the period had. */
  readonly sample: Sample;
}

interface Sample {
  readonly of: string;
  readonly count: (sources: PackSources) => number;
}

const TICKETS_OPENED: Sample = { of: 'tickets opened', count: (sources) => sources.support[0]?.tickets ?? 0 };
const DECIDED_CASES: Sample = {
  of: 'cases decided by a refund or a retention',
  count: (sources) => (sources.refundRetention[0]?.refunds.count ?? 0) + (sources.refundRetention[0]?.retained.count ?? 0),
};

/**
 * The seven support KPIs of the support department's standards, from the support report of the tickets
 * opened in the period. Version 1 of the first five listed them without data, before support tickets
 * were recorded; `support.contactsPerDay` and `support.closedShare` came with the report.
 */
const SUPPORT_INDICATORS: readonly MeasuredIndicator[] = [
  {
    indicator: 'support.firstResponseMinutes',
    target: 2,
    value: (sources) => sources.support[0]?.firstResponseSeconds?.mean ?? null,
    sample: TICKETS_OPENED,
  },
  {
    indicator: 'support.resolutionHours',
    target: 4,
    value: (sources) => sources.support[0]?.resolutionSeconds?.mean ?? null,
    sample: TICKETS_OPENED,
  },
  {
    indicator: 'support.csat',
    target: 0.9,
    value: (sources) => sources.support[0]?.excellentShare ?? null,
    sample: TICKETS_OPENED,
  },
  {
    indicator: 'support.contactsPerDay',
    target: 100,
    value: (sources) => sources.support[0]?.contactsPerDay ?? null,
    sample: TICKETS_OPENED,
  },
  {
    indicator: 'support.repeatContactShare',
    target: 0.05,
    value: (sources) => sources.support[0]?.repeatContactShare ?? null,
    sample: TICKETS_OPENED,
  },
  {
    indicator: 'support.closedShare',
    target: 0.95,
    value: (sources) => sources.support[0]?.closedShare ?? null,
    sample: TICKETS_OPENED,
  },
  {
    indicator: 'support.escalationShare',
    target: 0.02,
    value: (sources) => sources.support[0]?.escalationShare ?? null,
    sample: TICKETS_OPENED,
  },
];

const MEASURED_INDICATORS: readonly MeasuredIndicator[] = [
  {
    indicator: 'care.retentionShare',
    target: 0.6,
    value: (sources) => sources.refundRetention[0]?.retentionShare ?? null,
    sample: DECIDED_CASES,
  },
  {
    indicator: 'care.refundToRetainedRatio',
    target: null,
    value: (sources) => sources.refundRetention[0]?.refundToRetainedRatio ?? null,
    sample: DECIDED_CASES,
  },
  {
    indicator: 'quality.checklistPassRate',
    target: null,
    value: (sources) => sources.inspections[0]?.passRate ?? null,
    sample: { of: 'verdicts', count: (sources) => sources.inspections[0]?.inspections ?? 0 },
  },
  {
    indicator: 'surveys.csat',
    target: 0.9,
    value: (sources) => sources.surveys[0]?.csat.share ?? null,
    sample: { of: 'satisfaction answers', count: (sources) => sources.surveys[0]?.csat.answers ?? 0 },
  },
  {
    indicator: 'surveys.nps',
    target: null,
    value: (sources) => sources.surveys[0]?.nps.score ?? null,
    sample: { of: 'recommendation answers', count: (sources) => sources.surveys[0]?.nps.answers ?? 0 },
  },
  {
    indicator: 'competence.gapCoverage',
    target: null,
    value: (sources) => sources.gapCoverage[0]?.closing.coverage ?? null,
    sample: { of: 'required competencies', count: (sources) => sources.gapCoverage[0]?.closing.required ?? 0 },
  },
  {
    indicator: 'training.plansOverdue',
    target: 0,
    value: (sources) => sources.trainingPlans[0]?.overdue ?? 0,
    sample: { of: 'plans due', count: (sources) => sources.trainingPlans[0]?.due ?? 0 },
  },
  ...SUPPORT_INDICATORS,
  // Counts the process watches, as the department's standards name them, with no target set.
  {
    indicator: 'feedback.thanks',
    target: null,
    value: (sources) => sources.feedback[0]?.thanks ?? 0,
    sample: { of: 'thanks', count: (sources) => sources.feedback[0]?.thanks ?? 0 },
  },
  {
    indicator: 'feedback.complaints',
    target: null,
    value: (sources) => sources.feedback[0]?.complaints ?? 0,
    sample: { of: 'complaints', count: (sources) => sources.feedback[0]?.complaints ?? 0 },
  },
];

/** Every indicator of the pack, measured or not: the indicators an improvement goal may target. */
export const PACK_INDICATORS: readonly IndicatorDefinition[] = MEASURED_INDICATORS.map(definitionOf);

function definitionOf({ indicator, target }: MeasuredIndicator): IndicatorDefinition {
  const { definitionVersion, unit, direction } = INDICATORS[indicator];
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
  return MEASURED_INDICATORS.map((measured) => {
    const definition = definitionOf(measured);
    const reading = (sources: PackSources) =>
      readingOf(definition, inIndicatorUnit(measured.indicator, measured.value(sources)), measured.sample.count(sources));
    return { ...definition, sampleOf: measured.sample.of, current: reading(current), previous: reading(previous) };
  });
}

/** Each indicator's value over one period's report rows, in its unit. */
export function indicatorValues(sources: PackSources): Readonly<Record<string, number | null>> {
  return Object.fromEntries(MEASURED_INDICATORS.map((measured) => [measured.indicator, inIndicatorUnit(measured.indicator, measured.value(sources))]));
}

export function readingOf(
  { target, direction }: Pick<IndicatorDefinition, 'target' | 'direction'>,
  value: number | null,
  sample: number | null,
): IndicatorReading {
  if (value === null || target === null) return { value, deviation: null, onTarget: null, sample };
  return { value, deviation: value - target, onTarget: meetsTarget(direction, value, target), sample };
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
  return readingDiffers(one.current, other.current) || readingDiffers(one.previous, other.previous);
}

/** A sample counts as a difference too, unless one side was recorded before samples were. */
function readingDiffers(one: IndicatorReading, other: IndicatorReading): boolean {
  const samplesDiffer = one.sample !== null && other.sample !== null && one.sample !== other.sample;
  return one.value !== other.value || samplesDiffer;
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
