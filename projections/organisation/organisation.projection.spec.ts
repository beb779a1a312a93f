import type { DomainEvent, RecordedEvent } from '#kernel';
import { projectionSpec, recorded } from '#kernel/testing.js';
import type { EmployeeEvent, OrgStructureEvent, ProductEvent } from '#domain/organisation/index.js';
import {
  documentAt,
  occupiesFrom,
  organisation,
  type EmployeeDocument,
  type ProductDocument,
  type SectionDocument,
} from './organisation.projection.js';

const JAN = '2026-01-05T09:00:00.000Z';
const FEB = '2026-02-02T09:00:00.000Z';
const MAR = '2026-03-02T09:00:00.000Z';

function history(...events: readonly (OrgStructureEvent | ProductEvent | EmployeeEvent)[]): RecordedEvent[] {
  return events.map((event, index) => recorded<DomainEvent>(event, { position: BigInt(index + 1) }));
}

const sectionCreated: OrgStructureEvent = {
  type: 'SectionCreated',
  data: { sectionId: 'care', name: 'Client care', valuableFinalProduct: 'Clients who stay', createdAt: JAN },
};

const careAtJanuary: SectionDocument = {
  entity: 'section',
  id: 'care',
  name: 'Client care',
  valuableFinalProduct: 'Clients who stay',
  parentId: null,
  status: 'open',
  since: JAN,
  until: null,
  lastChangedAt: JAN,
  history: [{ name: 'Client care', valuableFinalProduct: 'Clients who stay', parentId: null, status: 'open', from: JAN }],
};

const careHistory = history(
  { type: 'SectionCreated', data: { sectionId: 'quality', name: 'Quality', valuableFinalProduct: 'Checked products', createdAt: JAN } },
  sectionCreated,
  { type: 'SectionRenamed', data: { sectionId: 'care', name: 'Care desk', previousName: 'Client care', renamedAt: FEB } },
  { type: 'SectionMoved', data: { sectionId: 'care', parentId: 'quality', movedAt: FEB } },
  { type: 'SectionValuableFinalProductChanged', data: { sectionId: 'care', valuableFinalProduct: 'Money kept', changedAt: MAR } },
  { type: 'SectionClosed', data: { sectionId: 'care', closedAt: '2026-04-01T00:00:00.000Z' } },
);

const employeeHistory = history(
  { type: 'EmployeeHired', data: { employeeId: 'ann', name: 'Ann Lee', positionId: 'agent', sectionId: 'care', hiredAt: JAN } },
  {
    type: 'EmployeeMoved',
    data: { employeeId: 'ann', positionId: 'inspector', sectionId: 'quality', previousPositionId: 'agent', previousSectionId: 'care', movedAt: FEB },
  },
  { type: 'EmployeeLeft', data: { employeeId: 'ann', reason: 'Moved away', leftAt: MAR } },
);

const productHistory = history(
  { type: 'ProductCreated', data: { productId: 'webinar', kind: 'product', name: 'Webinar', sectionId: 'care', createdAt: JAN } },
  { type: 'ProductTransferred', data: { productId: 'webinar', sectionId: 'quality', previousSectionId: 'care', transferredAt: FEB } },
  { type: 'ProductRetired', data: { productId: 'webinar', retiredAt: MAR } },
);

