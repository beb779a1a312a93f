import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Role } from '#domain/access/index.js';
import { feedback } from '#projections/feedback/feedback.projection.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { FeedbackMetricsAnswer, FeedbackMetricsQuery } from './feedback-metrics.dto.js';
import { FeedbackMetrics } from './feedback-metrics.service.js';

/**
 * The leads steer their staff by it, the council tracks it, auditors and admins read everything.
 * Agents do not: it counts the complaints about each of their colleagues.
 */
const READERS: [Role, ...Role[]] = ['care-lead', 'support-lead', 'council-member', 'council-chair', 'auditor', 'admin'];

/** Business metrics live under /metrics next to the Prometheus scrape (`GET /metrics`), on paths of their own. */
@ApiTags('metrics')
@Controller('metrics')
@InvalidRequest()
export class FeedbackMetricsController {
  constructor(private readonly metric: FeedbackMetrics) {}

  @Get('feedback')
  @ReadRoute(READERS, {
    summary: 'Thanks and complaints received, complaints closed and their outcomes',
    description:
      'Thanks and complaints count at the business time they were received, closings at theirs. `asOf` answers as the ' +
      'numbers were known then; `asOf` in the answer states the position they reflect.',
    type: FeedbackMetricsAnswer,
    reads: feedback.name,
  })
  feedback(@Query() query: FeedbackMetricsQuery, @ReadMoment() moment: ResolvedAsOf): Promise<FeedbackMetricsAnswer> {
    return this.metric.report(query, moment);
  }
}
