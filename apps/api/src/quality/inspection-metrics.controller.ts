import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { ProblemDto } from '../platform/problem.dto.js';
import { ReadYourWrites } from '../platform/read-your-writes.js';
import { ReadModelBehind, rolesNote } from '../platform/route-docs.js';
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
@ApiBadRequestResponse({ type: ProblemDto, description: 'A parameter is invalid; the problem names it.' })
export class InspectionMetricsController {
  constructor(
    private readonly metrics: InspectionMetrics,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @Roles(...QUALITY_READERS)
  @ApiOperation({
    summary: 'Pass rate, mean score, first-time pass rate, re-inspections and hours until pass',
    description: `${rolesNote(QUALITY_READERS)} Over the verdicts given in the business-date range. ${AS_OF_NOTE}`,
  })
  @ApiOkResponse({ type: InspectionMetricsAnswer })
  @ReadModelBehind()
  async inspections(@Query() query: InspectionMetricsQuery): Promise<InspectionMetricsAnswer> {
    await this.readYourWrites.catchUp(query);
    return this.metrics.inspections(query);
  }

  @Get('criteria')
  @Roles(...QUALITY_READERS)
  @ApiOperation({
    summary: 'Failures per criterion, per template version',
    description: `${rolesNote(QUALITY_READERS)} Criteria are counted under the template version they were checked under. ${AS_OF_NOTE}`,
  })
  @ApiOkResponse({ type: CriterionFailuresAnswer })
  @ReadModelBehind()
  async criteria(@Query() query: CriterionFailuresQuery): Promise<CriterionFailuresAnswer> {
    await this.readYourWrites.catchUp(query);
    return this.metrics.criteria(query);
  }
}
