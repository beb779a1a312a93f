import {
  actorId,
  boolean,
  day,
  definitionsOf,
  eventSchemaTable,
  eventType,
  eventTypesOf,
  exactly,
  id,
  ids,
  instant,
  integer,
  list,
  money,
  nullable,
  number,
  object,
  oneOf,
  patterned,
  text,
  variants,
  webLink,
  type AnySchema,
} from '../shared/fields.schemas.js';
import {
  KNOWLEDGE_MATERIAL_CATEGORY,
  MATERIAL_FORMATS,
  MATERIAL_OWNER_CHANGED,
  MATERIAL_PUBLISHED,
  MATERIAL_RETIRED,
  MATERIAL_REVIEWED,
  MATERIAL_REVISED,
  REGULATION_ACKNOWLEDGED,
  type KnowledgeMaterialEvent,
} from './knowledge-material.events.js';
import {
  REASSESSMENT_SCHEDULED,
  TRAINING_COMPLETED,
  TRAINING_ITEM_KINDS,
  TRAINING_PLAN_APPROVED,
  TRAINING_PLAN_CANCELLED,
  TRAINING_PLAN_CATEGORY,
  TRAINING_PLAN_COMPLETED,
  TRAINING_PLAN_PROPOSED,
  TRAINING_PLAN_REVISED,
  type TrainingPlanEvent,
} from './training-plan.events.js';
import { MAX_HOURS, MAX_SCORE } from './training-plan.commands.js';
import {
  TRAINING_ATTENDANCE_RECORDED,
  TRAINING_SESSION_CANCELLED,
  TRAINING_SESSION_CATEGORY,
  TRAINING_SESSION_KINDS,
  TRAINING_SESSION_SCHEDULED,
  type TrainingSessionEvent,
} from './training-session.events.js';
import { WEBINAR_CATEGORY, WEBINAR_COUNTS_CORRECTED, WEBINAR_RECORDED, type WebinarEvent } from './webinar.events.js';

const materialId = id('0196f3d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f');
const planId = id('0196f3d1-2b3c-7d4e-9f50-6a7b8c9d0e1f');
const sessionId = id('0196f3d2-3c4d-7e5f-8a60-7b8c9d0e1f2a');
const webinarId = id('0196f3d3-4d5e-7f60-9b71-8c9d0e1f2a3b');
const employeeId = id('emp-anna');
const sectionId = id('sales');
const competencyIds = ids('objection-handling');
const version = integer(1);
const hours = number(0, MAX_HOURS, 2);
const sessionKind = oneOf(TRAINING_SESSION_KINDS);
const materialContent = { body: text('How to answer "too expensive".'), link: webLink('https://video.example/objections') };
const counts = { attendees: integer(0, 120), buyers: integer(0, 36) };

const item = object(
  { itemId: id('item-1'), kind: oneOf(TRAINING_ITEM_KINDS), title: text('Objection handling basics'), competencyIds, dueOn: day() },
  {
    materialId,
    sessionId,
    provider: text('Sales Academy'),
    cost: money(),
    mentorId: id('emp-boris'),
    hours,
  },
);
const gaps = list(
  object({
    competencyId: id('objection-handling'),
    required: integer(1, 3),
    level: nullable(integer(0, 1)),
    gap: integer(0, 2),
  }),
);
const triggeringEvent = { eventId: id('0196f3d4-5e6f-7071-8c82-9d0e1f2a3b4c'), position: patterned('^[0-9]+$', '42') };
const assessmentTrigger = object({ ...triggeringEvent, assessmentId: id('0196f3a6-4d5e-7f60-9b72-8394a5b6c7d8') });
const trainingNeedTrigger = object({ ...triggeringEvent, programId: id('program-retention-2026'), needId: id('need-objections') });

function planProposed<T extends AnySchema>(trigger: T) {
  return object({ planId, employeeId, trigger, gaps, items: list(item), proposedAt: instant() }, { sectionId, positionId: id('sales-manager') });
}

