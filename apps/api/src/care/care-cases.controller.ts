import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Role } from '#libs/domain/access/index.js';
import { Roles } from '../auth/access.decorators.js';
import { AsOfQuery } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import { CommandResponse, type RequestCommandContext } from '../platform/command-runner.js';
import { ProblemDto } from '../platform/problem.dto.js';
import { ReadYourWrites } from '../platform/read-your-writes.js';
import { CareCaseCommands } from './care-case.commands.js';
import { CareCaseQueries } from './care-case.queries.js';
import {
  AssignCareCaseRequest,
  CareCaseIdParams,
  CareCaseListQuery,
  CareCasePage,
  CareCaseView,
  IssueRefundRequest,
  OpenCareCaseRequest,
  RetainClientRequest,
} from './care-cases.dto.js';

/** Care agents handle the cases; care leads, who control them, may step in on any case. */
const HANDLERS: [Role, ...Role[]] = ['care-agent', 'care-lead'];
/** Auditors and admins read everything; neither decides anything on a case. */
const READERS: [Role, ...Role[]] = [...HANDLERS, 'auditor', 'admin'];

const rolesNote = (roles: readonly Role[]) => `Roles: ${roles.join(', ')}.`;
const COMMAND_NOTE =
  'Answers `{id, revision, position}`. `Idempotency-Key` makes a retry append nothing and answer the first result; ' +
  '`If-Match: <revision>` pins the revision the client saw (412 when the case moved on).';

const caseNotFound = ApiNotFoundResponse({ type: ProblemDto, description: 'No such care case (NOT_FOUND).' });
const revisionMoved = ApiPreconditionFailedResponse({ type: ProblemDto, description: 'If-Match names a revision the case is no longer at.' });
const behind = ApiServiceUnavailableResponse({ type: ProblemDto, description: 'The read model did not reach minPosition or asOf in time.' });

@ApiTags('care-cases')
@Controller('care-cases')
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid body, parameter or header; unknown fields are refused.' })
export class CareCasesController {
  constructor(
    private readonly commands: CareCaseCommands,
    private readonly cases: CareCaseQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post()
  @Roles(...HANDLERS)
  @ApiOperation({
    summary: 'Open a care case for a client and a product',
    description: `${rolesNote(HANDLERS)} 201 with the new case's id. ${COMMAND_NOTE}`,
  })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiConflictResponse({ type: ProblemDto, description: 'A case with this id already exists (CARE_CASE_EXISTS).' })
  @revisionMoved
  open(@Body() body: OpenCareCaseRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.commands.open({ ...request, caseId: id }, context);
  }

  @Post(':id/assignment')
  @Roles(...HANDLERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Assign the case to an employee, or re-assign it',
    description:
      `${rolesNote(HANDLERS)} While the case is open, or retained and inside the observation window. ` +
      `Assigning the employee who has the case appends nothing (position null). ${COMMAND_NOTE}`,
  })
  @ApiOkResponse({ type: CommandResponse })
  @ApiConflictResponse({ type: ProblemDto, description: 'The case is refunded, or its observation window is over.' })
  @caseNotFound
  @revisionMoved
  assign(
    @Param() params: CareCaseIdParams,
    @Body() body: AssignCareCaseRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.commands.assign(params.id, body, context);
  }

  @Post(':id/refund')
  @Roles(...HANDLERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Refund the client: the case closes as refunded',
    description:
      `${rolesNote(HANDLERS)} A retained case may still be refunded within the observation window ` +
      '(`CARE_OBSERVATION_WINDOW_DAYS`): a lost save, counted as refunded from its date on. ' +
      COMMAND_NOTE,
  })
  @ApiOkResponse({ type: CommandResponse })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'Already refunded (CARE_CASE_REFUNDED), window over (OBSERVATION_WINDOW_CLOSED), or dated too early.',
  })
  @caseNotFound
  @revisionMoved
  refund(
    @Param() params: CareCaseIdParams,
    @Body() body: IssueRefundRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.commands.refund(params.id, body, context);
  }

  @Post(':id/retention')
  @Roles(...HANDLERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Record that the client was retained and the money stayed: the case closes as retained',
    description: `${rolesNote(HANDLERS)} ${COMMAND_NOTE}`,
  })
  @ApiOkResponse({ type: CommandResponse })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'Already retained (CARE_CASE_RESOLVED), refunded (CARE_CASE_REFUNDED), or dated before the opening.',
  })
  @caseNotFound
  @revisionMoved
  retain(
    @Param() params: CareCaseIdParams,
    @Body() body: RetainClientRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.commands.retain(params.id, body, context);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Care cases, oldest opening first, a page at a time',
    description: `${rolesNote(READERS)} Follow \`nextCursor\`; pass the same \`asOf\` on every page to page through one moment.`,
  })
  @ApiOkResponse({ type: CareCasePage })
  @behind
  async list(@Query() query: CareCaseListQuery): Promise<CareCasePage> {
    await this.readYourWrites.catchUp(query);
    return this.cases.list(query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'A care case with the history of its decisions',
    description: `${rolesNote(READERS)} With \`asOf\`, the case as it was known then.`,
  })
  @ApiOkResponse({ type: CareCaseView })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such care case (at `asOf`, when given).' })
  @behind
  async get(@Param() params: CareCaseIdParams, @Query() query: AsOfQuery): Promise<CareCaseView> {
    await this.readYourWrites.catchUp(query);
    return this.cases.get(params.id, query.asOf);
  }
}
