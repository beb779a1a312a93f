import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import { INSPECTIONS } from '#projections/quality/inspections.projection.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { InspectionCommands } from './inspection-commands.service.js';
import { InspectionQueries } from './inspection-queries.service.js';
import {
  DisputeVerdictRequest,
  InspectionIdParams,
  InspectionListQuery,
  InspectionPage,
  InspectionView,
  RecordInspectionResultsRequest,
  ResolveDisputeRequest,
  StartInspectionRequest,
} from './inspections.dto.js';
import { AUTHORS, INSPECTION_READERS, INSPECTORS } from './quality-roles.js';

const NOT_FOUND = 'No such inspection (NOT_FOUND).';
const DATING_NOTE = 'No decision is dated before the previous one on the inspection (DATED_BEFORE_PREVIOUS_DECISION).';
const OWN_WORK_NOTE =
  'A key with none of the other roles (an `employee` key) reads the inspections of its own work only: those whose ' +
  '`authorId` is the employee the key belongs to.';

@ApiTags('inspections')
@Controller('inspections')
@InvalidRequest('So are unknown criteria and ids the organisation catalogue does not know.')
export class InspectionsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: InspectionCommands,
    private readonly inspections: InspectionQueries,
  ) {}

  @Post()
  @CommandRoute(INSPECTORS, {
    summary: 'Start an inspection of a deliverable against one exact template version, or a re-inspection of reworked work',
    description:
      "201 with the new inspection's id. The caller is the inspector. The product, the section and the author must be in " +
      'the organisation catalogue (an unknown one is a 400 naming its field); without `sectionId`, the section is the ' +
      "product's. The template version's criteria, weights and pass mark are embedded, so the scores stay tied to that " +
      'version. With `reinspectionOf`, the inspection continues the chain of a failed one (the latest of its chain, no open ' +
      'dispute), for the same product, section, author and template.',
    creates: true,
    conflicts:
      "Template retired (CHECKLIST_TEMPLATE_RETIRED), a section that is not the product's (PRODUCT_OF_ANOTHER_SECTION); " +
      'for a re-inspection: the inspection passed (INSPECTION_PASSED), is in progress (INSPECTION_IN_PROGRESS), was ' +
      're-inspected already (ALREADY_REINSPECTED), is disputed (DISPUTE_OPEN), or is other work (CHAIN_MISMATCH). ' +
      DATING_NOTE,
    notFound: 'No such template, template version, or inspection to re-inspect (NOT_FOUND).',
    readsModels: true,
  })
  async start(
    @Body() body: StartInspectionRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.start(body, caller, context));
  }

  @Post(':id/results')
  @CommandRoute(INSPECTORS, {
    summary: 'Record pass, fail or n/a for criteria, with a comment (required for a fail)',
    description: 'Until completion a criterion may be recorded again; results equal to those recorded append nothing (position null).',
    conflicts: `Completed already (INSPECTION_COMPLETED). ${DATING_NOTE}`,
    notFound: NOT_FOUND,
  })
  record(
    @Param() params: InspectionIdParams,
    @Body() body: RecordInspectionResultsRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.record(params.id, body, context));
  }

  @Post(':id/completion')
  @CommandRoute(INSPECTORS, {
    summary: 'Complete the inspection: ChecklistPassed or ChecklistFailed',
    description:
      'Score = Σ(weight × passed) / Σ(weight of applicable criteria); it passes when the score reaches the pass mark and ' +
      'no critical criterion failed. The body may be `{}`.',
    conflicts:
      'A criterion has no result (INSPECTION_INCOMPLETE), all are n/a (NO_APPLICABLE_CRITERIA), or completed already ' +
      `(INSPECTION_COMPLETED). ${DATING_NOTE}`,
    notFound: NOT_FOUND,
  })
  complete(
    @Param() params: InspectionIdParams,
    @Body() body: BusinessTimeRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.complete(params.id, body, context));
  }

  @Post(':id/disputes')
  @CommandRoute(AUTHORS, {
    summary: 'Dispute the verdict, as the author of the inspected work',
    description:
      "The caller's key must belong to the author (NOT_THE_AUTHOR, 409, otherwise: nobody disputes on behalf of someone " +
      "else). One open dispute at a time; the latest attempt of a chain only. Answers the inspection's id.",
    conflicts:
      'NOT_THE_AUTHOR, no verdict yet (INSPECTION_IN_PROGRESS), a dispute open (DISPUTE_OPEN), re-inspected already ' +
      `(ALREADY_REINSPECTED), a named criterion did not fail (CRITERION_NOT_FAILED), nothing failed (NOTHING_TO_DISPUTE). ${DATING_NOTE}`,
    notFound: NOT_FOUND,
  })
  dispute(
    @Param() params: InspectionIdParams,
    @Body() body: DisputeVerdictRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.dispute(params.id, body, caller, context));
  }

  @Post(':id/dispute-resolution')
  @CommandRoute(INSPECTORS, {
    summary: 'Resolve the open dispute: accepted, partly accepted (new results) or rejected',
    description:
      'By an inspector who neither inspected the work (same key, or same employee) nor authored it. The revised verdict ' +
      'and score stand next to the original ones, which stay visible; the metrics take the original back and count the ' +
      "revised one at the original verdict's date.",
    conflicts:
      'No open dispute (NO_OPEN_DISPUTE), the resolver inspected or authored the work (RESOLVER_NOT_INDEPENDENT), a revised ' +
      `criterion is not contested (CRITERION_NOT_DISPUTED), nothing would apply (NO_APPLICABLE_CRITERIA). ${DATING_NOTE}`,
    notFound: NOT_FOUND,
  })
  resolve(
    @Param() params: InspectionIdParams,
    @Body() body: ResolveDisputeRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.resolve(params.id, body, caller, context));
  }

  @Get()
  @ReadRoute(INSPECTION_READERS, {
    summary: 'Inspections, oldest start first, a page at a time',
    description: `${PAGE_NOTE} ${OWN_WORK_NOTE} It must ask for them with \`authorId\` (403 otherwise).`,
    type: InspectionPage,
    reads: INSPECTIONS,
  })
  list(@Query() query: InspectionListQuery, @ReadMoment() moment: ResolvedAsOf, @Caller() caller: Principal): Promise<InspectionPage> {
    return this.inspections.list(query, moment, caller);
  }

  @Get(':id')
  @ReadRoute(INSPECTION_READERS, {
    summary: 'An inspection with its per-criterion results, its chain and its disputes',
    description: `With \`asOf\`, the inspection as it was known then. ${OWN_WORK_NOTE} Another author's inspection is not found for it (404).`,
    type: InspectionView,
    reads: INSPECTIONS,
    notFound: 'No such inspection (at `asOf`, when given), or, for an `employee` key, not of its own work.',
  })
  get(
    @Param() params: InspectionIdParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
    @Caller() caller: Principal,
  ): Promise<InspectionView> {
    return this.inspections.get(params.id, moment, caller);
  }
}
