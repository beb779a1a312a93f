import { DomainRuleError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { MAX_CAMPAIGN_PARTICIPANTS, type CreateCheckCampaign } from './check-campaign.commands.js';
import { checkCampaignDecider } from './check-campaign.decider.js';
import type { CheckCampaignEvent } from './check-campaign.events.js';
import type { KnowledgeCheckState } from './knowledge-check.decider.js';

const MAY = '2026-05-12T09:00:00.000Z';
const check: KnowledgeCheckState = {
  status: 'active',
  checkId: 'chk',
  openBook: true,
  lastChangedAt: MAY,
  questions: [{ questionId: 'q1', kind: 'open', text: 'Refund window?', competencyId: 'regs', points: 2 }],
};
const create: CreateCheckCampaign = {
  type: 'CreateCheckCampaign',
  campaignId: 'q2',
  checkId: 'chk',
  check,
  title: 'Regulations, Q2',
  audience: { employeeIds: ['ann'], positionIds: ['line-1'] },
  namedEmployees: new Map([['ann', { status: 'employed', positionId: 'sales' }]]),
  members: ['bob', 'ann', 'cid'],
  at: MAY,
};
const created = (data: Partial<Extract<CheckCampaignEvent, { type: 'KnowledgeCheckCampaignCreated' }>['data']> = {}): CheckCampaignEvent => ({
  type: 'KnowledgeCheckCampaignCreated',
  data: {
    campaignId: 'q2',
    checkId: 'chk',
    title: 'Regulations, Q2',
    audience: { employeeIds: ['ann'], positionIds: ['line-1'], sectionIds: [] },
    participantIds: ['ann', 'bob', 'cid'],
    opensOn: '2026-05-12',
    dueOn: '2026-06-30',
    createdAt: MAY,
    ...data,
  },
});

const { given } = deciderSpec(checkCampaignDecider());

describe('knowledge-check campaign decider', () => {
  it('asks everyone named once, from the day it is created to the end of that quarter by default', () => {
    given([]).when(create).then([created()]);
  });

  it('takes the window given, due on the last day of the quarter it opens in unless told', () => {
    given([]).when({ ...create, opensOn: '2026-07-01' }).then([created({ opensOn: '2026-07-01', dueOn: '2026-09-30' })]);
    given([]).when({ ...create, opensOn: '2026-05-01', dueOn: '2026-05-31' }).then([created({ opensOn: '2026-05-01', dueOn: '2026-05-31' })]);
  });

  it('is created once, for a check not retired, asking someone who works here', () => {
    given([created()]).when(create).thenThrows(DomainRuleError, 'CAMPAIGN_EXISTS');
    given([]).when({ ...create, check: { ...check, status: 'retired' } }).thenThrows(DomainRuleError, 'KNOWLEDGE_CHECK_RETIRED');
    given([]).when({ ...create, namedEmployees: new Map([['ann', { status: 'left', positionId: 'sales' }]]) }).thenThrows(DomainRuleError, 'EMPLOYEE_LEFT');
    given([])
      .when({ ...create, audience: { sectionIds: ['empty'] }, namedEmployees: new Map(), members: [] })
      .thenThrows(DomainRuleError, 'CAMPAIGN_WITHOUT_PARTICIPANTS');
    const everyone = Array.from({ length: MAX_CAMPAIGN_PARTICIPANTS + 1 }, (_, index) => `emp-${index}`);
    given([]).when({ ...create, members: everyone }).thenThrows(DomainRuleError, 'CAMPAIGN_TOO_LARGE');
  });

  it.each<[string, CreateCheckCampaign, string]>([
    ['an unknown check', { ...create, check: { status: 'absent' } }, 'checkId'],
    ['an audience of nobody', { ...create, audience: {} }, 'audience'],
    ['an audience that is no object', { ...create, audience: 'everyone' as unknown as CreateCheckCampaign['audience'] }, 'audience'],
    ['an employee named twice', { ...create, audience: { employeeIds: ['ann', 'ann'] } }, 'audience.employeeIds.1'],
    ['a position that is no id', { ...create, audience: { positionIds: ['line 1'] } }, 'audience.positionIds.0'],
    ['a due day before the opening', { ...create, opensOn: '2026-06-01', dueOn: '2026-05-31' }, 'dueOn'],
    ['a day that does not exist', { ...create, dueOn: '2026-06-31' }, 'dueOn'],
    ['no title', { ...create, title: ' ' }, 'title'],
  ])('rejects %s, naming the field', (_name, command, field) => {
    given([]).when(command).thenRejects([field]);
  });
});
