import { Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CommandCtx } from '../platform/command-context.js';
import type { RequestCommandContext } from '../platform/command-runner.service.js';
import { CommandRoute, InvalidRequest } from '../platform/route-docs.js';
import { SupportImportCommands } from './support-import-commands.service.js';
import { ImportFile, importLines, MAX_IMPORT_LINES, SUPPORT_IMPORT_CONTENT_TYPE, type SupportImportReport } from './support-import.js';
import { SupportImportReportView } from './support-import.dto.js';

@ApiTags('support-tickets')
@Controller('support/imports')
@InvalidRequest()
export class SupportImportsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly imports: SupportImportCommands,
  ) {}

  /** Support leads answer for the desk's figures, which an import changes wholesale. */
  @Post()
  @CommandRoute(['support-lead'], {
    summary: 'Import ticket events from the helpdesk, one NDJSON line each',
    description:
      `Up to ${MAX_IMPORT_LINES} lines of \`${SUPPORT_IMPORT_CONTENT_TYPE}\`: \`{"externalId", "event", "occurredAt", ...}\` with ` +
      'the fields of the route of the event (opened, assigned, first-response, escalated, resolved, reopened, closed, rated). ' +
      'Each line is validated and decided on its own, in file order; a refused line appends nothing and is listed with ' +
      'the problem its request would have got. A line sent again (same ticket, event and time) appends nothing and is ' +
      'listed as a duplicate, so a whole file can be sent again, with or without an `Idempotency-Key`.',
    answers: SupportImportReportView,
  })
  @ApiConsumes(SUPPORT_IMPORT_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', example: '{"externalId":"HD-1","event":"opened","occurredAt":"2026-03-02T09:00:00Z","clientId":"client-4711","channel":"chat","topic":"Video"}\n' } })
  import(@ImportFile() file: string, @CommandCtx() context: RequestCommandContext): Promise<SupportImportReport> {
    return importLines(file, async (lines) => this.bus.execute(await this.imports.ticketRun(lines, context)), context.correlationId);
  }
}
