import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { INSPECTIONS } from '#projections/quality/inspections.projection.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { CriterionFailuresAnswer, CriterionFailuresQuery, InspectionMetricsAnswer, InspectionMetricsQuery } from './inspection-metrics.dto.js';
import { InspectionMetrics } from './inspection-metrics.service.js';
import { QUALITY_READERS } from './quality-roles.js';

const AS_OF_NOTE =
  'A dispute resolution that changes a verdict takes the original back and counts the revised one at the original ' +
  "verdict's date: `asOf` before the resolution reproduces the numbers as they were known then; `asOf` in the answer " +
  'states the position the numbers reflect.';

/** Business metrics live under /metrics next to the Prometheus scrape (`GET /metrics`), on paths of their own. */
@ApiTags('metrics')
@Controller('metrics/inspections')
@InvalidRequest()
export class InspectionMetricsController {
  constructor(
    private readonly metrics: InspectionMetrics,
  ) {}

  @Get()
  @ReadRoute(QUALITY_READERS, {
    summary: 'Pass rate, mean score, first-time pass rate, re-inspections and hours until pass',
    description: `Over the verdicts given in the business-date range. ${AS_OF_NOTE}`,
    type: InspectionMetricsAnswer,
    reads: INSPECTIONS,
  })
  inspections(@Query() query: InspectionMetricsQuery, @ReadMoment() moment: ResolvedAsOf): Promise<InspectionMetricsAnswer> {
    return this.metrics.inspections(query, moment);
  }

  @Get('criteria')
  @ReadRoute(QUALITY_READERS, {
    summary: 'Failures per criterion, per template version',
    description: `Criteria are counted under the template version they were checked under. ${AS_OF_NOTE}`,
    type: CriterionFailuresAnswer,
    reads: INSPECTIONS,
  })
  criteria(@Query() query: CriterionFailuresQuery, @ReadMoment() moment: ResolvedAsOf): Promise<CriterionFailuresAnswer> {
    return this.metrics.criteria(query, moment);
  }
}
