import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { PersistenceModule, ProjectionsModule } from '#persistence';
import { ApiLogger } from './api-logger.service.js';
import { ApiMetrics } from './api-metrics.service.js';
import { AsOfResolver } from './as-of-resolver.service.js';
import { CommandRunner } from './command-runner.service.js';
import { EntityCommandHandler, EntityCommandSequenceHandler } from './entity-command.handler.js';
import { MetricsAccessGuard } from './metrics-access.guard.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsServer } from './metrics-server.service.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { ProjectionProgress } from './projection-progress.service.js';
import { ReadModelCheck } from './read-model-check.service.js';
import { ReadPipeline } from './read-pipeline.service.js';
import { UnlinkableRequestMarks } from './unlinkable-requests.service.js';
import { EdgeValidationPipe } from './validation.pipe.js';

/**
 * What every context's HTTP module builds on: the stores and projections, validation, problem
 * details, logs, metrics, the command bus and its handler, read-your-writes and `asOf`. Global,
 * because every context module needs all of it.
 */
@Global()
@Module({
  imports: [PersistenceModule, ProjectionsModule.register('as-configured'), DiscoveryModule, CqrsModule.forRoot()],
  controllers: [MetricsController],
  providers: [
    ApiLogger,
    ApiMetrics,
    AsOfResolver,
    CommandRunner,
    EntityCommandHandler,
    EntityCommandSequenceHandler,
    MetricsAccessGuard,
    MetricsServer,
    ProjectionProgress,
    ReadModelCheck,
    ReadPipeline,
    UnlinkableRequestMarks,
    EdgeValidationPipe,
    { provide: APP_PIPE, useExisting: EdgeValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
  exports: [PersistenceModule, ProjectionsModule, ApiMetrics, AsOfResolver, CommandRunner, EdgeValidationPipe, ProjectionProgress, ReadPipeline],
})
export class PlatformModule {}
