import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { SectionDocument } from '#projections/organisation/organisation.projection.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { CatalogueIdParams, CatalogueReadQuery } from './catalogue.dto.js';
import { AT_LIST_NOTE, AT_NOTE, CATALOGUE_ADMINS, CATALOGUE_READERS, STRUCTURE_NOTE } from './catalogue-routes.js';
import { OrgStructureCommands } from './org-structure-commands.service.js';
import { ORGANISATION, OrganisationQueries } from './organisation-queries.service.js';
import {
  ChangeValuableFinalProductRequest,
  CreateSectionRequest,
  MoveSectionRequest,
  RenameSectionRequest,
  SectionListQuery,
  SectionPage,
  SectionView,
} from './sections.dto.js';

const NOT_FOUND = 'No such section (NOT_FOUND).';
const CHANGE_REFUSED = 'The section is closed (SECTION_CLOSED), or the change is dated before its last one (DATED_BEFORE_LAST_CHANGE).';

@ApiTags('organisation')
@Controller('sections')
@InvalidRequest()
export class SectionsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: OrgStructureCommands,
    private readonly queries: OrganisationQueries,
  ) {}

  @Post()
  @CommandRoute(CATALOGUE_ADMINS, {
    summary: 'Create a section (an org unit) with its valuable final product, at the top level or under an open section',
    description: `201 with the new section's id. An unknown parentId is a 400 naming it. ${STRUCTURE_NOTE}`,
    creates: true,
    conflicts: 'The id is taken (SECTION_EXISTS), the parent is closed (SECTION_CLOSED) or did not exist yet (SECTION_NOT_YET_CREATED).',
  })
  create(@Body() body: CreateSectionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(this.commands.createSection({ ...request, sectionId: id }, context));
  }

  @Post(':id/rename')
  @CommandRoute(CATALOGUE_ADMINS, {
    summary: 'Rename a section',
    description: `The same name appends nothing (position null). ${STRUCTURE_NOTE}`,
    conflicts: CHANGE_REFUSED,
    notFound: NOT_FOUND,
  })
  rename(
    @Param() params: CatalogueIdParams,
    @Body() body: RenameSectionRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.renameSection(params.id, body, context));
  }

  @Post(':id/valuable-final-product')
  @CommandRoute(CATALOGUE_ADMINS, {
    summary: 'Restate the valuable final product (ЦКП) of a section',
    description: `The same text appends nothing. ${STRUCTURE_NOTE}`,
    conflicts: CHANGE_REFUSED,
    notFound: NOT_FOUND,
  })
  changeValuableFinalProduct(
    @Param() params: CatalogueIdParams,
    @Body() body: ChangeValuableFinalProductRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.changeValuableFinalProduct(params.id, body, context));
  }

  @Post(':id/move')
  @CommandRoute(CATALOGUE_ADMINS, {
    summary: 'Move a section under another open section, or to the top level',
    description: `A move under the parent it has appends nothing. ${STRUCTURE_NOTE}`,
    conflicts:
      'The new parent lies within the section (SECTION_CYCLE); the section or the parent is closed (SECTION_CLOSED); ' +
      'the parent did not exist yet (SECTION_NOT_YET_CREATED); dated before the last change (DATED_BEFORE_LAST_CHANGE).',
    notFound: NOT_FOUND,
  })
  move(@Param() params: CatalogueIdParams, @Body() body: MoveSectionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.moveSection(params.id, body, context));
  }

  @Post(':id/closure')
  @CommandRoute(CATALOGUE_ADMINS, {
    summary: 'Close a section that is empty from the closing date on',
    description: `No open sub-section, active product or employee may be left in it. ${STRUCTURE_NOTE}`,
    conflicts: 'SECTION_HAS_OPEN_SUBSECTIONS, SECTION_HAS_ACTIVE_PRODUCTS, SECTION_HAS_EMPLOYEES, SECTION_CLOSED or DATED_BEFORE_LAST_CHANGE.',
    notFound: NOT_FOUND,
    readsModels: true,
  })
  async close(@Param() params: CatalogueIdParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.closeSection(params.id, body, context));
  }

  @Get()
  @ReadRoute(CATALOGUE_READERS, {
    summary: 'Sections, in the order they were created, a page at a time',
    description: AT_LIST_NOTE,
    type: SectionPage,
    reads: ORGANISATION,
  })
  list(@Query() query: SectionListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<SectionPage> {
    const { parentId, status } = query;
    return this.queries.list<SectionDocument>('section', query, moment, { parentId, status });
  }

  @Get(':id')
  @ReadRoute(CATALOGUE_READERS, {
    summary: 'A section with its effective-dated history',
    description: AT_NOTE,
    type: SectionView,
    reads: ORGANISATION,
    notFound: 'No such section (at `at` or `asOf`, when given).',
  })
  get(@Param() params: CatalogueIdParams, @Query() query: CatalogueReadQuery, @ReadMoment() moment: ResolvedAsOf): Promise<SectionView> {
    return this.queries.get<SectionDocument>('section', params.id, query, moment);
  }
}
