import { fold } from '#kernel';
import { competencyCatalogueDecider, type CompetencyCatalogue } from './competency-catalogue.decider.js';
import type { CompetencyCatalogueEvent, CompetencyKind } from './competency-catalogue.events.js';
import type { JobProfileContent } from './job-profile.events.js';
import type { CompetencyRequirement } from './requirements.js';

/*
 * Fixtures the competence specs share: a catalogue of one competency of each kind plus a retired one,
 * on the default 0-4 scale, and an empty profile the specs fill in.
 */

export const DEFINED_AT = '2026-01-05T09:00:00.000Z';

const defined = (competencyId: string, kind: CompetencyKind): CompetencyCatalogueEvent => ({
  type: 'CompetencyDefined',
  data: { competencyId, kind, name: `Competency ${competencyId}`, definedAt: DEFINED_AT },
});

/** regs (knowledge), crm (skill), calm (personal quality), care (value), and `gone`, a retired skill. */
export const catalogue: CompetencyCatalogue = fold(competencyCatalogueDecider(), [
  defined('regs', 'knowledge'),
  defined('crm', 'skill'),
  defined('calm', 'personal-quality'),
  defined('care', 'value'),
  defined('gone', 'skill'),
  { type: 'CompetencyRetired', data: { competencyId: 'gone', retiredAt: DEFINED_AT } },
]);

export const EMPTY_CONTENT: JobProfileContent = {
  generalKnowledge: [],
  subjectKnowledge: [],
  skills: [],
  personalQualities: [],
  values: [],
  duties: [],
  responsibilities: [],
};

export function requirement(competencyId: string, requiredLevel: number, weight = 1): CompetencyRequirement {
  return { competencyId, requiredLevel, weight };
}

