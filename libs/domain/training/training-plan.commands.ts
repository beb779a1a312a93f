import { dayOf, requireDay } from '../shared/days.js';
import { requireLogPosition } from '../shared/log-checkpoint.js';
import { validateMoney } from '../shared/money.js';
import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalId,
  optionalText,
  rejectRepeated,
  requireId,
  requireIdList,
  requireList,
  requireNumber,
  requireOneOf,
  requireRecord,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import { TRAINING_ITEM_KINDS, type PlanGap, type PlanTrigger, type TrainingItem, type TrainingItemKind } from './training-plan.events.js';

export interface ProposeTrainingPlan {
  readonly type: 'ProposeTrainingPlan';
  readonly planId: string;
  readonly employeeId: string;
  readonly sectionId?: string;
  readonly positionId?: string;
  readonly trigger: PlanTrigger;
  readonly gaps: readonly PlanGap[];
  readonly items: readonly TrainingItem[];
  readonly at: string;
}

/** Replaces the items of a plan that is not approved yet. */
export interface ReviseTrainingPlan {
  readonly type: 'ReviseTrainingPlan';
  readonly planId: string;
  readonly items: readonly TrainingItem[];
  readonly at: string;
}

/** Who approves: the API key, and the employee it belongs to when it belongs to one. */
export interface PlanApprover {
  readonly actorId: string;
  readonly employeeId?: string;
}

export interface ApproveTrainingPlan {
  readonly type: 'ApproveTrainingPlan';
  readonly planId: string;
  readonly approver: PlanApprover;
  readonly at: string;
}

export interface CompleteTraining {
  readonly type: 'CompleteTraining';
  readonly planId: string;
  readonly itemId: string;
  readonly score?: number;
  /** Hours actually spent; default: the hours planned for the item. */
  readonly hours?: number;
  readonly at: string;
}

export interface CancelTrainingPlan {
  readonly type: 'CancelTrainingPlan';
  readonly planId: string;
  readonly reason: string;
  readonly at: string;
}

export type TrainingPlanCommand = ProposeTrainingPlan | ReviseTrainingPlan | ApproveTrainingPlan | CompleteTraining | CancelTrainingPlan;

export const MAX_ITEMS = 30;
export const MAX_ITEM_COMPETENCIES = 20;
export const MAX_PLAN_GAPS = 200;
export const MAX_ITEM_TITLE_LENGTH = 300;
export const MAX_PROVIDER_LENGTH = 300;
export const MAX_REASON_LENGTH = 2000;
export const MAX_HOURS = 1000;
export const MAX_SCORE = 100;

/** The fields each kind of item may carry besides the common ones. */
const KIND_FIELDS: Readonly<Record<TrainingItemKind, readonly (keyof TrainingItem)[]>> = {
  material: ['materialId'],
  'internal-session': ['sessionId'],
  'external-course': ['provider', 'cost'],
  mentoring: ['mentorId'],
};
const KIND_SPECIFIC_FIELDS: readonly (keyof TrainingItem)[] = ['materialId', 'sessionId', 'provider', 'cost', 'mentorId'];

export function validProposeTrainingPlan(command: ProposeTrainingPlan): ProposeTrainingPlan {
  const at = requireUtcInstant(command.at, 'at');
  return withoutAbsent({
    type: command.type,
    planId: requireId(command.planId, 'planId'),
    employeeId: requireId(command.employeeId, 'employeeId'),
    sectionId: optionalId(command.sectionId, 'sectionId'),
    positionId: optionalId(command.positionId, 'positionId'),
    trigger: validTrigger(command.trigger),
    gaps: requireList(command.gaps, 'gaps', 0, MAX_PLAN_GAPS).map((gap, index) => validGap(gap, `gaps.${index}`)),
    items: validItems(command.items, at),
    at,
  });
}

export function validReviseTrainingPlan(command: ReviseTrainingPlan): ReviseTrainingPlan {
  const at = requireUtcInstant(command.at, 'at');
  return { type: command.type, planId: requireId(command.planId, 'planId'), items: validItems(command.items, at), at };
}

