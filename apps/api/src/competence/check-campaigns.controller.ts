import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CHECK_CAMPAIGNS } from '#projections/competence/index.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx } from '../platform/command-context.js';
import type { CommandResponse, RequestCommandContext } from '../platform/command-runner.service.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import type { AppCommand } from '../platform/entity-commands.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { CheckAttemptCommands } from './check-attempt-commands.service.js';
import { CheckCampaignCommands } from './check-campaign-commands.service.js';
import { CheckCampaignQueries } from './check-campaign-queries.service.js';
import {
  AttemptParams,
  AttemptView,
  CampaignListQuery,
  CampaignPage,
  CampaignParams,
  CampaignView,
  CreateCampaignRequest,
  MarkAnswersRequest,
  ParticipationQuery,
  ParticipationReportView,
  SaveAnswersRequest,
} from './check-campaigns.dto.js';
import { CAMPAIGN_KEEPERS, CAMPAIGN_READERS, CHECK_RECORDERS, CHECK_TAKERS, OWN_CAMPAIGN_READERS } from './competence-roles.js';

const NO_CAMPAIGN = 'No such campaign (NOT_FOUND).';
const NO_ATTEMPT = 'No such campaign, or the employee has not started an attempt (NOT_FOUND).';
const ATTEMPT_NOTE =
  "The attempt of the employee of the caller's key: another employee's is a 403. `revision` and `If-Match` are those of the attempt.";

