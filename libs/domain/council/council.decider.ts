import { DomainRuleError, type Decider } from '#kernel';
import {
  validMemberCommand,
  validSetCouncilQuorum,
  type AppointCouncilChair,
  type AppointCouncilMember,
  type CouncilCommand,
  type RemoveCouncilMember,
} from './council.commands.js';
import {
  COUNCIL_CHAIR_APPOINTED,
  COUNCIL_MEMBER_APPOINTED,
  COUNCIL_MEMBER_REMOVED,
  COUNCIL_QUORUM_SET,
  DEFAULT_QUORUM,
  type CouncilEvent,
  type Quorum,
} from './council.events.js';

/** Who sits on the council and how many of them it takes to decide. */
export interface CouncilState {
  readonly members: readonly string[];
  readonly chairId?: string;
  readonly quorum: Quorum;
}

export type CouncilDecider = Decider<CouncilCommand, CouncilEvent, CouncilState>;

/**
 * The council roster. Rules:
 * - a member is appointed once (`ALREADY_A_MEMBER`); only members are removed or made chair (`NOT_A_MEMBER`);
 * - the chair is not removed while chairing (`CHAIR_CANNOT_BE_REMOVED`): appoint another chair first,
 *   so that there is always someone to sign the minutes;
 * - appointing the sitting chair, or setting the quorum in force, appends nothing.
 */
export const councilDecider: CouncilDecider = {
  initialState: () => ({ members: [], quorum: DEFAULT_QUORUM }),

  decide(command, state) {
    switch (command.type) {
      case 'AppointCouncilMember':
        return appoint(validMemberCommand(command), state);
      case 'RemoveCouncilMember':
        return remove(validMemberCommand(command), state);
      case 'AppointCouncilChair':
        return appointChair(validMemberCommand(command), state);
      case 'SetCouncilQuorum': {
        const { quorum, at } = validSetCouncilQuorum(command);
        if (sameQuorum(quorum, state.quorum)) return [];
        return [{ type: COUNCIL_QUORUM_SET, data: { quorum, at } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case COUNCIL_MEMBER_APPOINTED:
        return { ...state, members: [...state.members, event.data.memberId] };
      case COUNCIL_MEMBER_REMOVED:
        return { ...state, members: state.members.filter((member) => member !== event.data.memberId) };
      case COUNCIL_CHAIR_APPOINTED:
        return { ...state, chairId: event.data.memberId };
      case COUNCIL_QUORUM_SET:
        return { ...state, quorum: event.data.quorum };
    }
  },
};

function appoint({ memberId, at }: AppointCouncilMember, state: CouncilState): CouncilEvent[] {
  if (state.members.includes(memberId)) {
    throw new DomainRuleError('ALREADY_A_MEMBER', `${memberId} already sits on the council`, { memberId });
  }
  return [{ type: COUNCIL_MEMBER_APPOINTED, data: { memberId, at } }];
}

function remove({ memberId, at }: RemoveCouncilMember, state: CouncilState): CouncilEvent[] {
  requireMember(state, memberId);
  if (state.chairId === memberId) {
    throw new DomainRuleError('CHAIR_CANNOT_BE_REMOVED', 'appoint another chair before removing this one', { memberId });
  }
  return [{ type: COUNCIL_MEMBER_REMOVED, data: { memberId, at } }];
}

function appointChair({ memberId, at }: AppointCouncilChair, state: CouncilState): CouncilEvent[] {
  requireMember(state, memberId);
  if (state.chairId === memberId) return [];
  return [{ type: COUNCIL_CHAIR_APPOINTED, data: { memberId, at } }];
}

export function requireMember(council: Pick<CouncilState, 'members'>, memberId: string): void {
  if (!council.members.includes(memberId)) {
    throw new DomainRuleError('NOT_A_MEMBER', `${memberId} does not sit on the council`, { memberId });
  }
}

function sameQuorum(a: Quorum, b: Quorum): boolean {
  return a.kind === 'count' && b.kind === 'count' ? a.count === b.count : a.kind === 'share' && b.kind === 'share' && a.share === b.share;
}
