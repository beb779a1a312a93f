import { disclosed } from '#domain/catalogue/event-visibility.js';
import { categoryOf, type Position, type Projection, type RecordedEvent } from '#kernel';

export const AUDIT_TRAIL = 'auditTrail';

/** The ids an event names, by field: the evidence it points at (cases, inspections, employees...). */
export type References = Readonly<Record<string, string | readonly string[]>>;

/**
 * One event as the audit trail indexes it: who, what, when, why and which ids, but not the event's
 * data, which can be large (questions, answers, checklists); a trail answer reads the events of its
 * page from the event store. It holds only what `disclosed` lets out: an anonymous answer's entry
 * names the anonymous actor and tells its times to the day.
 */
export interface AuditTrailEntry {
  /** The position, zero-padded, so that text order is log order (the document id is the same). */
  readonly key: string;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly category: string;
  readonly entityId: string;
  readonly revision: number;
  readonly actorId: string;
  readonly actorRoles: readonly string[];
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly why: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly references: References;
}

/** 2^64 has 20 digits: every position fits. */
const KEY_DIGITS = 20;

export function auditKeyOf(position: Position): string {
  return position.toString().padStart(KEY_DIGITS, '0');
}

/** The fields in which the domain says why, in the order they are preferred when an event has several. */
const WHY_FIELDS = ['rationale', 'reason', 'comment', 'note'] as const;

/** The decision's stated grounds: the first non-empty `rationale`, `reason`, `comment` or `note` of the data. */
export function whyOf(data: unknown): string | null {
  if (!isRecord(data)) return null;
  for (const field of WHY_FIELDS) {
    const value = data[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** The top-level `…Id` and `…Ids` fields of the data: what the event refers to. */
export function referencesOf(data: unknown): References {
  if (!isRecord(data)) return {};
  const references: Record<string, string | readonly string[]> = {};
  for (const [field, value] of Object.entries(data)) {
    if (field.endsWith('Id') && typeof value === 'string') references[field] = value;
    if (field.endsWith('Ids') && Array.isArray(value) && value.every((id) => typeof id === 'string')) references[field] = value;
  }
  return references;
}

export function auditEntryOf(event: RecordedEvent): AuditTrailEntry {
  const category = categoryOf(event.streamId);
  const { data, metadata } = disclosed(event);
  return {
    key: auditKeyOf(event.position),
    position: event.position.toString(),
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    category,
    entityId: event.streamId.slice(category.length + 1),
    revision: event.revision,
    actorId: metadata.actor.id,
    actorRoles: metadata.actor.roles,
    occurredAt: metadata.occurredAt,
    recordedAt: metadata.recordedAt,
    why: whyOf(data),
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    references: referencesOf(data),
  };
}

/**
 * The audit trail: one small document per event, so that the trail can be filtered by what the event
 * store cannot filter on (actor, business and recorded time, entity). The id is the zero-padded
 * position, and so is `key`: pages go by key, in either direction, through an index that ends with
 * it, alone or after the filter a page holds equal (stream, entity, actor, type). An event never
 * changes, so neither does its entry.
 */
export const auditTrail: Projection<AuditTrailEntry> = {
  name: AUDIT_TRAIL,
  version: 2,
  handles: 'all',
  indexes: [
    { fields: ['key'] },
    { fields: ['streamId', 'key'] },
    { fields: ['entityId', 'key'] },
    { fields: ['actorId', 'key'] },
    { fields: ['type', 'key'] },
  ],
  documentId: (event) => auditKeyOf(event.position),
  evolve: (entry, event) => entry ?? auditEntryOf(event),
};

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
