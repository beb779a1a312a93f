import type { DomainEvent } from '#kernel';

/** Stream category of the organisation structure: sections and positions live in `orgStructure-main`. */
export const ORG_STRUCTURE_CATEGORY = 'orgStructure';
export const ORG_STRUCTURE_ID = 'main';

export const SECTION_CREATED = 'SectionCreated';
export const SECTION_RENAMED = 'SectionRenamed';
export const SECTION_VALUABLE_FINAL_PRODUCT_CHANGED = 'SectionValuableFinalProductChanged';
export const SECTION_MOVED = 'SectionMoved';
export const SECTION_CLOSED = 'SectionClosed';
export const POSITION_CREATED = 'PositionCreated';
export const POSITION_RENAMED = 'PositionRenamed';
export const POSITION_RETIRED = 'PositionRetired';

/*
 * Every event carries its business date, so that the structure can be read as of any date. Optional
 * fields are left out rather than set to undefined; an absent `parentId` means a top-level section.
 */

export interface SectionCreatedData {
  readonly sectionId: string;
  readonly name: string;
  /** ЦКП: the result the section exists to deliver. */
  readonly valuableFinalProduct: string;
  readonly parentId?: string;
  readonly createdAt: string;
}

export interface SectionRenamedData {
  readonly sectionId: string;
  readonly name: string;
  readonly previousName: string;
  readonly renamedAt: string;
}

export interface SectionValuableFinalProductChangedData {
  readonly sectionId: string;
  readonly valuableFinalProduct: string;
  readonly changedAt: string;
}

export interface SectionMovedData {
  readonly sectionId: string;
  readonly parentId?: string;
  readonly previousParentId?: string;
  readonly movedAt: string;
}

export interface SectionClosedData {
  readonly sectionId: string;
  readonly closedAt: string;
}

export interface PositionCreatedData {
  readonly positionId: string;
  readonly title: string;
  /** The section the position belongs to; absent for a position of the whole company. */
  readonly sectionId?: string;
  readonly createdAt: string;
}

export interface PositionRenamedData {
  readonly positionId: string;
  readonly title: string;
  readonly previousTitle: string;
  readonly renamedAt: string;
}

export interface PositionRetiredData {
  readonly positionId: string;
  readonly retiredAt: string;
}

export type SectionCreated = DomainEvent<typeof SECTION_CREATED, SectionCreatedData>;
export type SectionRenamed = DomainEvent<typeof SECTION_RENAMED, SectionRenamedData>;
export type SectionValuableFinalProductChanged = DomainEvent<
  typeof SECTION_VALUABLE_FINAL_PRODUCT_CHANGED,
  SectionValuableFinalProductChangedData
>;
export type SectionMoved = DomainEvent<typeof SECTION_MOVED, SectionMovedData>;
export type SectionClosed = DomainEvent<typeof SECTION_CLOSED, SectionClosedData>;
export type PositionCreated = DomainEvent<typeof POSITION_CREATED, PositionCreatedData>;
export type PositionRenamed = DomainEvent<typeof POSITION_RENAMED, PositionRenamedData>;
export type PositionRetired = DomainEvent<typeof POSITION_RETIRED, PositionRetiredData>;

export type SectionEvent = SectionCreated | SectionRenamed | SectionValuableFinalProductChanged | SectionMoved | SectionClosed;
export type PositionEvent = PositionCreated | PositionRenamed | PositionRetired;
export type OrgStructureEvent = SectionEvent | PositionEvent;
