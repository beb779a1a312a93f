import { Module } from '@nestjs/common';
import { CareModule } from '../care/care.module.js';
import { CompetenceModule } from '../competence/competence.module.js';
import { FeedbackModule } from '../feedback/feedback.module.js';
import { QualityModule } from '../quality/quality.module.js';
import { SupportMetricsModule } from '../support-metrics/support-metrics.module.js';
import { SurveysModule } from '../surveys/surveys.module.js';
import { TrainingModule } from '../training/training.module.js';
import { IndicatorFigures } from './indicator-figures.service.js';
import { ScorecardQueries } from './scorecard-queries.service.js';
import { ScorecardsController } from './scorecards.controller.js';

/** Employee scorecards: the KPIs of their job profiles, measured through the metric routes' own services. */
@Module({
  imports: [CareModule, QualityModule, SurveysModule, TrainingModule, CompetenceModule, FeedbackModule, SupportMetricsModule],
  controllers: [ScorecardsController],
  providers: [IndicatorFigures, ScorecardQueries],
  exports: [ScorecardQueries],
})
export class ScorecardsModule {}
