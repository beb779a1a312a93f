import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { AttestationCommands } from './attestation.commands.js';
import { AttestationsController } from './attestations.controller.js';
import { CareerPathCommands } from './career-path.commands.js';
import { CareerPathsController } from './career-paths.controller.js';
import { CompetenceCatalogueQueries } from './competence-catalogue.queries.js';
import { CompetenceRecordCommands } from './competence-record.commands.js';
import { CompetenceRecordsController } from './competence-records.controller.js';
import { CompetenciesController, ProficiencyScaleController } from './competencies.controller.js';
import { CompetencyCatalogueCommands } from './competency-catalogue.commands.js';
import { GapCoverageController } from './gap-coverage.controller.js';
import { GapCoverageMetric } from './gap-coverage.metric.js';
import { JobProfileCommands } from './job-profile.commands.js';
import { JobProfilesController } from './job-profiles.controller.js';
import { KnowledgeCheckCommands } from './knowledge-check.commands.js';
import { KnowledgeChecksController } from './knowledge-checks.controller.js';
import { SkillGapsController } from './skill-gaps.controller.js';
import { SkillGapQueries } from './skill-gaps.queries.js';

/**
 * Competence: the competency catalogue and scale, job profiles, career paths, knowledge checks,
 * attestations, assessments, and the skill gaps with their coverage metric.
 */
@Module({
  imports: [OrganisationModule],
  controllers: [
    CompetenciesController,
    ProficiencyScaleController,
    JobProfilesController,
    CareerPathsController,
    KnowledgeChecksController,
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
    AttestationCommands,
    CompetenceCatalogueQueries,
    SkillGapQueries,
    GapCoverageMetric,
  ],
  exports: [
    CompetencyCatalogueCommands,
    JobProfileCommands,
    CareerPathCommands,
    KnowledgeCheckCommands,
    CompetenceRecordCommands,
    AttestationCommands,
  ],
})
export class CompetenceModule {}
