import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Role } from '#domain/access/index.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { CARE_CASES } from './care-case-queries.service.js';
import { RefundRetentionAnswer, RefundRetentionQuery } from './refund-retention.dto.js';
import { RefundRetentionMetrics } from './refund-retention-metrics.service.js';

/**
 * The care lead steers the agents by it, the council tracks it, auditors and admins read everything.
 * Agents do not: it ranks them against each other.
 */
const READERS: [Role, ...Role[]] = ['care-lead', 'council-member', 'council-chair', 'auditor', 'admin'];

/** Business metrics live under /metrics next to the Prometheus scrape (`GET /metrics`), on paths of their own. */
@ApiTags('metrics')
@Controller('metrics')
@InvalidRequest()
export class RefundRetentionController {
  constructor(private readonly metric: RefundRetentionMetrics) {}

  @Get('refund-retention')
  @ReadRoute(READERS, {
    summary: 'Refunds against clients retained with their money kept: counts, amounts, ratio and retention share',
    description:
      "A lost save counts as retained at the retention's date and, from the refund's date on, as refunded with the " +
      'retention taken back (-1). `asOf` answers as the numbers were known then; `asOf` in the answer states the ' +
      'position they reflect. Cases resolved without money and clients lost without a refund are counted under ' +
      '`otherOutcomes`, on the rows that have some, and change none of the other figures.',
    type: RefundRetentionAnswer,
    reads: CARE_CASES,
  })
  refundRetention(@Query() query: RefundRetentionQuery, @ReadMoment() moment: ResolvedAsOf): Promise<RefundRetentionAnswer> {
    return this.metric.report(query, moment);
  }
}
