import { categoryOf, type EventMetadata, type RecordedEvent } from '#kernel';
import { API_KEY_CATEGORY, type Role } from '../access/index.js';
import { CHECK_ATTEMPT_CATEGORY, KNOWLEDGE_CHECK_CATEGORY } from '../competence/index.js';
import { COMPLAINT_CATEGORY, THANKS_CATEGORY } from '../feedback/index.js';
import { MOTIVATION_LEDGER_CATEGORY } from '../motivation/index.js';
import { toTheDay } from '../shared/days.js';
import { SUPPORT_CONTACT_RECORDED } from '../support/index.js';
import { ANONYMOUS_ACTOR, isAnonymousAnswering, SURVEY_TOKEN_REDEEMED, SURVEY_TOKENS_ISSUED } from '../surveys/index.js';

/*
 * What of the recorded events leaves the system, and to whom: the one place that says it. The feed,
 * the raw history (`/events`, `/streams`, and the stored bytes `/events/{position}` shows) and the
 * audit trail show events only as `disclosed` makes them, and decide nothing about them themselves.
 */

/** The roles that follow the feed. */
export const FEED_ROLES = ['service', 'auditor', 'admin'] as const satisfies readonly Role[];
export type FeedRole = (typeof FEED_ROLES)[number];

/**
 * Stream categories a role never receives. Downstream services follow the business; the history of
 * the API keys (who may call what) is for the auditors and admins who answer for access, and so are
 * thanks and complaints: words of clients and colleagues about named employees, a personnel matter,
 * and so are the motivation statements, which tell what each employee is paid. The question banks of
 * the knowledge checks hold their answer keys, and the attempts, each answer beside its points, give
 * them away as well: a service that passed either on would let employees score without knowing. What
 * an attempt comes to reaches the employee's competence record, which services receive.
 */
const HIDDEN_CATEGORIES: Readonly<Record<FeedRole, readonly string[]>> = {
  service: [API_KEY_CATEGORY, THANKS_CATEGORY, COMPLAINT_CATEGORY, MOTIVATION_LEDGER_CATEGORY, KNOWLEDGE_CHECK_CATEGORY, CHECK_ATTEMPT_CATEGORY],
  auditor: [],
  admin: [],
};

/**
 * Fields of `data` shown to nobody. Hashes of secrets help no reader, and a leaked key hash is half an
 * attack; the hash of a survey token would tell whoever handed the token out which answers it spent.
 * A support contact's id hashes a client and a topic, which the event names anyway: a reader loses
 * nothing, and no hash is ever shown.
 */
const REDACTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ApiKeyIssued: ['keyHash'],
  ApiKeyRevoked: ['keyHash'],
  ApiKeyRotated: ['keyHash'],
  [SURVEY_TOKENS_ISSUED]: ['tokenHashes'],
  [SURVEY_TOKEN_REDEEMED]: ['tokenHash'],
  [SUPPORT_CONTACT_RECORDED]: ['contactId'],
};

/** An event as readers see it: the envelope with its position as a decimal string (64-bit). */
export interface DisclosedEvent {
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

/** The parts of an event a reader may see, and whether they differ from what was recorded. */
export interface DisclosedParts<M> {
  readonly data: unknown;
  readonly metadata: M;
  readonly redacted: readonly string[];
  readonly changed: boolean;
}

export type EventView = (event: RecordedEvent) => DisclosedEvent | undefined;

/** The feed roles that receive the events of a stream category: what the event catalogue tells subscribers. */
export function feedRolesReceiving(category: string): FeedRole[] {
  return FEED_ROLES.filter((role) => !HIDDEN_CATEGORIES[role].includes(category));
}

export function isFeedRole(role: Role): role is FeedRole {
  return (FEED_ROLES as readonly Role[]).includes(role);
}

/** An event as any reader may see it. */
export function disclosed(event: RecordedEvent): DisclosedEvent {
  const { data, metadata, redacted } = disclosedParts(event.type, event.data, event.metadata);
  const envelope = {
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position.toString(),
    data,
    metadata,
  };
  return redacted.length === 0 ? envelope : { ...envelope, redacted };
}

/**
 * What a caller holding these roles receives of each event: `disclosed`, or undefined for an event it
 * may not see. Several feed roles see what the widest of them sees; a caller holding none sees nothing.
 */
export function eventsVisibleTo(roles: readonly Role[]): EventView {
  const feedRoles = roles.filter(isFeedRole);
  const hidden = (category: string) => feedRoles.every((role) => HIDDEN_CATEGORIES[role].includes(category));
  return (event) => (hidden(categoryOf(event.streamId)) ? undefined : disclosed(event));
}

/**
 * The data and metadata of an event of `type` as a reader may see them: secret hashes left out, and
 * for the events of anonymous answering no respondent, the anonymous actor and every time told to the
 * day, whatever reached the log (a version 1 answer recorded its time to the millisecond). Metadata is
 * taken as it comes, so that the metadata stored with an event can be disclosed too.
 */
export function disclosedParts<M extends Partial<EventMetadata>>(type: string, data: unknown, metadata: M): DisclosedParts<M> {
  const redacted = (REDACTED_FIELDS[type] ?? []).filter((field) => isRecord(data) && field in data);
  const withoutSecrets = redacted.length === 0 ? data : withoutFields(data as Record<string, unknown>, redacted);
  if (!isAnonymousAnswering(type, data)) return { data: withoutSecrets, metadata, redacted, changed: redacted.length > 0 };
  return { data: unlinkableAnswer(withoutSecrets), metadata: unlinkableMetadata(metadata), redacted, changed: true };
}

function unlinkableAnswer(data: unknown): unknown {
  if (!isRecord(data)) return data;
  const { respondent: _respondent, ...answer } = data;
  return typeof answer.answeredAt === 'string' ? { ...answer, answeredAt: toTheDay(answer.answeredAt) } : answer;
}

function unlinkableMetadata<M extends Partial<EventMetadata>>(metadata: M): M {
  return {
    ...metadata,
    ...(metadata.occurredAt !== undefined && { occurredAt: toTheDay(metadata.occurredAt) }),
    ...(metadata.recordedAt !== undefined && { recordedAt: toTheDay(metadata.recordedAt) }),
    ...(metadata.actor !== undefined && { actor: ANONYMOUS_ACTOR }),
  };
}

function withoutFields(data: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !fields.includes(key)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
