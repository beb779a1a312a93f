import { Inject, Injectable } from '@nestjs/common';
import type { FactGroup, FactQuery } from '#kernel';
import { STORES, type Stores } from '#persistence';
import {
  surveyMetricsQuery,
  surveyMetricsReport,
  surveyTagsQuery,
  surveyTagsReport,
  type SurveyMetricsParams,
} from '#projections/surveys/survey-metrics.report.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import type { SurveyMetricsAnswer, SurveyMetricsQuery, SurveyTagsAnswer } from './survey-metrics.dto.js';

/** The survey metrics, from the facts of the `surveys` projection, as known at one position. */
@Injectable()
export class SurveyMetrics {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async scores(query: SurveyMetricsQuery, moment: ResolvedAsOf): Promise<SurveyMetricsAnswer> {
    const groups = await this.aggregate(query, moment, surveyMetricsQuery);
    return { asOf: asOfView(moment), rows: surveyMetricsReport(groups, query.groupBy) };
  }

  async tags(query: SurveyMetricsQuery, moment: ResolvedAsOf): Promise<SurveyTagsAnswer> {
    const groups = await this.aggregate(query, moment, surveyTagsQuery);
    return { asOf: asOfView(moment), rows: surveyTagsReport(groups, query.groupBy) };
  }

  private aggregate(
    query: SurveyMetricsQuery,
    moment: ResolvedAsOf,
    factQuery: (params: SurveyMetricsParams) => FactQuery,
  ): Promise<FactGroup[]> {
    const { from, to, groupBy, surveyId, wave, audience, productId } = query;
    const { asOf } = readAsOf(moment);
    return this.stores.reads.aggregateFacts(factQuery({ from, to, groupBy, surveyId, wave, audience, productId, asOf }));
  }
}
