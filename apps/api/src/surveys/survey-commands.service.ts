import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Role } from '#domain/access/index.js';
import {
  ANONYMOUS_ACTOR,
  identifiedResponseId,
  SURVEY_CATEGORY,
  SURVEY_RESPONSE_CATEGORY,
  SURVEY_TOKEN_CATEGORY,
  SURVEY_TOKEN_RULES,
  surveyDecider,
  surveyResponseDecider,
  surveyTokenDecider,
  surveyTokenId,
  type AnswerSurvey,
  type CloseSurveyWave,
  type CreateSurvey,
  type GrantFeedbackBonus,
  type IssueSurveyTokens,
  type LaunchSurveyWave,
  type RedeemSurveyToken,
  type Respondent,
  type ReviseSurvey,
  type SurveyCommand,
  type SurveyEvent,
  type SurveyResponseCommand,
  type SurveyResponseEvent,
  type SurveyResponseState,
  type SurveyState,
  type SurveyTokenDecider,
} from '#domain/surveys/index.js';
import { toTheDay } from '#domain/shared/days.js';
import { DomainRuleError, newId, ValidationError, type CommandResult } from '#kernel';
import { generateApiKeySecret, hashApiKey } from '../auth/api-key-secret.js';
import type { Principal } from '../auth/principal.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand, NoExtension } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { ForbiddenError, UnauthenticatedError } from '../platform/http-errors.js';

/** A survey is not anonymous unless the request says so. */
export type CreateSurveyFields = WithOptional<RequestOf<CreateSurvey>, 'anonymous'>;

/** A request asks for a number of tokens: their secrets are made here, and only their hashes reach the command. */
export type IssueSurveyTokensFields = RequestOf<IssueSurveyTokens, 'surveyId' | 'wave' | 'tokenHashes'> & { readonly count: number };

/**
 * The respondent of an identified response is the client a request names, or else the employee the
 * caller's key belongs to; the response's id derives from it.
 */
export type IdentifiedAnswersFields = RequestOf<AnswerSurvey, 'responseId' | 'surveyId' | 'wave' | 'respondent' | 'tokenHash'> & {
  readonly clientId?: string;
};

type SurveyBusCommand<X extends object = NoExtension> = EntityCommand<SurveyCommand, SurveyEvent, SurveyState, X>;
type ResponseBusCommand = EntityCommand<SurveyResponseCommand, SurveyResponseEvent, SurveyResponseState>;

const CLIENT_ANSWER_RECORDER: Role = 'survey-manager';

/** Names the survey ids derived from idempotency keys; fixed forever, or retries would create new surveys. */
const SURVEY_ID_NAMESPACE = '8a41f3c6-2d9e-4b57-a0c3-6e1f9d2b7a58';

/**
 * The survey commands, built from requests for the command bus, for the HTTP controller and any
 * other caller in the process. Input is checked by the deciders. A response is decided against the
 * survey as its stream stands, folded here, and appended to a stream of its own whose id allows one
 * response per respondent (or token) and wave. The product of a survey and an employee who answers
 * are looked up in the organisation catalogue; clients are not in it.
 */
