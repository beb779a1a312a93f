import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CareModule } from './care/care.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { CompetenceModule } from './competence/competence.module.js';
import { CouncilModule } from './council/council.module.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { FeedModule } from './feed/feed.module.js';
import { HealthController } from './health/health.controller.js';
import { HealthCheck } from './health/health-check.service.js';
import { HistoryModule } from './history/history.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { OrganisationModule } from './organisation/organisation.module.js';
import { PlatformModule } from './platform/platform.module.js';
import { QualityModule } from './quality/quality.module.js';
import { StandardsModule } from './standards/standards.module.js';
import { MotivationModule } from './motivation/motivation.module.js';
import { ScorecardsModule } from './scorecards/scorecards.module.js';
import { SupportModule } from './support/support.module.js';
import { SupportMetricsModule } from './support-metrics/support-metrics.module.js';
import { SurveysModule } from './surveys/surveys.module.js';
import { TrainingModule } from './training/training.module.js';

@Module({
  imports: [PlatformModule, AuthModule, LedgerModule, AuditModule, CareModule, FeedbackModule, HistoryModule, OrganisationModule, StandardsModule, SurveysModule, QualityModule, TrainingModule, CompetenceModule, CouncilModule, FeedModule, CatalogueModule, SupportMetricsModule, SupportModule, ScorecardsModule, MotivationModule],
  controllers: [HealthController],
  providers: [HealthCheck],
})
export class AppModule {}
