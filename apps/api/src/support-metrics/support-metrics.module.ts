import { Module } from '@nestjs/common';
import { SupportMetricsController } from './support-metrics.controller.js';
import { SupportMetrics } from './support-metrics.service.js';

/** The support indicators, `GET /metrics/support`; `SupportMetrics` is exported for the council pack. */
@Module({
  controllers: [SupportMetricsController],
  providers: [SupportMetrics],
  exports: [SupportMetrics],
})
export class SupportMetricsModule {}
