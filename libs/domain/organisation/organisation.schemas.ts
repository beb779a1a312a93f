import { definitionsOf, eventSchemaTable, eventType, eventTypesOf, id, instant, object, oneOf, text } from '../shared/fields.schemas.js';
import { EMPLOYEE_CATEGORY, EMPLOYEE_HIRED, EMPLOYEE_LEFT, EMPLOYEE_MOVED, type EmployeeEvent } from './employee.events.js';
import {
  ORG_STRUCTURE_CATEGORY,
  POSITION_CREATED,
  POSITION_RENAMED,
  POSITION_RETIRED,
  SECTION_CLOSED,
  SECTION_CREATED,
  SECTION_MOVED,
  SECTION_RENAMED,
  SECTION_VALUABLE_FINAL_PRODUCT_CHANGED,
  type OrgStructureEvent,
} from './org-structure.events.js';
import {
  PRODUCT_CATEGORY,
  PRODUCT_CREATED,
  PRODUCT_KINDS,
  PRODUCT_RENAMED,
  PRODUCT_RETIRED,
  PRODUCT_TRANSFERRED,
  type ProductEvent,
} from './product.events.js';

const employeeId = id('emp-anna');
const sectionId = id('sales');
const positionId = id('sales-manager');
const productId = id('course-sales');
const valuableFinalProduct = text('Paid orders of the courses');

const EMPLOYEE_TABLE = eventSchemaTable<EmployeeEvent>()({
  [EMPLOYEE_HIRED]: eventType(
    EMPLOYEE_CATEGORY,
    'An employee joined the company in a position of a section.',
    object({ employeeId, name: text('Anna Petrova'), positionId, sectionId, hiredAt: instant() }),
  ),
  [EMPLOYEE_MOVED]: eventType(
    EMPLOYEE_CATEGORY,
    'An employee took another position or moved to another section.',
    object({
      employeeId,
      positionId: id('head-of-sales'),
      sectionId,
      previousPositionId: positionId,
      previousSectionId: id('support'),
      movedAt: instant(),
    }),
  ),
  [EMPLOYEE_LEFT]: eventType(
    EMPLOYEE_CATEGORY,
    'An employee left the company.',
    object({ employeeId, leftAt: instant() }, { reason: text('Moved to another city') }),
  ),
});

export const EMPLOYEE_EVENT_TYPES = eventTypesOf(EMPLOYEE_TABLE);

const ORG_STRUCTURE_TABLE = eventSchemaTable<OrgStructureEvent>()({
  [SECTION_CREATED]: eventType(
    ORG_STRUCTURE_CATEGORY,
    'A section of the organisation was created with its valuable final product; no parent makes it top-level.',
    object({ sectionId, name: text('Sales'), valuableFinalProduct, createdAt: instant() }, { parentId: id('commerce') }),
  ),
  [SECTION_RENAMED]: eventType(
    ORG_STRUCTURE_CATEGORY,
    'A section got a new name.',
    object({ sectionId, name: text('Sales and renewals'), previousName: text('Sales'), renamedAt: instant() }),
  ),
  [SECTION_VALUABLE_FINAL_PRODUCT_CHANGED]: eventType(
    ORG_STRUCTURE_CATEGORY,
    'The result a section exists to deliver was restated.',
    object({ sectionId, valuableFinalProduct, changedAt: instant() }),
  ),
  [SECTION_MOVED]: eventType(
    ORG_STRUCTURE_CATEGORY,
    'A section moved under another parent, or to the top level when `parentId` is absent.',
    object({ sectionId, movedAt: instant() }, { parentId: id('commerce'), previousParentId: id('marketing') }),
  ),
  [SECTION_CLOSED]: eventType(ORG_STRUCTURE_CATEGORY, 'A section was closed.', object({ sectionId, closedAt: instant() })),
  [POSITION_CREATED]: eventType(
    ORG_STRUCTURE_CATEGORY,
    'A position was created in a section, or for the whole company when `sectionId` is absent.',
    object({ positionId, title: text('Sales manager'), createdAt: instant() }, { sectionId }),
  ),
  [POSITION_RENAMED]: eventType(
    ORG_STRUCTURE_CATEGORY,
    'A position got a new title.',
    object({ positionId, title: text('Senior sales manager'), previousTitle: text('Sales manager'), renamedAt: instant() }),
  ),
  [POSITION_RETIRED]: eventType(ORG_STRUCTURE_CATEGORY, 'A position was retired.', object({ positionId, retiredAt: instant() })),
});

export const ORG_STRUCTURE_EVENT_TYPES = eventTypesOf(ORG_STRUCTURE_TABLE);

const PRODUCT_TABLE = eventSchemaTable<ProductEvent>()({
  [PRODUCT_CREATED]: eventType(
    PRODUCT_CATEGORY,
    'A product or funnel of a section was created.',
    object({ productId, kind: oneOf(PRODUCT_KINDS), name: text('Course sales page'), sectionId, createdAt: instant() }),
  ),
  [PRODUCT_RENAMED]: eventType(
    PRODUCT_CATEGORY,
    'A product got a new name.',
    object({ productId, name: text('Course landing page'), previousName: text('Course sales page'), renamedAt: instant() }),
  ),
  [PRODUCT_TRANSFERRED]: eventType(
    PRODUCT_CATEGORY,
    'A product moved to another owning section.',
    object({ productId, sectionId, previousSectionId: id('marketing'), transferredAt: instant() }),
  ),
  [PRODUCT_RETIRED]: eventType(PRODUCT_CATEGORY, 'A product was retired.', object({ productId, retiredAt: instant() })),
});

export const PRODUCT_EVENT_TYPES = eventTypesOf(PRODUCT_TABLE);

export const ORGANISATION_SCHEMAS = [...definitionsOf(EMPLOYEE_TABLE), ...definitionsOf(ORG_STRUCTURE_TABLE), ...definitionsOf(PRODUCT_TABLE)];
