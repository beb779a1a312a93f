import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { StandardCommands } from './standard-commands.service.js';
import { StandardQueries } from './standard-queries.service.js';
import { StandardsDirectory } from './standards-directory.service.js';
import { StandardsController } from './standards.controller.js';

/** Versioned standards of the sections and products of the organisation catalogue. */
@Module({
  imports: [OrganisationModule],
  controllers: [StandardsController],
  providers: [StandardCommands, StandardQueries, StandardsDirectory],
  exports: [StandardsDirectory],
})
export class StandardsModule {}
