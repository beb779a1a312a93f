import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AsOfQuery } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import { CommandResponse, type RequestCommandContext } from '../platform/command-runner.js';
import { ProblemDto } from '../platform/problem.dto.js';
import { ReadYourWrites } from '../platform/read-your-writes.js';
import { COMMAND_NOTE, ReadModelBehind, RevisionMoved, rolesNote } from '../platform/route-docs.js';
import { InspectionCommands } from './inspection.commands.js';
import { InspectionQueries } from './inspection.queries.js';
import {
  BusinessTimeRequest,
  DisputeVerdictRequest,
  InspectionIdParams,
  InspectionListQuery,
  InspectionPage,
  InspectionView,
  RecordInspectionResultsRequest,
  ResolveDisputeRequest,
  StartInspectionRequest,
} from './inspections.dto.js';
import { AUTHORS, INSPECTORS, QUALITY_READERS } from './quality-roles.js';

const inspectionNotFound = ApiNotFoundResponse({ type: ProblemDto, description: 'No such inspection (NOT_FOUND).' });
const DATING_NOTE = 'No decision is dated before the previous one on the inspection (DATED_BEFORE_PREVIOUS_DECISION).';

@ApiTags('inspections')
@Controller('inspections')
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid body, parameter or header; unknown fields and unknown criteria are refused.' })
export class InspectionsController {
  constructor(
    private readonly commands: InspectionCommands,
    private readonly inspections: InspectionQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post()
  @Roles(...INSPECTORS)
  @ApiOperation({
    summary: 'Start an inspection of a deliverable against one exact template version, or a re-inspection of reworked work',
    description:
      `${rolesNote(INSPECTORS)} 201 with the new inspection's id. The caller is the inspector. The template version's ` +
      'criteria, weights and pass mark are embedded, so the scores stay tied to that version. With `reinspectionOf`, the ' +
      'inspection continues the chain of a failed one (the latest of its chain, no open dispute), for the same product, ' +
      `section, author and template. ${COMMAND_NOTE}`,
  })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such template, template version, or inspection to re-inspect (NOT_FOUND).' })
  @ApiConflictResponse({
    type: ProblemDto,
    description:
      'Template retired (CHECKLIST_TEMPLATE_RETIRED); for a re-inspection: the inspection passed (INSPECTION_PASSED), ' +
      'is in progress (INSPECTION_IN_PROGRESS), was re-inspected already (ALREADY_REINSPECTED), is disputed (DISPUTE_OPEN), ' +
      `or is other work (CHAIN_MISMATCH). ${DATING_NOTE}`,
  })
  @RevisionMoved()
  start(
    @Body() body: StartInspectionRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.commands.start(body, caller, context);
  }

  @Post(':id/results')
  @Roles(...INSPECTORS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Record pass, fail or n/a for criteria, with a comment (required for a fail)',
    description:
      `${rolesNote(INSPECTORS)} Until completion a criterion may be recorded again; results equal to those recorded ` +
      `append nothing (position null). ${COMMAND_NOTE}`,
  })
  @ApiOkResponse({ type: CommandResponse })
  @ApiConflictResponse({ type: ProblemDto, description: `Completed already (INSPECTION_COMPLETED). ${DATING_NOTE}` })
  @inspectionNotFound
  @RevisionMoved()
  record(
    @Param() params: InspectionIdParams,
    @Body() body: RecordInspectionResultsRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.commands.record(params.id, body, context);
  }

