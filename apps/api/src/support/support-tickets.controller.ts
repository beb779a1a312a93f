import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { Role } from '#domain/access/index.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { SupportTicketCommands } from './support-ticket-commands.service.js';
import { SUPPORT_TICKETS, SupportTicketQueries } from './support-ticket-queries.service.js';
import {
  AssignSupportTicketRequest,
  CloseSupportTicketRequest,
  EscalateSupportTicketRequest,
  GiveFirstResponseRequest,
  OpenSupportTicketRequest,
  RateSupportTicketRequest,
  ReopenSupportTicketRequest,
  ResolveSupportTicketRequest,
  SupportTicketIdParams,
  SupportTicketView,
} from './support-tickets.dto.js';

/** Support agents work the tickets; support leads, who answer for the desk, may step in on any ticket. */
const HANDLERS: [Role, ...Role[]] = ['support-agent', 'support-lead'];
/** Auditors and admins read everything; neither decides anything on a ticket. */
const READERS: [Role, ...Role[]] = [...HANDLERS, 'auditor', 'admin'];

const NOT_FOUND = 'No such support ticket (NOT_FOUND).';

@ApiTags('support-tickets')
@Controller('support/tickets')
@InvalidRequest()
export class SupportTicketsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: SupportTicketCommands,
    private readonly tickets: SupportTicketQueries,
  ) {}

  @Post()
  @CommandRoute(HANDLERS, {
    summary: "Open a support ticket for a client's contact",
    description:
      "201 with the new ticket's id. A ticket of the same client on the same topic opened within " +
      '`SUPPORT_REPEAT_WINDOW_DAYS` before this one is recorded as the one it repeats (`repeatOf`).',
    creates: true,
    conflicts:
      'A ticket with this id already exists (SUPPORT_TICKET_EXISTS), or another ticket of the client on the topic ' +
      'was opened at the same moment (SUPPORT_CONTACT_CHANGED): send the request again.',
  })
  async open(@Body() body: OpenSupportTicketRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.open({ ...request, ticketId: id }, context));
  }

  @Post(':id/assignment')
  @CommandRoute(HANDLERS, {
    summary: 'Assign the ticket to an employee on a support line, or hand it over',
    description: 'Assigning the employee and line the ticket has appends nothing (position null).',
    conflicts: 'The ticket is closed (SUPPORT_TICKET_CLOSED), or dated before its opening (DATED_BEFORE_OPENING).',
    notFound: NOT_FOUND,
  })
  assign(
    @Param() params: SupportTicketIdParams,
    @Body() body: AssignSupportTicketRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.assign(params.id, body, context));
  }

  @Post(':id/first-response')
  @CommandRoute(HANDLERS, {
    summary: 'Record the first answer to the client',
    conflicts: 'Answered already (FIRST_RESPONSE_GIVEN), not open (SUPPORT_TICKET_NOT_OPEN), or dated before the opening.',
    notFound: NOT_FOUND,
  })
  respond(
    @Param() params: SupportTicketIdParams,
    @Body() body: GiveFirstResponseRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.respond(params.id, body, context));
  }

  @Post(':id/escalation')
  @CommandRoute(HANDLERS, {
    summary: 'Move the ticket to a higher support line',
    conflicts: 'Not a higher line (ESCALATION_NOT_HIGHER), not open (SUPPORT_TICKET_NOT_OPEN), or dated before the opening.',
    notFound: NOT_FOUND,
  })
  escalate(
    @Param() params: SupportTicketIdParams,
    @Body() body: EscalateSupportTicketRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.escalate(params.id, body, context));
  }

  @Post(':id/resolution')
  @CommandRoute(HANDLERS, {
    summary: "Record that the client's problem is solved",
    conflicts: 'Not open (SUPPORT_TICKET_NOT_OPEN), or dated before the opening (DATED_BEFORE_OPENING).',
    notFound: NOT_FOUND,
  })
  resolve(
    @Param() params: SupportTicketIdParams,
    @Body() body: ResolveSupportTicketRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.resolve(params.id, body, context));
  }

  @Post(':id/reopening')
  @CommandRoute(HANDLERS, {
    summary: 'Open a resolved or closed ticket again',
    conflicts: 'Not resolved (SUPPORT_TICKET_NOT_RESOLVED), or dated before the resolution (DATED_BEFORE_RESOLUTION).',
    notFound: NOT_FOUND,
  })
  reopen(
    @Param() params: SupportTicketIdParams,
    @Body() body: ReopenSupportTicketRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.reopen(params.id, body, context));
  }

  @Post(':id/closing')
  @CommandRoute(HANDLERS, {
    summary: 'Close a resolved ticket',
    description: 'An unresolved ticket is resolved first, so that every closed ticket has a resolution time.',
    conflicts: 'Not resolved (SUPPORT_TICKET_NOT_RESOLVED), closed already (SUPPORT_TICKET_CLOSED), or dated before the resolution.',
    notFound: NOT_FOUND,
  })
  close(
    @Param() params: SupportTicketIdParams,
    @Body() body: CloseSupportTicketRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.close(params.id, body, context));
  }

  @Post(':id/rating')
  @CommandRoute(HANDLERS, {
    summary: "Record the client's rating of the resolution",
    description: 'Once per resolution: after a reopening, the next resolution may be rated again, and that rating replaces the earlier one.',
    conflicts: 'Not resolved (SUPPORT_TICKET_NOT_RESOLVED), rated already (SUPPORT_TICKET_RATED), or dated before the resolution.',
    notFound: NOT_FOUND,
  })
  rate(
    @Param() params: SupportTicketIdParams,
    @Body() body: RateSupportTicketRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.rate(params.id, body, context));
  }

  @Get(':id')
  @ReadRoute(READERS, {
    summary: 'A support ticket as it stands',
    description: 'With `asOf`, the ticket as it was known then.',
    type: SupportTicketView,
    reads: SUPPORT_TICKETS,
    notFound: 'No such support ticket (at `asOf`, when given).',
  })
  get(@Param() params: SupportTicketIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<SupportTicketView> {
    return this.tickets.get(params.id, moment);
  }
}
