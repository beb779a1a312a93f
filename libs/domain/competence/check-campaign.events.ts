import type { DomainEvent } from '#kernel';

/** Stream category of knowledge-check campaigns: each lives in `checkCampaign-<campaignId>`. */
export const CHECK_CAMPAIGN_CATEGORY = 'checkCampaign';

export const CHECK_CAMPAIGN_CREATED = 'KnowledgeCheckCampaignCreated';

/** Whom a campaign asks, as it was named: employees, and everyone holding a position or working in a section. */
export interface CampaignAudience {
  readonly employeeIds: readonly string[];
  readonly positionIds: readonly string[];
  readonly sectionIds: readonly string[];
}

export interface CheckCampaignCreatedData {
  readonly campaignId: string;
  readonly checkId: string;
  readonly title: string;
  readonly audience: CampaignAudience;
  /** Who must take the check: the employees of the audience employed when the campaign was created. */
  readonly participantIds: readonly string[];
  /** The first day an attempt may start. */
  readonly opensOn: string;
  /** The last day to submit an attempt in time; a later one is late. */
  readonly dueOn: string;
  readonly createdAt: string;
}

export type CheckCampaignCreated = DomainEvent<typeof CHECK_CAMPAIGN_CREATED, CheckCampaignCreatedData>;

export type CheckCampaignEvent = CheckCampaignCreated;
