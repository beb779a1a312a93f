import { requireAudience } from '../shared/audience.js';
import { requireDay } from '../shared/days.js';
import { withoutAbsent } from '../shared/objects.js';
import { requireId, requireText, requireUtcInstant } from '../shared/validation.js';
import type { CampaignAudience } from './check-campaign.events.js';
import type { EmployeeStanding } from './competence-record.commands.js';
import type { KnowledgeCheckState } from './knowledge-check.decider.js';

/**
 * Asks the audience to take a check within a window. The command service reads the check from its
 * stream and the audience from the organisation catalogue: each employee named, and the employees
 * employed now in the positions and sections named.
 */
export interface CreateCheckCampaign {
  readonly type: 'CreateCheckCampaign';
  readonly campaignId: string;
  readonly checkId: string;
  readonly check: KnowledgeCheckState;
  readonly title: string;
  readonly audience: Partial<CampaignAudience>;
  /** Each employee the audience names, by id. */
  readonly namedEmployees: ReadonlyMap<string, EmployeeStanding>;
  /** The employees employed now in the audience's positions and sections. */
  readonly members: readonly string[];
  /** Default: the day of `at`. */
  readonly opensOn?: string;
  /** Default: the last day of the quarter the campaign opens in. */
  readonly dueOn?: string;
  readonly at: string;
}

export type CheckCampaignCommand = CreateCheckCampaign;

export const MAX_CAMPAIGN_TITLE_LENGTH = 200;
/** Per list of the audience. */
export const MAX_AUDIENCE_ENTRIES = 500;
/** Every participant is named in the campaign's first event, which must stay a reasonable size. */
export const MAX_CAMPAIGN_PARTICIPANTS = 5000;

export function validCreateCheckCampaign(command: CreateCheckCampaign): CreateCheckCampaign & { readonly audience: CampaignAudience } {
  const audience = requireAudience(
    command.audience,
    'audience',
    ['employeeIds', 'positionIds', 'sectionIds'],
    MAX_AUDIENCE_ENTRIES,
    'must name at least one employee, position or section',
  );
  return withoutAbsent({
    type: command.type,
    campaignId: requireId(command.campaignId, 'campaignId'),
    checkId: requireId(command.checkId, 'checkId'),
    check: command.check,
    title: requireText(command.title, 'title', MAX_CAMPAIGN_TITLE_LENGTH),
    audience,
    namedEmployees: command.namedEmployees,
    members: command.members,
    opensOn: command.opensOn === undefined ? undefined : requireDay(command.opensOn, 'opensOn'),
    dueOn: command.dueOn === undefined ? undefined : requireDay(command.dueOn, 'dueOn'),
    at: requireUtcInstant(command.at, 'at'),
  });
}
