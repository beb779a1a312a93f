import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { TrainingPlanCommands } from './training-plan-commands.service.js';
import { TRAINING_PLANS, TrainingPlanQueries } from './training-plan-queries.service.js';
import {
  CancelPlanRequest,
  CompleteTrainingRequest,
  OverduePlansPage,
  OverduePlansQuery,
  PlanEffectivenessView,
  PlanIdParams,
  PlanItemParams,
  RevisePlanRequest,
  TrainingPlanListQuery,
  TrainingPlanPage,
  TrainingPlanView,
} from './training-plans.dto.js';
import { EMPLOYEE_READERS, PLAN_APPROVERS, TRAINERS, TRAINING_READERS } from './training-roles.js';

const NOT_FOUND = 'No such training plan (NOT_FOUND).';
const CLOSED = 'The plan is completed or cancelled (PLAN_CLOSED), or the command is dated before its last change (DATED_BEFORE_LAST_CHANGE).';
const OWN_ONLY = 'A key with the employee role only reads the plans of the employee it belongs to: 403 for anyone else\'s.';

@ApiTags('training-plans')
@Controller('training-plans')
@InvalidRequest()
export class TrainingPlansController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: TrainingPlanCommands,
    private readonly queries: TrainingPlanQueries,
  ) {}

  @Post(':id/revision')
  @CommandRoute(TRAINERS, {
    summary: 'Edit the items of a proposed plan: the whole new list',
    description:
      'Plans are proposed automatically when an assessment opens a gap; the trainer settles their items before approval. ' +
      'Materials, sessions and mentors must exist (400 naming the item field otherwise). An unchanged list appends nothing.',
    conflicts: `The plan is approved (PLAN_APPROVED). ${CLOSED}`,
    notFound: NOT_FOUND,
    readsModels: true,
  })
  async revise(@Param() params: PlanIdParams, @Body() body: RevisePlanRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.revise(params.id, body, context));
  }

  @Post(':id/approval')
  @CommandRoute(PLAN_APPROVERS, {
    summary: 'Approve a proposed plan: its items can be completed from now on',
    description: 'By a trainer or a manager (hr), never by the employee the plan is for.',
    conflicts: `Approved already (PLAN_APPROVED), or the approver is the employee (SELF_APPROVAL). ${CLOSED}`,
    notFound: NOT_FOUND,
  })
  approve(
    @Param() params: PlanIdParams,
    @Body() body: BusinessTimeRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.approve(params.id, body, caller, context));
  }

  @Post(':id/items/:itemId/completion')
  @CommandRoute(TRAINERS, {
    summary: 'Record an item of the plan as done (TrainingCompleted), optionally with a score',
    description:
      'On time when done by its due day. The last item completes the plan and schedules the re-assessment of its ' +
      'competencies, which tells whether the gaps closed.',
    conflicts: `Not approved yet (PLAN_NOT_APPROVED), or the item is done (ITEM_ALREADY_COMPLETED). ${CLOSED}`,
    notFound: 'No such training plan, or no such item in it (NOT_FOUND).',
  })
  complete(
    @Param() params: PlanItemParams,
    @Body() body: CompleteTrainingRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.complete(params.id, params.itemId, body, context));
  }

  @Post(':id/cancellation')
  @CommandRoute(TRAINERS, {
    summary: 'Cancel an open plan, with the reason',
    description: 'An approved plan cancelled is no longer counted as due in the plan metrics.',
    conflicts: CLOSED,
    notFound: NOT_FOUND,
  })
  cancel(@Param() params: PlanIdParams, @Body() body: CancelPlanRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.cancel(params.id, body, context));
  }

  @Get()
  @ReadRoute(EMPLOYEE_READERS, {
    summary: 'Individual training plans, oldest proposal first, a page at a time',
    description: `Filter by employee, status and section. ${OWN_ONLY} ${PAGE_NOTE}`,
    type: TrainingPlanPage,
    reads: TRAINING_PLANS,
  })
  list(@Query() query: TrainingPlanListQuery, @ReadMoment() moment: ResolvedAsOf, @Caller() caller: Principal): Promise<TrainingPlanPage> {
    return this.queries.list(query, moment, caller);
  }

  @Get('overdue')
  @ReadRoute(TRAINING_READERS, {
    summary: 'Overdue training: approved plans with items not done by their due day, as of `at` (default today)',
    description: `Each plan with its overdue items. ${PAGE_NOTE}`,
    type: OverduePlansPage,
    reads: TRAINING_PLANS,
  })
  overdue(@Query() query: OverduePlansQuery, @ReadMoment() moment: ResolvedAsOf): Promise<OverduePlansPage> {
    return this.queries.overdue(query, moment);
  }

  @Get(':id')
  @ReadRoute(EMPLOYEE_READERS, {
    summary: 'A training plan with its gaps, items and their completion',
    description: `With \`asOf\`, as it was known then. ${OWN_ONLY}`,
    type: TrainingPlanView,
    reads: TRAINING_PLANS,
    notFound: 'No such training plan (at `asOf`, when given).',
  })
  get(
    @Param() params: PlanIdParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
    @Caller() caller: Principal,
  ): Promise<TrainingPlanView> {
    return this.queries.get(params.id, moment, caller);
  }

  @Get(':id/effectiveness')
  @ReadRoute(EMPLOYEE_READERS, {
    summary: 'Whether the plan closed its gaps: each starting gap against the latest validated level after the plan',
    description:
      'From the skill gaps of the employee, as known at the same position as the plan. A gap is re-assessed when its ' +
      `level was assessed at or after the plan's completion, and closed when that level meets what was required. ${OWN_ONLY}`,
    type: PlanEffectivenessView,
    reads: TRAINING_PLANS,
    notFound: 'No such training plan (at `asOf`, when given).',
  })
  effectiveness(
    @Param() params: PlanIdParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
    @Caller() caller: Principal,
  ): Promise<PlanEffectivenessView> {
    return this.queries.effectiveness(params.id, moment, caller);
  }
}
