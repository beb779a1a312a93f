import {
  actorId,
  boolean,
  definitionsOf,
  eventSchemaTable,
  eventType,
  eventTypesOf,
  id,
  ids,
  instant,
  integer,
  list,
  number,
  object,
  oneOf,
  text,
} from '../shared/fields.schemas.js';
import {
  CHECKLIST_TEMPLATE_CATEGORY,
  CHECKLIST_TEMPLATE_RETIRED,
  CHECKLIST_TEMPLATE_VERSION_PUBLISHED,
  TEMPLATE_OWNER_KINDS,
  type ChecklistTemplateEvent,
} from './checklist-template.events.js';
import { MAX_WEIGHT } from './checklist-template.commands.js';
import {
  CHECKLIST_FAILED,
  CHECKLIST_PASSED,
  CRITERION_RESULTS,
  DELIVERABLE_KINDS,
  DISPUTE_OUTCOMES,
  DISPUTE_RESOLVED,
  INSPECTION_CATEGORY,
  INSPECTION_RESULTS_RECORDED,
  INSPECTION_STARTED,
  REINSPECTION_STARTED,
  VERDICT_DISPUTED,
  VERDICTS,
  type InspectionEvent,
} from './inspection.events.js';

const templateId = id('0196f3b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f');
const inspectionId = id('0196f3b1-2b3c-7d4e-9f50-6a7b8c9d0e1f');
const criterionId = id('headline-states-offer');
const productId = id('course-sales');
const sectionId = id('marketing');
const authorId = id('emp-anna');
const passMark = number(0, 1, 0.8);
const score = number(0, 1, 0.75);
const criterion = {
  criterionId,
  text: text('The headline states the offer'),
  weight: number(0, MAX_WEIGHT, 2),
  critical: boolean(),
};
const inspector = object({ actorId: actorId() }, { employeeId: id('emp-boris') });
const resultEntry = object({ criterionId, result: oneOf(CRITERION_RESULTS) }, { comment: text('The offer is only in the footer') });
const scoredVerdict = {
  verdict: oneOf(VERDICTS),
  score,
  criticalFailed: boolean(),
  failedCriteria: ids('headline-states-offer'),
};
const completed = object({
  inspectionId,
  templateId,
  templateVersion: integer(1),
  passMark,
  productId,
  sectionId,
  authorId,
  chainId: inspectionId,
  attempt: integer(1),
  completedAt: instant(),
  score,
  criticalFailed: boolean(),
  failedCriteria: ids('headline-states-offer'),
});

const templateVersionFields = {
  templateId,
  version: integer(1),
  owner: object({ kind: oneOf(TEMPLATE_OWNER_KINDS), id: sectionId }),
  title: text('Landing page review'),
  sections: list(object({ title: text('Offer'), criteria: list(object(criterion), 1) }), 1),
  passMark,
  publishedAt: instant(),
};

const CHECKLIST_TEMPLATE_TABLE = eventSchemaTable<ChecklistTemplateEvent>()({
  [CHECKLIST_TEMPLATE_VERSION_PUBLISHED]: {
    categories: [CHECKLIST_TEMPLATE_CATEGORY],
    description: 'A version of a checklist template with its full content; version 1 creates the template.',
    versions: [
      { version: 1, schema: object(templateVersionFields) },
      {
        version: 2,
        change: 'Adds `standardIds`, the standards the checklist verifies; version 1 templates verify none.',
        schema: object({ ...templateVersionFields, standardIds: ids('standard-answer-time') }),
        upcastFrom: (previous) => ({ ...(previous as object), standardIds: [] }),
      },
    ],
  },
  [CHECKLIST_TEMPLATE_RETIRED]: eventType(
    CHECKLIST_TEMPLATE_CATEGORY,
    'A checklist template was retired; `lastVersion` was current then.',
    object({ templateId, lastVersion: integer(1), retiredAt: instant() }, { reason: text('Replaced by the 2026 review') }),
  ),
});

export const CHECKLIST_TEMPLATE_EVENT_TYPES = eventTypesOf(CHECKLIST_TEMPLATE_TABLE);

const INSPECTION_TABLE = eventSchemaTable<InspectionEvent>()({
  [INSPECTION_STARTED]: eventType(
    INSPECTION_CATEGORY,
    "An inspection of an employee's work began under an exact template version, in a chain of rework and re-inspection.",
    object({
      inspectionId,
      deliverable: object({ kind: oneOf(DELIVERABLE_KINDS), reference: text('https://example.com/course') }),
      productId,
      sectionId,
      authorId,
      inspector,
      template: object({
        templateId,
        version: integer(1),
        passMark,
        criteria: list(object({ ...criterion, section: text('Offer') }), 1),
      }),
      chain: object(
        { chainId: inspectionId, attempt: integer(1), chainStartedAt: instant() },
        { previousInspectionId: id('0196f3b1-0000-7000-8000-000000000001') },
      ),
      startedAt: instant(),
    }),
  ),
  [INSPECTION_RESULTS_RECORDED]: eventType(
    INSPECTION_CATEGORY,
    'Results of criteria were set or changed.',
    object({ inspectionId, results: list(resultEntry, 1), recordedAt: instant() }),
  ),
  [CHECKLIST_PASSED]: eventType(INSPECTION_CATEGORY, 'The inspection passed, with its score.', completed),
  [CHECKLIST_FAILED]: eventType(INSPECTION_CATEGORY, 'The inspection failed: below the pass mark or a critical criterion failed.', completed),
  [REINSPECTION_STARTED]: eventType(
    INSPECTION_CATEGORY,
    'The rework of a failed inspection is being re-inspected by the next attempt of the chain.',
    object({ inspectionId, reinspectionId: id('0196f3b2-3c4d-7e5f-8a60-7b8c9d0e1f2a'), attempt: integer(2), startedAt: instant() }),
  ),
  [VERDICT_DISPUTED]: eventType(
    INSPECTION_CATEGORY,
    'The author contests failed criteria of a verdict.',
    object({
      inspectionId,
      disputeNumber: integer(1),
      authorId,
      criterionIds: ids('headline-states-offer', 1),
      comment: text('The offer is in the subtitle'),
      disputedAt: instant(),
    }),
  ),
  [DISPUTE_RESOLVED]: eventType(
    INSPECTION_CATEGORY,
    'A dispute was resolved; the revised verdict stands next to the previous one.',
    object({
      inspectionId,
      disputeNumber: integer(1),
      outcome: oneOf(DISPUTE_OUTCOMES),
      comment: text('The subtitle counts'),
      revisedResults: list(resultEntry),
      resolver: inspector,
      previous: object({ verdict: oneOf(VERDICTS), score }),
      resolvedAt: instant(),
      ...scoredVerdict,
    }),
  ),
});

export const INSPECTION_EVENT_TYPES = eventTypesOf(INSPECTION_TABLE);

export const QUALITY_SCHEMAS = [...definitionsOf(CHECKLIST_TEMPLATE_TABLE), ...definitionsOf(INSPECTION_TABLE)];
