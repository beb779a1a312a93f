import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReadYourWrites } from '../platform/read-your-writes.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { CriterionFailuresAnswer, CriterionFailuresQuery, InspectionMetricsAnswer, InspectionMetricsQuery } from './inspection-metrics.dto.js';
import { InspectionMetrics } from './inspection-metrics.metric.js';
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
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ReadRoute(QUALITY_READERS, {
    summary: 'Pass rate, mean score, first-time pass rate, re-inspections and hours until pass',
    description: `Over the verdicts given in the business-date range. ${AS_OF_NOTE}`,
    type: InspectionMetricsAnswer,
  })
  async inspections(@Query() query: InspectionMetricsQuery): Promise<InspectionMetricsAnswer> {
    await this.readYourWrites.catchUp(query);
    return this.metrics.inspections(query);
  }

  @Get('criteria')
  @ReadRoute(QUALITY_READERS, {
    summary: 'Failures per criterion, per template version',
    description: `Criteria are counted under the template version they were checked under. ${AS_OF_NOTE}`,
    type: CriterionFailuresAnswer,
  })
  async criteria(@Query() query: CriterionFailuresQuery): Promise<CriterionFailuresAnswer> {
    await this.readYourWrites.catchUp(query);
    return this.metrics.criteria(query);
  }
}
