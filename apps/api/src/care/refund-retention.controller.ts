import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Role } from '#libs/domain/access/index.js';
import { Roles } from '../auth/access.decorators.js';
import { ProblemDto } from '../platform/problem.dto.js';
import { ReadYourWrites } from '../platform/read-your-writes.js';
import { RefundRetentionAnswer, RefundRetentionQuery } from './refund-retention.dto.js';
import { RefundRetentionMetric } from './refund-retention.metric.js';

/**
 * The care lead steers the agents by it, the council tracks it, auditors and admins read everything.
 * Agents do not: it ranks them against each other.
 */
const READERS: [Role, ...Role[]] = ['care-lead', 'council-member', 'council-chair', 'auditor', 'admin'];

/** Business metrics live under /metrics next to the Prometheus scrape (`GET /metrics`), on paths of their own. */
@ApiTags('metrics')
@Controller('metrics')
export class RefundRetentionController {
  constructor(
    private readonly metric: RefundRetentionMetric,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('refund-retention')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Refunds against clients retained with their money kept: counts, amounts, ratio and retention share',
    description:
      `Roles: ${READERS.join(', ')}. A lost save counts as retained at the retention's date and, from the refund's ` +
      'date on, as refunded with the retention taken back (-1). `asOf` answers as the numbers were known then; ' +
      '`asOf` in the answer states the position they reflect.',
  })
  @ApiOkResponse({ type: RefundRetentionAnswer })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'A parameter is invalid; the problem names it.' })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'The read model did not reach minPosition or asOf in time.' })
  async refundRetention(@Query() query: RefundRetentionQuery): Promise<RefundRetentionAnswer> {
    await this.readYourWrites.catchUp(query);
    return this.metric.report(query);
  }
}
