import { Module } from '@nestjs/common';
import { CareCaseCommands } from './care-case.commands.js';
import { CareCaseQueries } from './care-case.queries.js';
import { CareCasesController } from './care-cases.controller.js';
import { RefundRetentionController } from './refund-retention.controller.js';
import { RefundRetentionMetric } from './refund-retention.metric.js';

/** Client care: care cases and the refund-vs-retained statistic. The platform module provides the rest. */
@Module({
  controllers: [CareCasesController, RefundRetentionController],
  providers: [CareCaseCommands, CareCaseQueries, RefundRetentionMetric],
  exports: [CareCaseCommands],
})
export class CareModule {}
