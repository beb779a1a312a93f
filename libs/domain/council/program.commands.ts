import { requireDay } from '../shared/days.js';
import { invalid, requireId, requireList, requireNumber, requireOneOf, requireText, requireUtcInstant, withoutEmailAddress } from '../shared/validation.js';
import { INDICATOR_DIRECTIONS } from '../catalogue/indicators.js';
import type { Goal } from './program.events.js';

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

export interface PlanAction {
  readonly type: 'PlanAction';
  readonly programId: string;
  readonly actionId: string;
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

export type ProgramCommand = CreateProgram | PlanAction | CompleteAction | RescheduleAction | CancelAction | CheckEffectiveness | CloseProgram;

export const MAX_TITLE_LENGTH = 300;
export const MAX_ACTION_TEXT_LENGTH = 2000;
export const MAX_GOALS = 20;

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
  if (typeof value !== 'object' || value === null) throw invalid(field, 'must be an object');
  const goal = value as Record<string, unknown>;
  return {
    indicator: requireId(goal.indicator, `${field}.indicator`),
    direction: requireOneOf(goal.direction, `${field}.direction`, INDICATOR_DIRECTIONS),
    targetValue: requireNumber(goal.targetValue, `${field}.targetValue`, {}),
    targetDate: requireDay(goal.targetDate, `${field}.targetDate`),
    baseline: goal.baseline === null ? null : requireNumber(goal.baseline, `${field}.baseline`, {}),
  };
}

export function validPlanAction(command: PlanAction): PlanAction {
  return {
    type: command.type,
    programId: requireId(command.programId, 'programId'),
    actionId: requireId(command.actionId, 'actionId'),
    description: prose(command.description, 'description', MAX_ACTION_TEXT_LENGTH),
    ownerId: requireId(command.ownerId, 'ownerId'),
    deadline: requireDay(command.deadline, 'deadline'),
    completionCriteria: prose(command.completionCriteria, 'completionCriteria', MAX_ACTION_TEXT_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  };
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
