import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { GroupTrainingCommands } from './group-training-commands.service.js';
import { GroupTrainingQueries } from './group-training-queries.service.js';
import { KnowledgeBaseCommands } from './knowledge-base-commands.service.js';
import { KnowledgeBaseController } from './knowledge-base.controller.js';
import { KnowledgeBaseQueries } from './knowledge-base-queries.service.js';
import { TrainingMetrics } from './training-metrics.service.js';
import { TrainingMetricsController } from './training-metrics.controller.js';
import { TrainingPlanCommands } from './training-plan-commands.service.js';
import { TrainingPlanQueries } from './training-plan-queries.service.js';
import { TrainingPlansController } from './training-plans.controller.js';
import { TrainingSessionsController } from './training-sessions.controller.js';
import { WebinarsController } from './webinars.controller.js';

/**
 * Training: the knowledge base with its regulations, individual plans (proposed by the process
 * manager from the skill gaps), group training and webinars, and the training metrics.
 */
@Module({
  imports: [OrganisationModule],
  controllers: [KnowledgeBaseController, TrainingPlansController, TrainingSessionsController, WebinarsController, TrainingMetricsController],
  providers: [
    KnowledgeBaseCommands,
    KnowledgeBaseQueries,
    TrainingPlanCommands,
    TrainingPlanQueries,
    GroupTrainingCommands,
    GroupTrainingQueries,
    TrainingMetrics,
  ],
  exports: [KnowledgeBaseCommands, TrainingPlanCommands, GroupTrainingCommands, TrainingMetrics],
})
export class TrainingModule {}
