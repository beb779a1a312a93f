import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { activeCompetency } from '../competence/requirements.js';
import { sameJson, withoutAbsent } from '../shared/objects.js';
import { invalid } from '../shared/validation.js';
import {
  validCancelAction,
  validCompleteAction,
  validCompleteDocumentChange,
  validCreateProgram,
  validListStandards,
  validPlanAction,
  validPlanDocumentChange,
  validPlanStage,
  validProgramRef,
  validRecordTrainingNeed,
  validRescheduleAction,
  type CheckEffectiveness,
  type CompleteDocumentChange,
  type CreateProgram,
  type DocumentName,
  type DocumentStanding,
  type PlanAction,
  type PlanDocumentChange,
  type ProgramCommand,
  type RecordTrainingNeed,
} from './program.commands.js';
import {
  ACTION_CANCELLED,
  ACTION_COMPLETED,
  ACTION_PLANNED,
  ACTION_RESCHEDULED,
  DOCUMENT_CHANGE_COMPLETED,
  DOCUMENT_CHANGE_PLANNED,
  EFFECTIVENESS_CHECKED,
  meetsGoal,
  PROGRAM_CLOSED,
  PROGRAM_CREATED,
  STAGE_PLANNED,
  STANDARDS_LISTED,
  TRAINING_NEED_RECORDED,
  type DocumentReference,
  type Goal,
  type ProgramEvent,
  type ProgramStatus,
} from './program.events.js';

export type ProgramState =
  | { readonly status: 'absent' }
  | {
      readonly status: ProgramStatus;
      readonly programId: string;
      readonly goals: readonly Goal[];
      readonly stageIds: readonly string[];
      /** Each action by id: its status and current deadline. */
      readonly actions: Readonly<Record<string, ActionState>>;
      readonly standardIds: readonly string[];
      readonly needIds: readonly string[];
      /** Each document change by id: the document as it stood when the change was planned, and whether it is done. */
      readonly documentChanges: Readonly<Record<string, DocumentChangeState>>;
      /** The outcome of the last effectiveness check; absent until one was made. */
      readonly effective?: boolean;
    };

export interface ActionState {
  readonly status: 'open' | 'completed' | 'cancelled';
  readonly deadline: string;
}

export interface DocumentChangeState {
  readonly document: DocumentReference;
  readonly completed: boolean;
}

type ExistingProgram = Exclude<ProgramState, { status: 'absent' }>;

export type ProgramDecider = Decider<ProgramCommand, ProgramEvent, ProgramState>;

/**
 * An improvement program, created from an adopted decision (`DECISION_NOT_ADOPTED`), once
 * (`PROGRAM_EXISTS`), and its plan of measures in the seed's format:
 * - the standards it applies, as a whole list that replaces the one before (the same list appends nothing);
 * - training needs: a competency of the catalogue some employees must learn by a day, each id once
 *   (`TRAINING_NEED_EXISTS`); positions named stand for the employees who hold them, and a need nobody
 *   would take is refused (`NO_EMPLOYEES_TO_TRAIN`);
 * - stages, in the order planned, each id once (`STAGE_EXISTS`), holding actions. Actions are planned
 *   with an owner, a deadline and completion criteria, each id once (`ACTION_EXISTS`), in a stage of
 *   the program or in none, and completed once (`ACTION_COMPLETED`). An open action may be rescheduled
 *   to another day (`ACTION_DEADLINE_UNCHANGED` for the same) or cancelled, each with a reason; a
 *   cancelled one takes nothing more (`ACTION_CANCELLED`);
 * - documents to change: a current knowledge-base material or standard, with what must change, an
 *   owner and a deadline, each id once (`DOCUMENT_CHANGE_EXISTS`); completed once
 *   (`DOCUMENT_CHANGE_COMPLETED`), naming the version that carries the change when there is one, which
 *   must be later than the one the change was planned against (`DOCUMENT_VERSION_NOT_NEWER`).
 * Before closing, the effectiveness of the program is checked against its goals
 * (`EFFECTIVENESS_NOT_CHECKED`). A closed program changes no more (`PROGRAM_CLOSED`).
 */
