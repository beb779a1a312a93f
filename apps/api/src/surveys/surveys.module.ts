import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { SurveyCommands } from './survey-commands.service.js';
import { SurveyMetricsController } from './survey-metrics.controller.js';
import { SurveyMetrics } from './survey-metrics.service.js';
import { SurveyQueries } from './survey-queries.service.js';
import { SurveysController } from './surveys.controller.js';

/** Surveys: waves, identified and anonymous responses, feedback bonuses and the survey metrics. */
@Module({
  imports: [OrganisationModule],
  controllers: [SurveysController, SurveyMetricsController],
  providers: [SurveyCommands, SurveyQueries, SurveyMetrics],
  exports: [SurveyCommands, SurveyMetrics],
})
export class SurveysModule {}
