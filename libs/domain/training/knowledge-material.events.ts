import type { DomainEvent } from '#kernel';

/** Stream category of knowledge-base materials: each lives in `knowledgeMaterial-<materialId>`. */
export const KNOWLEDGE_MATERIAL_CATEGORY = 'knowledgeMaterial';

export const MATERIAL_PUBLISHED = 'MaterialPublished';
export const MATERIAL_REVISED = 'MaterialRevised';
export const MATERIAL_REVIEWED = 'MaterialReviewed';
export const MATERIAL_OWNER_CHANGED = 'MaterialOwnerChanged';
export const MATERIAL_RETIRED = 'MaterialRetired';
export const REGULATION_ACKNOWLEDGED = 'RegulationAcknowledged';

/** Text is read in the knowledge base itself; audio and video are links to where they are played. */
export const MATERIAL_FORMATS = ['text', 'audio', 'video'] as const;
export type MaterialFormat = (typeof MATERIAL_FORMATS)[number];

/** What one version of a material says: a body (text), a link (audio, video), or both. */
export interface MaterialContent {
  readonly title: string;
  readonly body?: string;
  readonly link?: string;
}

/**
 * Who must know a regulation: the holders of these positions and the members of these sections. Each
 * list may be empty, not both.
 */
export interface RegulationAudience {
  readonly positionIds: readonly string[];
  readonly sectionIds: readonly string[];
}

export interface MaterialPublishedData extends MaterialContent {
  readonly materialId: string;
  readonly version: 1;
  readonly format: MaterialFormat;
  /** The employee who keeps the material up to date. */
  readonly ownerId: string;
  /** The day by which the content must be reviewed; after it, the material is stale. */
  readonly reviewBy: string;
  /** The competencies the material teaches; a training plan proposes it for their gaps. */
  readonly competencyIds: readonly string[];
  /** Present for a regulation employees acknowledge against signature. */
  readonly regulation?: RegulationAudience;
  readonly publishedAt: string;
}

export interface MaterialRevisedData extends MaterialContent {
  readonly materialId: string;
  /** The version this revision publishes: the previous one plus one. */
  readonly version: number;
  readonly reviewBy: string;
  readonly changeNote?: string;
  readonly revisedAt: string;
}

/** The content was checked and still holds: the review date moves on, the version stays. */
export interface MaterialReviewedData {
  readonly materialId: string;
  readonly version: number;
  readonly reviewBy: string;
  readonly note?: string;
  readonly reviewedAt: string;
}

export interface MaterialOwnerChangedData {
  readonly materialId: string;
  readonly ownerId: string;
  readonly previousOwnerId: string;
  readonly changedAt: string;
}

export interface MaterialRetiredData {
  readonly materialId: string;
  readonly reason?: string;
  readonly retiredAt: string;
}

/** An employee signed that they have read this version of a regulation. */
export interface RegulationAcknowledgedData {
  readonly materialId: string;
  readonly version: number;
  readonly employeeId: string;
  readonly acknowledgedAt: string;
}

export type MaterialPublished = DomainEvent<typeof MATERIAL_PUBLISHED, MaterialPublishedData>;
export type MaterialRevised = DomainEvent<typeof MATERIAL_REVISED, MaterialRevisedData>;
export type MaterialReviewed = DomainEvent<typeof MATERIAL_REVIEWED, MaterialReviewedData>;
export type MaterialOwnerChanged = DomainEvent<typeof MATERIAL_OWNER_CHANGED, MaterialOwnerChangedData>;
export type MaterialRetired = DomainEvent<typeof MATERIAL_RETIRED, MaterialRetiredData>;
export type RegulationAcknowledged = DomainEvent<typeof REGULATION_ACKNOWLEDGED, RegulationAcknowledgedData>;

export type KnowledgeMaterialEvent =
  | MaterialPublished
  | MaterialRevised
  | MaterialReviewed
  | MaterialOwnerChanged
  | MaterialRetired
  | RegulationAcknowledged;
