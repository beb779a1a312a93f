import { withoutAbsent } from '../shared/objects.js';
import {
  optionalText,
  rejectRepeated,
  requireBoolean,
  requireId,
  requireIdList,
  requireList,
  requireNumber,
  requireOneOf,
  requireRecord,
  requireText,
  requireUtcInstant,
} from '../shared/validation.js';
import {
  TEMPLATE_OWNER_KINDS,
  type ChecklistContent,
  type ChecklistCriterion,
  type ChecklistSection,
  type TemplateOwner,
} from './checklist-template.events.js';

/* `at` is the business time the command service resolved; the decider never reads a clock. */

export interface PublishChecklistTemplate {
  readonly type: 'PublishChecklistTemplate';
  readonly templateId: string;
  readonly owner: TemplateOwner;
  /**
   * False when the owner section is closed or the owner product retired. The command service looks
   * the owner up in the organisation catalogue, which also refuses an owner that does not exist.
   */
  readonly ownerActive: boolean;
  readonly content: ChecklistContent;
  readonly at: string;
}

export interface PublishChecklistTemplateVersion {
  readonly type: 'PublishChecklistTemplateVersion';
  readonly templateId: string;
  readonly content: ChecklistContent;
  readonly at: string;
}

export interface RetireChecklistTemplate {
  readonly type: 'RetireChecklistTemplate';
  readonly templateId: string;
  readonly reason?: string;
  readonly at: string;
}

export type ChecklistTemplateCommand = PublishChecklistTemplate | PublishChecklistTemplateVersion | RetireChecklistTemplate;

export const MAX_TITLE_LENGTH = 200;
export const MAX_CRITERION_TEXT_LENGTH = 1000;
export const MAX_SECTIONS = 50;
export const MAX_CRITERIA_PER_SECTION = 100;
export const MAX_WEIGHT = 1000;
export const MAX_RETIREMENT_REASON_LENGTH = 2000;
export const MAX_STANDARDS_PER_TEMPLATE = 50;

export function validPublishChecklistTemplate(command: PublishChecklistTemplate): PublishChecklistTemplate {
  return {
    type: command.type,
    templateId: requireId(command.templateId, 'templateId'),
    owner: validOwner(command.owner),
    ownerActive: requireBoolean(command.ownerActive, 'ownerActive'),
    content: validContent(command.content),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validPublishChecklistTemplateVersion(command: PublishChecklistTemplateVersion): PublishChecklistTemplateVersion {
  return {
    type: command.type,
    templateId: requireId(command.templateId, 'templateId'),
    content: validContent(command.content),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRetireChecklistTemplate(command: RetireChecklistTemplate): RetireChecklistTemplate {
  return withoutAbsent({
    type: command.type,
    templateId: requireId(command.templateId, 'templateId'),
    reason: optionalText(command.reason, 'reason', MAX_RETIREMENT_REASON_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  });
}

function validOwner(value: unknown): TemplateOwner {
  const owner = requireRecord(value, 'owner', '{ kind, id }');
  return { kind: requireOneOf(owner.kind, 'owner.kind', TEMPLATE_OWNER_KINDS), id: requireId(owner.id, 'owner.id') };
}

/**
 * The content of a version, field names as the request spells them (`sections.0.criteria.1.weight`).
 * Criterion ids are unique across the whole version, since results and metrics address criteria by id.
 */
function validContent(value: unknown): ChecklistContent {
  const content = requireRecord(value, 'content', '{ title, sections, passMark }');
  const sections = requireList(content.sections, 'sections', 1, MAX_SECTIONS).map((section, index) => validSection(section, `sections.${index}`));
  rejectRepeatedCriterionIds(sections);
  return {
    title: requireText(content.title, 'title', MAX_TITLE_LENGTH),
    sections,
    passMark: requireNumber(content.passMark, 'passMark', { above: 0, atMost: 1 }),
    standardIds: requireIdList(content.standardIds, 'standardIds', 0, MAX_STANDARDS_PER_TEMPLATE),
  };
}

function validSection(value: unknown, field: string): ChecklistSection {
  const section = requireRecord(value, field, '{ title, criteria }');
  return {
    title: requireText(section.title, `${field}.title`, MAX_TITLE_LENGTH),
    criteria: requireList(section.criteria, `${field}.criteria`, 1, MAX_CRITERIA_PER_SECTION).map((criterion, index) =>
      validCriterion(criterion, `${field}.criteria.${index}`),
    ),
  };
}

export function validCriterion(value: unknown, field: string): ChecklistCriterion {
  const criterion = requireRecord(value, field, '{ criterionId, text, weight, critical }');
  return {
    criterionId: requireId(criterion.criterionId, `${field}.criterionId`),
    text: requireText(criterion.text, `${field}.text`, MAX_CRITERION_TEXT_LENGTH),
    weight: requireNumber(criterion.weight, `${field}.weight`, { above: 0, atMost: MAX_WEIGHT }),
    critical: requireBoolean(criterion.critical, `${field}.critical`),
  };
}

function rejectRepeatedCriterionIds(sections: readonly ChecklistSection[]): void {
  const entries = sections.flatMap((section, sectionIndex) =>
    section.criteria.map(({ criterionId }, criterionIndex) => ({ criterionId, field: `sections.${sectionIndex}.criteria.${criterionIndex}.criterionId` })),
  );
  rejectRepeated(entries.map((entry) => entry.criterionId), (index) => entries[index]!.field, 'repeats a criterion id of this version');
}
