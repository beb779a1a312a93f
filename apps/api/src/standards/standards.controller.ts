import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { ROLES, type Role } from '#domain/access/index.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, ReadRoute } from '../platform/route-docs.js';
import { StandardCommands } from './standard-commands.service.js';
import { StandardQueries, STANDARDS } from './standard-queries.service.js';
import {
  PublishStandardRequest,
  RetireStandardRequest,
  ReviseStandardRequest,
  StandardIdParams,
  StandardListQuery,
  StandardPage,
  StandardVersionParams,
  StandardVersionView,
  StandardView,
} from './standards.dto.js';

/** Quality inspectors publish and keep the standards; admins may too. */
const WRITERS: [Role, ...Role[]] = ['quality-inspector', 'admin'];
/** Standards are what everyone works to: every role reads them. */
const READERS: [Role, ...Role[]] = [...ROLES];

const NOT_FOUND = 'No such standard (NOT_FOUND).';

@ApiTags('standards')
@Controller('standards')
@InvalidRequest()
export class StandardsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: StandardCommands,
    private readonly queries: StandardQueries,
  ) {}

  @Post()
  @CommandRoute(WRITERS, {
    summary: 'Publish version 1 of a standard of a section or a product',
    description:
      "201 with the standard's id. The owner must be in the organisation catalogue: an unknown sectionId or productId is " +
      'a 400 naming it.',
    creates: true,
    conflicts: 'The id is taken (STANDARD_EXISTS), or the owner section is closed or the product retired (STANDARD_OWNER_INACTIVE).',
    readsModels: true,
  })
  async publish(@Body() body: PublishStandardRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.publish({ ...request, standardId: id }, context));
  }

  @Post(':id/revisions')
  @CommandRoute(WRITERS, {
    summary: 'Publish the next version of a standard with its new content',
    description:
      'Earlier versions stay readable exactly as published. Content identical to the current version appends nothing ' +
      '(position null).',
    conflicts: 'The standard is retired (STANDARD_RETIRED), or DATED_BEFORE_LAST_CHANGE.',
    notFound: NOT_FOUND,
  })
  revise(
    @Param() params: StandardIdParams,
    @Body() body: ReviseStandardRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.revise(params.id, body, context));
  }

  @Post(':id/retirement')
  @CommandRoute(WRITERS, {
    summary: 'Retire a standard: it takes no further revision',
    conflicts: 'Already retired (STANDARD_RETIRED), or DATED_BEFORE_LAST_CHANGE.',
    notFound: NOT_FOUND,
  })
  retire(
    @Param() params: StandardIdParams,
    @Body() body: RetireStandardRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.retire(params.id, body, context));
  }

  @Get()
  @ReadRoute(READERS, {
    summary: 'Standards, first publication first, a page at a time',
    description: 'Filter by owner section or product, type and status. Pass the same `asOf` on every page.',
    type: StandardPage,
    reads: STANDARDS,
  })
  list(@Query() query: StandardListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<StandardPage> {
    return this.queries.list(query, moment);
  }

  @Get(':id')
  @ReadRoute(READERS, {
    summary: 'A standard: its current version in full and the list of its versions',
    description: 'With `asOf`, as it was known then.',
    type: StandardView,
    reads: STANDARDS,
    notFound: 'No such standard (at `asOf`, when given).',
  })
  get(@Param() params: StandardIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<StandardView> {
    return this.queries.get(params.id, moment);
  }

  @Get(':id/versions/:version')
  @ReadRoute(READERS, {
    summary: 'One version of a standard, exactly as it was published',
    description: 'With `asOf`, as it was known then.',
    type: StandardVersionView,
    reads: STANDARDS,
    notFound: 'No such standard, or no such version of it (NOT_FOUND).',
  })
  version(
    @Param() params: StandardVersionParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
  ): Promise<StandardVersionView> {
    return this.queries.version(params.id, params.version, moment);
  }
}
