import { requireId, requireNumber, requireOneOf, requireRecord, requireUtcInstant } from '../shared/validation.js';
import { QUORUM_KINDS, type Quorum } from './council.events.js';

export interface AppointCouncilMember {
  readonly type: 'AppointCouncilMember';
  readonly memberId: string;
  readonly at: string;
}

export interface RemoveCouncilMember {
  readonly type: 'RemoveCouncilMember';
  readonly memberId: string;
  readonly at: string;
}

export interface AppointCouncilChair {
  readonly type: 'AppointCouncilChair';
  readonly memberId: string;
  readonly at: string;
}

export interface SetCouncilQuorum {
  readonly type: 'SetCouncilQuorum';
  readonly quorum: Quorum;
  readonly at: string;
}

export type CouncilCommand = AppointCouncilMember | RemoveCouncilMember | AppointCouncilChair | SetCouncilQuorum;

/** A council larger than this is no council but an assembly. */
export const MAX_QUORUM_COUNT = 100;

export function validMemberCommand<C extends AppointCouncilMember | RemoveCouncilMember | AppointCouncilChair>(command: C): C {
  return { ...command, memberId: requireId(command.memberId, 'memberId'), at: requireUtcInstant(command.at, 'at') };
}

export function validSetCouncilQuorum(command: SetCouncilQuorum): SetCouncilQuorum {
  return { type: command.type, quorum: validQuorum(command.quorum), at: requireUtcInstant(command.at, 'at') };
}

function validQuorum(value: unknown): Quorum {
  const quorum = requireRecord(value, 'quorum');
  const kind = requireOneOf(quorum.kind, 'quorum.kind', QUORUM_KINDS);
  if (kind === 'count') {
    return { kind, count: requireNumber(quorum.count, 'quorum.count', { whole: true, atLeast: 1, atMost: MAX_QUORUM_COUNT }) };
  }
  return { kind, share: requireNumber(quorum.share, 'quorum.share', { above: 0, atMost: 1 }) };
}
