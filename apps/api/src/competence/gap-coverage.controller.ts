import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SKILL_GAPS } from '#projections/competence/index.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { GAP_READERS } from './competence-roles.js';
import { GapCoverageMetrics } from './gap-coverage-metrics.service.js';
import { GapCoverageAnswer, GapCoverageQuery } from './skill-gaps.dto.js';

/** Business metrics live under /metrics next to the Prometheus scrape (`GET /metrics`), on paths of their own. */
@ApiTags('metrics')
@Controller('metrics')
@InvalidRequest()
export class GapCoverageController {
  constructor(
    private readonly metric: GapCoverageMetrics,
  ) {}

  @Get('gap-coverage')
  @ReadRoute(GAP_READERS, {
    summary: 'Gap coverage: the share of the competencies their profiles require that employees meet',
    description:
      'coverage = met / required, over the employees counted (a competency is met when its level reaches the required one). ' +
      'Each row opens and closes the range, or its period: a period appears when the coverage changed in it. A change is ' +
      'dated at the business date of the event behind it (an assessment, an approval, a move). `asOf` answers as the ' +
      'numbers were known then; `asOf` in the answer states the position they reflect.',
    type: GapCoverageAnswer,
    reads: SKILL_GAPS,
  })
  gapCoverage(@Query() query: GapCoverageQuery, @ReadMoment() moment: ResolvedAsOf): Promise<GapCoverageAnswer> {
    return this.metric.report(query, moment);
  }
}
