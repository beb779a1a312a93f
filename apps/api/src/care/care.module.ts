import { Module } from '@nestjs/common';
import { CareCaseCommands } from './care-case-commands.service.js';
import { CareCaseQueries } from './care-case-queries.service.js';
import { CareCasesController } from './care-cases.controller.js';
import { RefundRetentionController } from './refund-retention.controller.js';
import { RefundRetentionMetrics } from './refund-retention-metrics.service.js';

/** Client care: care cases and the refund-vs-retained statistic. The platform module provides the rest. */
@Module({
  controllers: [CareCasesController, RefundRetentionController],
  providers: [CareCaseCommands, CareCaseQueries, RefundRetentionMetrics],
  exports: [CareCaseCommands, RefundRetentionMetrics],
})
export class CareModule {}