const KNOWLEDGE_MATERIAL_TABLE = eventSchemaTable<KnowledgeMaterialEvent>()({
  [MATERIAL_PUBLISHED]: eventType(
    KNOWLEDGE_MATERIAL_CATEGORY,
    'A knowledge-base material was published, version 1; a regulation names who must acknowledge it.',
    object(
      {
        materialId,
        version: exactly(1),
        format: oneOf(MATERIAL_FORMATS),
        title: text('Objection handling'),
        ownerId: employeeId,
        reviewBy: day(),
        competencyIds,
        publishedAt: instant(),
      },
      { ...materialContent, regulation: object({ positionIds: ids('sales-manager'), sectionIds: ids('sales') }) },
    ),
  ),
  [MATERIAL_REVISED]: eventType(
    KNOWLEDGE_MATERIAL_CATEGORY,
    'A new version of a material was published.',
    object(
      { materialId, version: integer(2), title: text('Objection handling'), reviewBy: day(), revisedAt: instant() },
      { ...materialContent, changeNote: text('New examples') },
    ),
  ),
  [MATERIAL_REVIEWED]: eventType(
    KNOWLEDGE_MATERIAL_CATEGORY,
    'The content was checked and still holds: the review date moves on, the version stays.',
    object({ materialId, version, reviewBy: day(), reviewedAt: instant() }, { note: text('Still accurate') }),
  ),
  [MATERIAL_OWNER_CHANGED]: eventType(
    KNOWLEDGE_MATERIAL_CATEGORY,
    'Another employee keeps the material up to date.',
    object({ materialId, ownerId: id('emp-boris'), previousOwnerId: employeeId, changedAt: instant() }),
  ),
  [MATERIAL_RETIRED]: eventType(
    KNOWLEDGE_MATERIAL_CATEGORY,
    'A material was retired.',
    object({ materialId, retiredAt: instant() }, { reason: text('Superseded') }),
  ),
  [REGULATION_ACKNOWLEDGED]: eventType(
    KNOWLEDGE_MATERIAL_CATEGORY,
    'An employee signed that they have read this version of a regulation.',
    object({ materialId, version, employeeId, acknowledgedAt: instant() }),
  ),
});

export const KNOWLEDGE_MATERIAL_EVENT_TYPES = eventTypesOf(KNOWLEDGE_MATERIAL_TABLE);

const TRAINING_PLAN_TABLE = eventSchemaTable<TrainingPlanEvent>()({
  [TRAINING_PLAN_PROPOSED]: {
    categories: [TRAINING_PLAN_CATEGORY],
    description: 'An individual training plan was proposed for the gaps an assessment opened, or for a training need of an improvement program.',
    versions: [
      { version: 1, schema: planProposed(assessmentTrigger) },
      {
        version: 2,
        change: 'The trigger may be a training need of an improvement program (`programId`, `needId`) instead of an assessment; plans proposed before read unchanged.',
        schema: planProposed(variants([assessmentTrigger, trainingNeedTrigger])),
        upcastFrom: (previous: unknown) => previous,
      },
    ],
  },
  [TRAINING_PLAN_REVISED]: eventType(
    TRAINING_PLAN_CATEGORY,
    'The items of a plan as edited before approval.',
    object({ planId, items: list(item), revisedAt: instant() }),
  ),
  [TRAINING_PLAN_APPROVED]: eventType(
    TRAINING_PLAN_CATEGORY,
    'A plan was approved: its items can be completed from now on.',
    object(
      { planId, employeeId, dueOn: day(), approverId: actorId(), approvedAt: instant() },
      { sectionId, approverEmployeeId: id('emp-boris') },
    ),
  ),
  [TRAINING_COMPLETED]: eventType(
    TRAINING_PLAN_CATEGORY,
    'An item of a plan was done, with the facts its metrics need.',
    object(
      {
        planId,
        itemId: id('item-1'),
        employeeId,
        kind: oneOf(TRAINING_ITEM_KINDS),
        competencyIds,
        dueOn: day(),
        onTime: boolean(),
        completedAt: instant(),
      },
      { sectionId, score: number(0, MAX_SCORE, 85), hours, cost: money() },
    ),
  ),
  [TRAINING_PLAN_COMPLETED]: eventType(
    TRAINING_PLAN_CATEGORY,
    'The last item of a plan is done; `gaps` are the starting gaps its effectiveness is judged against.',
    object({ planId, employeeId, dueOn: day(), onTime: boolean(), gaps, completedAt: instant() }, { sectionId }),
  ),
  [REASSESSMENT_SCHEDULED]: eventType(
    TRAINING_PLAN_CATEGORY,
    "After a plan, its competencies are to be assessed again by `dueOn`.",
    object({ planId, employeeId, competencyIds, dueOn: day(), scheduledAt: instant() }),
  ),
  [TRAINING_PLAN_CANCELLED]: eventType(
    TRAINING_PLAN_CATEGORY,
    'A plan was cancelled; an approved one names its due day so that its metric takes it back.',
    object({ planId, employeeId, reason: text('The employee left'), cancelledAt: instant() }, { sectionId, approvedDueOn: day() }),
  ),
});

