import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { SupportImportCommands } from './support-import-commands.service.js';
import { acceptImportFiles } from './support-import.js';
import { SupportImportsController } from './support-imports.controller.js';
import { SupportTicketCommands } from './support-ticket-commands.service.js';
import { SupportTicketQueries } from './support-ticket-queries.service.js';
import { SupportTicketsController } from './support-tickets.controller.js';

/** The support desk's tickets and their import from the helpdesk. The platform module provides the rest. */
@Module({
  controllers: [SupportTicketsController, SupportImportsController],
  providers: [SupportTicketCommands, SupportTicketQueries, SupportImportCommands],
  exports: [SupportTicketCommands, SupportImportCommands],
})
export class SupportModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    acceptImportFiles(this.adapterHost.httpAdapter.getInstance<FastifyInstance>());
  }
}
