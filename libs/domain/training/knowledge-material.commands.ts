import { requireAudience } from '../shared/audience.js';
import { dayOf, requireDay } from '../shared/days.js';
import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalText,
  requireBoolean,
  requireId,
  requireIdList,
  requireNumber,
  requireOneOf,
  requireText,
  requireUtcInstant,
} from '../shared/validation.js';
import { MAX_NOTE_LENGTH, MAX_TITLE_LENGTH, validVersionText } from '../shared/versioned-text.js';
import { MATERIAL_FORMATS, type MaterialContent, type MaterialFormat, type RegulationAudience } from './knowledge-material.events.js';

export interface PublishMaterial {
  readonly type: 'PublishMaterial';
  readonly materialId: string;
  readonly format: MaterialFormat;
  readonly title: string;
  readonly body?: string;
  readonly link?: string;
  readonly ownerId: string;
  /** False when the owner has left; the command service looks the owner up in the organisation catalogue. */
  readonly ownerEmployed: boolean;
  readonly reviewBy: string;
  readonly competencyIds?: readonly string[];
  readonly regulation?: RegulationAudience;
  readonly at: string;
}

/** Publishes the next version; a missing title keeps the current one. */
export interface ReviseMaterial {
  readonly type: 'ReviseMaterial';
  readonly materialId: string;
  readonly title?: string;
  readonly body?: string;
  readonly link?: string;
  readonly reviewBy: string;
  readonly changeNote?: string;
  readonly at: string;
}

export interface ReviewMaterial {
  readonly type: 'ReviewMaterial';
  readonly materialId: string;
  readonly reviewBy: string;
  readonly note?: string;
  readonly at: string;
}

export interface ChangeMaterialOwner {
  readonly type: 'ChangeMaterialOwner';
  readonly materialId: string;
  readonly ownerId: string;
  readonly ownerEmployed: boolean;
  readonly at: string;
}

export interface RetireMaterial {
  readonly type: 'RetireMaterial';
  readonly materialId: string;
  readonly reason?: string;
  readonly at: string;
}

/** The employee signs for the version they read, which must be the current one. */
export interface AcknowledgeRegulation {
  readonly type: 'AcknowledgeRegulation';
  readonly materialId: string;
  readonly employeeId: string;
  readonly version: number;
  /**
   * Whether the employee's position or section is in the regulation's audience; the command service
   * reads both from the organisation catalogue.
   */
  readonly inAudience: boolean;
  readonly at: string;
}

export type KnowledgeMaterialCommand =
  | PublishMaterial
  | ReviseMaterial
  | ReviewMaterial
  | ChangeMaterialOwner
  | RetireMaterial
  | AcknowledgeRegulation;

export { MAX_BODY_LENGTH, MAX_LINK_LENGTH, MAX_NOTE_LENGTH, MAX_TITLE_LENGTH } from '../shared/versioned-text.js';
export const MAX_COMPETENCIES = 50;
export const MAX_AUDIENCE_ENTRIES = 100;

export function validPublishMaterial(command: PublishMaterial): PublishMaterial {
  const at = requireUtcInstant(command.at, 'at');
  const format = requireOneOf(command.format, 'format', MATERIAL_FORMATS);
  return withoutAbsent({
    type: command.type,
    materialId: requireId(command.materialId, 'materialId'),
    format,
    ...validContent(format, { ...command, title: requireText(command.title, 'title', MAX_TITLE_LENGTH) }),
    ownerId: requireId(command.ownerId, 'ownerId'),
    ownerEmployed: requireBoolean(command.ownerEmployed, 'ownerEmployed'),
    reviewBy: validReviewBy(command.reviewBy, at),
    competencyIds: requireIdList(command.competencyIds ?? [], 'competencyIds', 0, MAX_COMPETENCIES),
    regulation:
      command.regulation === undefined
        ? undefined
        : requireAudience(
            command.regulation,
            'regulation',
            ['positionIds', 'sectionIds'],
            MAX_AUDIENCE_ENTRIES,
            'a regulation names who must know it: positions, sections, or both',
          ),
    at,
  });
}

/** The format is fixed at publication, so the content is checked against it by the decider. */
export function validReviseMaterial(command: ReviseMaterial): ReviseMaterial {
  const at = requireUtcInstant(command.at, 'at');
  return withoutAbsent({
    type: command.type,
    materialId: requireId(command.materialId, 'materialId'),
    title: optionalText(command.title, 'title', MAX_TITLE_LENGTH),
    ...validVersionText(command),
    reviewBy: validReviewBy(command.reviewBy, at),
    changeNote: optionalText(command.changeNote, 'changeNote', MAX_NOTE_LENGTH),
    at,
  });
}

export function validReviewMaterial(command: ReviewMaterial): ReviewMaterial {
  const at = requireUtcInstant(command.at, 'at');
  return withoutAbsent({
    type: command.type,
    materialId: requireId(command.materialId, 'materialId'),
    reviewBy: validReviewBy(command.reviewBy, at),
    note: optionalText(command.note, 'note', MAX_NOTE_LENGTH),
    at,
  });
}

export function validChangeMaterialOwner(command: ChangeMaterialOwner): ChangeMaterialOwner {
  return {
    type: command.type,
    materialId: requireId(command.materialId, 'materialId'),
    ownerId: requireId(command.ownerId, 'ownerId'),
    ownerEmployed: requireBoolean(command.ownerEmployed, 'ownerEmployed'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRetireMaterial(command: RetireMaterial): RetireMaterial {
  return withoutAbsent({
    type: command.type,
    materialId: requireId(command.materialId, 'materialId'),
    reason: optionalText(command.reason, 'reason', MAX_NOTE_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validAcknowledgeRegulation(command: AcknowledgeRegulation): AcknowledgeRegulation {
  return {
    type: command.type,
    materialId: requireId(command.materialId, 'materialId'),
    employeeId: requireId(command.employeeId, 'employeeId'),
    version: requireNumber(command.version, 'version', { atLeast: 1, whole: true }),
    inAudience: requireBoolean(command.inAudience, 'inAudience'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

/**
 * Text is read in the knowledge base, so a text material has a body; audio and video are played
 * elsewhere, so they have a link. Either may have the other too (a transcript, a printable copy).
 */
export function validContent(format: MaterialFormat, content: MaterialContent): MaterialContent {
  const { body, link } = validVersionText(content);
  if (format === 'text' && body === undefined) throw invalid('body', 'a text material has a body');
  if (format !== 'text' && link === undefined) throw invalid('link', `an ${format} material has a link to where it is played`);
  return withoutAbsent({ title: content.title, body, link });
}

/** A review date lies after the day of the decision that sets it: a material is never born stale. */
function validReviewBy(value: unknown, at: string): string {
  const reviewBy = requireDay(value, 'reviewBy');
  if (reviewBy <= dayOf(at)) throw invalid('reviewBy', 'must be after the day of the publication, revision or review');
  return reviewBy;
}
