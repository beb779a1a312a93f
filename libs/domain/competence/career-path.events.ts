import type { DomainEvent } from '#kernel';
import type { CompetencyRequirement } from './requirements.js';

/** Stream category of career paths: each lives in `careerPath-<pathId>`. */
export const CAREER_PATH_CATEGORY = 'careerPath';

export const CAREER_PATH_DEFINED = 'CareerPathDefined';
export const CAREER_PATH_REVISED = 'CareerPathRevised';
export const CAREER_PATH_RETIRED = 'CareerPathRetired';

/**
 * What moving along a path takes: a minimum of its own (`minimum`, with its requirements), or the
 * profile in force of the target position (`target-profile`), whatever version that is.
 */
export const CAREER_PATH_BASES = ['minimum', 'target-profile'] as const;
export type CareerPathBasis = (typeof CAREER_PATH_BASES)[number];

export interface CareerPathDefinedData {
  readonly pathId: string;
  readonly fromPositionId: string;
  readonly toPositionId: string;
  readonly basis: CareerPathBasis;
  /** The minimum, for a path of basis `minimum`; absent for `target-profile`. */
  readonly requirements?: readonly CompetencyRequirement[];
  readonly definedAt: string;
}

/** The minimum as it is from now on. */
export interface CareerPathRevisedData {
  readonly pathId: string;
  readonly requirements: readonly CompetencyRequirement[];
  readonly revisedAt: string;
}

export interface CareerPathRetiredData {
  readonly pathId: string;
  readonly retiredAt: string;
}

export type CareerPathDefined = DomainEvent<typeof CAREER_PATH_DEFINED, CareerPathDefinedData>;
export type CareerPathRevised = DomainEvent<typeof CAREER_PATH_REVISED, CareerPathRevisedData>;
export type CareerPathRetired = DomainEvent<typeof CAREER_PATH_RETIRED, CareerPathRetiredData>;

export type CareerPathEvent = CareerPathDefined | CareerPathRevised | CareerPathRetired;
