import { Inject, Injectable } from '@nestjs/common';
import { STORES, type Stores } from '#persistence';
import { standards, type StandardDocument } from '#projections/standards/standards.projection.js';
import type { ResolvedAsOf } from '../platform/as-of.js';
import { equalsFilter, readPage } from '../platform/keyset-pages.js';
import { VersionedDocuments } from '../platform/versioned-documents.js';
import type { StandardListQuery, StandardPage, StandardSummaryView, StandardVersionView, StandardView } from './standards.dto.js';

export const STANDARDS = standards.name;

/** The query parameters that filter on the document field of the same name. */
const FILTERS = ['sectionId', 'productId', 'type', 'status'] as const;

@Injectable()
export class StandardQueries {
  private readonly documents: VersionedDocuments<StandardDocument>;

  constructor(@Inject(STORES) private readonly stores: Stores) {
    this.documents = new VersionedDocuments(stores.reads, STANDARDS, 'standard');
  }

  /** The standard with its current version in full and the list of its versions. */
  get(id: string, moment: ResolvedAsOf): Promise<StandardView> {
    return this.documents.withVersions(id, moment);
  }

  /** One version exactly as it was published. */
  async version(id: string, version: number, moment: ResolvedAsOf): Promise<StandardVersionView> {
    return { standardId: id, ...(await this.documents.version(id, version, moment)) };
  }

  /** First publication first; pass the same `asOf` on every page to page through one moment. */
  async list(query: StandardListQuery, moment: ResolvedAsOf): Promise<StandardPage> {
    const filter = equalsFilter(query, FILTERS);
    return readPage<StandardDocument, StandardSummaryView>(
      this.stores.reads,
      { projection: STANDARDS, filter, orderBy: 'publishedAt', moment },
      query,
      summaryOf,
    );
  }
}

function summaryOf({ versions: _versions, ...summary }: StandardDocument): StandardSummaryView {
  return summary;
}
