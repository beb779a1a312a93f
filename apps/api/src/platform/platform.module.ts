import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { PersistenceModule, ProjectionsModule } from '#persistence';
import { ApiMetrics } from './api-metrics.js';
import { AsOfResolver } from './as-of.js';
import { CommandRunner } from './command-runner.js';
import { EntityCommandHandler, EntityCommandSequenceHandler } from './entity-commands.js';
import { LoggingModule } from './logging.js';
import { MetricsAccessGuard } from './metrics-access.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsServer } from './metrics-server.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { ProjectionProgress } from './projection-progress.js';
import { ReadModelCheck } from './read-model.check.js';
import { ReadPipeline } from './read-pipeline.js';
import { UnlinkableRequestMarks } from './unlinkable-requests.js';
import { EdgeValidationPipe } from './validation.js';

/**
 * What every context's HTTP module builds on: the stores and projections, validation, problem
 * details, logs, metrics, the command bus and its handler, read-your-writes and `asOf`. Global,
 * because every context module needs all of it.
 */
@Global()
@Module({
  imports: [PersistenceModule, ProjectionsModule.register('as-configured'), LoggingModule, DiscoveryModule, CqrsModule.forRoot()],
  controllers: [MetricsController],
  providers: [
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
