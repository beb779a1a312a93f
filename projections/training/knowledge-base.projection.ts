import type { Projection, RecordedOf } from '#kernel';
import {
  KNOWLEDGE_MATERIAL_EVENT_TYPES,
  MATERIAL_OWNER_CHANGED,
  MATERIAL_PUBLISHED,
  MATERIAL_RETIRED,
  MATERIAL_REVIEWED,
  MATERIAL_REVISED,
  REGULATION_ACKNOWLEDGED,
  type KnowledgeMaterialEvent,
  type MaterialFormat,
  type RegulationAudience,
} from '#domain/training/index.js';
import { publishedVersion, type PublishedVersion } from '../shared/published-version.js';

/** The version of a regulation an employee last signed for. */
export interface MaterialAcknowledgement {
  readonly employeeId: string;
  readonly version: number;
  readonly acknowledgedAt: string;
}

/** A material of the knowledge base with every version it had and, for a regulation, who signed for which version. */
export interface MaterialDocument {
  readonly id: string;
  readonly format: MaterialFormat;
  readonly status: 'current' | 'retired';
  /** The title of the current version. */
  readonly title: string;
  readonly currentVersion: number;
  readonly ownerId: string;
  /** The day by which the content is to be reviewed; the material is stale after it. */
  readonly reviewBy: string;
  readonly lastReviewedAt: string | null;
  readonly competencyIds: readonly string[];
  /** True for a regulation that employees acknowledge. */
  readonly regulation: boolean;
  /** Who must know the regulation; null for other materials. */
  readonly audience: RegulationAudience | null;
  /** Business time version 1 was published. */
  readonly publishedAt: string;
  readonly retiredAt: string | null;
  readonly retirementReason: string | null;
  /** Oldest first. */
  readonly versions: readonly PublishedVersion[];
  /** One entry per employee who signed, with the last version they signed for. */
  readonly acknowledgements: readonly MaterialAcknowledgement[];
}

type MaterialRecord = RecordedOf<KnowledgeMaterialEvent>;

export const knowledgeBase: Projection<MaterialDocument, KnowledgeMaterialEvent> = {
  name: 'knowledgeBase',
  version: 1,
  indexes: [{ fields: ['publishedAt'] }],
  handles: KNOWLEDGE_MATERIAL_EVENT_TYPES,
  documentId: (event) => event.data.materialId,
  evolve: (document, event) => evolveMaterial(document, event),
};

function evolveMaterial(document: MaterialDocument | null, event: MaterialRecord): MaterialDocument | null {
  if (event.type === MATERIAL_PUBLISHED) {
    const { data } = event;
    return {
      id: data.materialId,
      format: data.format,
      status: 'current',
      title: data.title,
      currentVersion: 1,
      ownerId: data.ownerId,
      reviewBy: data.reviewBy,
      lastReviewedAt: null,
      competencyIds: data.competencyIds,
      regulation: data.regulation !== undefined,
      audience: data.regulation ?? null,
      publishedAt: data.publishedAt,
      retiredAt: null,
      retirementReason: null,
      versions: [publishedVersion(event, 1, data.publishedAt)],
      acknowledgements: [],
    };
  }
  if (document === null) return null;
  switch (event.type) {
    case MATERIAL_REVISED:
      return {
        ...document,
        title: event.data.title,
        currentVersion: event.data.version,
        reviewBy: event.data.reviewBy,
        versions: [...document.versions, publishedVersion(event, event.data.version, event.data.revisedAt)],
      };
    case MATERIAL_REVIEWED:
      return { ...document, reviewBy: event.data.reviewBy, lastReviewedAt: event.data.reviewedAt };
    case MATERIAL_OWNER_CHANGED:
      return { ...document, ownerId: event.data.ownerId };
    case MATERIAL_RETIRED:
      return { ...document, status: 'retired', retiredAt: event.data.retiredAt, retirementReason: event.data.reason ?? null };
    case REGULATION_ACKNOWLEDGED: {
      const { employeeId, version, acknowledgedAt } = event.data;
      const others = document.acknowledgements.filter((entry) => entry.employeeId !== employeeId);
      return { ...document, acknowledgements: [...others, { employeeId, version, acknowledgedAt }] };
    }
  }
}

/** The employees who signed for the current version of the material. */
export function acknowledgedCurrentVersion(material: MaterialDocument): Set<string> {
  return new Set(material.acknowledgements.filter((entry) => entry.version === material.currentVersion).map((entry) => entry.employeeId));
}
