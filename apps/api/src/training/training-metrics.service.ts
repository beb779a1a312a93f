import { Inject, Injectable } from '@nestjs/common';
import { dayOf } from '#domain/shared/days.js';
import type { Clock, FactGroup, FactQuery } from '#kernel';
import { CLOCK, STORES, type Stores } from '#persistence';
import {
  trainingActivityQuery,
  trainingActivityReport,
  trainingEffectivenessQuery,
  trainingEffectivenessReport,
  trainingPlansQuery,
  trainingPlansReport,
  webinarConversionQuery,
  webinarConversionReport,
} from '#projections/training/training-metrics.report.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import type {
  TrainingActivityAnswer,
  TrainingActivityQuery,
  TrainingEffectivenessAnswer,
  TrainingEffectivenessQuery,
  TrainingPlansAnswer,
  TrainingPlansMetricQuery,
  WebinarConversionAnswer,
  WebinarConversionQuery,
} from './training-metrics.dto.js';

/** The training metrics, from the facts of the `trainingMetrics` projection, each as known at one position. */
@Injectable()
export class TrainingMetrics {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The plans due per row; those open with a due day before `at` (default today) are overdue. */
  async plans(query: TrainingPlansMetricQuery, moment: ResolvedAsOf): Promise<TrainingPlansAnswer> {
    const at = query.at ?? dayOf(this.clock.now().toISOString());
    const { asOf } = readAsOf(moment);
    const { from, to, groupBy, sectionId } = query;
    const params = { from, to, groupBy, sectionId, asOf };
    const pastDueTo = to !== undefined && to < at ? to : at;
    const [groups, pastDue] = await Promise.all([
      this.aggregate(trainingPlansQuery(params)),
      from !== undefined && from >= pastDueTo ? [] : this.aggregate(trainingPlansQuery({ ...params, to: pastDueTo })),
    ]);
    return { asOf: asOfView(moment), at, rows: trainingPlansReport(groups, pastDue) };
  }

  async activity(query: TrainingActivityQuery, moment: ResolvedAsOf): Promise<TrainingActivityAnswer> {
    const { asOf } = readAsOf(moment);
    const { from, to, groupBy, sectionId } = query;
    const groups = await this.aggregate(trainingActivityQuery({ from, to, groupBy, sectionId, asOf }));
    return { asOf: asOfView(moment), rows: trainingActivityReport(groups) };
  }

  async effectiveness(query: TrainingEffectivenessQuery, moment: ResolvedAsOf): Promise<TrainingEffectivenessAnswer> {
    const { asOf } = readAsOf(moment);
    const { from, to, groupBy, sectionId } = query;
    const groups = await this.aggregate(trainingEffectivenessQuery({ from, to, groupBy, sectionId, asOf }));
    return { asOf: asOfView(moment), rows: trainingEffectivenessReport(groups) };
  }

  async webinars(query: WebinarConversionQuery, moment: ResolvedAsOf): Promise<WebinarConversionAnswer> {
    const { asOf } = readAsOf(moment);
    const { from, to, groupBy, trainerId } = query;
    const groups = await this.aggregate(webinarConversionQuery({ from, to, groupBy, trainerId, asOf }));
    return { asOf: asOfView(moment), rows: webinarConversionReport(groups) };
  }

  private aggregate(query: FactQuery): Promise<FactGroup[]> {
    return this.stores.reads.aggregateFacts(query);
  }
}
