import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import { EVERY_READ_MODEL } from '../platform/read-pipeline.js';
import { MinPositionQuery } from '../platform/read-your-writes.js';
import { CommandRoute, InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { CHAIR, COUNCIL_READERS, MEMBERS } from './council-roles.js';
import { CouncilQueries } from './council-queries.service.js';
import { ProgramCommands } from './program-commands.service.js';
import { ActionParams, CancelActionRequest, CreateProgramRequest, PlanActionRequest, ProgramParams, ProgramView, RescheduleActionRequest } from './programs.dto.js';

const NO_PROGRAM = 'No such program (NOT_FOUND).';

@ApiTags('improvement-programs')
@Controller('improvement-programs')
@InvalidRequest()
export class ImprovementProgramsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: ProgramCommands,
    private readonly queries: CouncilQueries,
  ) {}

  @Post()
  @CommandRoute(CHAIR, {
    summary: 'Create an improvement program from an adopted decision, with goals on indicators of the metrics pack',
    description: "Each goal's baseline is its indicator in the pack the decision was based on.",
    creates: true,
    conflicts: 'The decision was rejected (DECISION_NOT_ADOPTED), or the program exists (PROGRAM_EXISTS).',
    notFound: 'No such decision (NOT_FOUND).',
    readsModels: true,
  })
  async create(@Body() body: CreateProgramRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.create(body, context));
  }

  @Get(':id')
  @ReadRoute(COUNCIL_READERS, {
    summary: 'A program: goals with their live progress, actions, effectiveness check',
    description: 'Progress compares each goal with its indicator in the current week, as known now.',
    type: ProgramView,
    reads: EVERY_READ_MODEL,
    notFound: NO_PROGRAM,
  })
  program(@Param() params: ProgramParams, @Query() _query: MinPositionQuery): Promise<ProgramView> {
    return this.queries.program(params.id);
  }

  @Post(':id/actions')
  @CommandRoute(CHAIR, {
    summary: 'Plan an action: an owner, a deadline and completion criteria',
    description: "Answers the action's id. Actions past their deadline surface on the next meeting's agenda.",
    creates: true,
    conflicts: 'The program is closed (PROGRAM_CLOSED), or the action exists (ACTION_EXISTS).',
    notFound: NO_PROGRAM,
  })
  plan(@Param() params: ProgramParams, @Body() body: PlanActionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.plan(params.id, body, context));
  }

  @Post(':id/actions/:actionId/completion')
  @CommandRoute(MEMBERS, {
    summary: 'Record that an action met its completion criteria',
    conflicts: 'Completed (ACTION_COMPLETED) or cancelled (ACTION_CANCELLED) already, or the program is closed (PROGRAM_CLOSED).',
    notFound: 'No such program or action (NOT_FOUND).',
  })
  complete(@Param() params: ActionParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.complete(params.id, params.actionId, body, context));
  }

  @Post(':id/actions/:actionId/rescheduling')
  @CommandRoute(MEMBERS, {
    summary: 'Move the deadline of an open action, with the reason',
    description: 'The earlier deadlines stay in the action\'s `reschedules`; the agenda follows the new one.',
    conflicts:
      'Completed (ACTION_COMPLETED) or cancelled (ACTION_CANCELLED) already, due that day already (ACTION_DEADLINE_UNCHANGED), ' +
      'or the program is closed (PROGRAM_CLOSED).',
    notFound: 'No such program or action (NOT_FOUND).',
  })
  reschedule(@Param() params: ActionParams, @Body() body: RescheduleActionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.reschedule(params.id, params.actionId, body, context));
  }

  @Post(':id/actions/:actionId/cancellation')
  @CommandRoute(MEMBERS, {
    summary: 'Cancel an open action, with the reason',
    description: 'A cancelled action is neither open nor overdue on the agenda, and takes no completion.',
    conflicts: 'Completed (ACTION_COMPLETED) or cancelled (ACTION_CANCELLED) already, or the program is closed (PROGRAM_CLOSED).',
    notFound: 'No such program or action (NOT_FOUND).',
  })
  cancel(@Param() params: ActionParams, @Body() body: CancelActionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.cancel(params.id, params.actionId, body, context));
  }

  @Post(':id/effectiveness-check')
  @CommandRoute(CHAIR, {
    summary: 'Check effectiveness: each goal’s indicator before (baseline) and after (current week, as known now)',
    conflicts: 'The program is closed (PROGRAM_CLOSED).',
    notFound: NO_PROGRAM,
    readsModels: true,
  })
  async check(@Param() params: ProgramParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.checkEffectiveness(params.id, body, context));
  }

  @Post(':id/closing')
  @CommandRoute(CHAIR, {
    summary: 'Close the program',
    conflicts: 'No effectiveness check yet (EFFECTIVENESS_NOT_CHECKED), or closed already (PROGRAM_CLOSED).',
    notFound: NO_PROGRAM,
  })
  close(@Param() params: ProgramParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.close(params.id, body, context));
  }
}