export function validApproveTrainingPlan(command: ApproveTrainingPlan): ApproveTrainingPlan {
  return {
    type: command.type,
    planId: requireId(command.planId, 'planId'),
    approver: withoutAbsent({
      actorId: requireText(command.approver?.actorId, 'approver.actorId', 300),
      employeeId: optionalId(command.approver?.employeeId, 'approver.employeeId'),
    }),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validCompleteTraining(command: CompleteTraining): CompleteTraining {
  return withoutAbsent({
    type: command.type,
    planId: requireId(command.planId, 'planId'),
    itemId: requireId(command.itemId, 'itemId'),
    score: command.score === undefined ? undefined : requireNumber(command.score, 'score', { atLeast: 0, atMost: MAX_SCORE }),
    hours: command.hours === undefined ? undefined : requireNumber(command.hours, 'hours', { above: 0, atMost: MAX_HOURS }),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validCancelTrainingPlan(command: CancelTrainingPlan): CancelTrainingPlan {
  return {
    type: command.type,
    planId: requireId(command.planId, 'planId'),
    reason: withoutEmailAddress(requireText(command.reason, 'reason', MAX_REASON_LENGTH), 'reason'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

/** One to `MAX_ITEMS` items with distinct ids, none due before the day they are planned on. */
function validItems(value: unknown, at: string): TrainingItem[] {
  const items = requireList(value, 'items', 1, MAX_ITEMS).map((item, index) => validItem(item, `items.${index}`, dayOf(at)));
  rejectRepeated(items.map((item) => item.itemId), (index) => `items.${index}.itemId`, 'repeats the id of an earlier item of the plan');
  return items;
}

function validItem(value: unknown, field: string, plannedOn: string): TrainingItem {
  const item = requireRecord(value, field);
  const kind = requireOneOf(item.kind, `${field}.kind`, TRAINING_ITEM_KINDS);
  const foreign = KIND_SPECIFIC_FIELDS.find((name) => item[name] !== undefined && !KIND_FIELDS[kind].includes(name));
  if (foreign !== undefined) throw invalid(`${field}.${foreign}`, `is not a field of a ${kind} item`);
  const dueOn = requireDay(item.dueOn, `${field}.dueOn`);
  if (dueOn < plannedOn) throw invalid(`${field}.dueOn`, 'must not be before the day the plan is made');
  return withoutAbsent({
    itemId: requireId(item.itemId, `${field}.itemId`),
    kind,
    title: withoutEmailAddress(requireText(item.title, `${field}.title`, MAX_ITEM_TITLE_LENGTH), `${field}.title`),
    materialId: kind === 'material' ? requireId(item.materialId, `${field}.materialId`) : undefined,
    sessionId: optionalId(item.sessionId, `${field}.sessionId`),
    provider: optionalText(item.provider, `${field}.provider`, MAX_PROVIDER_LENGTH),
    cost: kind === 'external-course' ? validCost(item.cost, `${field}.cost`) : undefined,
    mentorId: optionalId(item.mentorId, `${field}.mentorId`),
    competencyIds: requireIdList(item.competencyIds, `${field}.competencyIds`, 1, MAX_ITEM_COMPETENCIES),
    dueOn,
    hours: item.hours === undefined ? undefined : requireNumber(item.hours, `${field}.hours`, { above: 0, atMost: MAX_HOURS }),
  });
}

/** An assessment's trigger, or a training need's when it names a program. */
function validTrigger(value: unknown): PlanTrigger {
  const trigger = requireRecord(value, 'trigger');
  const event = { eventId: requireId(trigger.eventId, 'trigger.eventId'), position: requireLogPosition(trigger.position, 'trigger.position') };
  if ('programId' in trigger) {
    return { ...event, programId: requireId(trigger.programId, 'trigger.programId'), needId: requireId(trigger.needId, 'trigger.needId') };
  }
  return { ...event, assessmentId: requireId(trigger.assessmentId, 'trigger.assessmentId') };
}

function validCost(value: unknown, field: string) {
  const cost = validateMoney(value, field);
  if (cost.minor === 0) throw invalid(`${field}.minor`, 'must be positive: an external course is bought');
  return cost;
}

function validGap(value: unknown, field: string): PlanGap {
  const gap = requireRecord(value, field);
  return {
    competencyId: requireId(gap.competencyId, `${field}.competencyId`),
    required: requireNumber(gap.required, `${field}.required`, { atLeast: 0 }),
    level: gap.level === null ? null : requireNumber(gap.level, `${field}.level`, { atLeast: 0 }),
    gap: requireNumber(gap.gap, `${field}.gap`, {}),
  };
}
