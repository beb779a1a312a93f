import type { Projection, RecordedOf } from '#kernel';
import {
  STANDARD_EVENT_TYPES,
  STANDARD_PUBLISHED,
  STANDARD_RETIRED,
  STANDARD_REVISED,
  type StandardEvent,
  type StandardType,
} from '#domain/standards/index.js';
import { publishedVersion, type PublishedVersion } from '../shared/published-version.js';

/**
 * A standard with every version it had. The owner is a section or a product: the other is null, so
 * that either can be filtered on.
 */
export interface StandardDocument {
  readonly id: string;
  readonly type: StandardType;
  readonly sectionId: string | null;
  readonly productId: string | null;
  readonly status: 'current' | 'retired';
  /** The title of the current version. */
  readonly title: string;
  readonly currentVersion: number;
  /** Business time version 1 was published. */
  readonly publishedAt: string;
  readonly retiredAt: string | null;
  readonly retirementReason: string | null;
  /** Oldest first. */
  readonly versions: readonly PublishedVersion[];
}

type StandardRecord = RecordedOf<StandardEvent>;

export const standards: Projection<StandardDocument, StandardEvent> = {
  name: 'standards',
  version: 1,
  indexes: [{ fields: ['publishedAt'] }],
  handles: STANDARD_EVENT_TYPES,
  documentId: (event) => event.data.standardId,
  evolve: (document, event) => evolveStandard(document, event),
};

function evolveStandard(document: StandardDocument | null, event: StandardRecord): StandardDocument | null {
  if (event.type === STANDARD_PUBLISHED) {
    const { data } = event;
    return {
      id: data.standardId,
      type: data.type,
      sectionId: 'sectionId' in data.owner ? data.owner.sectionId : null,
      productId: 'productId' in data.owner ? data.owner.productId : null,
      status: 'current',
      title: data.title,
      currentVersion: 1,
      publishedAt: data.publishedAt,
      retiredAt: null,
      retirementReason: null,
      versions: [publishedVersion(event, 1, data.publishedAt)],
    };
  }
  if (document === null) return null;
  switch (event.type) {
    case STANDARD_REVISED:
      return {
        ...document,
        title: event.data.title,
        currentVersion: event.data.version,
        versions: [...document.versions, publishedVersion(event, event.data.version, event.data.revisedAt)],
      };
    case STANDARD_RETIRED:
      return { ...document, status: 'retired', retiredAt: event.data.retiredAt, retirementReason: event.data.reason ?? null };
  }
}
