import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { PositionDocument } from '#projections/organisation/organisation.projection.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { CatalogueIdParams, CatalogueReadQuery } from './catalogue.dto.js';
import { AT_LIST_NOTE, AT_NOTE, CATALOGUE_READERS, STAFF_MANAGERS, STRUCTURE_NOTE } from './catalogue-routes.js';
import { OrgStructureCommands } from './org-structure-commands.service.js';
import { ORGANISATION, OrganisationQueries } from './organisation-queries.service.js';
import { CreatePositionRequest, PositionListQuery, PositionPage, PositionView, RenamePositionRequest } from './positions.dto.js';

const NOT_FOUND = 'No such position (NOT_FOUND).';

@ApiTags('organisation')
@Controller('positions')
@InvalidRequest()
export class PositionsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: OrgStructureCommands,
    private readonly queries: OrganisationQueries,
  ) {}

  @Post()
  @CommandRoute(STAFF_MANAGERS, {
    summary: 'Create a position, of an open section or of the whole company',
    description: `201 with the new position's id. An unknown sectionId is a 400 naming it. ${STRUCTURE_NOTE}`,
    creates: true,
    conflicts: 'The id is taken (POSITION_EXISTS); the section is closed (SECTION_CLOSED) or did not exist yet (SECTION_NOT_YET_CREATED).',
  })
  create(@Body() body: CreatePositionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(this.commands.createPosition({ ...request, positionId: id }, context));
  }

  @Post(':id/rename')
  @CommandRoute(STAFF_MANAGERS, {
    summary: 'Give a position a new title',
    description: `The same title appends nothing. ${STRUCTURE_NOTE}`,
    conflicts: 'The position is retired (POSITION_RETIRED), or DATED_BEFORE_LAST_CHANGE.',
    notFound: NOT_FOUND,
  })
  rename(
    @Param() params: CatalogueIdParams,
    @Body() body: RenamePositionRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.renamePosition(params.id, body, context));
  }

  @Post(':id/retirement')
  @CommandRoute(STAFF_MANAGERS, {
    summary: 'Retire a position nobody holds from the retirement date on',
    description: STRUCTURE_NOTE,
    conflicts: 'Still held (POSITION_HELD), already retired (POSITION_RETIRED), or DATED_BEFORE_LAST_CHANGE.',
    notFound: NOT_FOUND,
    readsModels: true,
  })
  async retire(@Param() params: CatalogueIdParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.retirePosition(params.id, body, context));
  }

  @Get()
  @ReadRoute(CATALOGUE_READERS, {
    summary: 'Positions, in the order they were created, a page at a time',
    description: AT_LIST_NOTE,
    type: PositionPage,
    reads: ORGANISATION,
  })
  list(@Query() query: PositionListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<PositionPage> {
    const { sectionId, status } = query;
    return this.queries.list<PositionDocument>('position', query, moment, { sectionId, status });
  }

  @Get(':id')
  @ReadRoute(CATALOGUE_READERS, {
    summary: 'A position with its effective-dated history',
    description: AT_NOTE,
    type: PositionView,
    reads: ORGANISATION,
    notFound: 'No such position (at `at` or `asOf`, when given).',
  })
  get(@Param() params: CatalogueIdParams, @Query() query: CatalogueReadQuery, @ReadMoment() moment: ResolvedAsOf): Promise<PositionView> {
    return this.queries.get<PositionDocument>('position', params.id, query, moment);
  }
}
