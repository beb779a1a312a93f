import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { PersistenceModule, ProjectionsModule } from '#libs/persistence/src/index.js';
import { ApiMetrics } from './api-metrics.js';
import { AsOfResolver } from './as-of.js';
import { CommandRunner } from './command-runner.js';
import { loggingModule } from './logging.js';
import { MetricsController } from './metrics.controller.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { ProjectionProgress } from './projection-progress.js';
import { ReadYourWrites } from './read-your-writes.js';
import { EdgeValidationPipe } from './validation.js';

/**
 * What every context's HTTP module builds on: the stores and projections, validation, problem
 * details, logs, metrics, the command runner, read-your-writes and `asOf`. Global, because every
 * context module needs all of it.
 */
@Global()
@Module({
  imports: [PersistenceModule, ProjectionsModule.register('when-inline'), loggingModule],
  controllers: [MetricsController],
  providers: [
    ApiMetrics,
    AsOfResolver,
    CommandRunner,
    ProjectionProgress,
    ReadYourWrites,
    { provide: APP_PIPE, useValue: new EdgeValidationPipe() },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
  exports: [PersistenceModule, ProjectionsModule, ApiMetrics, AsOfResolver, CommandRunner, ProjectionProgress, ReadYourWrites],
})
export class PlatformModule {}
