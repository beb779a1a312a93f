import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { JobProfileDocument } from '#projections/competence/competence-catalogue.projection.js';
import { COMPETENCE_CATALOGUE } from '#projections/competence/index.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { BusinessTimeRequest, PageQuery } from '../platform/dto-fields.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { CompetenceCatalogueQueries } from './competence-catalogue-queries.service.js';
import { COMPETENCE_CATALOGUE_READERS, PROFILE_KEEPERS } from './competence-roles.js';
import { JobProfileCommands } from './job-profile-commands.service.js';
import { DraftJobProfileRequest, JobProfilePage, JobProfileView, PositionIdParams } from './job-profiles.dto.js';

const POSITION_NOTE = 'The position must be in the organisation catalogue: an unknown one is a 400 naming `positionId`.';

@ApiTags('competence')
@Controller('job-profiles')
@InvalidRequest('A competency the catalogue does not have is a 400 naming it (`skills.0.competencyId`).')
export class JobProfilesController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: JobProfileCommands,
    private readonly queries: CompetenceCatalogueQueries,
  ) {}

  @Post(':positionId/draft')
  @CommandRoute(PROFILE_KEEPERS, {
    summary: "Set the draft of a position's job profile: the seven sections in full",
    description:
      'General and subject knowledge, skills, personal qualities and values list competencies of their kind, each with a ' +
      'required level and a weight, each competency once; duties are text; areas of responsibility carry their KPIs. The ' +
      'first draft after an approval opens the next version; later drafts replace it. A draft equal to the open one ' +
      `appends nothing. Answers the position's id. ${POSITION_NOTE}`,
    conflicts:
      'The position is retired (POSITION_RETIRED), a competency is retired (COMPETENCY_RETIRED) or in the section of another ' +
      'kind (COMPETENCY_KIND_MISMATCH), or the draft is dated before the last change (DATED_BEFORE_LAST_CHANGE).',
    readsModels: true,
  })
  async draft(
    @Param() params: PositionIdParams,
    @Body() body: DraftJobProfileRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.draft(params.positionId, body, context));
  }

  @Post(':positionId/approval')
  @CommandRoute(PROFILE_KEEPERS, {
    summary: 'Approve the draft: JobProfileApproved, the version in force from the approval’s business date',
    description: `Everyone holding the position is measured against it from then on (skill gaps). ${POSITION_NOTE}`,
    conflicts:
      'No draft (NO_JOB_PROFILE_DRAFT), a draft requiring no competency (EMPTY_JOB_PROFILE), a retired position ' +
      '(POSITION_RETIRED) or competency (COMPETENCY_RETIRED), or dated before the last change (DATED_BEFORE_LAST_CHANGE).',
    readsModels: true,
  })
  async approve(
    @Param() params: PositionIdParams,
    @Body() body: BusinessTimeRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.approve(params.positionId, body, context));
  }

  @Get()
  @ReadRoute(COMPETENCE_CATALOGUE_READERS, {
    summary: 'Job profiles, by position id, a page at a time',
    description: PAGE_NOTE,
    type: JobProfilePage,
    reads: COMPETENCE_CATALOGUE,
  })
  list(@Query() query: PageQuery, @ReadMoment() moment: ResolvedAsOf): Promise<JobProfilePage> {
    return this.queries.list<JobProfileDocument>('jobProfile', 'id', query, moment, {});
  }

  @Get(':positionId')
  @ReadRoute(COMPETENCE_CATALOGUE_READERS, {
    summary: 'The job profile of a position: the version in force, the open draft, every approved version',
    description: 'With `asOf`, as it was known then.',
    type: JobProfileView,
    reads: COMPETENCE_CATALOGUE,
    notFound: 'The position has no profile (at `asOf`, when given).',
  })
  get(@Param() params: PositionIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<JobProfileView> {
    return this.queries.get<JobProfileDocument>('jobProfile', params.positionId, moment);
  }
}
