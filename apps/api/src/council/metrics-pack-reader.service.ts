import { Inject, Injectable } from '@nestjs/common';
import type { FactQuery, Position } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { careCases } from '#projections/care/care-cases.projection.js';
import { refundRetentionQuery, refundRetentionReport } from '#projections/care/refund-retention.report.js';
import { gapCoverageChangesQuery, gapCoverageOpeningQuery, gapCoverageReport, SKILL_GAPS } from '#projections/competence/index.js';
import { packIndicators, packPeriods, type PackPeriod, type PackSources } from '#projections/council/metrics-pack.js';
import { inspectionMetricsQuery, inspectionMetricsReport } from '#projections/quality/inspection-metrics.report.js';
import { INSPECTIONS } from '#projections/quality/inspections.projection.js';
import { surveyMetricsQuery, surveyMetricsReport } from '#projections/surveys/survey-metrics.report.js';
import { surveys } from '#projections/surveys/surveys.projection.js';
import { trainingMetrics } from '#projections/training/training-metrics.projection.js';
import { trainingPlansQuery, trainingPlansReport } from '#projections/training/training-metrics.report.js';
import { AsOfResolver, asOfView } from '../platform/as-of.js';
import type { PackReadingsView } from './council.dto.js';

/** The read models whose facts the pack reads; each must have processed the pack's position. */
const SOURCES = [careCases.name, INSPECTIONS, surveys.name, SKILL_GAPS, trainingMetrics.name];

/**
 * The metrics pack of a meeting, computed from the reports of the other contexts as known at one
 * position: the position pinned when the meeting opened, or the log's end for "now".
 */
@Injectable()
export class MetricsPackReader {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly asOf: AsOfResolver,
  ) {}

  async readAt(meetingDay: string, position: Position): Promise<PackReadingsView> {
    const moments = await Promise.all(SOURCES.map((source) => this.asOf.resolve(position.toString(), source)));
    const { current, previous } = packPeriods(meetingDay);
    const [currentSources, previousSources] = await Promise.all([
      this.sources(current, meetingDay, position),
      this.sources(previous, meetingDay, position),
    ]);
    return { asOf: asOfView(moments[0]!), indicators: packIndicators(currentSources, previousSources) };
  }

  async readNow(meetingDay: string): Promise<PackReadingsView> {
    return this.readAt(meetingDay, (await this.stores.events.headPosition()) ?? 0n);
  }

  private async sources({ from, to }: PackPeriod, meetingDay: string, asOf: Position): Promise<PackSources> {
    const facts = (query: FactQuery) => this.stores.reads.aggregateFacts(query);
    const range = { from, to, asOf };
    const openingQuery = gapCoverageOpeningQuery(range);
    /** Plans open past their due day are overdue as of the meeting day, as the training report counts them. */
    const pastDueTo = to < meetingDay ? to : meetingDay;
    const [refunds, verdicts, answers, opening, changes, plans, pastDue] = await Promise.all([
      facts(refundRetentionQuery(range)),
      facts(inspectionMetricsQuery(range)),
      facts(surveyMetricsQuery(range)),
      openingQuery === undefined ? [] : facts(openingQuery),
      facts(gapCoverageChangesQuery(range)),
      facts(trainingPlansQuery(range)),
      from >= pastDueTo ? [] : facts(trainingPlansQuery({ ...range, to: pastDueTo })),
    ]);
    return {
      refundRetention: refundRetentionReport(refunds),
      inspections: inspectionMetricsReport(verdicts),
      surveys: surveyMetricsReport(answers),
      gapCoverage: gapCoverageReport(opening, changes),
      trainingPlans: trainingPlansReport(plans, pastDue),
    };
  }
}
