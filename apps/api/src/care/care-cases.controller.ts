import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { Role } from '#domain/access/index.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { CareCaseCommands } from './care-case-commands.service.js';
import { CARE_CASES, CareCaseQueries } from './care-case-queries.service.js';
import {
  AssignCareCaseRequest,
  CareCaseIdParams,
  CareCaseListQuery,
  CareCasePage,
  CareCaseView,
  IssueRefundRequest,
  OpenCareCaseRequest,
  ResolveCareCaseRequest,
  RetainClientRequest,
} from './care-cases.dto.js';

/** Care agents handle the cases; care leads, who control them, may step in on any case. */
const HANDLERS: [Role, ...Role[]] = ['care-agent', 'care-lead'];
/** Auditors and admins read everything; neither decides anything on a case. */
const READERS: [Role, ...Role[]] = [...HANDLERS, 'auditor', 'admin'];

const NOT_FOUND = 'No such care case (NOT_FOUND).';

@ApiTags('care-cases')
@Controller('care-cases')
@InvalidRequest()
export class CareCasesController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: CareCaseCommands,
    private readonly cases: CareCaseQueries,
  ) {}

  @Post()
  @CommandRoute(HANDLERS, {
    summary: 'Open a care case for a client and a product',
    description: "201 with the new case's id.",
    creates: true,
    conflicts: 'A case with this id already exists (CARE_CASE_EXISTS).',
  })
  open(@Body() body: OpenCareCaseRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(this.commands.open({ ...request, caseId: id }, context));
  }

  @Post(':id/assignment')
  @CommandRoute(HANDLERS, {
    summary: 'Assign the case to an employee, or re-assign it',
    description:
      'While the case is open, or retained and inside the observation window. ' +
      'Assigning the employee who has the case appends nothing (position null).',
    conflicts: 'The case is refunded or resolved, or its observation window is over.',
    notFound: NOT_FOUND,
  })
  assign(
    @Param() params: CareCaseIdParams,
    @Body() body: AssignCareCaseRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.assign(params.id, body, context));
  }

  @Post(':id/refund')
  @CommandRoute(HANDLERS, {
    summary: 'Refund the client: the case closes as refunded',
    description:
      'A retained case may still be refunded within the observation window (`CARE_OBSERVATION_WINDOW_DAYS`): ' +
      'a lost save, counted as refunded from its date on.',
    conflicts: 'Already refunded (CARE_CASE_REFUNDED) or resolved (CARE_CASE_RESOLVED), window over (OBSERVATION_WINDOW_CLOSED), or dated too early.',
    notFound: NOT_FOUND,
  })
  refund(
    @Param() params: CareCaseIdParams,
    @Body() body: IssueRefundRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.refund(params.id, body, context));
  }

  @Post(':id/retention')
  @CommandRoute(HANDLERS, {
    summary: 'Record that the client was retained and the money stayed: the case closes as retained',
    conflicts: 'Already retained or resolved (CARE_CASE_RESOLVED), refunded (CARE_CASE_REFUNDED), or dated before the opening.',
    notFound: NOT_FOUND,
  })
  retain(
    @Param() params: CareCaseIdParams,
    @Body() body: RetainClientRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.retain(params.id, body, context));
  }

  @Post(':id/resolution')
  @CommandRoute(HANDLERS, {
    summary: 'Close the case with neither a refund nor a retention: resolved without money, or the client lost',
    description: 'Counted in the refund-vs-retained statistic under `otherOutcomes`; its refunds and retentions do not change.',
    conflicts: 'Already refunded (CARE_CASE_REFUNDED), retained or resolved (CARE_CASE_RESOLVED), or dated before the opening.',
    notFound: NOT_FOUND,
  })
  resolve(
    @Param() params: CareCaseIdParams,
    @Body() body: ResolveCareCaseRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.resolve(params.id, body, context));
  }

  @Get()
  @ReadRoute(READERS, {
    summary: 'Care cases, oldest opening first, a page at a time',
    description: PAGE_NOTE,
    type: CareCasePage,
    reads: CARE_CASES,
  })
  list(@Query() query: CareCaseListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<CareCasePage> {
    return this.cases.list(query, moment);
  }

  @Get(':id')
  @ReadRoute(READERS, {
    summary: 'A care case with the history of its decisions',
    description: 'With `asOf`, the case as it was known then.',
    type: CareCaseView,
    reads: CARE_CASES,
    notFound: 'No such care case (at `asOf`, when given).',
  })
  get(@Param() params: CareCaseIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<CareCaseView> {
    return this.cases.get(params.id, moment);
  }
}
