import type { ProductKind } from '#domain/organisation/index.js';
import { compareText } from '../shared/report-order.js';
import {
  documentAt,
  type CatalogueDocument,
  type EmployeeDocument,
  type PositionDocument,
  type ProductDocument,
  type SectionDocument,
} from './organisation.projection.js';

export interface ChartProduct {
  readonly id: string;
  readonly name: string;
  readonly kind: ProductKind;
}

export interface ChartPosition {
  readonly id: string;
  readonly title: string;
}

export interface ChartEmployee {
  readonly id: string;
  readonly name: string;
  readonly positionId: string;
}

export interface ChartSection {
  readonly id: string;
  readonly name: string;
  readonly valuableFinalProduct: string;
  readonly products: readonly ChartProduct[];
  readonly positions: readonly ChartPosition[];
  readonly employees: readonly ChartEmployee[];
  readonly subsections: readonly ChartSection[];
}

export interface OrgChart {
  /** The top-level sections, each with its sub-sections. */
  readonly sections: readonly ChartSection[];
  /** Positions of the whole company, which belong to no section. */
  readonly companyPositions: readonly ChartPosition[];
}

/**
 * The organisation as it stood at the business instant `at`: the sections open then, as a tree, each
 * with the active products it owned, its active positions and the employees it had. Everything is
 * ordered by name, then id. A section whose parent is not on the chart (a parent and child closed
 * in the wrong order by backfilled dates) is shown at the top rather than lost.
 */
export function orgChartAt(documents: readonly CatalogueDocument[], at: string): OrgChart {
  const live = documents.map((document) => documentAt(document, at)).filter((document) => document !== undefined && document.until === null);
  const of = <E extends CatalogueDocument['entity']>(entity: E) =>
    live.filter((document): document is Extract<CatalogueDocument, { entity: E }> => document?.entity === entity);
  const sections = of('section');
  const positions = of('position');
  const products = of('product');
  const employees = of('employee');
  const shown = new Set(sections.map((section) => section.id));

  const chartSection = (section: SectionDocument): ChartSection => ({
    id: section.id,
    name: section.name,
    valuableFinalProduct: section.valuableFinalProduct,
    products: byName(products.filter((product) => product.sectionId === section.id)).map(chartProduct),
    positions: byTitle(positions.filter((position) => position.sectionId === section.id)).map(chartPosition),
    employees: byName(employees.filter((employee) => employee.sectionId === section.id)).map(chartEmployee),
    subsections: byName(sections.filter((child) => child.parentId === section.id)).map(chartSection),
  });

  return {
    sections: byName(sections.filter((section) => section.parentId === null || !shown.has(section.parentId))).map(chartSection),
    companyPositions: byTitle(positions.filter((position) => position.sectionId === null)).map(chartPosition),
  };
}

function chartProduct({ id, name, kind }: ProductDocument): ChartProduct {
  return { id, name, kind };
}

function chartPosition({ id, title }: PositionDocument): ChartPosition {
  return { id, title };
}

function chartEmployee({ id, name, positionId }: EmployeeDocument): ChartEmployee {
  return { id, name, positionId };
}

function byName<D extends { readonly name: string; readonly id: string }>(documents: readonly D[]): D[] {
  return [...documents].sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
}

function byTitle<D extends { readonly title: string; readonly id: string }>(documents: readonly D[]): D[] {
  return [...documents].sort((a, b) => compareText(a.title, b.title) || compareText(a.id, b.id));
}
