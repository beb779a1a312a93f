import type { DomainEvent } from '#kernel';

/** Stream category of the council roster; there is one council, in the stream `council-main`. */
export const COUNCIL_CATEGORY = 'council';
export const THE_COUNCIL = 'main';

export const COUNCIL_MEMBER_APPOINTED = 'CouncilMemberAppointed';
export const COUNCIL_MEMBER_REMOVED = 'CouncilMemberRemoved';
export const COUNCIL_CHAIR_APPOINTED = 'CouncilChairAppointed';
export const COUNCIL_QUORUM_SET = 'CouncilQuorumSet';

/**
 * How many members must be present for the council to decide: a fixed number, or a share of the
 * members appointed at the time (rounded up).
 */
export type Quorum = { readonly kind: 'count'; readonly count: number } | { readonly kind: 'share'; readonly share: number };
export const QUORUM_KINDS = ['count', 'share'] as const;

/** Until the admin sets one: half of the members, rounded up. */
export const DEFAULT_QUORUM: Quorum = { kind: 'share', share: 0.5 };

/** Members are employees, referenced by their employee id. */
export interface CouncilMemberData {
  readonly memberId: string;
  readonly at: string;
}

export interface CouncilQuorumSetData {
  readonly quorum: Quorum;
  readonly at: string;
}

export type CouncilEvent =
  | DomainEvent<typeof COUNCIL_MEMBER_APPOINTED, CouncilMemberData>
  | DomainEvent<typeof COUNCIL_MEMBER_REMOVED, CouncilMemberData>
  | DomainEvent<typeof COUNCIL_CHAIR_APPOINTED, CouncilMemberData>
  | DomainEvent<typeof COUNCIL_QUORUM_SET, CouncilQuorumSetData>;

/** Members present needed for a quorum among `memberCount` members. */
export function membersNeeded(quorum: Quorum, memberCount: number): number {
  return quorum.kind === 'count' ? quorum.count : Math.max(1, Math.ceil(quorum.share * memberCount));
}