describe('organisation projection', () => {
  it('keeps a section under `section:<id>` with its first version', () => {
    projectionSpec(organisation).given(history(sectionCreated)).thenDocuments({ 'section:care': careAtJanuary }).thenFacts([]);
  });

  it('adds a version per change, dated by the business date of the change, and ends the section when closed', () => {
    projectionSpec(organisation)
      .given(careHistory)
      .thenDocument('section:care', {
        ...careAtJanuary,
        name: 'Care desk',
        valuableFinalProduct: 'Money kept',
        parentId: 'quality',
        status: 'closed',
        until: '2026-04-01T00:00:00.000Z',
        lastChangedAt: '2026-04-01T00:00:00.000Z',
        history: [
          { name: 'Client care', valuableFinalProduct: 'Clients who stay', parentId: null, status: 'open', from: JAN },
          { name: 'Care desk', valuableFinalProduct: 'Clients who stay', parentId: null, status: 'open', from: FEB },
          { name: 'Care desk', valuableFinalProduct: 'Clients who stay', parentId: 'quality', status: 'open', from: FEB },
          { name: 'Care desk', valuableFinalProduct: 'Money kept', parentId: 'quality', status: 'open', from: MAR },
          { name: 'Care desk', valuableFinalProduct: 'Money kept', parentId: 'quality', status: 'closed', from: '2026-04-01T00:00:00.000Z' },
        ],
      });
  });

  it('keeps positions, products and employees apart from sections, by entity', () => {
    const spec = projectionSpec(organisation).given(
      history(
        sectionCreated,
        { type: 'PositionCreated', data: { positionId: 'care', title: 'Care agent', createdAt: JAN } },
        { type: 'ProductCreated', data: { productId: 'care', kind: 'funnel', name: 'Care funnel', sectionId: 'care', createdAt: JAN } },
        { type: 'EmployeeHired', data: { employeeId: 'care', name: 'Bob Stone', positionId: 'care', sectionId: 'care', hiredAt: JAN } },
      ),
    );
    expect([...spec.documents.keys()].sort()).toEqual(['employee:care', 'position:care', 'product:care', 'section:care']);
    expect(spec.documents.get('position:care')).toMatchObject({ entity: 'position', title: 'Care agent', sectionId: null, status: 'active' });
    expect(spec.documents.get('product:care')).toMatchObject({ entity: 'product', kind: 'funnel', name: 'Care funnel', sectionId: 'care' });
    expect(spec.documents.get('employee:care')).toMatchObject({ entity: 'employee', name: 'Bob Stone', positionId: 'care', status: 'employed' });
  });

  it('records an employee leaving as the end of their employment', () => {
    projectionSpec(organisation)
      .given(employeeHistory)
      .thenDocument('employee:ann', {
        entity: 'employee',
        id: 'ann',
        name: 'Ann Lee',
        positionId: 'inspector',
        sectionId: 'quality',
        status: 'left',
        since: JAN,
        until: MAR,
        lastChangedAt: MAR,
        history: [
          { positionId: 'agent', sectionId: 'care', status: 'employed', from: JAN },
          { positionId: 'inspector', sectionId: 'quality', status: 'employed', from: FEB },
          { positionId: 'inspector', sectionId: 'quality', status: 'left', from: MAR },
        ],
      });
  });

  describe('as of a business date', () => {
    const care = () => projectionSpec(organisation).given(careHistory).documents.get('section:care') as SectionDocument;
    const ann = () => projectionSpec(organisation).given(employeeHistory).documents.get('employee:ann') as EmployeeDocument;

    it('knows nothing of a section before it was created', () => {
      expect(documentAt(care(), '2026-01-05T08:59:59.999Z')).toBeUndefined();
    });

    it('shows the first version from the instant of creation on', () => {
      expect(documentAt(care(), JAN)).toEqual(careAtJanuary);
      expect(documentAt(care(), '2026-02-02T08:59:59.999Z')).toEqual(careAtJanuary);
    });

    it('takes every change dated at or before the instant: both February changes at 09:00', () => {
      expect(documentAt(care(), FEB)).toMatchObject({
        name: 'Care desk',
        parentId: 'quality',
        valuableFinalProduct: 'Clients who stay',
        status: 'open',
        until: null,
        lastChangedAt: FEB,
      });
      expect(documentAt(care(), FEB)!.history).toHaveLength(3);
    });

    it('shows the section closed, and when, from its closure on', () => {
      expect(documentAt(care(), '2026-03-31T23:59:59.999Z')).toMatchObject({ status: 'open', until: null });
      expect(documentAt(care(), '2026-04-01T00:00:00.000Z')).toMatchObject({ status: 'closed', until: '2026-04-01T00:00:00.000Z' });
    });

    it('places an employee where they were: care in January, quality in February, gone in March', () => {
      expect(documentAt(ann(), '2026-01-31T23:59:59.999Z')).toMatchObject({ positionId: 'agent', sectionId: 'care', status: 'employed', until: null });
      expect(documentAt(ann(), '2026-02-15T00:00:00.000Z')).toMatchObject({ positionId: 'inspector', sectionId: 'quality', status: 'employed' });
      expect(documentAt(ann(), MAR)).toMatchObject({ status: 'left', until: MAR });
    });
  });

  describe('occupying a section or a position from a date on', () => {
    const documents = projectionSpec(organisation).given([...employeeHistory, ...productHistory]).documents;
    const ann = documents.get('employee:ann') as EmployeeDocument;
    const webinar = documents.get('product:webinar') as ProductDocument;

    it.each<[string, 'sectionId' | 'positionId', string, string, boolean]>([
      ['care from January on, where she was then', 'sectionId', 'care', JAN, true],
      ['care from February on, after she moved', 'sectionId', 'care', FEB, false],
      ['quality from January on, where she moved later', 'sectionId', 'quality', JAN, true],
      ['quality from March on, after she left', 'sectionId', 'quality', MAR, false],
      ['the agent position from mid-January on', 'positionId', 'agent', '2026-01-15T00:00:00.000Z', true],
      ['the inspector position before she was hired', 'positionId', 'inspector', '2025-12-01T00:00:00.000Z', true],
    ])('holds an employee in %s', (_name, field, value, at, expected) => {
      expect(occupiesFrom(ann, field, value, at)).toBe(expected);
    });

    it('holds an active product in its section until it is transferred or retired', () => {
      expect(occupiesFrom(webinar, 'sectionId', 'care', JAN)).toBe(true);
      expect(occupiesFrom(webinar, 'sectionId', 'care', FEB)).toBe(false);
      expect(occupiesFrom(webinar, 'sectionId', 'quality', FEB)).toBe(true);
      expect(occupiesFrom(webinar, 'sectionId', 'quality', MAR)).toBe(false);
    });
  });
});
