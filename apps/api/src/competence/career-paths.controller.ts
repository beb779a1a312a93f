import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { CareerPathDocument } from '#projections/competence/competence-catalogue.projection.js';
import { COMPETENCE_CATALOGUE } from '#projections/competence/index.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { CareerPathCommands } from './career-path-commands.service.js';
import {
  CareerPathIdParams,
  CareerPathListQuery,
  CareerPathPage,
  CareerPathView,
  DefineCareerPathRequest,
  ReviseCareerPathRequest,
} from './career-paths.dto.js';
import { CompetenceCatalogueQueries } from './competence-catalogue-queries.service.js';
import { COMPETENCE_CATALOGUE_READERS, PROFILE_KEEPERS } from './competence-roles.js';

const NOT_FOUND = 'No such career path (NOT_FOUND).';
const DATED = 'or dated before its last change (DATED_BEFORE_LAST_CHANGE)';

@ApiTags('competence')
@Controller('career-paths')
@InvalidRequest('A competency or position the catalogues do not have is a 400 naming it.')
export class CareerPathsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: CareerPathCommands,
    private readonly queries: CompetenceCatalogueQueries,
  ) {}

  @Post()
  @CommandRoute(PROFILE_KEEPERS, {
    summary: 'Define a career path: the minimum for moving from one position to another',
    description:
      'Between support lines, into another department, or up to lead. Basis `minimum` lists its own requirements; ' +
      "`target-profile` follows the target position's profile in force, whatever version that is. 201 with the path's id.",
    creates: true,
    conflicts: 'A path with this id exists (CAREER_PATH_EXISTS), or a position (POSITION_RETIRED) or competency (COMPETENCY_RETIRED) is retired.',
    readsModels: true,
  })
  async define(@Body() body: DefineCareerPathRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.define({ ...request, pathId: id }, context));
  }

  @Post(':id/revision')
  @CommandRoute(PROFILE_KEEPERS, {
    summary: 'Set the minimum of a path of basis minimum',
    description: 'Everyone working along the path is measured against it from then on. The same minimum appends nothing.',
    conflicts: `The path follows its target's profile (PATH_FOLLOWS_TARGET_PROFILE), is retired (CAREER_PATH_RETIRED), a competency is retired (COMPETENCY_RETIRED), ${DATED}.`,
    notFound: NOT_FOUND,
  })
  async revise(
    @Param() params: CareerPathIdParams,
    @Body() body: ReviseCareerPathRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.revise(params.id, body, context));
  }

  @Post(':id/retirement')
  @CommandRoute(PROFILE_KEEPERS, {
    summary: 'Retire a path: the employees working along it have no career target from then on',
    conflicts: `Retired already (CAREER_PATH_RETIRED), ${DATED}.`,
    notFound: NOT_FOUND,
  })
  retire(
    @Param() params: CareerPathIdParams,
    @Body() body: BusinessTimeRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.retire(params.id, body, context));
  }

  @Get()
  @ReadRoute(COMPETENCE_CATALOGUE_READERS, {
    summary: 'Career paths, in the order they were defined, a page at a time',
    description: PAGE_NOTE,
    type: CareerPathPage,
    reads: COMPETENCE_CATALOGUE,
  })
  list(@Query() query: CareerPathListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<CareerPathPage> {
    const { fromPositionId, toPositionId, status } = query;
    return this.queries.list<CareerPathDocument>('careerPath', 'definedAt', query, moment, { fromPositionId, toPositionId, status });
  }

  @Get(':id')
  @ReadRoute(COMPETENCE_CATALOGUE_READERS, {
    summary: 'A career path',
    description: 'With `asOf`, as it was known then.',
    type: CareerPathView,
    reads: COMPETENCE_CATALOGUE,
    notFound: 'No such career path (at `asOf`, when given).',
  })
  get(@Param() params: CareerPathIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<CareerPathView> {
    return this.queries.get<CareerPathDocument>('careerPath', params.id, moment);
  }
}
