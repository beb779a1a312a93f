import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Role } from '#domain/access/index.js';
import { supportMetrics } from '#projections/support/support-metrics.projection.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { SupportMetricsAnswer, SupportMetricsQuery } from './support-metrics.dto.js';
import { SupportMetrics } from './support-metrics.service.js';

/**
 * The support lead steers the desk by them, the council tracks them, auditors and admins read
 * everything. Agents do not: grouped by employee, they rank colleagues.
 */
const READERS: [Role, ...Role[]] = ['support-lead', 'council-member', 'council-chair', 'auditor', 'admin'];

@ApiTags('metrics')
@Controller('metrics')
@InvalidRequest()
export class SupportMetricsController {
  constructor(private readonly metrics: SupportMetrics) {}

  @Get('support')
  @ReadRoute(READERS, {
    summary: 'The support indicators beside their targets: volume, response and resolution times, ratings, repeats, closure, escalation',
    description:
      'Every figure of a ticket counts in the period of its opening. Percentiles are exact (nearest rank) over every ' +
      'ticket counted. `asOf` answers as the tickets were known then; `asOf` in the answer states the position they reflect.',
    type: SupportMetricsAnswer,
    reads: supportMetrics.name,
  })
  support(@Query() query: SupportMetricsQuery, @ReadMoment() moment: ResolvedAsOf): Promise<SupportMetricsAnswer> {
    return this.metrics.report(query, moment);
  }
}
