import { Inject, Injectable } from '@nestjs/common';
import type { FactGroup, FactQuery, Position } from '#kernel';
import { STORES, type Stores } from '#persistence';
import {
  criterionFailuresQuery,
  criterionFailuresReport,
  inspectionMetricsQuery,
  inspectionMetricsReport,
  type VerdictFilters,
} from '#projections/quality/inspection-metrics.report.js';
import { asOfView, readAsOf, type AsOfView, type ResolvedAsOf } from '../platform/as-of.js';
import type { CriterionFailuresAnswer, CriterionFailuresQuery, InspectionMetricsAnswer, InspectionMetricsQuery } from './inspection-metrics.dto.js';

/** The quality metrics, from the facts of the `inspections` projection, as known at one position. */
@Injectable()
export class InspectionMetrics {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  inspections(query: InspectionMetricsQuery, moment: ResolvedAsOf): Promise<InspectionMetricsAnswer> {
    const { groupBy } = query;
    return this.answer(moment, (asOf) => inspectionMetricsQuery({ ...filtersOf(query), groupBy, asOf }), inspectionMetricsReport);
  }

  criteria(query: CriterionFailuresQuery, moment: ResolvedAsOf): Promise<CriterionFailuresAnswer> {
    const { groupBy } = query;
    return this.answer(moment, (asOf) => criterionFailuresQuery({ ...filtersOf(query), period: groupBy, asOf }), criterionFailuresReport);
  }

  private async answer<R>(
    moment: ResolvedAsOf,
    factQuery: (asOf: Position) => FactQuery,
    report: (groups: readonly FactGroup[]) => R[],
  ): Promise<{ asOf: AsOfView; rows: R[] }> {
    const groups = await this.stores.reads.aggregateFacts(factQuery(readAsOf(moment).asOf));
    return { asOf: asOfView(moment), rows: report(groups) };
  }
}

function filtersOf(query: InspectionMetricsQuery | CriterionFailuresQuery): Omit<VerdictFilters, 'asOf'> {
  const { from, to, sectionId, productId, templateId, templateVersion, inspectorId, authorId } = query;
  return { from, to, sectionId, productId, templateId, templateVersion, inspectorId, authorId };
}
