import type { DomainEvent } from '#kernel';
import type { IndicatorId } from '../catalogue/indicators.js';
import type { CompetencyKind } from './competency-catalogue.events.js';
import type { CompetencyRequirement } from './requirements.js';

/** Stream category of job profiles: the profile of a position lives in `jobProfile-<positionId>`. */
export const JOB_PROFILE_CATEGORY = 'jobProfile';

export const JOB_PROFILE_DRAFTED = 'JobProfileDrafted';
export const JOB_PROFILE_APPROVED = 'JobProfileApproved';

/** The five sections of a profile that list competencies, and the kind of competency each holds. */
export const PROFILE_COMPETENCY_SECTIONS = {
  generalKnowledge: 'knowledge',
  subjectKnowledge: 'knowledge',
  skills: 'skill',
  personalQualities: 'personal-quality',
  values: 'value',
} as const satisfies Record<string, CompetencyKind>;

export type ProfileCompetencySection = keyof typeof PROFILE_COMPETENCY_SECTIONS;

export const PROFILE_COMPETENCY_SECTION_NAMES = Object.keys(PROFILE_COMPETENCY_SECTIONS) as ProfileCompetencySection[];

/** A KPI: an indicator of the catalogue (`GET /indicators`) and the target the holder answers for, in the indicator's unit. */
export interface IndicatorTarget {
  readonly indicatorId: IndicatorId;
  readonly target: number;
}

/** A KPI as the profile versions before the indicator catalogue stated it: text, kept as written until a new version replaces it. */
export interface StatedKpi {
  readonly name: string;
  /** As the company stated it, e.g. "≥ 90 %" or "2 min". */
  readonly target: string;
}

export type KeyIndicator = IndicatorTarget | StatedKpi;

export function isIndicatorTarget(kpi: KeyIndicator): kpi is IndicatorTarget {
  return 'indicatorId' in kpi;
}

/** An area of responsibility with the key indicators the holder answers for. */
export interface ResponsibilityArea {
  readonly area: string;
  readonly kpis: readonly KeyIndicator[];
}

/** The seven sections of a job profile. */
export type JobProfileContent = Readonly<Record<ProfileCompetencySection, readonly CompetencyRequirement[]>> & {
  readonly duties: readonly string[];
  readonly responsibilities: readonly ResponsibilityArea[];
};

/** The competencies a profile requires, section by section in profile order. */
export function requirementsOf(content: JobProfileContent): CompetencyRequirement[] {
  return PROFILE_COMPETENCY_SECTION_NAMES.flatMap((section) => content[section]);
}

/** A draft, edited until approved; every edit carries the whole content. */
export interface JobProfileDraftedData {
  readonly positionId: string;
  /** The version the draft will be once approved. */
  readonly version: number;
  readonly content: JobProfileContent;
  readonly draftedAt: string;
}

/** The draft approved: this version is the profile in force from `effectiveFrom`, its business date. */
export interface JobProfileApprovedData {
  readonly positionId: string;
  readonly version: number;
  readonly content: JobProfileContent;
  readonly effectiveFrom: string;
}

export type JobProfileDrafted = DomainEvent<typeof JOB_PROFILE_DRAFTED, JobProfileDraftedData>;
export type JobProfileApproved = DomainEvent<typeof JOB_PROFILE_APPROVED, JobProfileApprovedData>;

export type JobProfileEvent = JobProfileDrafted | JobProfileApproved;
