import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { versionEntry } from '#projections/shared/published-version.js';
import { standards, type StandardDocument } from '#projections/standards/standards.projection.js';
import { readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { equalsFilter, readPage } from '../platform/keyset-pages.js';
import type { StandardListQuery, StandardPage, StandardSummaryView, StandardVersionView, StandardView } from './standards.dto.js';

export const STANDARDS = standards.name;

/** The query parameters that filter on the document field of the same name. */
const FILTERS = ['sectionId', 'productId', 'type', 'status'] as const;

@Injectable()
export class StandardQueries {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  /** The standard with its current version in full and the list of its versions. */
  async get(id: string, moment: ResolvedAsOf): Promise<StandardView> {
    const { document, position } = await this.read(id, moment);
    const { versions, ...summary } = document;
    return {
      ...summary,
      current: versions[versions.length - 1]!,
      versions: versions.map(versionEntry),
      position,
    };
  }

  /** One version exactly as it was published. */
  async version(id: string, version: number, moment: ResolvedAsOf): Promise<StandardVersionView> {
    const { document, position } = await this.read(id, moment);
    const found = document.versions.find((candidate) => candidate.version === version);
    if (!found) throw new NotFoundError('standard version', `${id}@${version}`);
    return { standardId: id, ...found, position };
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

  private async read(id: string, moment: ResolvedAsOf): Promise<{ document: StandardDocument; position: string }> {
    const found = await this.stores.reads.get<StandardDocument>(STANDARDS, id, readAsOf(moment));
    if (!found) throw new NotFoundError('standard', id);
    return { document: found.data, position: found.position.toString() };
  }
}

function summaryOf({ versions: _versions, ...summary }: StandardDocument): StandardSummaryView {
  return summary;
}
