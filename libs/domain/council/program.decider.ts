import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import {
  validCompleteAction,
  validCreateProgram,
  validPlanAction,
  validProgramRef,
  type CheckEffectiveness,
  type CreateProgram,
  type ProgramCommand,
} from './program.commands.js';
import {
  ACTION_COMPLETED,
  ACTION_PLANNED,
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
      /** Each action by id: completed or not. */
      readonly actions: Readonly<Record<string, boolean>>;
      /** The outcome of the last effectiveness check; absent until one was made. */
      readonly effective?: boolean;
    };

type ExistingProgram = Exclude<ProgramState, { status: 'absent' }>;

export type ProgramDecider = Decider<ProgramCommand, ProgramEvent, ProgramState>;

/**
 * An improvement program, created from an adopted decision (`DECISION_NOT_ADOPTED`), once
 * (`PROGRAM_EXISTS`). Actions are planned with an owner, a deadline and completion criteria, each id
 * once (`ACTION_EXISTS`), and completed once (`ACTION_COMPLETED`). Before closing, the effectiveness of
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
        const program = running(state, programId);
        const completed = program.actions[actionId];
        if (completed === undefined) throw new NotFoundError('improvement action', actionId);
        if (completed) throw new DomainRuleError('ACTION_COMPLETED', `action ${actionId} is completed already`, { actionId });
        return [{ type: ACTION_COMPLETED, data: { programId, actionId, completedAt: at } }];
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
        return { ...state, actions: { ...state.actions, [event.data.actionId]: false } };
      case ACTION_COMPLETED:
        return { ...state, actions: { ...state.actions, [event.data.actionId]: true } };
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

function running(state: ProgramState, programId: string): ExistingProgram {
  if (state.status === 'absent') throw new NotFoundError('improvement program', programId);
  if (state.status === 'closed') throw new DomainRuleError('PROGRAM_CLOSED', `program ${programId} is closed`, { programId });
  return state;
}
