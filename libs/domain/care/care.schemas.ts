import {
  boolean,
  definitionsOf,
  eventSchemaTable,
  eventType,
  eventTypesOf,
  id,
  instant,
  money,
  object,
  oneOf,
  text,
} from '../shared/fields.schemas.js';
import {
  CARE_CASE_ASSIGNED,
  CARE_CASE_CATEGORY,
  CARE_CASE_KINDS,
  CARE_CASE_OPENED,
  CARE_CASE_RESOLVED,
  CARE_RESOLUTION_OUTCOMES,
  CLIENT_RETAINED,
  REFUND_ISSUED,
  RETENTION_METHODS,
  type CareCaseEvent,
} from './care-case.events.js';

const caseId = id('0196f3a1-7b2c-7d40-8a11-2b3c4d5e6f70');
const productId = id('course-sales');
const sectionId = id('sales');
const employeeId = id('emp-anna');
const scriptId = id('retention-script-3');

const openedV1Fields = {
  required: { caseId, clientId: id('client-4711'), productId, openedAt: instant() },
  optional: { sectionId, channel: text('phone'), summary: text('Asks to refund the course') },
};

/**
 * Version 1 cases were opened before cases had a kind. The kind splits the refund and retention
 * figures; a case of unknown kind is counted as `other`.
 */
export function upcastCareCaseOpenedV1(previous: unknown): unknown {
  return { ...(previous as object), kind: 'other' };
}

const retentionSummary = object(
  { retainedAt: instant(), method: oneOf(RETENTION_METHODS), retained: money() },
  { employeeId },
);

const CARE_CASE_TABLE = eventSchemaTable<CareCaseEvent>()({
  [CARE_CASE_OPENED]: {
    categories: [CARE_CASE_CATEGORY],
    description: 'A client turned to client care: a refund request, dissatisfaction or another matter about a product.',
    versions: [
      { version: 1, schema: object(openedV1Fields.required, openedV1Fields.optional) },
      {
        version: 2,
        change: 'Adds the required `kind`; version 1 cases read as `other`.',
        schema: object({ ...openedV1Fields.required, kind: oneOf(CARE_CASE_KINDS) }, openedV1Fields.optional),
        upcastFrom: upcastCareCaseOpenedV1,
      },
    ],
  },
  [CARE_CASE_ASSIGNED]: eventType(
    CARE_CASE_CATEGORY,
    'The case was given to an employee, or handed over from one to another.',
    object({ caseId, employeeId, assignedAt: instant() }, { previousEmployeeId: id('emp-boris') }),
  ),
  [REFUND_ISSUED]: eventType(
    CARE_CASE_CATEGORY,
    'The client got money back; `lostSave` marks a refund that reverses an earlier retention.',
    object(
      { caseId, productId, amount: money(), full: boolean(), reason: text('The course did not help'), refundedAt: instant(), lostSave: boolean() },
      { sectionId, employeeId, scriptId, reversedRetention: retentionSummary },
    ),
  ),
  [CLIENT_RETAINED]: eventType(
    CARE_CASE_CATEGORY,
    'The client stayed: the money kept in the company and how the client was kept.',
    object(
      { caseId, productId, method: oneOf(RETENTION_METHODS), retained: money(), retainedAt: instant() },
      { sectionId, employeeId, scriptId, note: text('Moved to the advanced course') },
    ),
  ),
  [CARE_CASE_RESOLVED]: eventType(
    CARE_CASE_CATEGORY,
    'The case ended without a refund or a retention: solved with no money moving, or the client left without a refund.',
    object(
      { caseId, productId, outcome: oneOf(CARE_RESOLUTION_OUTCOMES), resolvedAt: instant() },
      { sectionId, employeeId, note: text('Explained how to reach the recordings') },
    ),
  ),
});

export const CARE_CASE_EVENT_TYPES = eventTypesOf(CARE_CASE_TABLE);

export const CARE_CASE_SCHEMAS = definitionsOf(CARE_CASE_TABLE);
