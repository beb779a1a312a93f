import { Injectable } from '@nestjs/common';
import { importedTicketId } from '#domain/support/index.js';
import type { RequestCommandContext } from '../platform/command-runner.service.js';
import type { SupportImportLine } from './support-import.js';
import { SupportTicketCommands, type SupportTicketBusCommand, type SupportTicketSequence } from './support-ticket-commands.service.js';

/**
 * The commands of a helpdesk import. A helpdesk ticket is always the same ticket here, and each line is
 * idempotent by its ticket, event and time: sent again, it finds what it appended the first time,
 * whoever sends it. The time is part of it, so that a ticket reopened twice keeps both.
 */
@Injectable()
export class SupportImportCommands {
  constructor(private readonly tickets: SupportTicketCommands) {}

  /**
   * The lines of one ticket, in file order, as one sequence of its commands: a line whose command
   * cannot be built holds its refusal. Only the first line may open the ticket: an opening reads the
   * ticket and its contact as the lines before it left them.
   */
  async ticketRun(lines: readonly SupportImportLine[], context: RequestCommandContext): Promise<SupportTicketSequence> {
    const ticketId = importedTicketId(lines[0]!.externalId);
    if (lines.some((line, index) => index > 0 && line.event === 'opened')) throw new Error('a run of ticket lines opens the ticket on its first line only');
    const { expectedRevision: _noRevisionPerLine, ...requestContext } = context;
    const entries = [];
    for (const line of lines) {
      const lineContext = { ...requestContext, idempotencyKey: `support-import:${line.externalId}:${line.event}:${line.occurredAt}` };
      try {
        entries.push(await this.commandOf(line, ticketId, lineContext));
      } catch (refusal) {
        entries.push({ refusal });
      }
    }
    return this.tickets.sequence(ticketId, entries);
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
