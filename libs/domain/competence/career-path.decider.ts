import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { rejectDatedBeforeLastChange, rejectRetiredPosition } from '../organisation/references.js';
import {
  validDefineCareerPath,
  validRetireCareerPath,
  validReviseCareerPath,
  type CareerPathCommand,
  type DefineCareerPath,
  type RetireCareerPath,
  type ReviseCareerPath,
} from './career-path.commands.js';
import {
  CAREER_PATH_DEFINED,
  CAREER_PATH_RETIRED,
  CAREER_PATH_REVISED,
  type CareerPathBasis,
  type CareerPathEvent,
} from './career-path.events.js';
import { checkRequiredCompetencies, type CompetencyRequirement } from './requirements.js';
import { sameJson } from '../shared/objects.js';

/** A career path as its stream stands; other commands (setting a career target) are decided against it. */
export type CareerPathState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active' | 'retired';
      readonly pathId: string;
      readonly fromPositionId: string;
      readonly toPositionId: string;
      readonly basis: CareerPathBasis;
      readonly requirements?: readonly CompetencyRequirement[];
      readonly lastChangedAt: string;
    };

type ExistingPath = Exclude<CareerPathState, { status: 'absent' }>;

export type CareerPathDecider = Decider<CareerPathCommand, CareerPathEvent, CareerPathState>;

/**
 * A career path: the minimum for moving from one position to another (support line 1 to line 2, into
 * another department, up to lead), either a list of its own or the target position's profile.
 *
 * Rules: one path per id (`CAREER_PATH_EXISTS`); both positions active (`POSITION_RETIRED`); required
 * competencies active (`COMPETENCY_RETIRED`); only a path of its own minimum is revised
 * (`PATH_FOLLOWS_TARGET_PROFILE`); nothing after retirement (`CAREER_PATH_RETIRED`); changes dated in
 * order (`DATED_BEFORE_LAST_CHANGE`). A revision to the same minimum appends nothing.
 */
export function careerPathDecider(): CareerPathDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'DefineCareerPath':
          return define(validDefineCareerPath(command), state);
        case 'ReviseCareerPath': {
          const valid = validReviseCareerPath(command);
          return revise(valid, activePath(state, valid.pathId, valid.at));
        }
        case 'RetireCareerPath': {
          const valid = validRetireCareerPath(command);
          return retire(valid, activePath(state, valid.pathId, valid.at));
        }
      }
    },

    evolve,
  };
}

function define(command: DefineCareerPath, state: CareerPathState): CareerPathEvent[] {
  const { pathId, fromPositionId, toPositionId, basis, requirements, at } = command;
  if (requirements !== undefined) checkRequiredCompetencies(command.catalogue, requirements, 'requirements');
  if (state.status !== 'absent') throw new DomainRuleError('CAREER_PATH_EXISTS', `career path ${pathId} already exists`, { pathId });
  rejectRetiredPosition({ positionId: fromPositionId, status: command.fromPositionStatus });
  rejectRetiredPosition({ positionId: toPositionId, status: command.toPositionStatus });
  return [
    {
      type: CAREER_PATH_DEFINED,
      data: { pathId, fromPositionId, toPositionId, basis, ...(requirements !== undefined && { requirements }), definedAt: at },
    },
  ];
}

function revise(command: ReviseCareerPath, state: ExistingPath): CareerPathEvent[] {
  checkRequiredCompetencies(command.catalogue, command.requirements, 'requirements');
  if (state.basis === 'target-profile') {
    throw new DomainRuleError('PATH_FOLLOWS_TARGET_PROFILE', `career path ${state.pathId} follows its target position's profile`, {
      pathId: state.pathId,
    });
  }
  if (sameJson(command.requirements, state.requirements)) return [];
  return [{ type: CAREER_PATH_REVISED, data: { pathId: state.pathId, requirements: command.requirements, revisedAt: command.at } }];
}

function retire(command: RetireCareerPath, state: ExistingPath): CareerPathEvent[] {
  return [{ type: CAREER_PATH_RETIRED, data: { pathId: state.pathId, retiredAt: command.at } }];
}

function activePath(state: CareerPathState, pathId: string, at: string): ExistingPath {
  if (state.status === 'absent') throw new NotFoundError('career path', pathId);
  if (state.status === 'retired') throw new DomainRuleError('CAREER_PATH_RETIRED', `career path ${pathId} is retired`, { pathId });
  rejectDatedBeforeLastChange('career path', pathId, state.lastChangedAt, at);
  return state;
}

function evolve(state: CareerPathState, event: CareerPathEvent): CareerPathState {
  if (event.type === CAREER_PATH_DEFINED) {
    const { definedAt, ...path } = event.data;
    return { status: 'active', ...path, lastChangedAt: definedAt };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case CAREER_PATH_REVISED:
      return { ...state, requirements: event.data.requirements, lastChangedAt: event.data.revisedAt };
    case CAREER_PATH_RETIRED:
      return { ...state, status: 'retired', lastChangedAt: event.data.retiredAt };
  }
}
