import { Module } from '@nestjs/common';
import { EmployeeCommands } from './employee-commands.service.js';
import { EmployeesController } from './employees.controller.js';
import { OrgChartController } from './org-chart.controller.js';
import { OrgStructureCommands } from './org-structure-commands.service.js';
import { OrganisationDirectory } from './organisation-directory.service.js';
import { OrganisationQueries } from './organisation-queries.service.js';
import { PositionsController } from './positions.controller.js';
import { ProductCommands } from './product-commands.service.js';
import { ProductsController } from './products.controller.js';
import { SectionsController } from './sections.controller.js';

/** The organisation catalogue every context refers to; other modules import it for `OrganisationDirectory`. */
@Module({
  controllers: [SectionsController, PositionsController, ProductsController, EmployeesController, OrgChartController],
  providers: [OrgStructureCommands, ProductCommands, EmployeeCommands, OrganisationQueries, OrganisationDirectory],
  exports: [OrganisationDirectory],
})
export class OrganisationModule {}
