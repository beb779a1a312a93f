import { DomainRuleError } from '#kernel';
import { invalid, rejectRepeated, requireId, requireList, requireNumber, requireRecord } from '../shared/validation.js';
import type { CompetencyCatalogue, CompetencyFacts } from './competency-catalogue.decider.js';
import type { CompetencyKind } from './competency-catalogue.events.js';
import { requireLevel, type ProficiencyScale } from './proficiency-scale.js';

/** A competency a position or a career step asks for: the level needed and how much it weighs. */
export interface CompetencyRequirement {
  readonly competencyId: string;
  /** At least 1: a requirement of level 0 (none) asks for nothing. */
  readonly requiredLevel: number;
  /** Relative weight in the weighted gap. */
  readonly weight: number;
}

export const MAX_REQUIREMENTS = 100;
export const MAX_WEIGHT = 100;

/*
 * A competency id that names nothing in the catalogue is bad input (400, naming the field); a
 * competency that exists but cannot take the reference breaks a rule (409).
 */

/** The competency, when the catalogue has it and it is not retired. */
export function activeCompetency(catalogue: CompetencyCatalogue, competencyId: string, field: string): CompetencyFacts {
  const competency = catalogue.competencies.get(competencyId);
  if (competency === undefined) throw invalid(field, 'no such competency in the catalogue');
  if (competency.status === 'retired') {
    throw new DomainRuleError('COMPETENCY_RETIRED', `competency ${competencyId} is retired`, { competencyId });
  }
  return competency;
}

/** Requirements as given: each an object with an id, a level from 1 up the scale, and a weight. */
export function requireRequirements(value: unknown, field: string, scale: ProficiencyScale): CompetencyRequirement[] {
  return requireList(value, field, 0, MAX_REQUIREMENTS).map((entry, index) => requirementAt(entry, `${field}.${index}`, scale));
}

function requirementAt(value: unknown, field: string, scale: ProficiencyScale): CompetencyRequirement {
  const entry = requireRecord(value, field, '{ competencyId, requiredLevel, weight }');
  const requiredLevel = requireLevel(entry.requiredLevel, `${field}.requiredLevel`, scale);
  if (requiredLevel === 0) throw invalid(`${field}.requiredLevel`, 'must be at least 1: level 0 asks for nothing');
  return {
    competencyId: requireId(entry.competencyId, `${field}.competencyId`),
    requiredLevel,
    weight: requireNumber(entry.weight, `${field}.weight`, { above: 0, atMost: MAX_WEIGHT }),
  };
}

/** Checks that each required competency is in the catalogue, active, and of `kind` when one is asked for. */
export function checkRequiredCompetencies(
  catalogue: CompetencyCatalogue,
  requirements: readonly CompetencyRequirement[],
  field: string,
  kind?: CompetencyKind,
): void {
  requirements.forEach(({ competencyId }, index) => {
    const competency = activeCompetency(catalogue, competencyId, `${field}.${index}.competencyId`);
    if (kind !== undefined && competency.kind !== kind) {
      throw new DomainRuleError('COMPETENCY_KIND_MISMATCH', `competency ${competencyId} is a ${competency.kind}, not a ${kind}`, {
        competencyId,
        kind: competency.kind,
        expected: kind,
      });
    }
  });
}

/** Refuses a competency required twice over lists keyed by their field, naming the entry that repeats it. */
export function rejectRepeatedCompetencies(lists: Readonly<Record<string, readonly CompetencyRequirement[]>>): void {
  const entries = Object.entries(lists).flatMap(([field, requirements]) =>
    requirements.map(({ competencyId }, index) => ({ competencyId, field: `${field}.${index}.competencyId` })),
  );
  rejectRepeated(entries.map((entry) => entry.competencyId), (index) => entries[index]!.field, 'repeats a competency required already');
}
