import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, type Clock, type DocumentFilter } from '#kernel';
import { CLOCK, STORES, type Stores } from '#persistence';
import { orgChartAt } from '#projections/organisation/org-chart.js';
import {
  catalogueDocumentId,
  documentAt,
  organisation,
  type CatalogueDocument,
} from '#projections/organisation/organisation.projection.js';
import { asOfView, readAsOf, type ResolvedAsOf } from '../platform/as-of.js';
import { readPage, type Page } from '../platform/keyset-pages.js';
import type { CatalogueListQuery, CatalogueReadQuery } from './catalogue.dto.js';
import { effectiveInstant } from './effective-date.js';
import type { OrgChartAnswer } from './org-chart.dto.js';

export const ORGANISATION = organisation.name;

/** An entry as listed: everything but its history and the kind of entry, which the route says. */
export type CatalogueSummary<D extends CatalogueDocument> = Omit<D, 'entity' | 'history'>;

export type CatalogueView<D extends CatalogueDocument> = Omit<D, 'entity'> & { readonly position: string };

/**
 * Reads of the organisation catalogue. Without `at`, entries as they stand now; with it, as they
 * stood on that business date, from their effective-dated histories. Lists are in the order the
 * entries came into being (`since`), then by id.
 */
@Injectable()
export class OrganisationQueries {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get<D extends CatalogueDocument>(
    entity: D['entity'],
    id: string,
    query: CatalogueReadQuery,
    moment: ResolvedAsOf,
  ): Promise<CatalogueView<D>> {
    const found = await this.stores.reads.get<D>(ORGANISATION, catalogueDocumentId(entity, id), readAsOf(moment));
    const document = found && (query.at === undefined ? found.data : documentAt(found.data, effectiveInstant(query.at)));
    if (!found || !document) throw new NotFoundError(entity, id);
    const { entity: _entity, ...view } = document;
    return { ...view, position: found.position.toString() };
  }

  /** `filters` name document fields; with `at` they apply to the entries as they stood then. */
  async list<D extends CatalogueDocument>(
    entity: D['entity'],
    query: CatalogueListQuery,
    moment: ResolvedAsOf,
    filters: Readonly<Record<string, string | undefined>>,
  ): Promise<Page<CatalogueSummary<D>>> {
    const given = Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined);
    const list = { projection: ORGANISATION, orderBy: 'since', moment };
    if (query.at === undefined) {
      return readPage<D, CatalogueSummary<D>>(this.stores.reads, { ...list, filter: { entity, ...Object.fromEntries(given) } }, query, summaryOf);
    }
    const at = effectiveInstant(query.at);
    const filter: DocumentFilter = { entity, since: { $lte: at } };
    return readPage<D, CatalogueSummary<D>>(this.stores.reads, { ...list, filter }, query, (document) => {
      const then = documentAt(document, at);
      const matches = then !== undefined && given.every(([field, value]) => (then as unknown as Record<string, unknown>)[field] === value);
      return matches ? summaryOf(then) : undefined;
    });
  }

  async chart(query: CatalogueReadQuery, moment: ResolvedAsOf): Promise<OrgChartAnswer> {
    const at = query.at === undefined ? this.clock.now().toISOString() : effectiveInstant(query.at);
    const documents = await this.stores.reads.find<CatalogueDocument>(ORGANISATION, {}, readAsOf(moment));
    return { at, asOf: asOfView(moment), ...orgChartAt(documents.map((document) => document.data), at) };
  }
}

function summaryOf<D extends CatalogueDocument>({ entity: _entity, history: _history, ...summary }: D): CatalogueSummary<D> {
  return summary as CatalogueSummary<D>;
}
