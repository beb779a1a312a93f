import { Injectable } from '@nestjs/common';
import { inIndicatorUnit, INDICATORS, type Indicator, type IndicatorId } from '#domain/catalogue/indicators.js';
import type { MonthPeriod } from '#domain/shared/months.js';
import type { KpiFigure } from '#projections/scorecards/scorecard.js';
import { RefundRetentionMetrics } from '../care/refund-retention-metrics.service.js';
import type { RefundRetentionQuery } from '../care/refund-retention.dto.js';
import { GapCoverageMetrics } from '../competence/gap-coverage-metrics.service.js';
import type { GapCoverageQuery } from '../competence/skill-gaps.dto.js';
import { FeedbackMetrics } from '../feedback/feedback-metrics.service.js';
import type { FeedbackMetricsQuery } from '../feedback/feedback-metrics.dto.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { InspectionMetrics } from '../quality/inspection-metrics.service.js';
import type { InspectionMetricsQuery } from '../quality/inspection-metrics.dto.js';
import { SupportMetrics } from '../support-metrics/support-metrics.service.js';
import type { SupportGroupBy } from '#projections/support/support-metrics.report.js';
import { SurveyMetrics } from '../surveys/survey-metrics.service.js';
import type { SurveyMetricsQuery } from '../surveys/survey-metrics.dto.js';
import { TrainingMetrics } from '../training/training-metrics.service.js';
import type {
  TrainingActivityQuery,
  TrainingEffectivenessQuery,
  TrainingPlansMetricQuery,
  WebinarConversionQuery,
} from '../training/training-metrics.dto.js';

type IndicatorRoute = (typeof INDICATORS)[IndicatorId]['source']['route'];

/** A metric route's window: a range of days, and the dimension it groups by, if any. */
interface MetricWindow {
  readonly from: string;
  readonly to: string;
  readonly groupBy?: string;
}

type RowsOf = (window: MetricWindow, moment: ResolvedAsOf) => Promise<{ readonly rows: readonly object[] }>;

/**
 * The value of an indicator over a period, read through the very service of the metric route that
 * computes it: the employee's row where the route groups by employee, the whole company's otherwise.
 */
@Injectable()
export class IndicatorFigures {
  private readonly routes: Readonly<Record<IndicatorRoute, RowsOf>>;

  constructor(
    care: RefundRetentionMetrics,
    inspections: InspectionMetrics,
    surveys: SurveyMetrics,
    training: TrainingMetrics,
    coverage: GapCoverageMetrics,
    feedback: FeedbackMetrics,
    support: SupportMetrics,
  ) {
    this.routes = {
      '/metrics/refund-retention': (window, moment) => care.report(window as RefundRetentionQuery, moment),
      '/metrics/inspections': (window, moment) => inspections.inspections(window as InspectionMetricsQuery, moment),
      '/metrics/surveys': (window, moment) => surveys.scores(window as SurveyMetricsQuery, moment),
      '/metrics/training/plans': (window, moment) => training.plans(window as TrainingPlansMetricQuery, moment),
      '/metrics/training/activity': (window, moment) => training.activity(window as TrainingActivityQuery, moment),
      '/metrics/training/effectiveness': (window, moment) => training.effectiveness(window as TrainingEffectivenessQuery, moment),
      '/metrics/training/webinars': (window, moment) => training.webinars(window as WebinarConversionQuery, moment),
      '/metrics/gap-coverage': (window, moment) => coverage.report(window as GapCoverageQuery, moment),
      '/metrics/feedback': (window, moment) => feedback.report(window as FeedbackMetricsQuery, moment),
      '/metrics/support': (window, moment) => support.report({ ...window, groupBy: window.groupBy as SupportGroupBy | undefined }, moment),
    };
  }

  /** The figures of one period at one moment, for as many employees as are measured in it. */
  of(period: MonthPeriod, moment: ResolvedAsOf): PeriodFigures {
    return new PeriodFigures(this.routes, period, moment);
  }
}

/**
 * The indicators of one period at one moment. Each metric route is read once, whatever the number of
 * indicators and employees asked for: a route grouped by employee answers for all of them.
 */
export class PeriodFigures {
  private readonly reads = new Map<string, Promise<{ readonly rows: readonly object[] }>>();

  constructor(
    private readonly routes: Readonly<Record<IndicatorRoute, RowsOf>>,
    private readonly period: MonthPeriod,
    private readonly moment: ResolvedAsOf,
  ) {}

  /** The indicators for the employee, with whether the route had a row for them (or any row, for a company figure). */
  async figures(indicatorIds: readonly IndicatorId[], employeeId: string): Promise<Map<IndicatorId, KpiFigure>> {
    const figures = await Promise.all(
      indicatorIds.map(async (indicatorId): Promise<[IndicatorId, KpiFigure]> => {
        const { source, perEmployee }: Indicator = INDICATORS[indicatorId];
        const { rows } = await this.rowsOf(source.route as IndicatorRoute, perEmployee);
        const row = perEmployee === undefined ? rows[0] : rows.find((candidate) => groupOf(candidate)[`${perEmployee}Id`] === employeeId);
        const value = inIndicatorUnit(indicatorId, row === undefined ? null : fieldAt(row, source.field));
        return [indicatorId, { value, scope: perEmployee === undefined ? 'company' : 'employee', hasRow: row !== undefined }];
      }),
    );
    return new Map(figures);
  }

  private rowsOf(route: IndicatorRoute, groupBy: string | undefined): Promise<{ readonly rows: readonly object[] }> {
    const key = `${route} ${groupBy ?? ''}`;
    if (!this.reads.has(key)) this.reads.set(key, this.routes[route]({ from: this.period.from, to: this.period.to, groupBy }, this.moment));
    return this.reads.get(key)!;
  }
}

function groupOf(row: object): Readonly<Record<string, unknown>> {
  return (row as { group?: Record<string, unknown> }).group ?? {};
}

/** The number at a dotted path into a row; null where the row has none there. */
function fieldAt(row: object, path: string): number | null {
  const found = path.split('.').reduce<unknown>((value, name) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined), row);
  return typeof found === 'number' ? found : null;
}
