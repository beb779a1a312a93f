import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#libs/eventsourcing/src/index.js';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import { INSPECTIONS, type InspectionDocument } from '#projections/quality/inspections.projection.js';
import { AsOfResolver, readAsOf } from '../platform/as-of.js';
import { readPage } from '../platform/keyset-pages.js';
import type { InspectionListQuery, InspectionPage, InspectionSummaryView, InspectionView } from './inspections.dto.js';

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

@Injectable()
export class InspectionQueries {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly asOf: AsOfResolver,
  ) {}

  /** The inspection with its criteria, disputes and every attempt of its chain, all as of one moment. */
  async get(id: string, asOf: string | undefined): Promise<InspectionView> {
    const moment = await this.asOf.resolve(asOf, INSPECTIONS);
    const found = await this.stores.reads.get<InspectionDocument>(INSPECTIONS, id, readAsOf(moment));
    if (!found) throw new NotFoundError('inspection', id);
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
  async list(query: InspectionListQuery): Promise<InspectionPage> {
    const moment = await this.asOf.resolve(query.asOf, INSPECTIONS);
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
