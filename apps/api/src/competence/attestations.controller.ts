import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { AttestationDocument } from '#projections/competence/competence-catalogue.projection.js';
import { COMPETENCE_CATALOGUE } from '#projections/competence/index.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { AttestationCommands } from './attestation-commands.service.js';
import {
  AttestationIdParams,
  AttestationListQuery,
  AttestationPage,
  AttestationView,
  FormAttestationCommissionRequest,
  RecordAttestationResultsRequest,
} from './attestations.dto.js';
import { CompetenceCatalogueQueries } from './competence-catalogue-queries.service.js';
import { ATTESTATION_KEEPERS, GAP_READERS } from './competence-roles.js';

@ApiTags('competence')
@Controller('attestations')
@InvalidRequest('An employee the organisation catalogue does not have is a 400 naming it (`employeeId`, `members.1`).')
export class AttestationsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: AttestationCommands,
    private readonly queries: CompetenceCatalogueQueries,
  ) {}

  @Post()
  @CommandRoute(ATTESTATION_KEEPERS, {
    summary: 'Form an attestation commission for an employee: members, chair, sitting date',
    description:
      "The employee is attested against the profile in force for their position now, which the attestation keeps. 201 with the attestation's id.",
    creates: true,
    conflicts:
      'The id is taken (ATTESTATION_EXISTS), the employee left (EMPLOYEE_LEFT), their position has no approved profile ' +
      '(NO_APPROVED_PROFILE), or they sit on the commission (EMPLOYEE_ON_OWN_COMMISSION).',
    readsModels: true,
  })
  async form(@Body() body: FormAttestationCommissionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.form({ ...request, attestationId: id }, context));
  }

  @Post(':id/results')
  @CommandRoute(ATTESTATION_KEEPERS, {
    summary: "Record the commission's results per competency, with the minutes",
    description:
      'Each finding is `conforms` when the level found reaches the required one and `gap` otherwise, and is also a ' +
      'CompetencyAssessed (source attestation, the chair as assessor). A gap is never grounds for dismissal: it is what ' +
      'training closes.',
    conflicts:
      'Results recorded already (ATTESTATION_COMPLETED), dated before the sitting (DATED_BEFORE_SITTING), a competency the ' +
      'profile does not require (COMPETENCY_NOT_IN_PROFILE), or the employee left (EMPLOYEE_LEFT).',
    notFound: 'No such attestation (NOT_FOUND).',
    readsModels: true,
  })
  async record(
    @Param() params: AttestationIdParams,
    @Body() body: RecordAttestationResultsRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.recordResults(params.id, body, context));
  }

  @Get()
  @ReadRoute(GAP_READERS, {
    summary: 'Attestations, in the order the commissions were formed, a page at a time',
    description: PAGE_NOTE,
    type: AttestationPage,
    reads: COMPETENCE_CATALOGUE,
  })
  list(@Query() query: AttestationListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<AttestationPage> {
    return this.queries.list<AttestationDocument>('attestation', 'formedAt', query, moment, { employeeId: query.employeeId });
  }

  @Get(':id')
  @ReadRoute(GAP_READERS, {
    summary: 'An attestation: the commission, the requirements attested against, the findings and minutes',
    description: 'With `asOf`, as it was known then.',
    type: AttestationView,
    reads: COMPETENCE_CATALOGUE,
    notFound: 'No such attestation (at `asOf`, when given).',
  })
  get(@Param() params: AttestationIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<AttestationView> {
    return this.queries.get<AttestationDocument>('attestation', params.id, moment);
  }
}
