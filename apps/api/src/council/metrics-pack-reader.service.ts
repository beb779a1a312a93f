import { Inject, Injectable } from '@nestjs/common';
import type { MetricsPack, PackPeriod, PackPeriodRule, PackPeriods } from '#domain/council/index.js';
import type { FactQuery, Position } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { careCases } from '#projections/care/care-cases.projection.js';
import { refundRetentionQuery, refundRetentionReport } from '#projections/care/refund-retention.report.js';
import { gapCoverageChangesQuery, gapCoverageOpeningQuery, gapCoverageReport, SKILL_GAPS } from '#projections/competence/index.js';
import {
  indicatorValues,
  packIndicators,
  packPeriods,
  weekHoldingPeriods,
  type PackIndicator,
  type PackSources,
} from '#projections/council/metrics-pack.js';
import { inspectionMetricsQuery, inspectionMetricsReport } from '#projections/quality/inspection-metrics.report.js';
import { feedback, feedbackMetricsQuery, feedbackMetricsReport } from '#projections/feedback/index.js';
import { INSPECTIONS } from '#projections/quality/inspections.projection.js';
import { supportMetrics } from '#projections/support/support-metrics.projection.js';
import { surveyMetricsQuery, surveyMetricsReport } from '#projections/surveys/survey-metrics.report.js';
import { surveys } from '#projections/surveys/surveys.projection.js';
import { trainingMetrics } from '#projections/training/training-metrics.projection.js';
import { trainingPlansQuery, trainingPlansReport } from '#projections/training/training-metrics.report.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';
import { SupportMetrics } from '../support-metrics/support-metrics.service.js';

/** The weeks each period rule gives a meeting day. */
const PERIODS_BY_RULE: Readonly<Record<PackPeriodRule, (meetingDay: string) => PackPeriods>> = {
  'complete-weeks-before': packPeriods,
  'week-of-meeting': weekHoldingPeriods,
};

/** A pack's indicators computed with today's definitions, and the position they reflect. */
export interface ComputedPack {
  readonly asOf: ResolvedAsOf;
  readonly indicators: readonly PackIndicator[];
}

/** The read models whose facts the pack reads; each must have processed the pack's position. */
const SOURCES = [careCases.name, INSPECTIONS, surveys.name, SKILL_GAPS, trainingMetrics.name, supportMetrics.name, feedback.name];

/**
 * The metrics pack of a meeting, computed with today's definitions from the reports of the other
 * contexts as known at one position: the position pinned when the meeting opened, to record it, or
 * the log's end, to compare a recorded pack with today's view or to follow a goal.
 */
@Injectable()
export class MetricsPackReader {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly progress: ProjectionProgress,
    private readonly support: SupportMetrics,
  ) {}

  /** The pack to record for a meeting day: its periods by the rule, its indicators as of the position. */
  async packAt(meetingDay: string, periodRule: PackPeriodRule, position: Position): Promise<MetricsPack> {
    const periods = PERIODS_BY_RULE[periodRule](meetingDay);
    return { periodRule, periods, indicators: (await this.computeAt(meetingDay, periods, position)).indicators };
  }

  /**
   * Waits until every source read model has processed the position (bounded: 503 `READ_MODEL_BEHIND`);
   * the position is one of the log's: its head, a pinned one, or a moment already resolved.
   */
  async computeAt(meetingDay: string, { current, previous }: PackPeriods, position: Position): Promise<ComputedPack> {
    await this.progress.requireReached(position, SOURCES);
    const [currentSources, previousSources] = await Promise.all([
      this.sources(current, meetingDay, position),
      this.sources(previous, meetingDay, position),
    ]);
    return { asOf: { position }, indicators: packIndicators(currentSources, previousSources) };
  }

  async computeNow(meetingDay: string, periods: PackPeriods): Promise<ComputedPack> {
    return this.computeAt(meetingDay, periods, await this.head());
  }

  /** Each indicator's value in one period, as of the position (the log's head without one): what goals are measured by. */
  async valuesAt(meetingDay: string, period: PackPeriod, position?: Position): Promise<Readonly<Record<string, number | null>>> {
    const at = position ?? (await this.head());
    await this.progress.requireReached(at, SOURCES);
    return indicatorValues(await this.sources(period, meetingDay, at));
  }

  private async head(): Promise<Position> {
    return (await this.stores.events.headPosition()) ?? 0n;
  }

  private async sources({ from, to }: PackPeriod, meetingDay: string, asOf: Position): Promise<PackSources> {
    const facts = (query: FactQuery) => this.stores.reads.aggregateFacts(query);
    const range = { from, to, asOf };
    const openingQuery = gapCoverageOpeningQuery(range);
    /** Plans open past their due day are overdue as of the meeting day, as the training report counts them. */
    const pastDueTo = to < meetingDay ? to : meetingDay;
    const [refunds, verdicts, answers, opening, changes, plans, pastDue, support, thanksAndComplaints] = await Promise.all([
      facts(refundRetentionQuery(range)),
      facts(inspectionMetricsQuery(range)),
      facts(surveyMetricsQuery(range)),
      openingQuery === undefined ? [] : facts(openingQuery),
      facts(gapCoverageChangesQuery(range)),
      facts(trainingPlansQuery(range)),
      from >= pastDueTo ? [] : facts(trainingPlansQuery({ ...range, to: pastDueTo })),
      this.support.report({ from, to }, { position: asOf }),
      facts(feedbackMetricsQuery(range)),
    ]);
    return {
      refundRetention: refundRetentionReport(refunds),
      inspections: inspectionMetricsReport(verdicts),
      surveys: surveyMetricsReport(answers),
      gapCoverage: gapCoverageReport(opening, changes),
      trainingPlans: trainingPlansReport(plans, pastDue),
      support: support.rows,
      feedback: feedbackMetricsReport(thanksAndComplaints),
    };
  }
}
