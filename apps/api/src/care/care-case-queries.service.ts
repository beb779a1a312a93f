import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { careCases, type CareCaseDocument } from '#projections/care/care-cases.projection.js';
import { readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { equalsFilter, readPage } from '../platform/keyset-pages.js';
import {
  type CareCaseListQuery,
  type CareCasePage,
  type CareCaseSummaryView,
  type CareCaseView,
} from './care-cases.dto.js';

export const CARE_CASES = careCases.name;

/** The query parameters that filter on the document field of the same name. */
const FILTERS = ['status', 'employeeId', 'productId', 'sectionId'] as const;

@Injectable()
export class CareCaseQueries {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async get(id: string, moment: ResolvedAsOf): Promise<CareCaseView> {
    const found = await this.stores.reads.get<CareCaseDocument>(CARE_CASES, id, readAsOf(moment));
    if (!found) throw new NotFoundError('care case', id);
    return { ...found.data, position: found.position.toString() };
  }

  /** Oldest opening first; pass the same `asOf` on every page to page through one moment. */
  async list(query: CareCaseListQuery, moment: ResolvedAsOf): Promise<CareCasePage> {
    const filter = equalsFilter(query, FILTERS);
    const page = await readPage<CareCaseDocument>(this.stores.reads, { projection: CARE_CASES, filter, orderBy: 'openedAt', moment }, query);
    return { items: page.items.map(summaryOf), nextCursor: page.nextCursor };
  }
}

function summaryOf({ decisions: _decisions, ...summary }: CareCaseDocument): CareCaseSummaryView {
  return summary;
}
