import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError, type DocumentFilter, type SortField } from '#libs/eventsourcing/src/index.js';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import { careCases, type CareCaseDocument } from '#projections/care/care-cases.projection.js';
import { AsOfResolver, readAsOf } from '../platform/as-of.js';
import {
  DEFAULT_CARE_CASE_PAGE_SIZE,
  type CareCaseListQuery,
  type CareCasePage,
  type CareCaseSummaryView,
  type CareCaseView,
} from './care-cases.dto.js';

export const CARE_CASES = careCases.name;

/** The query parameters that filter on the document field of the same name. */
const FILTERS = ['status', 'employeeId', 'productId', 'sectionId'] as const;

/** Opening times are canonical ISO-8601 UTC, so their text order is their time order. */
const BY_OPENING: readonly SortField[] = [{ field: 'openedAt', direction: 'asc' }];

/** The sort key of the last case of a page; the cursor is its JSON in base64url. */
type PageKey = readonly [openedAt: string, id: string];

@Injectable()
export class CareCaseQueries {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly asOf: AsOfResolver,
  ) {}

  async get(id: string, asOf: string | undefined): Promise<CareCaseView> {
    const moment = await this.asOf.resolve(asOf, CARE_CASES);
    const found = await this.stores.reads.get<CareCaseDocument>(CARE_CASES, id, readAsOf(moment));
    if (!found) throw new NotFoundError('care case', id);
    return { ...found.data, position: found.position.toString() };
  }

  /**
   * Keyset paging on (openedAt, id): a page starts right after the key of the previous one, so cases
   * opened meanwhile neither shift nor repeat the pages. Filters can only be ANDed, so the rest of the
   * page is read in two ranges: the cases opened at the key's instant with a greater id, then the cases
   * opened later. One case more than the limit tells whether there is a next page.
   */
  async list(query: CareCaseListQuery): Promise<CareCasePage> {
    const moment = await this.asOf.resolve(query.asOf, CARE_CASES);
    const limit = query.limit ?? DEFAULT_CARE_CASE_PAGE_SIZE;
    const filter: Record<string, string> = {};
    for (const field of FILTERS) {
      const value = query[field];
      if (value !== undefined) filter[field] = value;
    }
    const found: CareCaseDocument[] = [];
    for (const range of rangesAfter(query.cursor === undefined ? undefined : pageKeyOf(query.cursor))) {
      if (found.length > limit) break;
      const documents = await this.stores.reads.find<CareCaseDocument>(
        CARE_CASES,
        { ...filter, ...range },
        { ...readAsOf(moment), sort: BY_OPENING, limit: limit + 1 - found.length },
      );
      found.push(...documents.map((document) => document.data));
    }
    const items = found.slice(0, limit).map(summaryOf);
    const last = items[items.length - 1];
    return { items, nextCursor: found.length > limit && last ? cursorOf([last.openedAt, last.id]) : null };
  }
}

function rangesAfter(key: PageKey | undefined): DocumentFilter[] {
  if (key === undefined) return [{}];
  const [openedAt, id] = key;
  return [{ openedAt, id: { $gt: id } }, { openedAt: { $gt: openedAt } }];
}

function summaryOf({ decisions: _decisions, ...summary }: CareCaseDocument): CareCaseSummaryView {
  return summary;
}

function cursorOf(key: PageKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function pageKeyOf(cursor: string): PageKey {
  const key = parseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string')) return [key[0], key[1]];
  throw new ValidationError('cursor is not a cursor this api gave out', [
    { field: 'cursor', message: 'must be the nextCursor of a previous page' },
  ]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
