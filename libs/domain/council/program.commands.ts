import { dayOf, requireDay } from '../shared/days.js';
import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalId,
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
import { INDICATOR_DIRECTIONS } from '../catalogue/indicators.js';
import type { CompetencyCatalogue } from '../competence/competency-catalogue.decider.js';
import { DOCUMENT_KINDS, type DocumentKind, type Goal } from './program.events.js';

/** What the rules need to know about the decision a program is created from, as the command service read it. */
export interface DecisionFacts {
  readonly decisionId: string;
  readonly outcome: 'adopted' | 'rejected';
}

export interface CreateProgram {
  readonly type: 'CreateProgram';
  readonly programId: string;
  readonly decision: DecisionFacts;
  readonly title: string;
  readonly goals: readonly Goal[];
  readonly at: string;
}

export interface PlanStage {
  readonly type: 'PlanStage';
  readonly programId: string;
  readonly stageId: string;
  readonly title: string;
  readonly at: string;
}

export interface PlanAction {
  readonly type: 'PlanAction';
  readonly programId: string;
  readonly actionId: string;
  /** A stage of the program; without one, the action stands outside the stages. */
  readonly stageId?: string;
  readonly description: string;
  readonly ownerId: string;
  readonly deadline: string;
  readonly completionCriteria: string;
  readonly at: string;
}

export interface CompleteAction {
  readonly type: 'CompleteAction';
  readonly programId: string;
  readonly actionId: string;
  readonly at: string;
}

export interface RescheduleAction {
  readonly type: 'RescheduleAction';
  readonly programId: string;
  readonly actionId: string;
  /** The new deadline, a day. */
  readonly deadline: string;
  readonly reason: string;
  readonly at: string;
}

export interface CancelAction {
  readonly type: 'CancelAction';
  readonly programId: string;
  readonly actionId: string;
  readonly reason: string;
  readonly at: string;
}

/** The standards the program applies, the whole list; the command service checks that each is current. */
export interface ListStandards {
  readonly type: 'ListStandards';
  readonly programId: string;
  readonly standardIds: readonly string[];
  readonly at: string;
}

/**
 * `employeeIds` and `positionIds` as named; `positionHolders` and `catalogue` as the command service
 * read them: the employees who hold each named position at `at` or from later on, and the competency
 * catalogue.
 */
export interface RecordTrainingNeed {
  readonly type: 'RecordTrainingNeed';
  readonly programId: string;
  readonly needId: string;
  readonly competencyId: string;
  readonly employeeIds: readonly string[];
  readonly positionIds: readonly string[];
  readonly positionHolders: Readonly<Record<string, readonly string[]>>;
  readonly catalogue: CompetencyCatalogue;
  readonly dueOn: string;
  readonly at: string;
}

/** A document as its own stream holds it now, read by the command service. */
export type DocumentStanding = { readonly status: 'absent' } | { readonly status: 'current' | 'retired'; readonly version: number };

/** A document named by its kind and id, without a version: the plan records the version current then. */
export interface DocumentName {
  readonly kind: DocumentKind;
  readonly id: string;
}

export interface PlanDocumentChange {
  readonly type: 'PlanDocumentChange';
  readonly programId: string;
  readonly changeId: string;
  readonly document: DocumentName;
  /** The named document's standing. */
  readonly standing: DocumentStanding;
  readonly change: string;
  readonly ownerId: string;
  readonly deadline: string;
  readonly at: string;
}

export interface CompleteDocumentChange {
  readonly type: 'CompleteDocumentChange';
  readonly programId: string;
  readonly changeId: string;
  /** The version of the document that carries the change, when the change published one. */
  readonly version?: number;
  /** The standing of the change's document; absent when the program has no such change. */
  readonly standing: DocumentStanding;
  readonly at: string;
}

/** `readings`: each goal's indicator as measured now, by the command service from the live metrics. */
export interface CheckEffectiveness {
  readonly type: 'CheckEffectiveness';
  readonly programId: string;
  readonly readings: Readonly<Record<string, number | null>>;
  readonly at: string;
}

export interface CloseProgram {
  readonly type: 'CloseProgram';
  readonly programId: string;
  readonly at: string;
}

export type ProgramCommand =
  | CreateProgram
  | PlanStage
  | PlanAction
  | CompleteAction
  | RescheduleAction
  | CancelAction
  | ListStandards
  | RecordTrainingNeed
  | PlanDocumentChange
  | CompleteDocumentChange
  | CheckEffectiveness
  | CloseProgram;

export const MAX_TITLE_LENGTH = 300;
export const MAX_ACTION_TEXT_LENGTH = 2000;
export const MAX_GOALS = 20;
export const MAX_STANDARDS = 50;
export const MAX_NEED_EMPLOYEES = 500;
export const MAX_NEED_POSITIONS = 50;

const prose = (value: unknown, field: string, maxLength: number) => withoutEmailAddress(requireText(value, field, maxLength), field);

export function validCreateProgram(command: CreateProgram): CreateProgram {
  return {
    ...command,
    programId: requireId(command.programId, 'programId'),
    title: prose(command.title, 'title', MAX_TITLE_LENGTH),
    goals: requireList(command.goals, 'goals', 1, MAX_GOALS).map(validGoal),
    at: requireUtcInstant(command.at, 'at'),
  };
}

