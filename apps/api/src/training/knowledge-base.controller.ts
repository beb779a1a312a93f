import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { KnowledgeBaseCommands } from './knowledge-base-commands.service.js';
import {
  AcknowledgeRegulationRequest,
  ChangeMaterialOwnerRequest,
  MaterialIdParams,
  MaterialListQuery,
  MaterialPage,
  MaterialVersionParams,
  MaterialVersionView,
  MaterialView,
  PublishMaterialRequest,
  RetireMaterialRequest,
  ReviewMaterialRequest,
  ReviseMaterialRequest,
  StaleMaterialPage,
  StaleMaterialQuery,
  UnacknowledgedPage,
  UnacknowledgedQuery,
} from './knowledge-base.dto.js';
import { KNOWLEDGE_BASE, KnowledgeBaseQueries } from './knowledge-base-queries.service.js';
import { ACKNOWLEDGERS, EMPLOYEE_READERS, TRAINERS, TRAINING_READERS } from './training-roles.js';

const NOT_FOUND = 'No such material (NOT_FOUND).';
const DATED = 'DATED_BEFORE_LAST_CHANGE: dated before the last change of the material.';

@ApiTags('knowledge-base')
@Controller('knowledge-base')
@InvalidRequest()
export class KnowledgeBaseController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: KnowledgeBaseCommands,
    private readonly queries: KnowledgeBaseQueries,
  ) {}

  @Post()
  @CommandRoute(TRAINERS, {
    summary: 'Publish version 1 of a material: a text, or an audio or video link, with its owner and review date',
    description:
      "201 with the material's id. With `regulation`, the material is a regulation its audience acknowledges against " +
      'signature. The owner, positions and sections must be in the organisation catalogue (400 naming the field otherwise).',
    creates: true,
    conflicts: 'The id is taken (MATERIAL_EXISTS), or the owner has left (OWNER_NOT_EMPLOYED).',
    readsModels: true,
  })
  async publish(@Body() body: PublishMaterialRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.publish({ ...request, materialId: id }, context));
  }

  @Post(':id/revisions')
  @CommandRoute(TRAINERS, {
    summary: 'Publish the next version of a material with its new content and review date',
    description:
      'The whole content of the new version; earlier versions stay readable exactly as published. Content identical to the ' +
      'current version appends nothing (position null): to move the review date alone, record a review. A regulation is ' +
      'then to be acknowledged again, for the new version.',
    conflicts: `The material is retired (MATERIAL_RETIRED), or ${DATED}`,
    notFound: NOT_FOUND,
  })
  revise(@Param() params: MaterialIdParams, @Body() body: ReviseMaterialRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.revise(params.id, body, context));
  }

  @Post(':id/review')
  @CommandRoute(TRAINERS, {
    summary: 'Record that the material was reviewed and still holds: its review date moves on',
    conflicts: `The material is retired (MATERIAL_RETIRED), or ${DATED}`,
    notFound: NOT_FOUND,
  })
  review(@Param() params: MaterialIdParams, @Body() body: ReviewMaterialRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.review(params.id, body, context));
  }

  @Post(':id/owner')
  @CommandRoute(TRAINERS, {
    summary: 'Hand the material to another owner',
    description: 'The same owner again appends nothing (position null).',
    conflicts: `The new owner has left (OWNER_NOT_EMPLOYED), the material is retired (MATERIAL_RETIRED), or ${DATED}`,
    notFound: NOT_FOUND,
    readsModels: true,
  })
  async changeOwner(
    @Param() params: MaterialIdParams,
    @Body() body: ChangeMaterialOwnerRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.changeOwner(params.id, body, context));
  }

  @Post(':id/retirement')
  @CommandRoute(TRAINERS, {
    summary: 'Retire a material: it takes no further change or acknowledgement',
    conflicts: `Already retired (MATERIAL_RETIRED), or ${DATED}`,
    notFound: NOT_FOUND,
  })
  retire(@Param() params: MaterialIdParams, @Body() body: RetireMaterialRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.retire(params.id, body, context));
  }

  @Post(':id/acknowledgements')
  @CommandRoute(ACKNOWLEDGERS, {
    summary: 'Acknowledge a regulation against signature: the employee the key belongs to has read this version',
    description:
      'Only as oneself: a key that belongs to no employee gets 403. The version must be the current one, and the ' +
      "employee's position or section must be in the regulation's audience. Signing the same version again appends nothing.",
    conflicts:
      'Not a regulation (NOT_A_REGULATION), not the current version (VERSION_NOT_CURRENT), not in the audience ' +
      '(NOT_IN_AUDIENCE), retired (MATERIAL_RETIRED), or dated before the version (DATED_BEFORE_VERSION).',
    notFound: NOT_FOUND,
    readsModels: true,
  })
  async acknowledge(
    @Param() params: MaterialIdParams,
    @Body() body: AcknowledgeRegulationRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.acknowledge(params.id, body, caller, context));
  }

  @Get()
  @ReadRoute(EMPLOYEE_READERS, {
    summary: 'Materials of the knowledge base, first publication first, a page at a time',
    description: `Filter by status, format, owner and whether they are regulations. ${PAGE_NOTE}`,
    type: MaterialPage,
    reads: KNOWLEDGE_BASE,
  })
  list(@Query() query: MaterialListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<MaterialPage> {
    return this.queries.list(query, moment);
  }

  @Get('stale')
  @ReadRoute(TRAINING_READERS, {
    summary: 'Stale materials: current ones whose review day lies before `at` (default today)',
    description: `Much of a knowledge base goes out of date; these are due for a review or a revision. ${PAGE_NOTE}`,
    type: StaleMaterialPage,
    reads: KNOWLEDGE_BASE,
  })
  stale(@Query() query: StaleMaterialQuery, @ReadMoment() moment: ResolvedAsOf): Promise<StaleMaterialPage> {
    return this.queries.stale(query, moment);
  }

  @Get(':id')
  @ReadRoute(EMPLOYEE_READERS, {
    summary: 'A material: its current version in full, the list of its versions, and who signed for a regulation',
    description: 'With `asOf`, as it was known then.',
    type: MaterialView,
    reads: KNOWLEDGE_BASE,
    notFound: 'No such material (at `asOf`, when given).',
  })
  get(@Param() params: MaterialIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<MaterialView> {
    return this.queries.get(params.id, moment);
  }

  @Get(':id/versions/:version')
  @ReadRoute(EMPLOYEE_READERS, {
    summary: 'One version of a material, exactly as it was published',
    description: 'With `asOf`, as it was known then.',
    type: MaterialVersionView,
    reads: KNOWLEDGE_BASE,
    notFound: 'No such material, or no such version of it (NOT_FOUND).',
  })
  version(
    @Param() params: MaterialVersionParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
  ): Promise<MaterialVersionView> {
    return this.queries.version(params.id, params.version, moment);
  }

  @Get(':id/unacknowledged')
  @ReadRoute(TRAINING_READERS, {
    summary: 'Who has not yet acknowledged the current version of a regulation',
    description:
      "The employees employed now whose position or section is in the regulation's audience and who have not signed for " +
      `its current version, from the organisation catalogue as known at the same position. ${PAGE_NOTE}`,
    type: UnacknowledgedPage,
    reads: KNOWLEDGE_BASE,
    notFound: 'No such material (at `asOf`, when given).',
    conflicts: 'The material is not a regulation (NOT_A_REGULATION).',
  })
  unacknowledged(
    @Param() params: MaterialIdParams,
    @Query() query: UnacknowledgedQuery,
    @ReadMoment() moment: ResolvedAsOf,
  ): Promise<UnacknowledgedPage> {
    return this.queries.unacknowledged(params.id, query, moment);
  }
}
