import { Inject, Injectable } from '@nestjs/common';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import { refundRetentionQuery, refundRetentionReport } from '#projections/care/refund-retention.report.js';
import { AsOfResolver, asOfView } from '../platform/as-of.js';
import { metricMoment } from '../platform/dto-fields.js';
import { CARE_CASES } from './care-case.queries.js';
import type { RefundRetentionAnswer, RefundRetentionQuery } from './refund-retention.dto.js';

/** The key statistic of client care, from the facts of the `careCases` projection, as known at one position. */
@Injectable()
export class RefundRetentionMetric {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly asOf: AsOfResolver,
  ) {}

  async report(query: RefundRetentionQuery): Promise<RefundRetentionAnswer> {
    const { from, to, groupBy, productId, sectionId, employeeId } = query;
    const { moment, asOf } = await metricMoment(this.asOf, query, CARE_CASES);
    const groups = await this.stores.reads.aggregateFacts(
      refundRetentionQuery({ from, to, groupBy, productId, sectionId, employeeId, asOf }),
    );
    return { asOf: asOfView(moment), rows: refundRetentionReport(groups) };
  }
}