export const programDecider: ProgramDecider = {
  initialState: () => ({ status: 'absent' }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateProgram':
        return create(validCreateProgram(command), state);
      case 'PlanStage': {
        const { programId, stageId, title, at } = validPlanStage(command);
        if (running(state, programId).stageIds.includes(stageId)) throw new DomainRuleError('STAGE_EXISTS', `stage ${stageId} exists`, { stageId });
        return [{ type: STAGE_PLANNED, data: { programId, stageId, title, plannedAt: at } }];
      }
      case 'PlanAction':
        return planAction(validPlanAction(command), running(state, command.programId));
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
      case 'ListStandards': {
        const { programId, standardIds, at } = validListStandards(command);
        if (sameJson(running(state, programId).standardIds, standardIds)) return [];
        return [{ type: STANDARDS_LISTED, data: { programId, standardIds, listedAt: at } }];
      }
      case 'RecordTrainingNeed':
        return recordNeed(validRecordTrainingNeed(command), running(state, command.programId));
      case 'PlanDocumentChange':
        return planDocumentChange(validPlanDocumentChange(command), running(state, command.programId));
      case 'CompleteDocumentChange':
        return completeDocumentChange(validCompleteDocumentChange(command), running(state, command.programId));
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
    if (event.type === PROGRAM_CREATED) {
      const { programId, goals } = event.data;
      return { status: 'running', programId, goals, stageIds: [], actions: {}, standardIds: [], needIds: [], documentChanges: {} };
    }
    if (state.status === 'absent') return state;
    switch (event.type) {
      case STAGE_PLANNED:
        return { ...state, stageIds: [...state.stageIds, event.data.stageId] };
      case ACTION_PLANNED:
        return { ...state, actions: { ...state.actions, [event.data.actionId]: { status: 'open', deadline: event.data.deadline } } };
      case ACTION_COMPLETED:
        return withAction(state, event.data.actionId, { status: 'completed' });
      case ACTION_RESCHEDULED:
        return withAction(state, event.data.actionId, { deadline: event.data.deadline });
      case ACTION_CANCELLED:
        return withAction(state, event.data.actionId, { status: 'cancelled' });
      case STANDARDS_LISTED:
        return { ...state, standardIds: event.data.standardIds };
      case TRAINING_NEED_RECORDED:
        return { ...state, needIds: [...state.needIds, event.data.needId] };
      case DOCUMENT_CHANGE_PLANNED:
        return { ...state, documentChanges: { ...state.documentChanges, [event.data.changeId]: { document: event.data.document, completed: false } } };
      case DOCUMENT_CHANGE_COMPLETED: {
        const change = state.documentChanges[event.data.changeId];
        return change === undefined ? state : { ...state, documentChanges: { ...state.documentChanges, [event.data.changeId]: { ...change, completed: true } } };
      }
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

function planAction(command: PlanAction, program: ExistingProgram): ProgramEvent[] {
  const { programId, actionId, stageId, description, ownerId, deadline, completionCriteria, at } = command;
  if (program.actions[actionId] !== undefined) throw new DomainRuleError('ACTION_EXISTS', `action ${actionId} exists`, { actionId });
  if (stageId !== undefined && !program.stageIds.includes(stageId)) throw invalid('stageId', 'names no stage of the program');
  return [{ type: ACTION_PLANNED, data: withoutAbsent({ programId, actionId, stageId, description, ownerId, deadline, completionCriteria, plannedAt: at }) }];
}

/** The employees named, then those holding a named position who were not named, each once. */
function traineesOf({ employeeIds, positionIds, positionHolders }: RecordTrainingNeed): string[] {
  return [...new Set([...employeeIds, ...positionIds.flatMap((positionId) => positionHolders[positionId] ?? [])])];
}

function recordNeed(command: RecordTrainingNeed, program: ExistingProgram): ProgramEvent[] {
  const { programId, needId, competencyId, positionIds, catalogue, dueOn, at } = command;
  if (program.needIds.includes(needId)) throw new DomainRuleError('TRAINING_NEED_EXISTS', `training need ${needId} exists`, { needId });
  activeCompetency(catalogue, competencyId, 'competencyId');
  const employeeIds = traineesOf(command);
  if (employeeIds.length === 0) {
    throw new DomainRuleError('NO_EMPLOYEES_TO_TRAIN', 'nobody holds the positions named, and no employee is named', { needId, positionIds });
  }
  return [{ type: TRAINING_NEED_RECORDED, data: { programId, needId, competencyId, employeeIds, positionIds, dueOn, recordedAt: at } }];
}

/** The document as it stands now, when it can take a planned change: an unknown or retired one is bad input. */
function currentDocument(document: DocumentName, standing: DocumentStanding): DocumentReference {
  if (standing.status !== 'current') throw invalid('document.id', `names no current ${document.kind === 'standard' ? 'standard' : 'material of the knowledge base'}`);
  return { ...document, version: standing.version };
}

function planDocumentChange(command: PlanDocumentChange, program: ExistingProgram): ProgramEvent[] {
  const { programId, changeId, change, ownerId, deadline, at } = command;
  if (program.documentChanges[changeId] !== undefined) {
    throw new DomainRuleError('DOCUMENT_CHANGE_EXISTS', `document change ${changeId} exists`, { changeId });
  }
  const document = currentDocument(command.document, command.standing);
  return [{ type: DOCUMENT_CHANGE_PLANNED, data: { programId, changeId, document, change, ownerId, deadline, plannedAt: at } }];
}

function completeDocumentChange(command: CompleteDocumentChange, program: ExistingProgram): ProgramEvent[] {
  const { programId, changeId, version, standing, at } = command;
  const planned = program.documentChanges[changeId];
  if (planned === undefined) throw new NotFoundError('document change', changeId);
  if (planned.completed) throw new DomainRuleError('DOCUMENT_CHANGE_COMPLETED', `document change ${changeId} is completed already`, { changeId });
  if (version !== undefined) {
    if (standing.status === 'absent' || version > standing.version) throw invalid('version', 'names no published version of the document');
    if (version <= planned.document.version) {
      throw new DomainRuleError('DOCUMENT_VERSION_NOT_NEWER', `version ${version} is not later than version ${planned.document.version}, planned against`, {
        changeId,
        version,
        plannedVersion: planned.document.version,
      });
    }
  }
  return [{ type: DOCUMENT_CHANGE_COMPLETED, data: withoutAbsent({ programId, changeId, version, completedAt: at }) }];
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
