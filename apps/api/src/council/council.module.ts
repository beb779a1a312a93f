import { Module } from '@nestjs/common';
import { CompetenceModule } from '../competence/competence.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { StandardsModule } from '../standards/standards.module.js';
import { SupportMetricsModule } from '../support-metrics/support-metrics.module.js';
import { ActionPlans } from './action-plans.service.js';
import { CouncilCommands } from './council-commands.service.js';
import { CouncilController } from './council.controller.js';
import { CouncilQueries } from './council-queries.service.js';
import { DecisionAuditController } from './decision-audit.controller.js';
import { ImprovementProgramsController } from './improvement-programs.controller.js';
import { MetricsPackReader } from './metrics-pack-reader.service.js';
import { PackBackfill } from './pack-backfill.service.js';
import { ProgramCommands } from './program-commands.service.js';

/**
 * The quality council: roster, meetings, proposals and decisions, the metrics pack (and, at start-up,
 * the packs of meetings opened before packs were recorded), improvement programs with their plans of
 * measures, and the reconstruction of decisions.
 */
@Module({
  imports: [LedgerModule, SupportMetricsModule, OrganisationModule, StandardsModule, CompetenceModule],
  controllers: [CouncilController, DecisionAuditController, ImprovementProgramsController],
  providers: [ActionPlans, CouncilCommands, CouncilQueries, MetricsPackReader, PackBackfill, ProgramCommands],
  exports: [CouncilQueries],
})
export class CouncilModule {}
