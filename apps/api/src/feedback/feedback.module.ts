import { Module } from '@nestjs/common';
import { FeedbackCommands } from './feedback-commands.service.js';
import { FeedbackController } from './feedback.controller.js';
import { FeedbackMetricsController } from './feedback-metrics.controller.js';
import { FeedbackMetrics } from './feedback-metrics.service.js';

/** Thanks and complaints, and their metric. The platform module provides the rest. */
@Module({
  controllers: [FeedbackController, FeedbackMetricsController],
  providers: [FeedbackCommands, FeedbackMetrics],
  exports: [FeedbackCommands, FeedbackMetrics],
})
export class FeedbackModule {}
