import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import {
  validCancelAction,
  validCompleteAction,
  validCreateProgram,
  validPlanAction,
  validProgramRef,
  validRescheduleAction,
  type CheckEffectiveness,
  type CreateProgram,
  type ProgramCommand,
} from './program.commands.js';
import {
  ACTION_CANCELLED,
  ACTION_COMPLETED,
  ACTION_PLANNED,
  ACTION_RESCHEDULED,
  EFFECTIVENESS_CHECKED,
  meetsGoal,
  PROGRAM_CLOSED,
  PROGRAM_CREATED,
  type Goal,
  type ProgramEvent,
} from './program.events.js';

export type ProgramState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'running' | 'closed';
      readonly programId: string;
      readonly goals: readonly Goal[];
      /** Each action by id: its status and current deadline. */
      readonly actions: Readonly<Record<string, ActionState>>;
      /** The outcome of the last effectiveness check; absent until one was made. */
      readonly effective?: boolean;
    };

export interface ActionState {
  readonly status: 'open' | 'completed' | 'cancelled';
  readonly deadline: string;
}

type ExistingProgram = Exclude<ProgramState, { status: 'absent' }>;

export type ProgramDecider = Decider<ProgramCommand, ProgramEvent, ProgramState>;

/**
 * An improvement program, created from an adopted decision (`DECISION_NOT_ADOPTED`), once
 * (`PROGRAM_EXISTS`). Actions are planned with an owner, a deadline and completion criteria, each id
 * once (`ACTION_EXISTS`), and completed once (`ACTION_COMPLETED`). An open action may be rescheduled to
 * another day (`ACTION_DEADLINE_UNCHANGED` for the same) or cancelled, each with a reason; a cancelled
 * one takes nothing more (`ACTION_CANCELLED`). Before closing, the effectiveness of
 * the program is checked against its goals (`EFFECTIVENESS_NOT_CHECKED`). A closed program changes no
 * more (`PROGRAM_CLOSED`).
 */
export const programDecider: ProgramDecider = {
  initialState: () => ({ status: 'absent' }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateProgram':
        return create(validCreateProgram(command), state);
      case 'PlanAction': {
        const { programId, actionId, description, ownerId, deadline, completionCriteria, at } = validPlanAction(command);
        const program = running(state, programId);
        if (program.actions[actionId] !== undefined) throw new DomainRuleError('ACTION_EXISTS', `action ${actionId} exists`, { actionId });
        return [{ type: ACTION_PLANNED, data: { programId, actionId, description, ownerId, deadline, completionCriteria, plannedAt: at } }];
      }
      case 'CompleteAction': {
        const { programId, actionId, at } = validCompleteAction(command);
        openAction(running(state, programId), actionId);
        return [{ type: ACTION_COMPLETED, data: { programId, actionId, completedAt: at } }];
      }
      case 'RescheduleAction': {
        const { programId, actionId, deadline, reason, at } = validRescheduleAction(command);
        const action = openAction(running(state, programId), actionId);
        if (action.deadline === deadline) {
          throw new DomainRuleError('ACTION_DEADLINE_UNCHANGED', `action ${actionId} is due ${deadline} already`, { actionId, deadline });
        }
        return [{ type: ACTION_RESCHEDULED, data: { programId, actionId, deadline, previousDeadline: action.deadline, reason, rescheduledAt: at } }];
      }
      case 'CancelAction': {
        const { programId, actionId, reason, at } = validCancelAction(command);
        openAction(running(state, programId), actionId);
        return [{ type: ACTION_CANCELLED, data: { programId, actionId, reason, cancelledAt: at } }];
      }
      case 'CheckEffectiveness':
        return check(validProgramRef(command), running(state, command.programId));
      case 'CloseProgram': {
        const { programId, at } = validProgramRef(command);
        const program = running(state, programId);
        if (program.effective === undefined) {
          throw new DomainRuleError('EFFECTIVENESS_NOT_CHECKED', 'check the effectiveness of the program before closing it', { programId });
        }
        return [{ type: PROGRAM_CLOSED, data: { programId, effective: program.effective, closedAt: at } }];
      }
    }
  },

  evolve(state, event) {
    if (event.type === PROGRAM_CREATED) return { status: 'running', programId: event.data.programId, goals: event.data.goals, actions: {} };
    if (state.status === 'absent') return state;
    switch (event.type) {
      case ACTION_PLANNED:
        return { ...state, actions: { ...state.actions, [event.data.actionId]: { status: 'open', deadline: event.data.deadline } } };
      case ACTION_COMPLETED:
        return withAction(state, event.data.actionId, { status: 'completed' });
      case ACTION_RESCHEDULED:
        return withAction(state, event.data.actionId, { deadline: event.data.deadline });
      case ACTION_CANCELLED:
        return withAction(state, event.data.actionId, { status: 'cancelled' });
      case EFFECTIVENESS_CHECKED:
        return { ...state, effective: event.data.effective };
      case PROGRAM_CLOSED:
        return { ...state, status: 'closed' };
    }
  },
};

function create(command: CreateProgram, state: ProgramState): ProgramEvent[] {
  const { programId, decision, title, goals, at } = command;
  if (state.status !== 'absent') throw new DomainRuleError('PROGRAM_EXISTS', `program ${programId} exists`, { programId });
  if (decision.outcome !== 'adopted') {
    throw new DomainRuleError('DECISION_NOT_ADOPTED', 'a program is created from an adopted decision only', { decisionId: decision.decisionId });
  }
  return [{ type: PROGRAM_CREATED, data: { programId, decisionId: decision.decisionId, title, goals, createdAt: at } }];
}

function check({ programId, readings, at }: CheckEffectiveness, program: ExistingProgram): ProgramEvent[] {
  const results = program.goals.map((goal) => {
    const after = readings[goal.indicator] ?? null;
    return { indicator: goal.indicator, targetValue: goal.targetValue, before: goal.baseline, after, achieved: meetsGoal(goal, after) };
  });
  return [{ type: EFFECTIVENESS_CHECKED, data: { programId, results, effective: results.every((result) => result.achieved), checkedAt: at } }];
}

/** A planned action changed; the decider never appends a change to an action it did not plan. */
function withAction(program: ExistingProgram, actionId: string, change: Partial<ActionState>): ExistingProgram {
  const action = program.actions[actionId];
  return action === undefined ? program : { ...program, actions: { ...program.actions, [actionId]: { ...action, ...change } } };
}

/** The action, while it is open: an unknown one is not found; a completed (`ACTION_COMPLETED`) or cancelled (`ACTION_CANCELLED`) one is refused. */
function openAction(program: ExistingProgram, actionId: string): ActionState {
  const action = program.actions[actionId];
  if (action === undefined) throw new NotFoundError('improvement action', actionId);
  if (action.status === 'completed') throw new DomainRuleError('ACTION_COMPLETED', `action ${actionId} is completed already`, { actionId });
  if (action.status === 'cancelled') throw new DomainRuleError('ACTION_CANCELLED', `action ${actionId} is cancelled`, { actionId });
  return action;
}

function running(state: ProgramState, programId: string): ExistingProgram {
  if (state.status === 'absent') throw new NotFoundError('improvement program', programId);
  if (state.status === 'closed') throw new DomainRuleError('PROGRAM_CLOSED', `program ${programId} is closed`, { programId });
  return state;
}
