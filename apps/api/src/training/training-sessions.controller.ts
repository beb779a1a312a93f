import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { trainingSessions } from '#projections/training/training-sessions.projection.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { GroupTrainingCommands } from './group-training-commands.service.js';
import {
  AttendanceRequest,
  CancelSessionRequest,
  ScheduleSessionRequest,
  SessionIdParams,
  TrainingSessionListQuery,
  TrainingSessionPage,
  TrainingSessionView,
} from './group-training.dto.js';
import { GroupTrainingQueries } from './group-training-queries.service.js';
import { TRAINERS, TRAINING_READERS } from './training-roles.js';

const NOT_FOUND = 'No such training session (NOT_FOUND).';

@ApiTags('training-sessions')
@Controller('training-sessions')
@InvalidRequest()
export class TrainingSessionsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: GroupTrainingCommands,
    private readonly queries: GroupTrainingQueries,
  ) {}

  @Post()
  @CommandRoute(TRAINERS, {
    summary: 'Schedule a group training session: internal for everyone, by an outside trainer, or a bought course',
    description: "201 with the session's id. An internal session's trainer must be in the organisation catalogue.",
    creates: true,
    conflicts: 'The id is taken (SESSION_EXISTS).',
    readsModels: true,
  })
  async schedule(@Body() body: ScheduleSessionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.schedule({ ...request, sessionId: id }, context));
  }

  @Post(':id/attendance')
  @CommandRoute(TRAINERS, {
    summary: 'Record who attended, per employee; a later record corrects an earlier one',
    description:
      'Once the session has started. Only the entries that change are recorded; none changing appends nothing. Every ' +
      'employee must be in the organisation catalogue: their section is recorded with the attendance.',
    conflicts: 'The session is cancelled (SESSION_CANCELLED) or has not started yet (SESSION_NOT_STARTED).',
    notFound: NOT_FOUND,
    readsModels: true,
  })
  async recordAttendance(
    @Param() params: SessionIdParams,
    @Body() body: AttendanceRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.recordAttendance(params.id, body, context));
  }

  @Post(':id/cancellation')
  @CommandRoute(TRAINERS, {
    summary: 'Cancel a session nobody attended; its cost is taken back',
    conflicts: 'Cancelled already (SESSION_CANCELLED), or it took place: attendees are recorded (SESSION_HELD).',
    notFound: NOT_FOUND,
  })
  cancel(@Param() params: SessionIdParams, @Body() body: CancelSessionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.cancelSession(params.id, body, context));
  }

  @Get()
  @ReadRoute(TRAINING_READERS, {
    summary: 'Training sessions, earliest start first, a page at a time',
    description: `Filter by kind, status and trainer. ${PAGE_NOTE}`,
    type: TrainingSessionPage,
    reads: trainingSessions.name,
  })
  list(@Query() query: TrainingSessionListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<TrainingSessionPage> {
    return this.queries.sessions(query, moment);
  }

  @Get(':id')
  @ReadRoute(TRAINING_READERS, {
    summary: 'A training session with its attendance',
    description: 'With `asOf`, as it was known then.',
    type: TrainingSessionView,
    reads: trainingSessions.name,
    notFound: 'No such training session (at `asOf`, when given).',
  })
  get(@Param() params: SessionIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<TrainingSessionView> {
    return this.queries.session(params.id, moment);
  }
}
