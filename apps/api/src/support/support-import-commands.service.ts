import { Injectable } from '@nestjs/common';
import type { CommandResult } from '#kernel';
import { importedTicketId, type SupportTicketCommand, type SupportTicketEvent, type SupportTicketState } from '#domain/support/index.js';
import type { RequestCommandContext } from '../platform/command-runner.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import type { SupportImportLine } from './support-import.js';
import { SupportTicketCommands, type SupportTicketBusCommand } from './support-ticket-commands.service.js';


interface LineAppended {
  readonly appended: boolean;
}

type ImportedLineCommand = EntityCommand<SupportTicketCommand, SupportTicketEvent, SupportTicketState, LineAppended>;

/**
 * The command of one line of a helpdesk import. A helpdesk ticket is always the same ticket here, and
 * each line is idempotent by its ticket, event and time: sent again, it finds what it appended the
 * first time, whoever sends it. The time is part of it, so that a ticket reopened twice keeps both.
 */
@Injectable()
export class SupportImportCommands {
  constructor(private readonly tickets: SupportTicketCommands) {}

  async lineCommand(line: SupportImportLine, context: RequestCommandContext): Promise<ImportedLineCommand> {
    const ticketId = importedTicketId(line.externalId);
    const { expectedRevision: _noRevisionPerLine, ...requestContext } = context;
    const lineContext = { ...requestContext, idempotencyKey: `support-import:${line.externalId}:${line.event}:${line.occurredAt}` };
    const command = await this.commandOf(line, ticketId, lineContext);
    return command.answering(appendedBy);
  }

  private async commandOf(line: SupportImportLine, ticketId: string, context: RequestCommandContext): Promise<SupportTicketBusCommand> {
    switch (line.event) {
      case 'opened':
        return this.tickets.open({ ...line, ticketId }, context);
      case 'assigned':
        return this.tickets.assign(ticketId, line, context);
      case 'first-response':
        return this.tickets.respond(ticketId, line, context);
      case 'escalated':
        return this.tickets.escalate(ticketId, line, context);
      case 'resolved':
        return this.tickets.resolve(ticketId, line, context);
      case 'reopened':
        return this.tickets.reopen(ticketId, line, context);
      case 'closed':
        return this.tickets.close(ticketId, line, context);
      case 'rated':
        return this.tickets.rate(ticketId, line, context);
    }
  }
}

/** A replayed line, or one whose command had nothing to add, appended nothing now. */
function appendedBy(result: CommandResult<SupportTicketEvent>): LineAppended {
  return { appended: !result.replayed && result.events.length > 0 };
}
