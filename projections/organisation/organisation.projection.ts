import type { Projection, RecordedOf } from '#kernel';
import {
  EMPLOYEE_EVENT_TYPES,
  ORG_STRUCTURE_EVENT_TYPES,
  PRODUCT_EVENT_TYPES,
  type EmployeeEvent,
  type OrgStructureEvent,
  type ProductEvent,
  type ProductKind,
} from '#domain/organisation/index.js';

/*
 * The organisation catalogue: one document per section, position, product and employee, each with
 * its state now and its effective-dated history (every version with the business date it took
 * effect), so that the catalogue can be read as of any business date, and, through the read store's
 * versions, as known at any position.
 *
 * All four kinds share one projection, hence one checkpoint: a chart or a lookup that combines them
 * sees all four at the same position. Document ids are `<entity>:<id>`; every list filters on
 * `entity`.
 */

export type CatalogueEntity = 'section' | 'position' | 'product' | 'employee';

/** A version of an entry with the business date it took effect. */
export type Dated<V> = V & { readonly from: string };

export interface Lifespan {
  /** Business date the entry first took effect: created, or hired. */
  readonly since: string;
  /** Business date it was closed, retired or left; null while it lives. */
  readonly until: string | null;
  readonly lastChangedAt: string;
}

export interface SectionState {
  readonly name: string;
  readonly valuableFinalProduct: string;
  readonly parentId: string | null;
  readonly status: 'open' | 'closed';
}

export interface PositionState {
  readonly title: string;
  readonly sectionId: string | null;
  readonly status: 'active' | 'retired';
}

export interface ProductState {
  readonly name: string;
  readonly sectionId: string;
  readonly status: 'active' | 'retired';
}

export interface EmployeeState {
  readonly positionId: string;
  readonly sectionId: string;
  readonly status: 'employed' | 'left';
}

export interface SectionDocument extends SectionState, Lifespan {
  readonly entity: 'section';
  readonly id: string;
  readonly history: readonly Dated<SectionState>[];
}

export interface PositionDocument extends PositionState, Lifespan {
  readonly entity: 'position';
  readonly id: string;
  readonly history: readonly Dated<PositionState>[];
}

export interface ProductDocument extends ProductState, Lifespan {
  readonly entity: 'product';
  readonly id: string;
  readonly kind: ProductKind;
  readonly history: readonly Dated<ProductState>[];
}

export interface EmployeeDocument extends EmployeeState, Lifespan {
  readonly entity: 'employee';
  readonly id: string;
  readonly name: string;
  readonly history: readonly Dated<EmployeeState>[];
}

export type CatalogueDocument = SectionDocument | PositionDocument | ProductDocument | EmployeeDocument;

export function catalogueDocumentId(entity: CatalogueEntity, id: string): string {
  return `${entity}:${id}`;
}

type CatalogueEvent = OrgStructureEvent | ProductEvent | EmployeeEvent;
type CatalogueRecord = RecordedOf<CatalogueEvent>;

export const organisation: Projection<CatalogueDocument, CatalogueEvent> = {
  name: 'organisation',
  version: 1,
  indexes: [{ fields: ['entity', 'since'] }, { fields: ['entity', 'sectionId', 'since'] }],
  handles: [...ORG_STRUCTURE_EVENT_TYPES, ...PRODUCT_EVENT_TYPES, ...EMPLOYEE_EVENT_TYPES],
  documentId: documentIdOf,
  evolve: (document, event) => evolveEntry(document, event),
};

/** The entry an event changes: its data names it in `<entity>Id`. */
function documentIdOf(event: CatalogueRecord): string {
  switch (event.type) {
    case 'SectionCreated':
    case 'SectionRenamed':
    case 'SectionValuableFinalProductChanged':
    case 'SectionMoved':
    case 'SectionClosed':
      return catalogueDocumentId('section', event.data.sectionId);
    case 'PositionCreated':
    case 'PositionRenamed':
    case 'PositionRetired':
      return catalogueDocumentId('position', event.data.positionId);
    case 'ProductCreated':
    case 'ProductRenamed':
    case 'ProductTransferred':
    case 'ProductRetired':
      return catalogueDocumentId('product', event.data.productId);
    case 'EmployeeHired':
    case 'EmployeeMoved':
    case 'EmployeeLeft':
      return catalogueDocumentId('employee', event.data.employeeId);
  }
}

