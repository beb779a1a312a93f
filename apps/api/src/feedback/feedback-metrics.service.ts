import { Inject, Injectable } from '@nestjs/common';
import { STORES, type Stores } from '#persistence';
import { feedbackMetricsQuery, feedbackMetricsReport } from '#projections/feedback/feedback-metrics.report.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import type { FeedbackMetricsAnswer, FeedbackMetricsQuery } from './feedback-metrics.dto.js';

/** Thanks and complaints, from the facts of the `feedback` projection, as known at one position. */
@Injectable()
export class FeedbackMetrics {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async report(query: FeedbackMetricsQuery, moment: ResolvedAsOf): Promise<FeedbackMetricsAnswer> {
    const { from, to, groupBy, employeeId, sectionId, productId } = query;
    const { asOf } = readAsOf(moment);
    const groups = await this.stores.reads.aggregateFacts(feedbackMetricsQuery({ from, to, groupBy, employeeId, sectionId, productId, asOf }));
    return { asOf: asOfView(moment), rows: feedbackMetricsReport(groups) };
  }
}
