import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Role } from '#domain/access/index.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { SurveyMetricsAnswer, SurveyMetricsQuery, SurveyTagsAnswer } from './survey-metrics.dto.js';
import { SurveyMetrics } from './survey-metrics.service.js';
import { SURVEYS } from './survey-queries.service.js';

/** The survey manager reads the results, the council decides by them, auditors and admins read everything. */
const READERS: [Role, ...Role[]] = ['survey-manager', 'council-member', 'council-chair', 'auditor', 'admin'];

const AS_OF_NOTE =
  '`asOf` answers as the numbers were known then; `asOf` in the answer states the position they reflect. ' +
  'Answers count at their business date; filters narrow by survey, wave, audience and product.';

/** Business metrics live under /metrics next to the Prometheus scrape (`GET /metrics`), on paths of their own. */
@ApiTags('metrics')
@Controller('metrics/surveys')
@InvalidRequest()
export class SurveyMetricsController {
  constructor(
    private readonly metrics: SurveyMetrics,
  ) {}

  @Get()
  @ReadRoute(READERS, {
    summary: 'Survey scores: CSAT, NPS, eNPS, CES, responses and response rate',
    description:
      'CSAT = share of answers of 4-5 on the 1-5 scale; NPS = % of 9-10 minus % of 0-6; eNPS = the NPS of the employee ' +
      `audiences; CES = mean on the 1-7 scale; response rate = responses to waves with an invited count / invited. ${AS_OF_NOTE}`,
    type: SurveyMetricsAnswer,
    reads: SURVEYS,
  })
  scores(@Query() query: SurveyMetricsQuery, @ReadMoment() moment: ResolvedAsOf): Promise<SurveyMetricsAnswer> {
    return this.metrics.scores(query, moment);
  }

  @Get('tags')
  @ReadRoute(READERS, {
    summary: 'How often answers were tagged as objections, problems, ideas and training wishes',
    description: AS_OF_NOTE,
    type: SurveyTagsAnswer,
    reads: SURVEYS,
  })
  tags(@Query() query: SurveyMetricsQuery, @ReadMoment() moment: ResolvedAsOf): Promise<SurveyTagsAnswer> {
    return this.metrics.tags(query, moment);
  }
}
