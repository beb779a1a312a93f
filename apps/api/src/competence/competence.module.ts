import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { TrainingModule } from '../training/training.module.js';
import { AttestationCommands } from './attestation-commands.service.js';
import { AttestationsController } from './attestations.controller.js';
import { CareerPathCommands } from './career-path-commands.service.js';
import { CareerPathsController } from './career-paths.controller.js';
import { CheckAttemptCommands } from './check-attempt-commands.service.js';
import { CheckCampaignCommands } from './check-campaign-commands.service.js';
import { CheckCampaignQueries } from './check-campaign-queries.service.js';
import { CheckCampaignsController } from './check-campaigns.controller.js';
import { CompetenceCatalogueQueries } from './competence-catalogue-queries.service.js';
import { CompetenceRecordCommands } from './competence-record-commands.service.js';
import { CompetenceRecordsController } from './competence-records.controller.js';
import { CompetenciesController, ProficiencyScaleController } from './competencies.controller.js';
import { CompetencyCatalogueCommands } from './competency-catalogue-commands.service.js';
import { GapCoverageController } from './gap-coverage.controller.js';
import { GapCoverageMetrics } from './gap-coverage-metrics.service.js';
import { JobProfileCommands } from './job-profile-commands.service.js';
import { JobProfilesController } from './job-profiles.controller.js';
import { KnowledgeCheckCommands } from './knowledge-check-commands.service.js';
import { KnowledgeChecksController } from './knowledge-checks.controller.js';
import { SkillGapsController } from './skill-gaps.controller.js';
import { SkillGapQueries } from './skill-gap-queries.service.js';

/**
 * Competence: the competency catalogue and scale, job profiles, career paths, knowledge checks with
 * the campaigns and attempts employees take, attestations, assessments, and the skill gaps with their
 * coverage metric.
 */
@Module({
  imports: [OrganisationModule, TrainingModule],
  controllers: [
    CompetenciesController,
    ProficiencyScaleController,
    JobProfilesController,
    CareerPathsController,
    KnowledgeChecksController,
    CheckCampaignsController,
    AttestationsController,
    CompetenceRecordsController,
    SkillGapsController,
    GapCoverageController,
  ],
  providers: [
    CompetencyCatalogueCommands,
    JobProfileCommands,
    CareerPathCommands,
    KnowledgeCheckCommands,
    CompetenceRecordCommands,
    CheckCampaignCommands,
    CheckAttemptCommands,
    AttestationCommands,
    CompetenceCatalogueQueries,
    CheckCampaignQueries,
    SkillGapQueries,
    GapCoverageMetrics,
  ],
  exports: [
    CompetencyCatalogueCommands,
    JobProfileCommands,
    CareerPathCommands,
    KnowledgeCheckCommands,
    CompetenceRecordCommands,
    AttestationCommands,
    GapCoverageMetrics,
  ],
})
export class CompetenceModule {}