@Injectable()
export class SurveyCommands {
  private readonly surveys: EntityStreams<SurveyCommand, SurveyEvent, SurveyState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
  ) {
    this.surveys = new EntityStreams(runner, { decider: surveyDecider, category: SURVEY_CATEGORY, idOf: (command) => command.surveyId });
  }

  /** Creates a survey under `surveyId`, or under a new UUIDv7 when none is given. */
  async create(input: WithOptional<CreateSurveyFields, 'surveyId'>, context: RequestCommandContext): Promise<SurveyBusCommand> {
    const surveyId = input.surveyId ?? this.runner.newEntityId(context, SURVEY_ID_NAMESPACE);
    const { title, audience, productId, bonus, questions } = input;
    const at = this.runner.businessTime(input.occurredAt);
    if (productId !== undefined) await this.directory.product(productId, 'productId');
    const anonymous = input.anonymous ?? false;
    return this.surveys.command({ type: 'CreateSurvey', surveyId, title, audience, anonymous, productId, bonus, questions, at }, context);
  }

  revise(surveyId: string, input: RequestOf<ReviseSurvey, 'surveyId'>, context: RequestCommandContext): SurveyBusCommand {
    const { title, bonus, questions } = input;
    const at = this.runner.businessTime(input.occurredAt);
    return this.surveys.command({ type: 'ReviseSurvey', surveyId, title, bonus, questions, at }, context);
  }

  /** Answers the number of the wave launched. */
  launchWave(surveyId: string, input: RequestOf<LaunchSurveyWave, 'surveyId'>, context: RequestCommandContext): SurveyBusCommand<{ wave: number }> {
    const at = this.runner.businessTime(input.occurredAt);
    const launch = this.surveys.command({ type: 'LaunchSurveyWave', surveyId, invited: input.invited, at }, context);
    return launch.answering((result) => ({ wave: launchedWaveOf(result) }));
  }

  closeWave(surveyId: string, wave: number, input: RequestOf<CloseSurveyWave, 'surveyId' | 'wave'>, context: RequestCommandContext): SurveyBusCommand {
    const at = this.runner.businessTime(input.occurredAt);
    return this.surveys.command({ type: 'CloseSurveyWave', surveyId, wave, at }, context);
  }

  /** The secrets are answered once; only their hashes are recorded, as for API keys. */
  issueTokens(
    surveyId: string,
    wave: number,
    count: IssueSurveyTokensFields['count'],
    context: RequestCommandContext,
  ): SurveyBusCommand<{ wave: number; tokens: string[] }> {
    const tokens = Array.from({ length: count }, generateApiKeySecret);
    const at = this.runner.businessTime(undefined);
    const command: IssueSurveyTokens = { type: 'IssueSurveyTokens', surveyId, wave, tokenHashes: tokens.map(hashApiKey), at };
    return this.surveys.command(command, context).answering(() => ({ wave, tokens }));
  }

  /**
   * An identified response: a client's, recorded by the survey manager (`clientId`), or the answers of
   * the employee the key belongs to, who can answer for nobody else.
   */
  async answer(
    surveyId: string,
    wave: number,
    input: IdentifiedAnswersFields,
    caller: Principal,
    context: RequestCommandContext,
  ): Promise<ResponseBusCommand> {
    const respondent = respondentOf(caller, input.clientId);
    const at = this.runner.businessTime(input.occurredAt);
    if (respondent.kind === 'employee') await this.directory.employee(respondent.id, 'employeeId');
    const responseId = identifiedResponseId(surveyId, wave, respondent);
    const responses = await this.responsesTo(surveyId);
    return responses.command({ type: 'AnswerSurvey', responseId, surveyId, wave, respondent, answers: input.answers, at }, context);
  }

  /**
   * An anonymous response, authenticated by a survey token: the token is spent in its own stream (the
   * answer's claim), then the answer is recorded under a random id, so that nothing ties the two.
   * Nothing of the request goes into the events: the actor is the fixed anonymous one, the correlation
   * id a fresh one rather than the request id that request logs carry, and the business time the day
   * only. The rules still see the exact time: an answer given before its wave was launched is refused.
   * The survey is read as this process last folded it plus what came since, never replayed whole per
   * request.
   */
  async answerAnonymously(surveyId: string, wave: number, token: string, answers: AnswerSurvey['answers']): Promise<ResponseBusCommand> {
    const tokenHash = hashApiKey(token);
    const at = this.runner.businessTime(undefined);
    const context = { actor: ANONYMOUS_ACTOR, correlationId: newId(), occurredAt: toTheDay(at) };
    const survey = await this.surveys.current(surveyId);
    const tokenId = surveyTokenId(surveyId, wave, tokenHash);
    // Before tokens had streams of their own, a token's answer was recorded under the token stream's id.
    const answerOfOld = await this.responsesOf(survey).current(tokenId);
    const tokens = new EntityStreams(this.runner, {
      decider: authenticatingTokens(surveyTokenDecider(survey, answerOfOld.status === 'answered')),
      category: SURVEY_TOKEN_CATEGORY,
      idOf: (command) => surveyTokenId(command.surveyId, command.wave, command.tokenHash),
    });
    const redeem: RedeemSurveyToken = { type: 'RedeemSurveyToken', surveyId, wave, tokenHash, answers, at };
    const response: SurveyResponseCommand = { type: 'AnswerSurvey', responseId: randomUUID(), surveyId, wave, tokenHash, answers, at };
    return this.responsesOf(survey, tokenHash).command(response, context, tokens.command(redeem, context));
  }

  async grantBonus(
    surveyId: string,
    responseId: string,
    input: RequestOf<GrantFeedbackBonus, 'responseId' | 'surveyId'>,
    context: RequestCommandContext,
  ): Promise<ResponseBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const responses = await this.responsesTo(surveyId);
    return responses.command({ type: 'GrantFeedbackBonus', responseId, surveyId, at }, context);
  }

  /** The responses to the survey as its stream stands now: its waves, questions and tokens. */
  private async responsesTo(surveyId: string): Promise<EntityStreams<SurveyResponseCommand, SurveyResponseEvent, SurveyResponseState>> {
    return this.responsesOf(await this.surveys.current(surveyId));
  }

  /** Responses are decided against the survey as it was read, and an anonymous one against its spent token. */
  private responsesOf(
    survey: SurveyState,
    spentTokenHash?: string,
  ): EntityStreams<SurveyResponseCommand, SurveyResponseEvent, SurveyResponseState> {
    return new EntityStreams(this.runner, {
      decider: surveyResponseDecider(survey, spentTokenHash),
      category: SURVEY_RESPONSE_CATEGORY,
      idOf: (command) => command.responseId,
    });
  }
}

/**
 * A token not issued for the wave does not authenticate the answer: 401, as a missing token, rather
 * than the rule's 409.
 */
function authenticatingTokens(decider: SurveyTokenDecider): SurveyTokenDecider {
  return {
    ...decider,
    decide(command, state) {
      try {
        return decider.decide(command, state);
      } catch (error) {
        if (error instanceof DomainRuleError && error.rule === SURVEY_TOKEN_RULES.tokenNotIssued) {
          throw new UnauthenticatedError('the survey token was not issued for this wave of this survey');
        }
        throw error;
      }
    },
  };
}

/** Clients answer through the survey manager; an employee answers as themselves, never for anyone else. */
function respondentOf(caller: Principal, clientId: string | undefined): Respondent {
  if (clientId !== undefined) {
    if (!caller.roles.includes(CLIENT_ANSWER_RECORDER)) throw new ForbiddenError([CLIENT_ANSWER_RECORDER]);
    return { kind: 'client', id: clientId };
  }
  if (caller.employeeId === undefined) {
    throw new ValidationError('clientId is required: this key belongs to no employee, so it records the answers of a client', [
      { field: 'clientId', message: 'is required unless the key belongs to an employee answering for themselves' },
    ]);
  }
  return { kind: 'employee', id: caller.employeeId };
}

function launchedWaveOf(result: CommandResult<SurveyEvent>): number {
  const launched = result.events.find((event) => event.type === 'SurveyWaveLaunched');
  if (launched?.type !== 'SurveyWaveLaunched') throw new Error('launching a wave appended no SurveyWaveLaunched event');
  return launched.data.wave;
}
