import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { webinars } from '#projections/training/webinars.projection.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { GroupTrainingCommands } from './group-training-commands.service.js';
import { CorrectWebinarRequest, RecordWebinarRequest, WebinarIdParams, WebinarListQuery, WebinarPage, WebinarView } from './group-training.dto.js';
import { GroupTrainingQueries } from './group-training-queries.service.js';
import { TRAINERS, TRAINING_READERS } from './training-roles.js';

@ApiTags('webinars')
@Controller('webinars')
@InvalidRequest()
export class WebinarsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: GroupTrainingCommands,
    private readonly queries: GroupTrainingQueries,
  ) {}

  @Post()
  @CommandRoute(TRAINERS, {
    summary: 'Record a webinar a trainer ran: attendees and buyers, for the trainer KPI (conversion, target 30 %)',
    description: "201 with the webinar's id. Its business time is when it was held. The trainer must be in the organisation catalogue.",
    creates: true,
    conflicts: 'The id is taken (WEBINAR_EXISTS).',
    readsModels: true,
  })
  async record(@Body() body: RecordWebinarRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.recordWebinar({ ...request, webinarId: id }, context));
  }

  @Post(':id/correction')
  @CommandRoute(TRAINERS, {
    summary: "Correct a webinar's counts; the metric takes the previous counts back at the webinar's date",
    description: 'Counts equal to those recorded append nothing (position null).',
    conflicts: 'Dated before the webinar (DATED_BEFORE_WEBINAR).',
    notFound: 'No such webinar (NOT_FOUND).',
  })
  correct(@Param() params: WebinarIdParams, @Body() body: CorrectWebinarRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.correctWebinar(params.id, body, context));
  }

  @Get()
  @ReadRoute(TRAINING_READERS, {
    summary: 'Webinars with their conversion, earliest first, a page at a time',
    description: `Filter by trainer. ${PAGE_NOTE}`,
    type: WebinarPage,
    reads: webinars.name,
  })
  list(@Query() query: WebinarListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<WebinarPage> {
    return this.queries.webinars(query, moment);
  }

  @Get(':id')
  @ReadRoute(TRAINING_READERS, {
    summary: 'A webinar with its counts, conversion and corrections',
    description: 'With `asOf`, as it was known then.',
    type: WebinarView,
    reads: webinars.name,
    notFound: 'No such webinar (at `asOf`, when given).',
  })
  get(@Param() params: WebinarIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<WebinarView> {
    return this.queries.webinar(params.id, moment);
  }
}
