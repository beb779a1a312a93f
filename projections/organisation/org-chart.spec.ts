import type { DomainEvent } from '#kernel';
import { projectionSpec, recorded } from '#kernel/testing.js';
import type { EmployeeEvent, OrgStructureEvent, ProductEvent } from '#domain/organisation/index.js';
import { orgChartAt, type ChartSection } from './org-chart.js';
import { organisation, type CatalogueDocument } from './organisation.projection.js';

const JAN = '2026-01-05T09:00:00.000Z';
const FEB = '2026-02-02T09:00:00.000Z';
const MAR = '2026-03-02T09:00:00.000Z';

type CatalogueEvent = OrgStructureEvent | ProductEvent | EmployeeEvent;

const section = (sectionId: string, name: string, parentId?: string, createdAt = JAN): CatalogueEvent => ({
  type: 'SectionCreated',
  data: { sectionId, name, valuableFinalProduct: `${name} delivered`, ...(parentId !== undefined && { parentId }), createdAt },
});
const position = (positionId: string, title: string, sectionId?: string): CatalogueEvent => ({
  type: 'PositionCreated',
  data: { positionId, title, ...(sectionId !== undefined && { sectionId }), createdAt: JAN },
});

/*
 * The company, hand-drawn:
 *   January: Company > {Care, Quality}, and Old unit; Care owns Funnel A and has Ann (agent); Quality
 *            owns the Landing page; Bob (director, a company-wide position) joins Company on Jan 15.
 *   Feb 2:   Old unit closes; Surveys opens under Quality with the Welcome email; Funnel A moves to
 *            Quality; Ann moves to Quality as inspector; Cid joins Quality as inspector.
 *   Mar 2:   Care closes; Cid leaves.
 */
const events: CatalogueEvent[] = [
  section('company', 'Company'),
  section('quality', 'Quality', 'company'),
  section('care', 'Care', 'company'),
  section('old-unit', 'Old unit'),
  position('director', 'Director'),
  position('inspector', 'Inspector', 'quality'),
  position('agent', 'Agent', 'care'),
  { type: 'ProductCreated', data: { productId: 'landing', kind: 'product', name: 'Landing page', sectionId: 'quality', createdAt: JAN } },
  { type: 'ProductCreated', data: { productId: 'funnel-a', kind: 'funnel', name: 'Funnel A', sectionId: 'care', createdAt: JAN } },
  { type: 'EmployeeHired', data: { employeeId: 'ann', name: 'Ann Lee', positionId: 'agent', sectionId: 'care', hiredAt: JAN } },
  {
    type: 'EmployeeHired',
    data: { employeeId: 'bob', name: 'Bob Stone', positionId: 'director', sectionId: 'company', hiredAt: '2026-01-15T00:00:00.000Z' },
  },
  { type: 'SectionClosed', data: { sectionId: 'old-unit', closedAt: FEB } },
  section('surveys', 'Surveys', 'quality', FEB),
  { type: 'ProductCreated', data: { productId: 'email', kind: 'product', name: 'Welcome email', sectionId: 'surveys', createdAt: FEB } },
  { type: 'ProductTransferred', data: { productId: 'funnel-a', sectionId: 'quality', previousSectionId: 'care', transferredAt: FEB } },
  {
    type: 'EmployeeMoved',
    data: { employeeId: 'ann', positionId: 'inspector', sectionId: 'quality', previousPositionId: 'agent', previousSectionId: 'care', movedAt: FEB },
  },
  { type: 'EmployeeHired', data: { employeeId: 'cid', name: 'Cid Moss', positionId: 'inspector', sectionId: 'quality', hiredAt: FEB } },
  { type: 'SectionClosed', data: { sectionId: 'care', closedAt: MAR } },
  { type: 'EmployeeLeft', data: { employeeId: 'cid', leftAt: MAR } },
];

const documents = [
  ...projectionSpec(organisation).given(events.map((event, index) => recorded<DomainEvent>(event, { position: BigInt(index + 1) }))).documents.values(),
];

