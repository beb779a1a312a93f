import { Inject, Injectable } from '@nestjs/common';
import type { FactGroup, FactQuery, Position } from '#libs/eventsourcing/src/index.js';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import {
  criterionFailuresQuery,
  criterionFailuresReport,
  inspectionMetricsQuery,
  inspectionMetricsReport,
  type VerdictFilters,
} from '#projections/quality/inspection-metrics.report.js';
import { INSPECTIONS } from '#projections/quality/inspections.projection.js';
import { AsOfResolver, asOfView, type AsOfView } from '../platform/as-of.js';
import { metricMoment, type DayRangeQuery } from '../platform/dto-fields.js';
import type { CriterionFailuresAnswer, CriterionFailuresQuery, InspectionMetricsAnswer, InspectionMetricsQuery } from './inspection-metrics.dto.js';

/** The quality metrics, from the facts of the `inspections` projection, as known at one position. */
@Injectable()
export class InspectionMetrics {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly asOf: AsOfResolver,
  ) {}

  inspections(query: InspectionMetricsQuery): Promise<InspectionMetricsAnswer> {
    const { groupBy } = query;
    return this.answer(query, (asOf) => inspectionMetricsQuery({ ...filtersOf(query), groupBy, asOf }), inspectionMetricsReport);
  }

  criteria(query: CriterionFailuresQuery): Promise<CriterionFailuresAnswer> {
    const { groupBy } = query;
    return this.answer(query, (asOf) => criterionFailuresQuery({ ...filtersOf(query), period: groupBy, asOf }), criterionFailuresReport);
  }

  private async answer<R>(
    query: DayRangeQuery,
    factQuery: (asOf: Position) => FactQuery,
    report: (groups: readonly FactGroup[]) => R[],
  ): Promise<{ asOf: AsOfView; rows: R[] }> {
    const { moment, asOf } = await metricMoment(this.asOf, query, INSPECTIONS);
    const groups = await this.stores.reads.aggregateFacts(factQuery(asOf));
    return { asOf: asOfView(moment), rows: report(groups) };
  }
}

function filtersOf(query: InspectionMetricsQuery | CriterionFailuresQuery): Omit<VerdictFilters, 'asOf'> {
  const { from, to, sectionId, productId, templateId, templateVersion, inspectorId, authorId } = query;
  return { from, to, sectionId, productId, templateId, templateVersion, inspectorId, authorId };
}
