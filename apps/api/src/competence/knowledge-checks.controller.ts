import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import { ApiTags } from '@nestjs/swagger';
import type { KnowledgeCheckDocument } from '#projections/competence/competence-catalogue.projection.js';
import { COMPETENCE_CATALOGUE } from '#projections/competence/index.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { questionsShownTo } from './answer-keys.js';
import { CompetenceCatalogueQueries } from './competence-catalogue-queries.service.js';
import { CompetenceRecordCommands } from './competence-record-commands.service.js';
import { CHECK_RECORDERS, COMPETENCE_CATALOGUE_READERS, COMPETENCY_KEEPERS } from './competence-roles.js';
import { KnowledgeCheckCommands } from './knowledge-check-commands.service.js';
import {
  DefineKnowledgeCheckRequest,
  KnowledgeCheckIdParams,
  KnowledgeCheckListQuery,
  KnowledgeCheckPage,
  KnowledgeCheckView,
  RecordCheckAttemptRequest,
} from './knowledge-checks.dto.js';

const NOT_FOUND = 'No such knowledge check (NOT_FOUND).';

@ApiTags('competence')
@Controller('knowledge-checks')
@InvalidRequest('A competency, cited material or version, question or employee that does not exist is a 400 naming it.')
export class KnowledgeChecksController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: KnowledgeCheckCommands,
    private readonly records: CompetenceRecordCommands,
    private readonly queries: CompetenceCatalogueQueries,
  ) {}

  @Post()
  @CommandRoute(COMPETENCY_KEEPERS, {
    summary: 'Define a knowledge check: its question bank, each question scoring points for one competency',
    description:
      'Questions are single or multiple choice, with the answer key the server scores them by, or open, marked by a trainer ' +
      '(the default). A question may cite the knowledge-base material, at a version of it, it asks about. A check is never ' +
      'edited: to ask other questions, define another and retire this one, so that every attempt stays tied to the ' +
      "questions it answered. 201 with the check's id.",
    creates: true,
    conflicts:
      'A check with this id exists (KNOWLEDGE_CHECK_EXISTS), a competency is retired (COMPETENCY_RETIRED), or a cited material is ' +
      'retired (MATERIAL_RETIRED).',
  })
  async define(@Body() body: DefineKnowledgeCheckRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.define({ ...request, checkId: id }, context));
  }

  @Post(':id/retirement')
  @CommandRoute(COMPETENCY_KEEPERS, {
    summary: 'Retire a knowledge check: it takes no more attempts',
    conflicts: 'Retired already (KNOWLEDGE_CHECK_RETIRED), or dated before its definition (DATED_BEFORE_LAST_CHANGE).',
    notFound: NOT_FOUND,
  })
  retire(
    @Param() params: KnowledgeCheckIdParams,
    @Body() body: BusinessTimeRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(this.commands.retire(params.id, body, context));
  }

  @Post(':id/attempts')
  @CommandRoute(CHECK_RECORDERS, {
    summary: "Record an employee's attempt: scored per competency, each score a CompetencyAssessed",
    description:
      "Every question is scored once. Each competency's share of its points maps onto the scale up to the proficient level, " +
      'in equal bands (default scale: under 25 % none, from 25 % basic, from 50 % working, from 75 % proficient): an ' +
      "open-book check shows what someone finds and applies, not that they could teach it. The caller is the assessor. 201 " +
      "with the attempt's id; `revision` and `If-Match` are those of the employee's competence record.",
    creates: true,
    conflicts: 'The check is retired (KNOWLEDGE_CHECK_RETIRED), the attempt id is taken (CHECK_ATTEMPT_EXISTS), or the employee left (EMPLOYEE_LEFT).',
    notFound: NOT_FOUND,
    readsModels: true,
  })
  async attempt(
    @Param() params: KnowledgeCheckIdParams,
    @Body() body: RecordCheckAttemptRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.records.recordAttempt(params.id, { ...request, attemptId: id }, caller, context));
  }

  @Get()
  @ReadRoute(COMPETENCE_CATALOGUE_READERS, {
    summary: 'Knowledge checks, in the order they were defined, a page at a time',
    description: `Answer keys are shown to trainer, admin and auditor keys only. ${PAGE_NOTE}`,
    type: KnowledgeCheckPage,
    reads: COMPETENCE_CATALOGUE,
  })
  async list(@Query() query: KnowledgeCheckListQuery, @ReadMoment() moment: ResolvedAsOf, @Caller() caller: Principal): Promise<KnowledgeCheckPage> {
    const page = await this.queries.list<KnowledgeCheckDocument>('knowledgeCheck', 'definedAt', query, moment, { status: query.status });
    return { ...page, items: page.items.map((check) => ({ ...check, questions: questionsShownTo(caller, check.questions) })) };
  }

  @Get(':id')
  @ReadRoute(COMPETENCE_CATALOGUE_READERS, {
    summary: 'A knowledge check with its question bank',
    description: 'Answer keys are shown to trainer, admin and auditor keys only. With `asOf`, as it was known then.',
    type: KnowledgeCheckView,
    reads: COMPETENCE_CATALOGUE,
    notFound: 'No such knowledge check (at `asOf`, when given).',
  })
  async get(
    @Param() params: KnowledgeCheckIdParams,
    @Query() _query: AsOfQuery,
    @ReadMoment() moment: ResolvedAsOf,
    @Caller() caller: Principal,
  ): Promise<KnowledgeCheckView> {
    const check = await this.queries.get<KnowledgeCheckDocument>('knowledgeCheck', params.id, moment);
    return { ...check, questions: questionsShownTo(caller, check.questions) };
  }
}
