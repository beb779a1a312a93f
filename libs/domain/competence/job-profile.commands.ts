import { requireIndicatorTarget } from '../catalogue/indicators.js';
import { requireId, requireList, requireOneOf, requireRecord, requireText, requireUtcInstant } from '../shared/validation.js';
import type { CompetencyCatalogue } from './competency-catalogue.decider.js';
import {
  PROFILE_COMPETENCY_SECTION_NAMES,
  type IndicatorTarget,
  type JobProfileContent,
  type ProfileCompetencySection,
  type ResponsibilityArea,
} from './job-profile.events.js';
import type { ProficiencyScale } from './proficiency-scale.js';
import { rejectRepeatedCompetencies, requireRequirements, type CompetencyRequirement } from './requirements.js';

export const POSITION_STATUSES = ['active', 'retired'] as const;
export type PositionStatus = (typeof POSITION_STATUSES)[number];

/** Sets the draft's whole content: starts the next version's draft, or replaces the open one. */
export interface DraftJobProfile {
  readonly type: 'DraftJobProfile';
  readonly positionId: string;
  /** The position's status in the organisation catalogue, as the command service found it. */
  readonly positionStatus: PositionStatus;
  readonly content: JobProfileContent;
  /** The competency catalogue as the command service folded it from its stream. */
  readonly catalogue: CompetencyCatalogue;
  readonly at: string;
}

export interface ApproveJobProfile {
  readonly type: 'ApproveJobProfile';
  readonly positionId: string;
  readonly positionStatus: PositionStatus;
  readonly catalogue: CompetencyCatalogue;
  readonly at: string;
}

export type JobProfileCommand = DraftJobProfile | ApproveJobProfile;

export const MAX_DUTIES = 100;
export const MAX_DUTY_LENGTH = 1000;
export const MAX_RESPONSIBILITY_AREAS = 50;
export const MAX_KPIS_PER_AREA = 20;
export const MAX_AREA_LENGTH = 200;

export function validDraftJobProfile(command: DraftJobProfile): DraftJobProfile {
  return {
    type: command.type,
    positionId: requireId(command.positionId, 'positionId'),
    positionStatus: requireOneOf(command.positionStatus, 'positionStatus', POSITION_STATUSES),
    content: validContent(command.content, command.catalogue.scale),
    catalogue: command.catalogue,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validApproveJobProfile(command: ApproveJobProfile): ApproveJobProfile {
  return {
    type: command.type,
    positionId: requireId(command.positionId, 'positionId'),
    positionStatus: requireOneOf(command.positionStatus, 'positionStatus', POSITION_STATUSES),
    catalogue: command.catalogue,
    at: requireUtcInstant(command.at, 'at'),
  };
}

/**
 * The content's fields are named as the request names them (`skills.0.requiredLevel`). A competency
 * appears once in the whole profile, in the section of its kind.
 */
function validContent(value: unknown, scale: ProficiencyScale): JobProfileContent {
  const content = requireRecord(value, 'content', 'with the seven sections');
  const sections = Object.fromEntries(
    PROFILE_COMPETENCY_SECTION_NAMES.map((section) => [section, requireRequirements(content[section], section, scale)]),
  ) as Record<ProfileCompetencySection, CompetencyRequirement[]>;
  rejectRepeatedCompetencies(sections);
  return {
    ...sections,
    duties: requireList(content.duties, 'duties', 0, MAX_DUTIES).map((duty, index) => requireText(duty, `duties.${index}`, MAX_DUTY_LENGTH)),
    responsibilities: requireList(content.responsibilities, 'responsibilities', 0, MAX_RESPONSIBILITY_AREAS).map((area, index) =>
      validArea(area, `responsibilities.${index}`),
    ),
  };
}

function validArea(value: unknown, field: string): ResponsibilityArea {
  const area = requireRecord(value, field, '{ area, kpis }');
  return {
    area: requireText(area.area, `${field}.area`, MAX_AREA_LENGTH),
    kpis: requireList(area.kpis, `${field}.kpis`, 0, MAX_KPIS_PER_AREA).map((kpi, index) => validIndicator(kpi, `${field}.kpis.${index}`)),
  };
}

/** A new version's KPIs name indicators of the catalogue; only versions drafted before it hold text. */
function validIndicator(value: unknown, field: string): IndicatorTarget {
  const { indicatorId, target } = requireRecord(value, field, '{ indicatorId, target }');
  return requireIndicatorTarget({ indicatorId, target }, field);
}
