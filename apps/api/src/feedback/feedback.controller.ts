import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { Role } from '#domain/access/index.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { CommandRoute, InvalidRequest } from '../platform/route-docs.js';
import { FeedbackCommands } from './feedback-commands.service.js';
import { CloseComplaintRequest, ComplaintIdParams, RecordComplaintRequest, RecordThanksRequest } from './feedback.dto.js';

/** The staff who hear from clients, in client care and on the support desk, record what they hear. */
const RECORDERS: [Role, ...Role[]] = ['care-agent', 'care-lead', 'support-agent', 'support-lead'];
/** Ruling on a complaint, often about a colleague, is for the leads. */
const CLOSERS: [Role, ...Role[]] = ['care-lead', 'support-lead'];

@ApiTags('feedback')
@Controller('feedback')
@InvalidRequest()
export class FeedbackController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: FeedbackCommands,
  ) {}

  @Post('thanks')
  @CommandRoute(RECORDERS, {
    summary: 'Record a thank-you from a client or a colleague, about an employee, a product or a section',
    description: "201 with the new thank-you's id.",
    creates: true,
    conflicts: 'A thank-you with this id is recorded already (THANKS_EXISTS).',
  })
  recordThanks(@Body() body: RecordThanksRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(this.commands.recordThanks({ ...request, thanksId: id }, context));
  }

  @Post('complaints')
  @CommandRoute(RECORDERS, {
    summary: 'Record a complaint from a client or a colleague, about an employee, a product or a section',
    description: "201 with the new complaint's id. It may name the care case or support ticket it is about.",
    creates: true,
    conflicts: 'A complaint with this id is recorded already (COMPLAINT_EXISTS).',
  })
  recordComplaint(@Body() body: RecordComplaintRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(this.commands.recordComplaint({ ...request, complaintId: id }, context));
  }

  @Post('complaints/:id/closing')
  @CommandRoute(CLOSERS, {
    summary: 'Close a complaint with its outcome: upheld, rejected or resolved',
    description: 'Once. A complaint about an employee is closed by another one: never by the employee it is about.',
    conflicts:
      'Closed already (COMPLAINT_CLOSED), dated before it was received (DATED_BEFORE_RECEIPT), about the closing employee ' +
      '(SELF_RULING), or about an employee while the key names none (ACTOR_NOT_AN_EMPLOYEE).',
    notFound: 'No such complaint (NOT_FOUND).',
  })
  closeComplaint(
    @Param() params: ComplaintIdParams,
    @Body() body: CloseComplaintRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.closeComplaint(params.id, body, caller, context));
  }
}
