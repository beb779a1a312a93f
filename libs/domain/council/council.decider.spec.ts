import { DomainRuleError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { councilDecider } from './council.decider.js';
import { membersNeeded, type CouncilEvent } from './council.events.js';

const AT = '2026-03-02T09:00:00.000Z';
const { given } = deciderSpec(councilDecider);

const appointed = (memberId: string): CouncilEvent => ({ type: 'CouncilMemberAppointed', data: { memberId, at: AT } });
const chair = (memberId: string): CouncilEvent => ({ type: 'CouncilChairAppointed', data: { memberId, at: AT } });

describe('the council roster', () => {
  it('appoints a member once', () => {
    given([]).when({ type: 'AppointCouncilMember', memberId: 'emp-1', at: AT }).then([appointed('emp-1')]);
    given([appointed('emp-1')]).when({ type: 'AppointCouncilMember', memberId: 'emp-1', at: AT }).thenThrows(DomainRuleError, 'ALREADY_A_MEMBER');
  });

  it('removes members, but not the sitting chair', () => {
    given([appointed('emp-1'), appointed('emp-2')])
      .when({ type: 'RemoveCouncilMember', memberId: 'emp-2', at: AT })
      .then([{ type: 'CouncilMemberRemoved', data: { memberId: 'emp-2', at: AT } }]);
    given([appointed('emp-1'), chair('emp-1')])
      .when({ type: 'RemoveCouncilMember', memberId: 'emp-1', at: AT })
      .thenThrows(DomainRuleError, 'CHAIR_CANNOT_BE_REMOVED');
    given([]).when({ type: 'RemoveCouncilMember', memberId: 'emp-9', at: AT }).thenThrows(DomainRuleError, 'NOT_A_MEMBER');
  });

  it('makes a member the chair; the sitting chair again appends nothing', () => {
    given([appointed('emp-1')]).when({ type: 'AppointCouncilChair', memberId: 'emp-1', at: AT }).then([chair('emp-1')]);
    given([appointed('emp-1'), chair('emp-1')]).when({ type: 'AppointCouncilChair', memberId: 'emp-1', at: AT }).then([]);
    given([]).when({ type: 'AppointCouncilChair', memberId: 'emp-1', at: AT }).thenThrows(DomainRuleError, 'NOT_A_MEMBER');
  });

  it('sets the quorum as a count or a share; the quorum in force appends nothing', () => {
    given([])
      .when({ type: 'SetCouncilQuorum', quorum: { kind: 'count', count: 3 }, at: AT })
      .then([{ type: 'CouncilQuorumSet', data: { quorum: { kind: 'count', count: 3 }, at: AT } }]);
    given([]).when({ type: 'SetCouncilQuorum', quorum: { kind: 'share', share: 0.5 }, at: AT }).then([]);
  });

  it('refuses a bad member id or quorum, naming the field', () => {
    given([]).when({ type: 'AppointCouncilMember', memberId: '', at: AT }).thenRejects(['memberId']);
    given([]).when({ type: 'SetCouncilQuorum', quorum: { kind: 'count', count: 0 }, at: AT }).thenRejects(['quorum.count']);
    given([]).when({ type: 'SetCouncilQuorum', quorum: { kind: 'share', share: 0 }, at: AT }).thenRejects(['quorum.share']);
    given([]).when({ type: 'SetCouncilQuorum', quorum: { kind: 'most' } as never, at: AT }).thenRejects(['quorum.kind']);
  });
});

describe('members needed for a quorum', () => {
  it('is the count, or the share of the members rounded up, and at least one', () => {
    expect(membersNeeded({ kind: 'count', count: 3 }, 7)).toBe(3);
    expect(membersNeeded({ kind: 'share', share: 0.5 }, 7)).toBe(4);
    expect(membersNeeded({ kind: 'share', share: 0.5 }, 6)).toBe(3);
    expect(membersNeeded({ kind: 'share', share: 0.5 }, 0)).toBe(1);
  });
});