export const TRAINING_PLAN_EVENT_TYPES = eventTypesOf(TRAINING_PLAN_TABLE);

const TRAINING_SESSION_TABLE = eventSchemaTable<TrainingSessionEvent>()({
  [TRAINING_SESSION_SCHEDULED]: eventType(
    TRAINING_SESSION_CATEGORY,
    'A group training session was scheduled.',
    object(
      { sessionId, kind: sessionKind, title: text('Quarterly sales training'), startsAt: instant(), hours, competencyIds, scheduledAt: instant() },
      { trainerId: id('emp-boris'), provider: text('Sales Academy'), cost: money() },
    ),
  ),
  [TRAINING_ATTENDANCE_RECORDED]: eventType(
    TRAINING_SESSION_CATEGORY,
    'Attendance of a session that changed.',
    object({
      sessionId,
      kind: sessionKind,
      startsAt: instant(),
      hours,
      changes: list(object({ employeeId, attended: boolean(), wasAttending: boolean() }, { sectionId }), 1),
      recordedAt: instant(),
    }),
  ),
  [TRAINING_SESSION_CANCELLED]: eventType(
    TRAINING_SESSION_CATEGORY,
    'A session will not take place; its cost, if any, is taken back.',
    object({ sessionId, kind: sessionKind, startsAt: instant(), cancelledAt: instant() }, { cost: money(), reason: text('Trainer ill') }),
  ),
});

export const TRAINING_SESSION_EVENT_TYPES = eventTypesOf(TRAINING_SESSION_TABLE);

const WEBINAR_TABLE = eventSchemaTable<WebinarEvent>()({
  [WEBINAR_RECORDED]: eventType(
    WEBINAR_CATEGORY,
    'A webinar a trainer ran: how many attended and how many of them bought.',
    object({ webinarId, trainerId: employeeId, title: text('Free intro webinar'), heldAt: instant(), ...counts }),
  ),
  [WEBINAR_COUNTS_CORRECTED]: eventType(
    WEBINAR_CATEGORY,
    'The counts of a webinar taken again.',
    object(
      { webinarId, trainerId: employeeId, heldAt: instant(), previous: object(counts), correctedAt: instant(), ...counts },
      { reason: text('Late sales') },
    ),
  ),
});

export const WEBINAR_EVENT_TYPES = eventTypesOf(WEBINAR_TABLE);

export const TRAINING_SCHEMAS = [...definitionsOf(KNOWLEDGE_MATERIAL_TABLE), ...definitionsOf(TRAINING_PLAN_TABLE), ...definitionsOf(TRAINING_SESSION_TABLE), ...definitionsOf(WEBINAR_TABLE)];