const empty = { products: [], positions: [], employees: [], subsections: [] };
const company = (subsections: ChartSection[], employees = [{ id: 'bob', name: 'Bob Stone', positionId: 'director' }]): ChartSection => ({
  id: 'company',
  name: 'Company',
  valuableFinalProduct: 'Company delivered',
  products: [],
  positions: [],
  employees,
  subsections,
});

describe('org chart at a business date', () => {
  it('is empty before anything existed', () => {
    expect(orgChartAt(documents, '2026-01-01T00:00:00.000Z')).toEqual({ sections: [], companyPositions: [] });
  });

  it('draws January: two top-level sections, Bob not yet hired on the 10th', () => {
    const care: ChartSection = {
      ...empty,
      id: 'care',
      name: 'Care',
      valuableFinalProduct: 'Care delivered',
      products: [{ id: 'funnel-a', name: 'Funnel A', kind: 'funnel' }],
      positions: [{ id: 'agent', title: 'Agent' }],
      employees: [{ id: 'ann', name: 'Ann Lee', positionId: 'agent' }],
    };
    const quality: ChartSection = {
      ...empty,
      id: 'quality',
      name: 'Quality',
      valuableFinalProduct: 'Quality delivered',
      products: [{ id: 'landing', name: 'Landing page', kind: 'product' }],
      positions: [{ id: 'inspector', title: 'Inspector' }],
    };
    const oldUnit: ChartSection = { ...empty, id: 'old-unit', name: 'Old unit', valuableFinalProduct: 'Old unit delivered' };

    expect(orgChartAt(documents, '2026-01-10T00:00:00.000Z')).toEqual({
      sections: [company([care, quality], []), oldUnit],
      companyPositions: [{ id: 'director', title: 'Director' }],
    });
    expect(orgChartAt(documents, '2026-01-20T00:00:00.000Z').sections[0]!.employees).toEqual([
      { id: 'bob', name: 'Bob Stone', positionId: 'director' },
    ]);
  });

  it('draws February: Old unit gone, Surveys under Quality, Funnel A, Ann and Cid in Quality, Care emptied', () => {
    const chart = orgChartAt(documents, '2026-02-15T00:00:00.000Z');
    expect(chart.sections.map((top) => top.id)).toEqual(['company']);
    const [care, quality] = chart.sections[0]!.subsections;
    expect(care).toEqual({ ...empty, id: 'care', name: 'Care', valuableFinalProduct: 'Care delivered', positions: [{ id: 'agent', title: 'Agent' }] });
    expect(quality).toEqual({
      id: 'quality',
      name: 'Quality',
      valuableFinalProduct: 'Quality delivered',
      products: [
        { id: 'funnel-a', name: 'Funnel A', kind: 'funnel' },
        { id: 'landing', name: 'Landing page', kind: 'product' },
      ],
      positions: [{ id: 'inspector', title: 'Inspector' }],
      employees: [
        { id: 'ann', name: 'Ann Lee', positionId: 'inspector' },
        { id: 'cid', name: 'Cid Moss', positionId: 'inspector' },
      ],
      subsections: [
        { ...empty, id: 'surveys', name: 'Surveys', valuableFinalProduct: 'Surveys delivered', products: [{ id: 'email', name: 'Welcome email', kind: 'product' }] },
      ],
    });
  });

  it('draws March: Care closed, Cid gone', () => {
    const chart = orgChartAt(documents, MAR);
    expect(chart.sections[0]!.subsections.map((sub) => sub.id)).toEqual(['quality']);
    expect(chart.sections[0]!.subsections[0]!.employees).toEqual([{ id: 'ann', name: 'Ann Lee', positionId: 'inspector' }]);
  });

  it('shows a section whose parent is not on the chart at the top rather than losing it', () => {
    const orphan = documents.find((document) => document.id === 'surveys') as CatalogueDocument;
    expect(orgChartAt([orphan], MAR).sections.map((top) => top.id)).toEqual(['surveys']);
  });
});