function evolveEntry(document: CatalogueDocument | null, event: CatalogueRecord): CatalogueDocument | null {
  switch (event.type) {
    case 'SectionCreated': {
      const { sectionId, name, valuableFinalProduct, parentId, createdAt } = event.data;
      return born<SectionDocument>('section', sectionId, createdAt, { name, valuableFinalProduct, parentId: parentId ?? null, status: 'open' }, {});
    }
    case 'PositionCreated': {
      const { positionId, title, sectionId, createdAt } = event.data;
      return born<PositionDocument>('position', positionId, createdAt, { title, sectionId: sectionId ?? null, status: 'active' }, {});
    }
    case 'ProductCreated': {
      const { productId, kind, name, sectionId, createdAt } = event.data;
      return born<ProductDocument>('product', productId, createdAt, { name, sectionId, status: 'active' }, { kind });
    }
    case 'EmployeeHired': {
      const { employeeId, name, positionId, sectionId, hiredAt } = event.data;
      return born<EmployeeDocument>('employee', employeeId, hiredAt, { positionId, sectionId, status: 'employed' }, { name });
    }
  }
  if (document === null) return null;
  switch (event.type) {
    case 'SectionRenamed':
      return changed(document, event.data.renamedAt, { name: event.data.name });
    case 'SectionValuableFinalProductChanged':
      return changed(document, event.data.changedAt, { valuableFinalProduct: event.data.valuableFinalProduct });
    case 'SectionMoved':
      return changed(document, event.data.movedAt, { parentId: event.data.parentId ?? null });
    case 'SectionClosed':
      return changed(document, event.data.closedAt, { status: 'closed' });
    case 'PositionRenamed':
      return changed(document, event.data.renamedAt, { title: event.data.title });
    case 'PositionRetired':
      return changed(document, event.data.retiredAt, { status: 'retired' });
    case 'ProductRenamed':
      return changed(document, event.data.renamedAt, { name: event.data.name });
    case 'ProductTransferred':
      return changed(document, event.data.transferredAt, { sectionId: event.data.sectionId });
    case 'ProductRetired':
      return changed(document, event.data.retiredAt, { status: 'retired' });
    case 'EmployeeMoved':
      return changed(document, event.data.movedAt, { positionId: event.data.positionId, sectionId: event.data.sectionId });
    case 'EmployeeLeft':
      return changed(document, event.data.leftAt, { status: 'left' });
  }
}

function born<D extends CatalogueDocument>(
  entity: D['entity'],
  id: string,
  since: string,
  state: Omit<D['history'][number], 'from'>,
  fixed: Omit<D, 'entity' | 'id' | 'history' | 'since' | 'until' | 'lastChangedAt' | keyof D['history'][number]>,
): D {
  return { entity, id, ...fixed, ...state, since, until: null, lastChangedAt: since, history: [{ ...state, from: since }] } as unknown as D;
}

/** The next version: the current state with the change, effective from `from`. */
function changed(document: CatalogueDocument, from: string, change: object): CatalogueDocument {
  const { from: _previous, ...current } = document.history[document.history.length - 1]!;
  const state = { ...current, ...change };
  return {
    ...document,
    ...state,
    until: hasEnded(state) ? from : null,
    lastChangedAt: from,
    history: [...document.history, { ...state, from }],
  } as CatalogueDocument;
}

const ENDED_STATUSES: ReadonlySet<string> = new Set(['closed', 'retired', 'left']);

function hasEnded(state: { readonly status: string }): boolean {
  return ENDED_STATUSES.has(state.status);
}

/**
 * The entry as it stood at the business instant `at` (inclusive): its state then, with the history up
 * to then. Undefined when it did not exist yet.
 */
export function documentAt<D extends CatalogueDocument>(document: D, at: string): D | undefined {
  const history = document.history.filter((version) => !isAfter(version.from, at));
  const last = history[history.length - 1];
  if (last === undefined) return undefined;
  const { from, ...state } = last;
  return { ...document, ...state, until: hasEnded(state) ? from : null, lastChangedAt: from, history } as D;
}

/**
 * Whether the entry belongs to `value` (a section or a position, through `field`) and is live, at `at`
 * or at any change dated after it: what keeps a section from closing, or a position from retiring, at `at`.
 */
export function occupiesFrom(
  document: ProductDocument | EmployeeDocument,
  field: 'sectionId' | 'positionId',
  value: string,
  at: string,
): boolean {
  const then = documentAt(document, at);
  const versions = [...(then ? [then] : []), ...document.history.filter((version) => isAfter(version.from, at))];
  return versions.some((version) => !hasEnded(version) && (version as unknown as Record<string, string>)[field] === value);
}

function isAfter(instant: string, other: string): boolean {
  return Date.parse(instant) > Date.parse(other);
}
