import { Inject, Injectable } from '@nestjs/common';
import { invalid } from '#domain/shared/validation.js';
import type { SectionOccupants } from '#domain/organisation/index.js';
import { STORES, type Stores } from '#persistence';
import {
  catalogueDocumentId,
  occupiesFrom,
  type CatalogueDocument,
  type EmployeeDocument,
  type PositionDocument,
  type ProductDocument,
  type SectionDocument,
} from '#projections/organisation/organisation.projection.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';
import { ORGANISATION, type CatalogueSummary } from './organisation-queries.service.js';

/** An entry of the catalogue as it stands now, without its history. */
export type DirectoryEntry<D extends CatalogueDocument> = CatalogueSummary<D>;

export type SectionEntry = DirectoryEntry<SectionDocument>;
export type PositionEntry = DirectoryEntry<PositionDocument>;
export type ProductEntry = DirectoryEntry<ProductDocument>;
export type EmployeeEntry = DirectoryEntry<EmployeeDocument>;

/**
 * The organisation catalogue for the other contexts: look an entry up by id, as it stands now, from
 * the read model. A miss is bad input in the request that named the id (400, naming `field`).
 *
 * The read model trails the log. So before calling an id unknown, the directory waits (bounded by
 * READ_YOUR_WRITES_TIMEOUT_MS, 503 after it) until the catalogue has processed the log's current
 * head, and looks again: a product created a moment ago is found.
 */
@Injectable()
export class OrganisationDirectory {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly progress: ProjectionProgress,
  ) {}

  section(id: string, field: string): Promise<SectionEntry> {
    return this.entry<SectionDocument>('section', id, field);
  }

  position(id: string, field: string): Promise<PositionEntry> {
    return this.entry<PositionDocument>('position', id, field);
  }

  product(id: string, field: string): Promise<ProductEntry> {
    return this.entry<ProductDocument>('product', id, field);
  }

  employee(id: string, field: string): Promise<EmployeeEntry> {
    return this.entry<EmployeeDocument>('employee', id, field);
  }

  /**
   * Whether a section is open, or a product active, as the catalogue stands now: what may still own
   * standards and checklists. An unknown one is bad input, as for every lookup.
   */
  async isActive(owner: { readonly kind: 'section' | 'product'; readonly id: string }, field: string): Promise<boolean> {
    const entry = owner.kind === 'section' ? await this.section(owner.id, field) : await this.product(owner.id, field);
    return entry.until === null;
  }

  /** The active products and the employees a section has at `at` or gets after it, once the catalogue is caught up. */
  async sectionOccupants(sectionId: string, at: string): Promise<SectionOccupants> {
    await this.requireCatalogueCaughtUp();
    const [products, employees] = await Promise.all([
      this.occupying<ProductDocument>('product', 'sectionId', sectionId, at),
      this.occupying<EmployeeDocument>('employee', 'sectionId', sectionId, at),
    ]);
    return { activeProducts: products.length, employees: employees.length };
  }

  /** How many employees hold a position at `at` or after it, once the catalogue is caught up. */
  async positionHolders(positionId: string, at: string): Promise<number> {
    return (await this.positionHolderIds(positionId, at)).length;
  }

  /** The employees holding a position at `at` or after it, by id in order, once the catalogue is caught up. */
  async positionHolderIds(positionId: string, at: string): Promise<string[]> {
    await this.requireCatalogueCaughtUp();
    return this.occupying<EmployeeDocument>('employee', 'positionId', positionId, at);
  }

  /** The employees employed now who hold one of the positions or work in one of the sections, once the catalogue is caught up. */
  async employedIn(positionIds: readonly string[], sectionIds: readonly string[]): Promise<string[]> {
    await this.requireCatalogueCaughtUp();
    const employed = (field: 'positionId' | 'sectionId', values: readonly string[]) =>
      values.length === 0 ? [] : this.stores.reads.find<EmployeeDocument>(ORGANISATION, { entity: 'employee', status: 'employed', [field]: { $in: values } });
    const found = await Promise.all([employed('positionId', positionIds), employed('sectionId', sectionIds)]);
    return [...new Set(found.flat().map((document) => document.data.id))];
  }

  private async entry<D extends CatalogueDocument>(entity: D['entity'], id: string, field: string): Promise<DirectoryEntry<D>> {
    const found = (await this.lookUp<D>(entity, id)) ?? (await this.requireCatalogueCaughtUp(), await this.lookUp<D>(entity, id));
    if (found === undefined) throw invalid(field, `no such ${entity} in the organisation catalogue`);
    const { entity: _entity, history: _history, ...entry } = found;
    return entry as DirectoryEntry<D>;
  }

  private async lookUp<D extends CatalogueDocument>(entity: D['entity'], id: string): Promise<D | undefined> {
    return (await this.stores.reads.get<D>(ORGANISATION, catalogueDocumentId(entity, id)))?.data;
  }

  /**
   * The ids of the entries that occupy `value` from `at` on, sorted. An entry unchanged since `at` is
   * what it was then, so the candidates are those there now plus those changed after `at`.
   */
  private async occupying<D extends ProductDocument | EmployeeDocument>(
    entity: D['entity'],
    field: 'sectionId' | 'positionId',
    value: string,
    at: string,
  ): Promise<string[]> {
    const [there, changedSince] = await Promise.all([
      this.stores.reads.find<D>(ORGANISATION, { entity, [field]: value }),
      this.stores.reads.find<D>(ORGANISATION, { entity, lastChangedAt: { $gt: at } }),
    ]);
    const candidates = new Map([...there, ...changedSince].map((document) => [document.data.id, document.data]));
    return [...candidates.values()].filter((document) => occupiesFrom(document, field, value, at)).map((document) => document.id).sort();
  }

  private async requireCatalogueCaughtUp(): Promise<void> {
    await this.progress.requireCaughtUp([ORGANISATION]);
  }
}
