import { withoutAbsent } from './objects.js';
import { optionalText, requireWebLink } from './validation.js';

/*
 * The text of a versioned document, a standard or a knowledge-base material: each version has a
 * title, a body, a link, or both, and a note on why it changed.
 */

export const MAX_TITLE_LENGTH = 300;
export const MAX_BODY_LENGTH = 200_000;
export const MAX_LINK_LENGTH = 2000;
export const MAX_NOTE_LENGTH = 2000;

export interface VersionText {
  readonly body?: string;
  readonly link?: string;
}

/** The body and the link, each checked when given; which of them a document needs is its own rule. */
export function validVersionText(content: { readonly body?: unknown; readonly link?: unknown }): VersionText {
  const body = optionalText(content.body, 'body', MAX_BODY_LENGTH);
  const link = content.link === undefined ? undefined : requireWebLink(content.link, 'link', MAX_LINK_LENGTH);
  return withoutAbsent({ body, link });
}

/** Whether two versions read the same: a revision that changes neither title, body nor link records nothing. */
export function sameVersionText(a: VersionText & { readonly title: string }, b: VersionText & { readonly title: string }): boolean {
  return a.title === b.title && a.body === b.body && a.link === b.link;
}
