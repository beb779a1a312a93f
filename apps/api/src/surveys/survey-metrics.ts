import { Inject, Injectable } from '@nestjs/common';
import type { FactGroup, FactQuery } from '#libs/eventsourcing/src/index.js';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import {
  surveyMetricsQuery,
  surveyMetricsReport,
  surveyTagsQuery,
  surveyTagsReport,
  type SurveyMetricsParams,
} from '#projections/surveys/survey-metrics.report.js';
import { AsOfResolver, asOfView, type ResolvedAsOf } from '../platform/as-of.js';
import { metricMoment } from '../platform/dto-fields.js';
import type { SurveyMetricsAnswer, SurveyMetricsQuery, SurveyTagsAnswer } from './survey-metrics.dto.js';
import { SURVEYS } from './survey.queries.js';

/** The survey metrics, from the facts of the `surveys` projection, as known at one position. */
@Injectable()
export class SurveyMetrics {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly asOf: AsOfResolver,
  ) {}

  async scores(query: SurveyMetricsQuery): Promise<SurveyMetricsAnswer> {
    const { moment, groups } = await this.aggregate(query, surveyMetricsQuery);
    return { asOf: asOfView(moment), rows: surveyMetricsReport(groups, query.groupBy) };
  }

  async tags(query: SurveyMetricsQuery): Promise<SurveyTagsAnswer> {
    const { moment, groups } = await this.aggregate(query, surveyTagsQuery);
    return { asOf: asOfView(moment), rows: surveyTagsReport(groups, query.groupBy) };
  }

  private async aggregate(
    query: SurveyMetricsQuery,
    factQuery: (params: SurveyMetricsParams) => FactQuery,
  ): Promise<{ moment: ResolvedAsOf; groups: FactGroup[] }> {
    const { moment, asOf } = await metricMoment(this.asOf, query, SURVEYS);
    const { from, to, groupBy, surveyId, wave, audience, productId } = query;
    const groups = await this.stores.reads.aggregateFacts(factQuery({ from, to, groupBy, surveyId, wave, audience, productId, asOf }));
    return { moment, groups };
  }
}
