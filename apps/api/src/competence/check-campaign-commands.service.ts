import { Injectable } from '@nestjs/common';
import {
  CHECK_CAMPAIGN_CATEGORY,
  checkCampaignDecider,
  type CheckCampaignCommand,
  type CheckCampaignEvent,
  type CheckCampaignState,
  type CreateCheckCampaign,
  type EmployeeStanding,
} from '#domain/competence/index.js';
import { OrganisationDirectory } from '../organisation/organisation-directory.service.js';
import type { RequestOf, WithOptional } from '../platform/command-requests.js';
import { CommandRunner, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { EntityCommand } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { CompetenceRecordCommands } from './competence-record-commands.service.js';
import { KnowledgeCheckCommands } from './knowledge-check-commands.service.js';

/** What a trainer gives of a campaign: who its audience names is looked up here. */
export type CreateCampaignFields = RequestOf<CreateCheckCampaign, 'check' | 'namedEmployees' | 'members'>;

/** Names the campaign ids derived from idempotency keys; fixed forever, or retries would create new campaigns. */
const CAMPAIGN_ID_NAMESPACE = '0d4c7b1a-5e3f-4a69-b8d2-7c1e9f0a3b45';

/**
 * Knowledge-check campaigns, each in `checkCampaign-<campaignId>`. The check is read from its stream;
 * the audience from the organisation catalogue, whose every employee, position and section must
 * exist (a 400 naming the entry otherwise).
 */
@Injectable()
export class CheckCampaignCommands {
  private readonly campaigns: EntityStreams<CheckCampaignCommand, CheckCampaignEvent, CheckCampaignState>;

  constructor(
    private readonly runner: CommandRunner,
    private readonly directory: OrganisationDirectory,
    private readonly checks: KnowledgeCheckCommands,
    private readonly records: CompetenceRecordCommands,
  ) {
    this.campaigns = new EntityStreams(runner, {
      decider: checkCampaignDecider(),
      category: CHECK_CAMPAIGN_CATEGORY,
      idOf: (command) => command.campaignId,
    });
  }

  current(campaignId: string): Promise<CheckCampaignState> {
    return this.campaigns.current(campaignId);
  }

  async create(
    input: WithOptional<CreateCampaignFields, 'campaignId'>,
    context: RequestCommandContext,
  ): Promise<EntityCommand<CheckCampaignCommand, CheckCampaignEvent, CheckCampaignState>> {
    const campaignId = input.campaignId ?? this.runner.newEntityId(context, CAMPAIGN_ID_NAMESPACE);
    const { checkId, title, audience, opensOn, dueOn } = input;
    const at = this.runner.businessTime(input.occurredAt);
    const { employeeIds = [], positionIds = [], sectionIds = [] } = audience;
    await Promise.all([
      ...positionIds.map((id, index) => this.directory.position(id, `audience.positionIds.${index}`)),
      ...sectionIds.map((id, index) => this.directory.section(id, `audience.sectionIds.${index}`)),
    ]);
    const [check, namedEmployees, members] = await Promise.all([
      this.checks.current(checkId),
      this.namedEmployees(employeeIds),
      this.directory.employedIn(positionIds, sectionIds),
    ]);
    return this.campaigns.command(
      { type: 'CreateCheckCampaign', campaignId, checkId, check, title, audience, namedEmployees, members, opensOn, dueOn, at },
      context,
    );
  }

  private async namedEmployees(employeeIds: readonly string[]): Promise<Map<string, EmployeeStanding>> {
    const standings = employeeIds.map(async (employeeId, index) => [employeeId, await this.records.standing(employeeId, `audience.employeeIds.${index}`)] as const);
    return new Map(await Promise.all(standings));
  }
}
