import { API_KEY_CATEGORY, type Role } from '#libs/domain/access/index.js';
import { ANONYMOUS_ACTOR, SURVEY_ANSWERED, SURVEY_TOKENS_ISSUED } from '#libs/domain/surveys/index.js';
import { categoryOf, type EventMetadata, type RecordedEvent } from '#libs/eventsourcing/src/index.js';

/*
 * What the feed lets out, and to whom: the one place that says it. Everything else in the feed
 * passes events through `feedVisibility` and decides nothing about them.
 */

export const FEED_ROLES = ['service', 'auditor', 'admin'] as const satisfies readonly Role[];
export type FeedRole = (typeof FEED_ROLES)[number];

/**
 * Stream categories a role never receives. Downstream services follow the business; the history of
 * the API keys (who may call what) is for the auditors and admins who answer for access.
 */
const HIDDEN_CATEGORIES: Readonly<Record<FeedRole, readonly string[]>> = {
  service: [API_KEY_CATEGORY],
  auditor: [],
  admin: [],
};

/**
 * Fields of `data` that leave through the feed to nobody. Hashes of secrets help no consumer, and a
 * leaked key hash is half an attack. Survey token hashes are left out too: an anonymous response's id
 * derives from its token's hash, so the hashes of a batch would tie responses to whoever got that batch.
 */
const REDACTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ApiKeyIssued: ['keyHash'],
  ApiKeyRevoked: ['keyHash'],
  [SURVEY_TOKENS_ISSUED]: ['tokenHashes'],
};

/** An event as the feed sends it: the envelope with its position as a decimal string (64-bit). */
export interface FeedEnvelope {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** Fields left out of `data` for every reader; absent when nothing was left out. */
  readonly redacted?: readonly string[];
}

export type FeedView = (event: RecordedEvent) => FeedEnvelope | undefined;

export function isFeedRole(role: Role): role is FeedRole {
  return (FEED_ROLES as readonly Role[]).includes(role);
}

/**
 * What a caller holding these roles receives of each event: its envelope as that caller may see it,
 * or undefined for an event it may not see. Several feed roles see what the widest of them sees; a
 * caller holding none sees nothing.
 */
export function feedVisibility(roles: readonly Role[]): FeedView {
  const feedRoles = roles.filter(isFeedRole);
  const hidden = (category: string) => feedRoles.every((role) => HIDDEN_CATEGORIES[role].includes(category));
  return (event) => (hidden(categoryOf(event.streamId)) ? undefined : envelopeOf(event));
}

function envelopeOf(event: RecordedEvent): FeedEnvelope {
  const { data, metadata } = withoutRespondentOfAnonymous(event);
  const redacted = (REDACTED_FIELDS[event.type] ?? []).filter((field) => isRecord(data) && field in data);
  const envelope = {
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position.toString(),
    data: redacted.length === 0 ? data : withoutFields(data as Record<string, unknown>, redacted),
    metadata,
  };
  return redacted.length === 0 ? envelope : { ...envelope, redacted };
}

/**
 * The domain records anonymous answers without a respondent and with the anonymous actor; the feed
 * holds to that whatever reaches it, since a consumer could never take back what it was sent.
 */
function withoutRespondentOfAnonymous(event: RecordedEvent): Pick<RecordedEvent, 'data' | 'metadata'> {
  if (event.type !== SURVEY_ANSWERED || !isRecord(event.data) || event.data.anonymous !== true) return event;
  return { data: withoutFields(event.data, ['respondent']), metadata: { ...event.metadata, actor: ANONYMOUS_ACTOR } };
}

function withoutFields(data: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !fields.includes(key)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
