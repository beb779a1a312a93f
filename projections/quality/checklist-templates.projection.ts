import type { Projection, RecordedOf } from '#kernel';
import {
  CHECKLIST_TEMPLATE_EVENT_TYPES,
  CHECKLIST_TEMPLATE_RETIRED,
  CHECKLIST_TEMPLATE_VERSION_PUBLISHED,
  type ChecklistContent,
  type ChecklistTemplateEvent,
  type TemplateOwner,
} from '#domain/quality/index.js';

export const CHECKLIST_TEMPLATES = 'checklistTemplates';

export type ChecklistTemplateStatus = 'active' | 'retired';

/** A published version as it was published: never changed afterwards. */
export interface TemplateVersionDocument extends ChecklistContent {
  readonly version: number;
  readonly publishedAt: string;
  /** The actor who published it. */
  readonly publishedBy: string;
}

/**
 * A checklist template with every version it had. The title and pass mark on top are the current
 * version's; absent facts are null rather than missing, so that every document has the same shape.
 */
export interface ChecklistTemplateDocument {
  readonly id: string;
  readonly owner: TemplateOwner;
  readonly status: ChecklistTemplateStatus;
  readonly currentVersion: number;
  readonly title: string;
  readonly passMark: number;
  /** When version 1 was published. */
  readonly createdAt: string;
  /** Business time of the latest decision: the latest version, or the retirement. */
  readonly updatedAt: string;
  readonly retiredAt: string | null;
  readonly retirementReason: string | null;
  /** Oldest first: version n is at index n - 1. */
  readonly versions: readonly TemplateVersionDocument[];
}

type TemplateRecord = RecordedOf<ChecklistTemplateEvent>;
type PublishedRecord = Extract<TemplateRecord, { type: typeof CHECKLIST_TEMPLATE_VERSION_PUBLISHED }>;

/** Checklist templates: one document per template, holding all its versions. */
export const checklistTemplates: Projection<ChecklistTemplateDocument, ChecklistTemplateEvent> = {
  name: CHECKLIST_TEMPLATES,
  version: 2,
  indexes: [{ fields: ['createdAt'] }],
  handles: CHECKLIST_TEMPLATE_EVENT_TYPES,
  documentId: (event) => event.data.templateId,
  evolve: (document, event) => evolveTemplate(document, event),
};

function evolveTemplate(document: ChecklistTemplateDocument | null, event: TemplateRecord): ChecklistTemplateDocument | null {
  switch (event.type) {
    case CHECKLIST_TEMPLATE_VERSION_PUBLISHED:
      return withVersion(document, event);
    case CHECKLIST_TEMPLATE_RETIRED: {
      if (document === null) return null;
      const { retiredAt, reason } = event.data;
      return { ...document, status: 'retired', updatedAt: retiredAt, retiredAt, retirementReason: reason ?? null };
    }
  }
}

function withVersion(document: ChecklistTemplateDocument | null, event: PublishedRecord): ChecklistTemplateDocument {
  const { templateId, version, owner, title, sections, passMark, standardIds, publishedAt } = event.data;
  const published: TemplateVersionDocument = { version, title, sections, passMark, standardIds, publishedAt, publishedBy: event.metadata.actor.id };
  return {
    id: templateId,
    owner,
    status: 'active',
    currentVersion: version,
    title,
    passMark,
    createdAt: document?.createdAt ?? publishedAt,
    updatedAt: publishedAt,
    retiredAt: null,
    retirementReason: null,
    versions: [...(document?.versions ?? []), published],
  };
}
