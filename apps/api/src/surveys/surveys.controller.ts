import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AppCommand } from '../platform/entity-commands.js';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Role } from '#domain/access/index.js';
import { ValidationError } from '#kernel';
import { AnonymousRoute } from '../platform/anonymous-route.js';
import { Public } from '../auth/access.decorators.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AsOfQuery, type ResolvedAsOf } from '../platform/as-of.js';
import { CommandCtx, NonIdempotentCommandCtx } from '../platform/command-context.js';
import { BusinessTimeRequest } from '../platform/dto-fields.js';
import { CommandResponse, type RequestCommandContext } from '../platform/command-runner.service.js';
import { UnauthenticatedError } from '../platform/http-errors.js';
import { ProblemDto } from '../platform/problem.dto.js';
import { ReadMoment } from '../platform/read-model.interceptor.js';
import { CommandRoute, InvalidRequest, PAGE_NOTE, ReadRoute } from '../platform/route-docs.js';
import { SurveyCommands } from './survey-commands.service.js';
import { SURVEY_RESPONSES, SurveyQueries, SURVEYS } from './survey-queries.service.js';
import {
  AnonymousAnswerRequest,
  AnswerSurveyRequest,
  CreateSurveyRequest,
  FreeTextPage,
  FreeTextQuery,
  IssuedTokensResponse,
  IssueTokensRequest,
  LaunchedWaveResponse,
  LaunchWaveRequest,
  ResponseParams,
  SurveyDefinitionRequest,
  SurveyIdParams,
  SurveyListQuery,
  SurveyPage,
  SurveyResponsePage,
  SurveyResponsesQuery,
  SurveyView,
  WaveParams,
} from './surveys.dto.js';

/** The survey manager designs and runs the surveys, records clients' answers and grants the bonuses. */
const MANAGERS: [Role, ...Role[]] = ['survey-manager'];
/** Employees answer with their own key; the survey manager records the answers of clients. */
const ANSWERERS: [Role, ...Role[]] = ['employee', 'survey-manager'];
/** Who reads results: the manager, the council, auditors and admins. */
const RESULT_READERS: [Role, ...Role[]] = ['survey-manager', 'council-member', 'council-chair', 'auditor', 'admin'];
/** Employees read the definitions too: they answer them. */
const DEFINITION_READERS: [Role, ...Role[]] = [...RESULT_READERS, 'employee'];
/** Identified responses name people: only those who run surveys or audit them read them. */
const RESPONSE_READERS: [Role, ...Role[]] = ['survey-manager', 'auditor', 'admin'];

const SURVEY_TOKEN_HEADER = 'x-survey-token';
const TOKEN = /^[\x21-\x7e]{1,512}$/;

const NOT_FOUND = 'No such survey, wave or response (NOT_FOUND).';
const SURVEY_NOT_FOUND = 'No such survey (at `asOf`, when given).';
const DATED_TOO_EARLY = 'dated before the step it follows (DATED_TOO_EARLY)';

@ApiTags('surveys')
@Controller('surveys')
@InvalidRequest()
export class SurveysController {
  constructor(
    private readonly bus: CommandBus<AppCommand>,
    private readonly commands: SurveyCommands,
    private readonly queries: SurveyQueries,
  ) {}

  @Post()
  @CommandRoute(MANAGERS, {
    summary: 'Create a survey: audience, anonymity, product, bonus offer and questions',
    description:
      'A draft until its first wave is launched. 201 with the survey id. A product must be in the organisation ' +
      'catalogue: an unknown one is a 400 naming `productId`.',
    creates: true,
    conflicts: 'A survey with this id exists (SURVEY_EXISTS).',
    readsModels: true,
  })
  async create(@Body() body: CreateSurveyRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    const { id, ...request } = body;
    return this.bus.execute(await this.commands.create({ ...request, surveyId: id }, context));
  }

