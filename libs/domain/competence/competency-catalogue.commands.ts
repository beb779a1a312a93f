import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalText,
  rejectRepeated,
  requireId,
  requireList,
  requireNumber,
  requireOneOf,
  requireText,
  requireUtcInstant,
} from '../shared/validation.js';
import { COMPETENCY_KINDS, type CompetencyKind } from './competency-catalogue.events.js';

/*
 * `at` is the business time of the command (the occurredAt the command service resolved): an
 * ISO-8601 UTC instant. The decider never reads a clock.
 */

export interface DefineCompetency {
  readonly type: 'DefineCompetency';
  readonly competencyId: string;
  readonly kind: CompetencyKind;
  readonly name: string;
  readonly description?: string;
  readonly at: string;
}

/** A new name, a new description, or both; what is not given stays. */
export interface ReviseCompetency {
  readonly type: 'ReviseCompetency';
  readonly competencyId: string;
  readonly name?: string;
  readonly description?: string;
  readonly at: string;
}

export interface RetireCompetency {
  readonly type: 'RetireCompetency';
  readonly competencyId: string;
  readonly at: string;
}

export interface DefineProficiencyScale {
  readonly type: 'DefineProficiencyScale';
  readonly levels: readonly string[];
  readonly proficientLevel: number;
  readonly at: string;
}

export type CompetencyCatalogueCommand = DefineCompetency | ReviseCompetency | RetireCompetency | DefineProficiencyScale;

export const MAX_COMPETENCY_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_LEVEL_NAME_LENGTH = 100;
/** Levels 0 and 1 at least, up to 0-10. */
export const MIN_SCALE_LEVELS = 2;
export const MAX_SCALE_LEVELS = 11;

export function validDefineCompetency(command: DefineCompetency): DefineCompetency {
  return withoutAbsent({
    type: command.type,
    competencyId: requireId(command.competencyId, 'competencyId'),
    kind: requireOneOf(command.kind, 'kind', COMPETENCY_KINDS),
    name: requireText(command.name, 'name', MAX_COMPETENCY_NAME_LENGTH),
    description: optionalText(command.description, 'description', MAX_DESCRIPTION_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validReviseCompetency(command: ReviseCompetency): ReviseCompetency {
  const valid = withoutAbsent({
    type: command.type,
    competencyId: requireId(command.competencyId, 'competencyId'),
    name: optionalText(command.name, 'name', MAX_COMPETENCY_NAME_LENGTH),
    description: optionalText(command.description, 'description', MAX_DESCRIPTION_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  });
  if (valid.name === undefined && valid.description === undefined) throw invalid('name', 'give the new name, the new description, or both');
  return valid;
}

export function validRetireCompetency(command: RetireCompetency): RetireCompetency {
  return { type: command.type, competencyId: requireId(command.competencyId, 'competencyId'), at: requireUtcInstant(command.at, 'at') };
}

/** Level names are distinct, so that a name says which level it is. */
export function validDefineProficiencyScale(command: DefineProficiencyScale): DefineProficiencyScale {
  const levels = requireList(command.levels, 'levels', MIN_SCALE_LEVELS, MAX_SCALE_LEVELS).map((name, level) =>
    requireText(name, `levels.${level}`, MAX_LEVEL_NAME_LENGTH),
  );
  rejectRepeated(levels, (level) => `levels.${level}`, 'repeats the name of another level');
  return {
    type: command.type,
    levels,
    proficientLevel: requireNumber(command.proficientLevel, 'proficientLevel', { whole: true, atLeast: 1, atMost: levels.length - 1 }),
    at: requireUtcInstant(command.at, 'at'),
  };
}
