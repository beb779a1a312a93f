import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { ChecklistTemplateCommands } from './checklist-template.commands.js';
import { ChecklistTemplateQueries } from './checklist-template.queries.js';
import { ChecklistTemplatesController } from './checklist-templates.controller.js';
import { InspectionCommands } from './inspection.commands.js';
import { InspectionMetricsController } from './inspection-metrics.controller.js';
import { InspectionMetrics } from './inspection-metrics.metric.js';
import { InspectionQueries } from './inspection.queries.js';
import { InspectionsController } from './inspections.controller.js';

/** Quality control: checklist templates, inspections with their disputes, and the quality metrics. */
@Module({
  imports: [OrganisationModule],
  controllers: [ChecklistTemplatesController, InspectionsController, InspectionMetricsController],
  providers: [ChecklistTemplateCommands, ChecklistTemplateQueries, InspectionCommands, InspectionQueries, InspectionMetrics],
  exports: [ChecklistTemplateCommands, InspectionCommands],
})
export class QualityModule {}
