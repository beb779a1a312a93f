import type { DomainEvent } from '#kernel';

/** Stream category of checklist templates: a template lives in the stream `checklistTemplate-<templateId>`. */
export const CHECKLIST_TEMPLATE_CATEGORY = 'checklistTemplate';

export const CHECKLIST_TEMPLATE_VERSION_PUBLISHED = 'ChecklistTemplateVersionPublished';
export const CHECKLIST_TEMPLATE_RETIRED = 'ChecklistTemplateRetired';

/** A template belongs to an org section or to a product, by id. */
export const TEMPLATE_OWNER_KINDS = ['section', 'product'] as const;
export type TemplateOwnerKind = (typeof TEMPLATE_OWNER_KINDS)[number];

export interface TemplateOwner {
  readonly kind: TemplateOwnerKind;
  readonly id: string;
}

export interface ChecklistCriterion {
  /** Stable within the template: the same check keeps its id from version to version. */
  readonly criterionId: string;
  readonly text: string;
  /** Positive; a criterion counts in the score by its weight. */
  readonly weight: number;
  /** A failed critical criterion fails the inspection, whatever the score. */
  readonly critical: boolean;
}

export interface ChecklistSection {
  readonly title: string;
  readonly criteria: readonly ChecklistCriterion[];
}

/** What one version of a template says. A published version never changes. */
export interface ChecklistContent {
  readonly title: string;
  readonly sections: readonly ChecklistSection[];
  /** The least score share that passes, in (0, 1]. */
  readonly passMark: number;
  /**
   * The standards of the catalogue the checklist verifies, so that a verdict under it counts toward
   * their compliance; none on versions published before templates named them.
   */
  readonly standardIds: readonly string[];
}

/** Version 1 creates the template; every later version carries the full content again. */
export interface ChecklistTemplateVersionPublishedData extends ChecklistContent {
  readonly templateId: string;
  readonly version: number;
  readonly owner: TemplateOwner;
  readonly publishedAt: string;
}

export interface ChecklistTemplateRetiredData {
  readonly templateId: string;
  /** The version that was current when the template was retired. */
  readonly lastVersion: number;
  readonly reason?: string;
  readonly retiredAt: string;
}

export type ChecklistTemplateVersionPublished = DomainEvent<
  typeof CHECKLIST_TEMPLATE_VERSION_PUBLISHED,
  ChecklistTemplateVersionPublishedData
>;
export type ChecklistTemplateRetired = DomainEvent<typeof CHECKLIST_TEMPLATE_RETIRED, ChecklistTemplateRetiredData>;
export type ChecklistTemplateEvent = ChecklistTemplateVersionPublished | ChecklistTemplateRetired;
