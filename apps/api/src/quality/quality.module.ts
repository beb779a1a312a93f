import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { StandardsModule } from '../standards/standards.module.js';
import { ChecklistTemplateCommands } from './checklist-template-commands.service.js';
import { ChecklistTemplateQueries } from './checklist-template-queries.service.js';
import { ChecklistTemplatesController } from './checklist-templates.controller.js';
import { InspectionCommands } from './inspection-commands.service.js';
import { InspectionMetricsController } from './inspection-metrics.controller.js';
import { InspectionMetrics } from './inspection-metrics.service.js';
import { InspectionQueries } from './inspection-queries.service.js';
import { InspectionsController } from './inspections.controller.js';

/** Quality control: checklist templates, inspections with their disputes, and the quality metrics. */
@Module({
  imports: [OrganisationModule, StandardsModule],
  controllers: [ChecklistTemplatesController, InspectionsController, InspectionMetricsController],
  providers: [ChecklistTemplateCommands, ChecklistTemplateQueries, InspectionCommands, InspectionQueries, InspectionMetrics],
  exports: [ChecklistTemplateCommands, InspectionCommands, InspectionMetrics],
})
export class QualityModule {}
