import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { CompetencyDocument } from '#projections/competence/competence-catalogue.projection.js';
import { COMPETENCE_CATALOGUE } from '#projections/competence/index.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { CompetenceCatalogueQueries } from './competence-catalogue-queries.service.js';
import { COMPETENCE_CATALOGUE_READERS, COMPETENCY_KEEPERS } from './competence-roles.js';
import {
  CompetencyIdParams,
  CompetencyListQuery,
  CompetencyPage,
  CompetencyView,
  DefineCompetencyRequest,
  DefineProficiencyScaleRequest,
  ProficiencyScaleView,
  ReviseCompetencyRequest,
} from './competencies.dto.js';
import { CompetencyCatalogueCommands } from './competency-catalogue-commands.service.js';

const NOT_FOUND = 'No such competency (NOT_FOUND).';
const CATALOGUE_NOTE = 'Competencies and the proficiency scale share one stream: `revision` and `If-Match` are those of the whole catalogue.';

@ApiTags('competence')
@Controller('competencies')
@InvalidRequest()
export class CompetenciesController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: CompetencyCatalogueCommands,
    private readonly queries: CompetenceCatalogueQueries,
  ) {}

  @Post()
  @CommandRoute(COMPETENCY_KEEPERS, {
    summary: 'Define a competency: knowledge, skill, personal quality or value',
    description: `201 with the competency's id. ${CATALOGUE_NOTE}`,
    creates: true,
    conflicts: 'A competency with this id exists (COMPETENCY_EXISTS).',
  })
  define(@Body() body: DefineCompetencyRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(this.commands.define({ ...request, competencyId: id }, context));
  }

  @Post(':id/revision')
  @CommandRoute(COMPETENCY_KEEPERS, {
    summary: 'Rename a competency or describe it again',
    description: `Its kind never changes. A revision equal to the current name and description appends nothing (position null). ${CATALOGUE_NOTE}`,
    conflicts: 'Retired (COMPETENCY_RETIRED), or dated before its last change (DATED_BEFORE_LAST_CHANGE).',
    notFound: NOT_FOUND,
  })
  revise(
    @Param() params: CompetencyIdParams,
    @Body() body: ReviseCompetencyRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.revise(params.id, body, context));
  }

  @Post(':id/retirement')
  @CommandRoute(COMPETENCY_KEEPERS, {
    summary: 'Retire a competency: no new requirement, question or assessment names it',
    description: `Profiles and assessments that name it stay as they are. ${CATALOGUE_NOTE}`,
    conflicts: 'Retired already (COMPETENCY_RETIRED), or dated before its last change (DATED_BEFORE_LAST_CHANGE).',
    notFound: NOT_FOUND,
  })
  retire(
    @Param() params: CompetencyIdParams,
    @Body() body: BusinessTimeRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.retire(params.id, body, context));
  }

  @Get()
  @ReadRoute(COMPETENCE_CATALOGUE_READERS, {
    summary: 'Competencies, in the order they were defined, a page at a time',
    description: PAGE_NOTE,
    type: CompetencyPage,
    reads: COMPETENCE_CATALOGUE,
  })
  list(@Query() query: CompetencyListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<CompetencyPage> {
    return this.queries.list<CompetencyDocument>('competency', 'definedAt', query, moment, { kind: query.kind, status: query.status });
  }

  @Get(':id')
  @ReadRoute(COMPETENCE_CATALOGUE_READERS, {
    summary: 'A competency',
    description: 'With `asOf`, as it was known then.',
    type: CompetencyView,
    reads: COMPETENCE_CATALOGUE,
    notFound: 'No such competency (at `asOf`, when given).',
  })
  get(@Param() params: CompetencyIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<CompetencyView> {
    return this.queries.get<CompetencyDocument>('competency', params.id, moment);
  }
}

@ApiTags('competence')
@Controller('proficiency-scale')
@InvalidRequest()
export class ProficiencyScaleController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: CompetencyCatalogueCommands,
    private readonly queries: CompetenceCatalogueQueries,
  ) {}

  @Post()
  @CommandRoute(COMPETENCY_KEEPERS, {
    summary: 'Define the next version of the proficiency scale: level names and the level that counts as proficient',
    description:
      'One scale for the whole company, 0-4 by default (none, basic, working, proficient, expert, can teach). It may gain ' +
      'levels but never lose one, so every level recorded stays on it. A scale equal to the current one appends nothing. ' +
      `Answers the catalogue's id, \`main\`. ${CATALOGUE_NOTE}`,
    conflicts: 'Fewer levels than now (SCALE_CANNOT_SHRINK), or dated before the current version (DATED_BEFORE_LAST_CHANGE).',
  })
  define(@Body() body: DefineProficiencyScaleRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.defineScale(body, context));
  }

  @Get()
  @ReadRoute(COMPETENCE_CATALOGUE_READERS, {
    summary: 'The proficiency scale in force',
    description:
      'A knowledge check maps its share of points onto the levels up to the proficient one, in equal bands (on the default ' +
      'scale: under 25 % none, from 25 % basic, from 50 % working, from 75 % proficient); higher levels come from an ' +
      'attestation or a manager. With `asOf`, the scale as it was known then.',
    type: ProficiencyScaleView,
    reads: COMPETENCE_CATALOGUE,
  })
  get(@Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<ProficiencyScaleView> {
    return this.queries.scale(moment);
  }
}