  @Post(':id/completion')
  @Roles(...INSPECTORS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Complete the inspection: ChecklistPassed or ChecklistFailed',
    description:
      `${rolesNote(INSPECTORS)} Score = Σ(weight × passed) / Σ(weight of applicable criteria); it passes when the score ` +
      `reaches the pass mark and no critical criterion failed. The body may be \`{}\`. ${COMMAND_NOTE}`,
  })
  @ApiOkResponse({ type: CommandResponse })
  @ApiConflictResponse({
    type: ProblemDto,
    description:
      'A criterion has no result (INSPECTION_INCOMPLETE), all are n/a (NO_APPLICABLE_CRITERIA), or completed already ' +
      `(INSPECTION_COMPLETED). ${DATING_NOTE}`,
  })
  @inspectionNotFound
  @RevisionMoved()
  complete(
    @Param() params: InspectionIdParams,
    @Body() body: BusinessTimeRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.commands.complete(params.id, body, context);
  }

  @Post(':id/disputes')
  @Roles(...AUTHORS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Dispute the verdict, as the author of the inspected work',
    description:
      `${rolesNote(AUTHORS)} The caller's key must belong to the author (NOT_THE_AUTHOR, 409, otherwise: nobody disputes ` +
      'on behalf of someone else). One open dispute at a time; the latest attempt of a chain only. Answers the ' +
      `inspection's id. ${COMMAND_NOTE}`,
  })
  @ApiOkResponse({ type: CommandResponse })
  @ApiConflictResponse({
    type: ProblemDto,
    description:
      'NOT_THE_AUTHOR, no verdict yet (INSPECTION_IN_PROGRESS), a dispute open (DISPUTE_OPEN), re-inspected already ' +
      `(ALREADY_REINSPECTED), a named criterion did not fail (CRITERION_NOT_FAILED), nothing failed (NOTHING_TO_DISPUTE). ${DATING_NOTE}`,
  })
  @inspectionNotFound
  @RevisionMoved()
  dispute(
    @Param() params: InspectionIdParams,
    @Body() body: DisputeVerdictRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.commands.dispute(params.id, body, caller, context);
  }

  @Post(':id/dispute-resolution')
  @Roles(...INSPECTORS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Resolve the open dispute: accepted, partly accepted (new results) or rejected',
    description:
      `${rolesNote(INSPECTORS)} By an inspector who neither inspected the work (same key, or same employee) nor authored ` +
      'it. The revised verdict and score stand next to the original ones, which stay visible; the metrics take the ' +
      `original back and count the revised one at the original verdict's date. ${COMMAND_NOTE}`,
  })
  @ApiOkResponse({ type: CommandResponse })
  @ApiConflictResponse({
    type: ProblemDto,
    description:
      'No open dispute (NO_OPEN_DISPUTE), the resolver inspected or authored the work (RESOLVER_NOT_INDEPENDENT), a revised ' +
      `criterion is not contested (CRITERION_NOT_DISPUTED), nothing would apply (NO_APPLICABLE_CRITERIA). ${DATING_NOTE}`,
  })
  @inspectionNotFound
  @RevisionMoved()
  resolve(
    @Param() params: InspectionIdParams,
    @Body() body: ResolveDisputeRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.commands.resolve(params.id, body, caller, context);
  }

  @Get()
  @Roles(...QUALITY_READERS)
  @ApiOperation({
    summary: 'Inspections, oldest start first, a page at a time',
    description: `${rolesNote(QUALITY_READERS)} Follow \`nextCursor\`; pass the same \`asOf\` on every page to page through one moment.`,
  })
  @ApiOkResponse({ type: InspectionPage })
  @ReadModelBehind()
  async list(@Query() query: InspectionListQuery): Promise<InspectionPage> {
    await this.readYourWrites.catchUp(query);
    return this.inspections.list(query);
  }

  @Get(':id')
  @Roles(...QUALITY_READERS)
  @ApiOperation({
    summary: 'An inspection with its per-criterion results, its chain and its disputes',
    description: `${rolesNote(QUALITY_READERS)} With \`asOf\`, the inspection as it was known then.`,
  })
  @ApiOkResponse({ type: InspectionView })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such inspection (at `asOf`, when given).' })
  @ReadModelBehind()
  async get(@Param() params: InspectionIdParams, @Query() query: AsOfQuery): Promise<InspectionView> {
    await this.readYourWrites.catchUp(query);
    return this.inspections.get(params.id, query.asOf);
  }
}
