import type { DomainEvent } from '#kernel';

/** Stream category of standards: each lives in `standard-<standardId>`. */
export const STANDARD_CATEGORY = 'standard';

export const STANDARD_PUBLISHED = 'StandardPublished';
export const STANDARD_REVISED = 'StandardRevised';
export const STANDARD_RETIRED = 'StandardRetired';

/**
 * External: how staff deal with clients, partners, competitors. Internal: how staff deal with each
 * other. Structural: how units, procedures and documents are arranged. Behavioural: conduct and
 * manner (seed 001).
 */
export const STANDARD_TYPES = ['external', 'internal', 'structural', 'behavioural'] as const;
export type StandardType = (typeof STANDARD_TYPES)[number];

/** A standard belongs to a section of the organisation or to one of its products. */
export type StandardOwner = { readonly sectionId: string } | { readonly productId: string };

/** What one version of a standard says: a body text, a link to the document, or both. */
export interface StandardContent {
  readonly title: string;
  readonly body?: string;
  readonly link?: string;
}

export interface StandardPublishedData extends StandardContent {
  readonly standardId: string;
  readonly version: 1;
  readonly type: StandardType;
  readonly owner: StandardOwner;
  readonly publishedAt: string;
}

export interface StandardRevisedData extends StandardContent {
  readonly standardId: string;
  /** The version this revision publishes: the previous one plus one. */
  readonly version: number;
  /** Why the standard changed. */
  readonly changeNote?: string;
  readonly revisedAt: string;
}

export interface StandardRetiredData {
  readonly standardId: string;
  readonly reason?: string;
  readonly retiredAt: string;
}

export type StandardPublished = DomainEvent<typeof STANDARD_PUBLISHED, StandardPublishedData>;
export type StandardRevised = DomainEvent<typeof STANDARD_REVISED, StandardRevisedData>;
export type StandardRetired = DomainEvent<typeof STANDARD_RETIRED, StandardRetiredData>;

export type StandardEvent = StandardPublished | StandardRevised | StandardRetired;
