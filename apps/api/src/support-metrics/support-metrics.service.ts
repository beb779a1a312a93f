import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '#config';
import { APP_CONFIG, STORES, type Stores } from '#persistence';
import { readSupportMetrics, type SupportMetricsParams } from '#projections/support/support-metrics.report.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import type { SupportMetricsAnswer } from './support-metrics.dto.js';

/** What a caller chooses of the support report: the range of opening days and the grouping. */
export type SupportMetricsWindow = Pick<SupportMetricsParams, 'from' | 'to' | 'groupBy'>;

/**
 * The seven support indicators beside their targets, from the facts of the `supportMetrics`
 * projection, as known at one position. The council pack reads them through here too.
 */
@Injectable()
export class SupportMetrics {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(window: SupportMetricsWindow, moment: ResolvedAsOf): Promise<SupportMetricsAnswer> {
    const params: SupportMetricsParams = { from: window.from, to: window.to, groupBy: window.groupBy, ...readAsOf(moment) };
    const targets = this.config.supportTargets;
    return { asOf: asOfView(moment), targets, rows: await readSupportMetrics(this.stores.reads, params, targets) };
  }
}
