import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { INSPECTIONS, type InspectionDocument } from '#projections/quality/inspections.projection.js';
import type { Principal } from '../auth/principal.js';
import { readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { ForbiddenError } from '../platform/http-errors.js';
import { readPage } from '../platform/keyset-pages.js';
import type { InspectionListQuery, InspectionPage, InspectionSummaryView, InspectionView } from './inspections.dto.js';
import { isOwnWork, QUALITY_READERS, readsEveryInspection } from './quality-roles.js';

/** The query parameters that filter on a document field, and the field. */
const FILTERS = {
  status: 'status',
  verdict: 'verdict',
  sectionId: 'sectionId',
  productId: 'productId',
  templateId: 'template.templateId',
  inspectorId: 'inspectorId',
  authorId: 'authorId',
  chainId: 'chainId',
} as const;

/**
 * Reads of inspections. A caller who does not read every inspection reads those of their own work:
 * another author's inspection is not found for them, rather than forbidden, so that nobody learns
 * from its id that a colleague's work was inspected; a list must ask for their own work by `authorId`.
 */
@Injectable()
export class InspectionQueries {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  /** The inspection with its criteria, disputes and every attempt of its chain, all as of one moment. */
  async get(id: string, moment: ResolvedAsOf, caller: Principal): Promise<InspectionView> {
    const found = await this.stores.reads.get<InspectionDocument>(INSPECTIONS, id, readAsOf(moment));
    if (!found || !(readsEveryInspection(caller) || isOwnWork(caller, found.data.authorId))) throw new NotFoundError('inspection', id);
    const attempts = await this.stores.reads.find<InspectionDocument>(
      INSPECTIONS,
      { chainId: found.data.chainId },
      { ...readAsOf(moment), sort: [{ field: 'attempt', direction: 'asc' }] },
    );
    return {
      ...found.data,
      chain: attempts.map(({ data: { id: attemptId, attempt, status, verdict, score, startedAt, completedAt } }) => ({
        id: attemptId,
        attempt,
        status,
        verdict,
        score,
        startedAt,
        completedAt,
      })),
      position: found.position.toString(),
    };
  }

  /** Oldest start first; pass the same `asOf` on every page to page through one moment. */
  async list(query: InspectionListQuery, moment: ResolvedAsOf, caller: Principal): Promise<InspectionPage> {
    if (!(readsEveryInspection(caller) || isOwnWork(caller, query.authorId))) {
      throw new ForbiddenError(QUALITY_READERS, 'reading inspections other than those of your own work (`authorId`)');
    }
    const filter: Record<string, string> = {};
    for (const [parameter, field] of Object.entries(FILTERS)) {
      const value = query[parameter as keyof typeof FILTERS];
      if (value !== undefined) filter[field] = value;
    }
    return readPage<InspectionDocument, InspectionSummaryView>(
      this.stores.reads,
      { projection: INSPECTIONS, filter, orderBy: 'startedAt', moment },
      query,
      summaryOf,
    );
  }
}

function summaryOf({ criteria: _criteria, disputes: _disputes, ...summary }: InspectionDocument): InspectionSummaryView {
  return summary;
}
