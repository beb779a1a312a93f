import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { CareModule } from './care/care.module.js';
import { CompetenceModule } from './competence/competence.module.js';
import { HealthController } from './health/health.controller.js';
import { HistoryModule } from './history/history.module.js';
import { OrganisationModule } from './organisation/organisation.module.js';
import { PlatformModule } from './platform/platform.module.js';
import { QualityModule } from './quality/quality.module.js';
import { StandardsModule } from './standards/standards.module.js';
import { SurveysModule } from './surveys/surveys.module.js';
import { TrainingModule } from './training/training.module.js';

@Module({
  imports: [PlatformModule, AuthModule, CareModule, HistoryModule, OrganisationModule, StandardsModule, SurveysModule, QualityModule, TrainingModule, CompetenceModule],
  controllers: [HealthController],
})
export class AppModule {}
