import type { DomainEvent } from '#kernel';

/** Stream category of the competency catalogue: competencies and the proficiency scale live in `competencyCatalogue-main`. */
export const COMPETENCY_CATALOGUE_CATEGORY = 'competencyCatalogue';
export const COMPETENCY_CATALOGUE_ID = 'main';

export const COMPETENCY_DEFINED = 'CompetencyDefined';
export const COMPETENCY_REVISED = 'CompetencyRevised';
export const COMPETENCY_RETIRED = 'CompetencyRetired';
export const PROFICIENCY_SCALE_DEFINED = 'ProficiencyScaleDefined';

/** Knowledge (general or subject), skills, personal qualities and the company's values. */
export const COMPETENCY_KINDS = ['knowledge', 'skill', 'personal-quality', 'value'] as const;
export type CompetencyKind = (typeof COMPETENCY_KINDS)[number];

export interface CompetencyDefinedData {
  readonly competencyId: string;
  readonly kind: CompetencyKind;
  readonly name: string;
  readonly description?: string;
  readonly definedAt: string;
}

/** The name and description as they are from now on: what the revision did not change is repeated. */
export interface CompetencyRevisedData {
  readonly competencyId: string;
  readonly name: string;
  readonly description?: string;
  readonly revisedAt: string;
}

export interface CompetencyRetiredData {
  readonly competencyId: string;
  readonly retiredAt: string;
}

export interface ProficiencyScaleDefinedData {
  readonly version: number;
  /** The name of each level; a level is its index, 0 = none. */
  readonly levels: readonly string[];
  readonly proficientLevel: number;
  readonly definedAt: string;
}

export type CompetencyDefined = DomainEvent<typeof COMPETENCY_DEFINED, CompetencyDefinedData>;
export type CompetencyRevised = DomainEvent<typeof COMPETENCY_REVISED, CompetencyRevisedData>;
export type CompetencyRetired = DomainEvent<typeof COMPETENCY_RETIRED, CompetencyRetiredData>;
export type ProficiencyScaleDefined = DomainEvent<typeof PROFICIENCY_SCALE_DEFINED, ProficiencyScaleDefinedData>;

export type CompetencyCatalogueEvent = CompetencyDefined | CompetencyRevised | CompetencyRetired | ProficiencyScaleDefined;