function validGoal(value: unknown, index: number): Goal {
  const field = `goals.${index}`;
  const goal = requireRecord(value, field);
  return {
    indicator: requireId(goal.indicator, `${field}.indicator`),
    direction: requireOneOf(goal.direction, `${field}.direction`, INDICATOR_DIRECTIONS),
    targetValue: requireNumber(goal.targetValue, `${field}.targetValue`, {}),
    targetDate: requireDay(goal.targetDate, `${field}.targetDate`),
    baseline: goal.baseline === null ? null : requireNumber(goal.baseline, `${field}.baseline`, {}),
  };
}

export function validPlanStage(command: PlanStage): PlanStage {
  return {
    type: command.type,
    programId: requireId(command.programId, 'programId'),
    stageId: requireId(command.stageId, 'stageId'),
    title: prose(command.title, 'title', MAX_TITLE_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validPlanAction(command: PlanAction): PlanAction {
  return withoutAbsent({
    type: command.type,
    programId: requireId(command.programId, 'programId'),
    actionId: requireId(command.actionId, 'actionId'),
    stageId: optionalId(command.stageId, 'stageId'),
    description: prose(command.description, 'description', MAX_ACTION_TEXT_LENGTH),
    ownerId: requireId(command.ownerId, 'ownerId'),
    deadline: requireDay(command.deadline, 'deadline'),
    completionCriteria: prose(command.completionCriteria, 'completionCriteria', MAX_ACTION_TEXT_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validCompleteAction(command: CompleteAction): CompleteAction {
  return {
    type: command.type,
    programId: requireId(command.programId, 'programId'),
    actionId: requireId(command.actionId, 'actionId'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validProgramRef<C extends CheckEffectiveness | CloseProgram>(command: C): C {
  return { ...command, programId: requireId(command.programId, 'programId'), at: requireUtcInstant(command.at, 'at') };
}

export function validRescheduleAction(command: RescheduleAction): RescheduleAction {
  return {
    type: command.type,
    programId: requireId(command.programId, 'programId'),
    actionId: requireId(command.actionId, 'actionId'),
    deadline: requireDay(command.deadline, 'deadline'),
    reason: prose(command.reason, 'reason', MAX_ACTION_TEXT_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validCancelAction(command: CancelAction): CancelAction {
  return {
    type: command.type,
    programId: requireId(command.programId, 'programId'),
    actionId: requireId(command.actionId, 'actionId'),
    reason: prose(command.reason, 'reason', MAX_ACTION_TEXT_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validListStandards(command: ListStandards): ListStandards {
  return {
    type: command.type,
    programId: requireId(command.programId, 'programId'),
    standardIds: requireIdList(command.standardIds, 'standardIds', 0, MAX_STANDARDS),
    at: requireUtcInstant(command.at, 'at'),
  };
}

/** A need names at least one employee or position, and is due no earlier than the day it is recorded. */
export function validRecordTrainingNeed(command: RecordTrainingNeed): RecordTrainingNeed {
  const at = requireUtcInstant(command.at, 'at');
  const employeeIds = requireIdList(command.employeeIds, 'employeeIds', 0, MAX_NEED_EMPLOYEES);
  const positionIds = requireIdList(command.positionIds, 'positionIds', 0, MAX_NEED_POSITIONS);
  if (employeeIds.length === 0 && positionIds.length === 0) throw invalid('employeeIds', 'must name at least one employee, unless positions are named');
  const dueOn = requireDay(command.dueOn, 'dueOn');
  if (dueOn < dayOf(at)) throw invalid('dueOn', 'must not be before the day the need is recorded');
  return {
    ...command,
    programId: requireId(command.programId, 'programId'),
    needId: requireId(command.needId, 'needId'),
    competencyId: requireId(command.competencyId, 'competencyId'),
    employeeIds,
    positionIds,
    dueOn,
    at,
  };
}

export function validPlanDocumentChange(command: PlanDocumentChange): PlanDocumentChange {
  const { kind, id } = requireRecord(command.document, 'document', '{ kind, id }');
  return {
    ...command,
    programId: requireId(command.programId, 'programId'),
    changeId: requireId(command.changeId, 'changeId'),
    document: { kind: requireOneOf(kind, 'document.kind', DOCUMENT_KINDS), id: requireId(id, 'document.id') },
    change: prose(command.change, 'change', MAX_ACTION_TEXT_LENGTH),
    ownerId: requireId(command.ownerId, 'ownerId'),
    deadline: requireDay(command.deadline, 'deadline'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validCompleteDocumentChange(command: CompleteDocumentChange): CompleteDocumentChange {
  return withoutAbsent({
    ...command,
    programId: requireId(command.programId, 'programId'),
    changeId: requireId(command.changeId, 'changeId'),
    version: command.version === undefined ? undefined : requireNumber(command.version, 'version', { atLeast: 1, whole: true }),
    at: requireUtcInstant(command.at, 'at'),
  });
}
