import { Inject, Injectable } from '@nestjs/common';
import { STORES, type Stores } from '#persistence';
import { refundRetentionQuery, refundRetentionReport } from '#projections/care/refund-retention.report.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import type { RefundRetentionAnswer, RefundRetentionQuery } from './refund-retention.dto.js';

/** The key statistic of client care, from the facts of the `careCases` projection, as known at one position. */
@Injectable()
export class RefundRetentionMetrics {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async report(query: RefundRetentionQuery, moment: ResolvedAsOf): Promise<RefundRetentionAnswer> {
    const { from, to, groupBy, productId, sectionId, employeeId } = query;
    const { asOf } = readAsOf(moment);
    const groups = await this.stores.reads.aggregateFacts(
      refundRetentionQuery({ from, to, groupBy, productId, sectionId, employeeId, asOf }),
    );
    return { asOf: asOfView(moment), rows: refundRetentionReport(groups) };
  }
}
