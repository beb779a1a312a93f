import { DomainRuleError, type Decider } from '#kernel';
import { dayOf, lastDayOfQuarter } from '../shared/days.js';
import { invalid } from '../shared/validation.js';
import { MAX_CAMPAIGN_PARTICIPANTS, validCreateCheckCampaign, type CheckCampaignCommand, type CreateCheckCampaign } from './check-campaign.commands.js';
import { CHECK_CAMPAIGN_CREATED, type CampaignAudience, type CheckCampaignEvent } from './check-campaign.events.js';
import { rejectLeft } from './competence-record.decider.js';
import { activeCheck } from './knowledge-check.decider.js';

/** A campaign as its stream stands; attempts are decided against it. */
export type CheckCampaignState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'created';
      readonly campaignId: string;
      readonly checkId: string;
      readonly participantIds: ReadonlySet<string>;
      readonly opensOn: string;
      readonly dueOn: string;
    };

export type CheckCampaignDecider = Decider<CheckCampaignCommand, CheckCampaignEvent, CheckCampaignState>;

/**
 * A knowledge-check campaign: who must take which check, from when and by when (the end of the
 * quarter it opens in, unless told otherwise). Who takes part is fixed when it is created: the
 * employees named, and those then employed in the positions and sections named.
 *
 * Rules: one campaign per id (`CAMPAIGN_EXISTS`); the check exists (400 naming `checkId`) and is
 * not retired (`KNOWLEDGE_CHECK_RETIRED`); no employee named has left (`EMPLOYEE_LEFT`); someone takes
 * part (`CAMPAIGN_WITHOUT_PARTICIPANTS`), at most MAX_CAMPAIGN_PARTICIPANTS (`CAMPAIGN_TOO_LARGE`);
 * it is due no earlier than it opens (400 naming `dueOn`).
 */
export function checkCampaignDecider(): CheckCampaignDecider {
  return {
    initialState: () => ({ status: 'absent' }),
    decide: (command, state) => create(validCreateCheckCampaign(command), state),
    evolve,
  };
}

function create(command: CreateCheckCampaign & { readonly audience: CampaignAudience }, state: CheckCampaignState): CheckCampaignEvent[] {
  const { campaignId, checkId, title, audience, at } = command;
  if (command.check.status === 'absent') throw invalid('checkId', 'no such knowledge check');
  activeCheck(command.check, checkId);
  const opensOn = command.opensOn ?? dayOf(at);
  const dueOn = command.dueOn ?? lastDayOfQuarter(opensOn);
  if (dueOn < opensOn) throw invalid('dueOn', `must not be before ${opensOn}, the day the campaign opens`);
  for (const [employeeId, standing] of command.namedEmployees) rejectLeft(employeeId, standing);
  const participantIds = [...new Set([...audience.employeeIds, ...command.members])];
  if (participantIds.length === 0) {
    throw new DomainRuleError('CAMPAIGN_WITHOUT_PARTICIPANTS', 'nobody is employed in the positions and sections named', { campaignId });
  }
  if (participantIds.length > MAX_CAMPAIGN_PARTICIPANTS) {
    throw new DomainRuleError('CAMPAIGN_TOO_LARGE', `${participantIds.length} participants: a campaign asks at most ${MAX_CAMPAIGN_PARTICIPANTS}`, {
      campaignId,
    });
  }
  if (state.status !== 'absent') throw new DomainRuleError('CAMPAIGN_EXISTS', `campaign ${campaignId} exists already`, { campaignId });
  return [{ type: CHECK_CAMPAIGN_CREATED, data: { campaignId, checkId, title, audience, participantIds, opensOn, dueOn, createdAt: at } }];
}

function evolve(_state: CheckCampaignState, event: CheckCampaignEvent): CheckCampaignState {
  const { campaignId, checkId, participantIds, opensOn, dueOn } = event.data;
  return { status: 'created', campaignId, checkId, participantIds: new Set(participantIds), opensOn, dueOn };
}
