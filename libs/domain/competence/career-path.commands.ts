import { withoutAbsent } from '../shared/objects.js';
import { invalid, requireId, requireOneOf, requireUtcInstant } from '../shared/validation.js';
import type { CompetencyCatalogue } from './competency-catalogue.decider.js';
import { CAREER_PATH_BASES, type CareerPathBasis } from './career-path.events.js';
import { POSITION_STATUSES, type PositionStatus } from './job-profile.commands.js';
import { rejectRepeatedCompetencies, requireRequirements, type CompetencyRequirement } from './requirements.js';

export interface DefineCareerPath {
  readonly type: 'DefineCareerPath';
  readonly pathId: string;
  readonly fromPositionId: string;
  readonly toPositionId: string;
  /** Both positions' status in the organisation catalogue, as the command service found them. */
  readonly fromPositionStatus: PositionStatus;
  readonly toPositionStatus: PositionStatus;
  readonly basis: CareerPathBasis;
  readonly requirements?: readonly CompetencyRequirement[];
  readonly catalogue: CompetencyCatalogue;
  readonly at: string;
}

export interface ReviseCareerPath {
  readonly type: 'ReviseCareerPath';
  readonly pathId: string;
  readonly requirements: readonly CompetencyRequirement[];
  readonly catalogue: CompetencyCatalogue;
  readonly at: string;
}

export interface RetireCareerPath {
  readonly type: 'RetireCareerPath';
  readonly pathId: string;
  readonly at: string;
}

export type CareerPathCommand = DefineCareerPath | ReviseCareerPath | RetireCareerPath;

/** A path of its own minimum lists it (one competency at least); one that follows the target's profile lists none. */
export function validDefineCareerPath(command: DefineCareerPath): DefineCareerPath {
  const basis = requireOneOf(command.basis, 'basis', CAREER_PATH_BASES);
  const valid = withoutAbsent({
    type: command.type,
    pathId: requireId(command.pathId, 'pathId'),
    fromPositionId: requireId(command.fromPositionId, 'fromPositionId'),
    toPositionId: requireId(command.toPositionId, 'toPositionId'),
    fromPositionStatus: requireOneOf(command.fromPositionStatus, 'fromPositionStatus', POSITION_STATUSES),
    toPositionStatus: requireOneOf(command.toPositionStatus, 'toPositionStatus', POSITION_STATUSES),
    basis,
    requirements: basis === 'minimum' ? minimum(command.requirements, command.catalogue) : undefined,
    catalogue: command.catalogue,
    at: requireUtcInstant(command.at, 'at'),
  });
  if (basis === 'target-profile' && command.requirements !== undefined) {
    throw invalid('requirements', "must be absent: the path follows the target position's profile");
  }
  if (valid.toPositionId === valid.fromPositionId) throw invalid('toPositionId', 'must differ from fromPositionId');
  return valid;
}

export function validReviseCareerPath(command: ReviseCareerPath): ReviseCareerPath {
  return {
    type: command.type,
    pathId: requireId(command.pathId, 'pathId'),
    requirements: minimum(command.requirements, command.catalogue),
    catalogue: command.catalogue,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRetireCareerPath(command: RetireCareerPath): RetireCareerPath {
  return { type: command.type, pathId: requireId(command.pathId, 'pathId'), at: requireUtcInstant(command.at, 'at') };
}

function minimum(value: unknown, catalogue: CompetencyCatalogue): CompetencyRequirement[] {
  if (value === undefined) throw invalid('requirements', 'must list the minimum for a path of basis minimum');
  const requirements = requireRequirements(value, 'requirements', catalogue.scale);
  if (requirements.length === 0) throw invalid('requirements', 'must require one competency at least');
  rejectRepeatedCompetencies({ requirements });
  return requirements;
}
