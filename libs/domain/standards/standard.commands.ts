import { withoutAbsent } from '../shared/objects.js';
import { invalid, optionalText, requireBoolean, requireId, requireOneOf, requireText, requireUtcInstant } from '../shared/validation.js';
import { MAX_NOTE_LENGTH, MAX_TITLE_LENGTH, validVersionText } from '../shared/versioned-text.js';
import { STANDARD_TYPES, type StandardContent, type StandardOwner, type StandardType } from './standard.events.js';

export interface PublishStandard {
  readonly type: 'PublishStandard';
  readonly standardId: string;
  readonly standardType: StandardType;
  readonly owner: StandardOwner;
  /**
   * False when the owner section is closed or the owner product retired. The command service looks
   * the owner up in the organisation catalogue, which also refuses an owner that does not exist.
   */
  readonly ownerActive: boolean;
  readonly title: string;
  readonly body?: string;
  readonly link?: string;
  readonly at: string;
}

/** Publishes the next version with this content; a missing title keeps the current one. */
export interface ReviseStandard {
  readonly type: 'ReviseStandard';
  readonly standardId: string;
  readonly title?: string;
  readonly body?: string;
  readonly link?: string;
  readonly changeNote?: string;
  readonly at: string;
}

export interface RetireStandard {
  readonly type: 'RetireStandard';
  readonly standardId: string;
  readonly reason?: string;
  readonly at: string;
}

export type StandardCommand = PublishStandard | ReviseStandard | RetireStandard;

export { MAX_BODY_LENGTH, MAX_LINK_LENGTH, MAX_NOTE_LENGTH, MAX_TITLE_LENGTH } from '../shared/versioned-text.js';

export function validPublishStandard(command: PublishStandard): PublishStandard {
  return withoutAbsent({
    type: command.type,
    standardId: requireId(command.standardId, 'standardId'),
    standardType: requireOneOf(command.standardType, 'type', STANDARD_TYPES),
    owner: validOwner(command.owner),
    ownerActive: requireBoolean(command.ownerActive, 'ownerActive'),
    ...validContent(command),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validReviseStandard(command: ReviseStandard): ReviseStandard {
  return withoutAbsent({
    type: command.type,
    standardId: requireId(command.standardId, 'standardId'),
    title: optionalText(command.title, 'title', MAX_TITLE_LENGTH),
    ...validBodyAndLink(command),
    changeNote: optionalText(command.changeNote, 'changeNote', MAX_NOTE_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validRetireStandard(command: RetireStandard): RetireStandard {
  return withoutAbsent({
    type: command.type,
    standardId: requireId(command.standardId, 'standardId'),
    reason: optionalText(command.reason, 'reason', MAX_NOTE_LENGTH),
    at: requireUtcInstant(command.at, 'at'),
  });
}

/** Exactly one owner: a section or a product. */
function validOwner(owner: unknown): StandardOwner {
  const { sectionId, productId } = (owner ?? {}) as { sectionId?: unknown; productId?: unknown };
  if ((sectionId === undefined) === (productId === undefined)) {
    throw invalid('sectionId', 'give the owner: a sectionId or a productId, not both');
  }
  return sectionId !== undefined ? { sectionId: requireId(sectionId, 'sectionId') } : { productId: requireId(productId, 'productId') };
}

function validContent(command: StandardContent): StandardContent {
  return { title: requireText(command.title, 'title', MAX_TITLE_LENGTH), ...validBodyAndLink(command) };
}

function validBodyAndLink(command: Pick<StandardContent, 'body' | 'link'>): Pick<StandardContent, 'body' | 'link'> {
  const text = validVersionText(command);
  if (text.body === undefined && text.link === undefined) throw invalid('body', 'a standard says something: give a body, a link, or both');
  return text;
}
