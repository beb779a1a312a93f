import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { COUNCIL } from '#projections/council/council.projection.js';
import { AsOfQuery, namedMoment, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, FileReadRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { ActionPlans } from './action-plans.service.js';
import { CHAIR, COUNCIL_READERS, MEMBERS } from './council-roles.js';
import { CouncilQueries } from './council-queries.service.js';
import { ProgramCommands } from './program-commands.service.js';
import {
  ActionParams,
  CancelActionRequest,
  CompleteDocumentChangeRequest,
  CreateProgramRequest,
  DocumentChangeParams,
  ListStandardsRequest,
  PlanActionRequest,
  PlanDocumentChangeRequest,
  PlanStageRequest,
  ProgramListQuery,
  ProgramPage,
  ProgramParams,
  ProgramView,
  RecordTrainingNeedRequest,
  RescheduleActionRequest,
} from './programs.dto.js';

const NO_PROGRAM = 'No such program (NOT_FOUND).';
const CLOSED = 'the program is closed (PROGRAM_CLOSED)';
const MARKDOWN = 'text/markdown';

@ApiTags('improvement-programs')
@Controller('improvement-programs')
@InvalidRequest()
export class ImprovementProgramsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: ProgramCommands,
    private readonly queries: CouncilQueries,
    private readonly plans: ActionPlans,
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

  @Get()
  @ReadRoute(COUNCIL_READERS, {
    summary: 'The programs, earliest created first: goals with their live progress, and their actions counted',
    description:
      'Progress compares each goal with its indicator in the current week, as known now; overdue actions are open past their ' +
      'deadline today. With `asOf`, as known then: programs created later are absent, each goal is beside its indicator in the ' +
      `week holding that moment, and overdue is counted on its day. ${PAGE_NOTE}`,
    type: ProgramPage,
    reads: COUNCIL,
  })
  programs(@Query() query: ProgramListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<ProgramPage> {
    return this.queries.programs(query, moment);
  }

  @Get(':id')
  @ReadRoute(COUNCIL_READERS, {
    summary: 'A program: goals with their live progress, actions, effectiveness check',
    description:
      'Progress compares each goal with its indicator in the current week, as known now. With `asOf`, the program as ' +
      'it was known then, each goal beside its indicator in the week holding that moment (the current week for a position), as known then.',
    type: ProgramView,
    reads: COUNCIL,
    notFound: NO_PROGRAM,
  })
  program(@Param() params: ProgramParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<ProgramView> {
    return this.queries.program(params.id, namedMoment(moment));
  }

  @Get(':id/plan.md')
  @FileReadRoute(COUNCIL_READERS, MARKDOWN, {
    summary: 'The plan of measures as a printable Markdown document',
    description:
      'In the order of the action-plan format: the standards to apply, the training needs, ' +
      'the stages with their actions (each with its owner, deadline, completion criteria and status; a moved deadline ' +
      'with the earlier ones and their reasons, a cancelled action with its reason) and the documents to change. ' +
      'Names are those the catalogues gave the ids at the same moment. With `asOf`, as it was known then.',
    file: 'The plan, CommonMark with GFM tables.',
    reads: COUNCIL,
    notFound: 'No such program (at `asOf`, when given).',
  })
  printable(@Param() params: ProgramParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<string> {
    return this.plans.markdown(params.id, moment);
  }

  @Post(':id/stages')
  @CommandRoute(CHAIR, {
    summary: 'Plan a stage of the program: its actions follow in it',
    description: "Answers the stage's id. Stages come in the order they were planned.",
    creates: true,
    conflicts: `The stage exists (STAGE_EXISTS), or ${CLOSED}.`,
    notFound: NO_PROGRAM,
  })
  planStage(@Param() params: ProgramParams, @Body() body: PlanStageRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.planStage(params.id, body, context));
  }

  @Post(':id/standards')
  @CommandRoute(CHAIR, {
    summary: 'List the standards the program applies',
    description: 'The whole list, replacing the one before; the same list appends nothing. Each must be a current standard (400 naming it otherwise).',
    conflicts: 'The program is closed (PROGRAM_CLOSED).',
    notFound: NO_PROGRAM,
    readsModels: true,
  })
  async listStandards(@Param() params: ProgramParams, @Body() body: ListStandardsRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.listStandards(params.id, body, context));
  }

  @Post(':id/training-needs')
  @CommandRoute(CHAIR, {
    summary: 'Record a training need: a competency some employees must learn by a day',
    description:
      "Answers the need's id. Positions stand for the employees who hold them now or from a later day on. Each employee " +
      'then gets an individual training plan, proposed with one item on the competency due on that day, whose trigger names ' +
      'the program and the need; it is approved like any proposed plan. An unknown competency, employee or position is a 400 naming it.',
    creates: true,
    conflicts: `The need exists (TRAINING_NEED_EXISTS), the competency is retired (COMPETENCY_RETIRED), nobody holds the positions named and no employee is named (NO_EMPLOYEES_TO_TRAIN), or ${CLOSED}.`,
    notFound: NO_PROGRAM,
    readsModels: true,
  })
  async recordTrainingNeed(@Param() params: ProgramParams, @Body() body: RecordTrainingNeedRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.recordTrainingNeed(params.id, body, context));
  }

  @Post(':id/document-changes')
  @CommandRoute(CHAIR, {
    summary: 'Plan a change to a knowledge-base material (a regulation) or a standard: what, by whom, by when',
    description: "Answers the change's id. The document must be current (400 naming `document.id` otherwise); the plan records its current version.",
    creates: true,
    conflicts: `The change exists (DOCUMENT_CHANGE_EXISTS), or ${CLOSED}.`,
    notFound: NO_PROGRAM,
  })
  async planDocumentChange(@Param() params: ProgramParams, @Body() body: PlanDocumentChangeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.planDocumentChange(params.id, body, context));
  }

  @Post(':id/document-changes/:changeId/completion')
  @CommandRoute(MEMBERS, {
    summary: 'Record that a planned document change is made, with the version that carries it',
    description: 'A `version` the document has not published is a 400.',
    conflicts: `Completed already (DOCUMENT_CHANGE_COMPLETED), the version is not later than the one planned against (DOCUMENT_VERSION_NOT_NEWER), or ${CLOSED}.`,
    notFound: 'No such program or document change (NOT_FOUND).',
  })
  async completeDocumentChange(
    @Param() params: DocumentChangeParams,
    @Body() body: CompleteDocumentChangeRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.completeDocumentChange(params.id, params.changeId, body, context));
  }

  @Post(':id/actions')
  @CommandRoute(CHAIR, {
    summary: 'Plan an action: an owner, a deadline and completion criteria, in a stage of the program',
    description: "Answers the action's id. Actions past their deadline surface on the next meeting's agenda. A `stageId` the program has not planned is a 400.",
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
