import { Injectable } from '@nestjs/common';
import {
  CHECK_ATTEMPT_CATEGORY,
  checkAttemptDecider,
  checkAttemptId,
  type AttemptAddress,
  type CheckAttemptCommand,
  type CheckAttemptEvent,
  type CheckAttemptState,
  type KnowledgeCheckState,
  type MarkCheckAnswers,
  type SaveCheckAnswers,
  type StartCheckAttempt,
  type SubmitCheckAttempt,
} from '#domain/competence/index.js';
import type { Principal } from '../auth/principal.js';
import type { RequestOf } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { ForbiddenError } from '../platform/http-errors.js';
import { CheckCampaignCommands } from './check-campaign-commands.service.js';
import { assessorOf, CompetenceRecordCommands } from './competence-record-commands.service.js';
import { CHECK_TAKERS } from './competence-roles.js';
import { CompetencyCatalogueCommands } from './competency-catalogue-commands.service.js';
import { KnowledgeCheckCommands } from './knowledge-check-commands.service.js';

type AttemptBusCommand = EntityCommand<CheckAttemptCommand, CheckAttemptEvent, CheckAttemptState>;

/** What the routes fill in of an attempt's command: its address, and what is read from the streams and the catalogues. */
type Addressed = 'campaignId' | 'employeeId';
type Scored = Addressed | 'check' | 'employee' | 'scale';

/**
 * The attempts employees take, each in `checkAttempt-<attemptId>`, addressed by campaign and
 * employee; every route answers the attempt's id. The employee takes their own attempt through a
 * key that belongs to them: another employee's is a 403. The campaign and the check are read from
 * their streams, the employee from the organisation catalogue, the scale from the competency catalogue.
 */
@Injectable()
export class CheckAttemptCommands {
  private readonly attempts: EntityStreams<CheckAttemptCommand, CheckAttemptEvent, CheckAttemptState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly campaigns: CheckCampaignCommands,
    private readonly checks: KnowledgeCheckCommands,
    private readonly records: CompetenceRecordCommands,
    private readonly catalogue: CompetencyCatalogueCommands,
  ) {
    this.attempts = new EntityStreams(runner, { decider: checkAttemptDecider(), category: CHECK_ATTEMPT_CATEGORY, idOf: checkAttemptId });
  }

  async start(campaignId: string, input: RequestOf<StartCheckAttempt, Addressed | 'campaign' | 'check' | 'employee'>, caller: Principal, context: RequestCommandContext): Promise<AttemptBusCommand> {
    const employeeId = ownEmployee(caller);
    const at = this.runner.businessTime(input.occurredAt);
    const checkOfCampaign = async () => {
      const campaign = await this.campaigns.current(campaignId);
      return { campaign, check: campaign.status === 'absent' ? ({ status: 'absent' } as const) : await this.checks.current(campaign.checkId) };
    };
    const [{ campaign, check }, employee] = await Promise.all([checkOfCampaign(), this.records.standing(employeeId)]);
    return this.attempts.command({ type: 'StartCheckAttempt', campaignId, employeeId, campaign, check, employee, at }, context);
  }

  async save(address: AttemptAddress, input: RequestOf<SaveCheckAnswers, Addressed | 'check'>, caller: Principal, context: RequestCommandContext): Promise<AttemptBusCommand> {
    requireOwnAttempt(caller, address);
    const at = this.runner.businessTime(input.occurredAt);
    const check = await this.checkOf(address);
    return this.attempts.command({ type: 'SaveCheckAnswers', ...address, check, answers: input.answers, at }, context);
  }

  async submit(address: AttemptAddress, input: RequestOf<SubmitCheckAttempt, Scored>, caller: Principal, context: RequestCommandContext): Promise<AttemptBusCommand> {
    requireOwnAttempt(caller, address);
    const at = this.runner.businessTime(input.occurredAt);
    const [check, employee, { scale }] = await Promise.all([this.checkOf(address), this.records.standing(address.employeeId), this.catalogue.current()]);
    return this.attempts.command({ type: 'SubmitCheckAttempt', ...address, check, employee, scale, at }, context);
  }

  async mark(address: AttemptAddress, input: RequestOf<MarkCheckAnswers, Scored | 'marker'>, caller: Principal, context: RequestCommandContext): Promise<AttemptBusCommand> {
    const at = this.runner.businessTime(input.occurredAt);
    const [check, employee, { scale }] = await Promise.all([this.checkOf(address), this.records.standing(address.employeeId), this.catalogue.current()]);
    return this.attempts.command(
      { type: 'MarkCheckAnswers', ...address, check, employee, scale, marks: input.marks, marker: assessorOf(caller), at },
      context,
    );
  }

  /** The check of the attempt's campaign; none before the attempt starts, which its decider refuses as not found. */
  private async checkOf(address: AttemptAddress): Promise<KnowledgeCheckState> {
    const attempt = await this.attempts.current(checkAttemptId(address));
    return attempt.status === 'absent' ? attempt : this.checks.current(attempt.checkId);
  }
}

/** The employee the caller's key belongs to: a key of nobody takes no check. */
function ownEmployee(caller: Principal): string {
  if (caller.employeeId === undefined) throw new ForbiddenError(CHECK_TAKERS, "another employee's attempt");
  return caller.employeeId;
}

function requireOwnAttempt(caller: Principal, { employeeId }: AttemptAddress): void {
  if (ownEmployee(caller) !== employeeId) throw new ForbiddenError(CHECK_TAKERS, "another employee's attempt");
}