@ApiTags('knowledge-check-campaigns')
@Controller('knowledge-check-campaigns')
@InvalidRequest('A check, employee, position, section, question or option that does not exist is a 400 naming it.')
export class CheckCampaignsController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly campaigns: CheckCampaignCommands,
    private readonly attempts: CheckAttemptCommands,
    private readonly queries: CheckCampaignQueries,
  ) {}

  @Post()
  @CommandRoute(CAMPAIGN_KEEPERS, {
    summary: 'Ask employees to take a knowledge check, from the day the campaign opens, by the day it is due',
    description:
      'The participants are the employees named and those employed in the positions and sections named, as the organisation ' +
      'catalogue knows them now; they stay the participants. Default window: from today to the end of the quarter it opens in. ' +
      "201 with the campaign's id.",
    creates: true,
    conflicts:
      'A campaign with this id exists (CAMPAIGN_EXISTS), the check is retired (KNOWLEDGE_CHECK_RETIRED), an employee named left ' +
      '(EMPLOYEE_LEFT), or the audience holds nobody (CAMPAIGN_WITHOUT_PARTICIPANTS) or too many (CAMPAIGN_TOO_LARGE).',
    readsModels: true,
  })
  async create(@Body() body: CreateCampaignRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.campaigns.create({ ...request, campaignId: id }, context));
  }

  @Post(':id/attempts')
  @CommandRoute(CHECK_TAKERS, {
    summary: 'Start one’s attempt: every question, in an order of the attempt, without the answer key',
    description:
      "For the employee of the caller's key, once per campaign. The attempt keeps its order: read it with GET " +
      "`/knowledge-check-campaigns/{id}/attempts/{employeeId}` to resume it. 201 with the attempt's id.",
    creates: true,
    conflicts:
      'Started already (CHECK_ATTEMPT_EXISTS), the employee takes no part (NOT_A_PARTICIPANT) or left (EMPLOYEE_LEFT), the campaign ' +
      'is not open yet (CAMPAIGN_NOT_OPEN), or its check is retired (KNOWLEDGE_CHECK_RETIRED).',
    notFound: NO_CAMPAIGN,
    readsModels: true,
  })
  async start(
    @Param() params: CampaignParams,
    @Body() body: BusinessTimeRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.attempts.start(params.id, body, caller, context));
  }

  @Post(':id/attempts/:employeeId/answers')
  @CommandRoute(CHECK_TAKERS, {
    summary: 'Save answers of one’s attempt in progress, to go on with later',
    description: `Each answer replaces the one saved before for its question. ${ATTEMPT_NOTE}`,
    conflicts: 'Submitted already (CHECK_ATTEMPT_SUBMITTED), or dated before the last change (DATED_BEFORE_LAST_CHANGE).',
    notFound: NO_ATTEMPT,
  })
  async save(
    @Param() params: AttemptParams,
    @Body() body: SaveAnswersRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.attempts.save(addressOf(params), body, caller, context));
  }

  @Post(':id/attempts/:employeeId/submission')
  @CommandRoute(CHECK_TAKERS, {
    summary: 'Submit one’s attempt: choice questions are scored on the server, open answers wait for a trainer',
    description:
      'A choice question scores its points when exactly its correct options are chosen, nothing otherwise; an open question left ' +
      'unanswered scores nothing. Without open answers to mark, the result is recorded at once: a KnowledgeCheckAttempted and a ' +
      `CompetencyAssessed per competency, by the proficiency scale's formula. ${ATTEMPT_NOTE}`,
    conflicts: 'Submitted already (CHECK_ATTEMPT_SUBMITTED), the employee left (EMPLOYEE_LEFT), or dated before the last change (DATED_BEFORE_LAST_CHANGE).',
    notFound: NO_ATTEMPT,
    readsModels: true,
  })
  async submit(
    @Param() params: AttemptParams,
    @Body() body: BusinessTimeRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.attempts.submit(addressOf(params), body, caller, context));
  }

  @Post(':id/attempts/:employeeId/marks')
  @CommandRoute(CHECK_RECORDERS, {
    summary: "Mark open answers of a submitted attempt; the last mark records the attempt's result",
    description:
      'Whole points up to the question’s, with a comment. Once every open answer is marked, the result is recorded as on ' +
      "submission, with the trainer as assessor. `revision` and `If-Match` are those of the attempt.",
    conflicts:
      'Not submitted yet (CHECK_ATTEMPT_NOT_SUBMITTED), marked already (ANSWER_MARKED), the trainer is the employee (SELF_MARKING) ' +
      'or their key names no employee (ACTOR_NOT_AN_EMPLOYEE), the employee left (EMPLOYEE_LEFT), or dated before the last change ' +
      '(DATED_BEFORE_LAST_CHANGE).',
    notFound: NO_ATTEMPT,
    readsModels: true,
  })
  async mark(
    @Param() params: AttemptParams,
    @Body() body: MarkAnswersRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.attempts.mark(addressOf(params), body, caller, context));
  }

  @Get()
  @ReadRoute(OWN_CAMPAIGN_READERS, {
    summary: 'Campaigns, in the order they were created; with `employeeId`, those the employee takes part in and where they stand',
    description: `An employee key reads its own campaigns. ${PAGE_NOTE}`,
    type: CampaignPage,
    reads: CHECK_CAMPAIGNS,
  })
  list(@Query() query: CampaignListQuery, @ReadMoment() moment: ResolvedAsOf, @Caller() caller: Principal): Promise<CampaignPage> {
    return this.queries.list(query, moment, caller);
  }

  @Get(':id')
  @ReadRoute(CAMPAIGN_READERS, {
    summary: 'A campaign: its check, audience, participants and window',
    description: 'With `asOf`, as it was known then.',
    type: CampaignView,
    reads: CHECK_CAMPAIGNS,
    notFound: NO_CAMPAIGN,
  })
  get(@Param() params: CampaignParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<CampaignView> {
    return this.queries.campaign(params.id, moment);
  }

  @Get(':id/participation')
  @ReadRoute(CAMPAIGN_READERS, {
    summary: 'Who took the check and who did not: each participant’s status, who is overdue and who was late',
    description:
      'A participant took the check once they submitted it. Overdue: not submitted after the due day, judged on `at` (default ' +
      'today); late: submitted after it. With `asOf`, as it was known then.',
    type: ParticipationReportView,
    reads: CHECK_CAMPAIGNS,
    notFound: NO_CAMPAIGN,
  })
  participation(@Param() params: CampaignParams, @Query() query: ParticipationQuery, @ReadMoment() moment: ResolvedAsOf): Promise<ParticipationReportView> {
    return this.queries.participation(params.id, query, moment);
  }

  @Get(':id/attempts/:employeeId')
  @ReadRoute(OWN_CAMPAIGN_READERS, {
    summary: 'An attempt, to take or resume it: the questions in its order, without the answer key, with the answers saved and the points scored',
    description: 'The employee reads their own, always in the same order; the campaign readers read everyone’s. With `asOf`, as it was known then.',
    type: AttemptView,
    reads: CHECK_CAMPAIGNS,
    notFound: NO_ATTEMPT,
  })
  attempt(@Param() params: AttemptParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf, @Caller() caller: Principal): Promise<AttemptView> {
    return this.queries.attempt(params.id, params.employeeId, moment, caller);
  }
}

function addressOf({ id, employeeId }: AttemptParams) {
  return { campaignId: id, employeeId };
}