  @Post(':id/revision')
  @CommandRoute(MANAGERS, {
    summary: 'Revise the survey: its title, questions and bonus offer from the next wave on',
    description:
      'While no wave is open. The request is the whole new definition; an unchanged one appends nothing (position null). ' +
      'Waves keep the questions they ran with.',
    conflicts: `A wave is open (WAVE_OPEN), a question that ran changes its kind (QUESTION_KIND_CHANGED), or ${DATED_TOO_EARLY}.`,
    notFound: NOT_FOUND,
  })
  revise(@Param() params: SurveyIdParams, @Body() body: SurveyDefinitionRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.revise(params.id, body, context));
  }

  @Post(':id/waves')
  @CommandRoute(MANAGERS, {
    summary: 'Launch the next wave of the survey (1, 2, ...)',
    description: 'The wave runs with the questions and bonus offer in force. Answers `wave` too.',
    creates: true,
    answers: LaunchedWaveResponse,
    conflicts: `A wave is still open (WAVE_ALREADY_OPEN), or ${DATED_TOO_EARLY}.`,
    notFound: NOT_FOUND,
  })
  launchWave(
    @Param() params: SurveyIdParams,
    @Body() body: LaunchWaveRequest,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<LaunchedWaveResponse> {
    return this.bus.execute(this.commands.launchWave(params.id, body, context));
  }

  @Post(':id/waves/:wave/closing')
  @CommandRoute(MANAGERS, {
    summary: 'Close a wave: it takes no more answers',
    conflicts: `The wave is closed (WAVE_CLOSED), or ${DATED_TOO_EARLY}.`,
    notFound: NOT_FOUND,
  })
  closeWave(@Param() params: WaveParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(this.commands.closeWave(params.id, params.wave, body, context));
  }

  @Post(':id/waves/:wave/tokens')
  @CommandRoute(MANAGERS, {
    summary: 'Issue single-use tokens for anonymous answers to a wave',
    description:
      'Anonymous surveys only. The secrets are in this answer only; just their SHA-256 hashes are recorded. Hand them ' +
      'out so that nobody records who got which.',
    creates: true,
    answers: IssuedTokensResponse,
    idempotent: false,
    conflicts: 'The survey is not anonymous (SURVEY_NOT_ANONYMOUS) or the wave is closed (WAVE_CLOSED).',
    notFound: NOT_FOUND,
  })
  issueTokens(
    @Param() params: WaveParams,
    @Body() body: IssueTokensRequest,
    @NonIdempotentCommandCtx() context: RequestCommandContext,
  ): Promise<IssuedTokensResponse> {
    return this.bus.execute(this.commands.issueTokens(params.id, params.wave, body.count, context));
  }

  @Post(':id/waves/:wave/responses')
  @CommandRoute(ANSWERERS, {
    summary: 'Answer a wave as a known respondent: an employee for themselves, or the survey manager for a client',
    description:
      'Without `clientId`, the employee the key belongs to answers an employee survey; that employee must be in the ' +
      'organisation catalogue (400 naming `employeeId` otherwise). With `clientId`, a survey manager records the answers ' +
      'of a client to a client survey. One response per respondent and wave; its id derives from both. Anonymous ' +
      'surveys are answered with a token instead.',
    creates: true,
    readsModels: true,
    conflicts:
      'Already answered (ALREADY_ANSWERED), wave closed (WAVE_CLOSED), anonymous survey (ANONYMOUS_SURVEY), respondent ' +
      `outside the audience (RESPONDENT_NOT_IN_AUDIENCE), or ${DATED_TOO_EARLY}.`,
    notFound: NOT_FOUND,
  })
  async answer(
    @Param() params: WaveParams,
    @Body() body: AnswerSurveyRequest,
    @Caller() caller: Principal,
    @CommandCtx() context: RequestCommandContext,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.answer(params.id, params.wave, body, caller, context));
  }

  @Post(':id/waves/:wave/anonymous-responses')
  @Public()
  @AnonymousRoute()
  @ApiHeader({ name: 'X-Survey-Token', required: true, description: 'A single-use token issued for this wave.' })
  @ApiOperation({
    summary: 'Answer a wave of an anonymous survey with a survey token',
    description:
      'No API key: the token authenticates the answer, and an `Authorization` header is refused, so that nothing ties ' +
      'the answer to a person. Nothing about the request is recorded with it: the response gets a random id, its time is ' +
      'kept to the day, and the request is logged without address or headers, to the minute. Each token answers once; a ' +
      'retry gets 409 TOKEN_USED once the first attempt is in.',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiUnauthorizedResponse({ type: ProblemDto, description: 'No token, or one not issued for this wave of this survey.' })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'The token was used (TOKEN_USED), the wave is closed (WAVE_CLOSED), or the survey is not anonymous (SURVEY_NOT_ANONYMOUS).',
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: NOT_FOUND })
  async answerAnonymously(
    @Param() params: WaveParams,
    @Body() body: AnonymousAnswerRequest,
    @Headers() headers: Record<string, string | string[] | undefined>,
  ): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.answerAnonymously(params.id, params.wave, surveyTokenOf(headers), body.answers));
  }

  @Post(':id/responses/:responseId/bonus')
  @CommandRoute(MANAGERS, {
    summary: 'Record that the bonus offered for feedback was granted for a response',
    description: "The bonus the response's wave offered, to its respondent; identified responses only.",
    conflicts:
      'Granted already (BONUS_ALREADY_GRANTED), an anonymous response (BONUS_FOR_ANONYMOUS_RESPONSE), no bonus offered ' +
      `(NO_BONUS_OFFERED), or ${DATED_TOO_EARLY}.`,
    notFound: NOT_FOUND,
  })
  async grantBonus(@Param() params: ResponseParams, @Body() body: BusinessTimeRequest, @CommandCtx() context: RequestCommandContext): Promise<CommandResponse> {
    return this.bus.execute(await this.commands.grantBonus(params.id, params.responseId, body, context));
  }

  @Get()
  @ReadRoute(DEFINITION_READERS, {
    summary: 'Surveys, oldest first, a page at a time',
    description: PAGE_NOTE,
    type: SurveyPage,
    reads: SURVEYS,
  })
  list(@Query() query: SurveyListQuery, @ReadMoment() moment: ResolvedAsOf): Promise<SurveyPage> {
    return this.queries.list(query, moment);
  }

  @Get(':id')
  @ReadRoute(DEFINITION_READERS, {
    summary: 'A survey: its definition and its waves with their counts',
    description: 'With `asOf`, the survey as it was known then.',
    type: SurveyView,
    reads: SURVEYS,
    notFound: SURVEY_NOT_FOUND,
  })
  get(@Param() params: SurveyIdParams, @Query() _query: AsOfQuery, @ReadMoment() moment: ResolvedAsOf): Promise<SurveyView> {
    return this.queries.get(params.id, moment);
  }

  @Get(':id/responses')
  @ReadRoute(RESPONSE_READERS, {
    summary: 'The responses to an identified survey, with who gave them',
    description: 'Oldest answer first, a page at a time. Anonymous surveys are never listed by response.',
    type: SurveyResponsePage,
    reads: SURVEY_RESPONSES,
    notFound: SURVEY_NOT_FOUND,
    conflicts: 'The survey is anonymous (ANONYMOUS_SURVEY).',
  })
  responses(
    @Param() params: SurveyIdParams,
    @Query() query: SurveyResponsesQuery,
    @ReadMoment() moment: ResolvedAsOf,
  ): Promise<SurveyResponsePage> {
    return this.queries.responses(params.id, query, moment);
  }

  @Get(':id/free-text')
  @ReadRoute(RESULT_READERS, {
    summary: 'The free-text answers of a survey, by tag, wave and question',
    description:
      'Those of anonymous surveys come without any response id or respondent, `answeredAt` to the day, and page cursors that ' +
      'only count what came before (pass the same `asOf` on every page). `limit` counts responses: a page lists their ' +
      'matching answers.',
    type: FreeTextPage,
    reads: SURVEY_RESPONSES,
    notFound: SURVEY_NOT_FOUND,
  })
  freeText(@Param() params: SurveyIdParams, @Query() query: FreeTextQuery, @ReadMoment() moment: ResolvedAsOf): Promise<FreeTextPage> {
    return this.queries.freeText(params.id, query, moment);
  }
}

/**
 * The token of an anonymous answer. An API key alongside it is refused rather than ignored: the
 * respondent must not believe the answer anonymous while sending what identifies them.
 */
function surveyTokenOf(headers: Record<string, string | string[] | undefined>): string {
  if (headers.authorization !== undefined) {
    throw new ValidationError('an anonymous answer is authenticated by its survey token alone', [
      { field: 'Authorization', message: 'must not be sent with an anonymous answer: a key would tie the answer to its holder' },
    ]);
  }
  const token = headers[SURVEY_TOKEN_HEADER];
  if (typeof token !== 'string' || !TOKEN.test(token)) throw new UnauthenticatedError('send the survey token: X-Survey-Token: <token>');
  return token;
}
