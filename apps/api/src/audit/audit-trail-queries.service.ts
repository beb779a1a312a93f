import { Inject, Injectable } from '@nestjs/common';
import { disclosed } from '#domain/catalogue/event-visibility.js';
import type { DocumentFilter, FieldCondition, RecordedEvent } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { AUDIT_TRAIL, auditKeyOf, type AuditTrailEntry } from '#projections/audit/index.js';
import { asOfView, type ResolvedAsOf } from '../platform/as-of.js';
import { DEFAULT_AUDIT_PAGE_SIZE, type AuditEntryView, type AuditFilterQuery, type AuditPage, type AuditPageQuery } from './audit.dto.js';

/** How many trail entries an export reads at a time: its memory is bounded by this, whatever the slice. */
const EXPORT_BATCH = 500;

/**
 * Entries whose positions span at most this many log positions per entry are read as one range of the
 * log: a page of the whole trail is a run of positions. Reading an event of the range that is not an
 * entry costs less than reading an entry's stream apart.
 */
const RANGE_READ_SPREAD = 4n;

interface TrailRead {
  readonly filter: DocumentFilter;
  readonly newestFirst: boolean;
  /** The last position the read reflects: the moment `asOf` resolved to. */
  readonly upTo: ResolvedAsOf;
}

/**
 * The audit trail, read from the `auditTrail` projection rather than by scanning the event store: the
 * store's reader filters by type and category only, so filtering by actor, entity or time there would
 * read the whole log for a sparse slice. The trail's entries are small; the events of a page are then
 * read from the event store, so the answer shows the data as recorded: as one range of the log when
 * they lie close together, else by stream and revision.
 */
@Injectable()
export class AuditTrailQueries {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  /** One page, keyset-paged by position: events recorded meanwhile never shift or repeat the pages. */
  async page(query: AuditPageQuery, moment: ResolvedAsOf): Promise<AuditPage> {
    const read = trailRead(query, moment);
    const limit = query.limit ?? DEFAULT_AUDIT_PAGE_SIZE;
    const entries = await this.entriesAfter(read, query.cursor, limit + 1);
    const items = await this.entryViews(entries.slice(0, limit));
    const nextCursor = entries.length > limit ? (items.at(-1)?.position ?? null) : null;
    return { items, nextCursor, asOf: asOfView(read.upTo) };
  }

  /**
   * Every entry of the slice as one JSON line each, read a batch at a time as the consumer pulls them.
   * The moment is resolved before the route runs, so that bad input is refused before the answer starts.
   */
  exportLines(query: AuditFilterQuery, moment: ResolvedAsOf): AsyncIterable<string> {
    return this.linesOf(trailRead(query, moment));
  }

  private async *linesOf(read: TrailRead): AsyncGenerator<string> {
    let cursor: string | undefined;
    for (;;) {
      const entries = await this.entriesAfter(read, cursor, EXPORT_BATCH);
      for (const view of await this.entryViews(entries)) yield `${JSON.stringify(view)}\n`;
      if (entries.length < EXPORT_BATCH) return;
      cursor = entries.at(-1)?.position;
    }
  }

  /** Up to `count` entries past the cursor (a position) in the read's order, none recorded after its moment. */
  private async entriesAfter(read: TrailRead, cursor: string | undefined, count: number): Promise<AuditTrailEntry[]> {
    if (read.upTo.position === null) return [];
    const documents = await this.stores.reads.find<AuditTrailEntry>(
      AUDIT_TRAIL,
      // Entries never change, so the current ones up to the moment's key are the entries as of it.
      { ...read.filter, key: keyRange(read.newestFirst, auditKeyOf(read.upTo.position), cursor) },
      { sort: [{ field: 'key', direction: read.newestFirst ? 'desc' : 'asc' }], limit: count },
    );
    return documents.map((document) => document.data);
  }

  private async entryViews(entries: readonly AuditTrailEntry[]): Promise<AuditEntryView[]> {
    const events = await this.eventsOf(entries);
    return entries.map((entry, index) => entryView(entry, events[index]!));
  }

  /** The recorded events of entries, in their order: one range of the log when they lie close together, else one stream read each. */
  private async eventsOf(entries: readonly AuditTrailEntry[]): Promise<RecordedEvent[]> {
    if (entries.length === 0) return [];
    const positions = entries.map((entry) => BigInt(entry.position));
    const first = positions.reduce((least, position) => (position < least ? position : least));
    const last = positions.reduce((most, position) => (position > most ? position : most));
    if (last - first >= RANGE_READ_SPREAD * BigInt(entries.length)) return Promise.all(entries.map((entry) => this.eventOf(entry)));
    const byPosition = new Map<bigint, RecordedEvent>();
    for await (const event of this.stores.events.readAll({ after: first - 1n, to: last })) byPosition.set(event.position, event);
    return entries.map((entry, index) => byPosition.get(positions[index]!) ?? missingEvent(entry));
  }

  private async eventOf(entry: AuditTrailEntry): Promise<RecordedEvent> {
    const events = this.stores.events.readStream(entry.streamId, { fromRevision: entry.revision, toRevision: entry.revision });
    for await (const event of events) return event;
    return missingEvent(entry);
  }
}

function entryView(entry: AuditTrailEntry, recorded: RecordedEvent): AuditEntryView {
  const event = disclosed(recorded);
  return {
    position: entry.position,
    eventId: entry.eventId,
    type: entry.type,
    streamId: entry.streamId,
    category: entry.category,
    entityId: entry.entityId,
    revision: entry.revision,
    actor: { id: entry.actorId, roles: entry.actorRoles },
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    why: entry.why,
    correlationId: entry.correlationId,
    causationId: entry.causationId,
    references: entry.references,
    schemaVersion: event.metadata.schemaVersion,
    data: event.data,
    ...(event.redacted !== undefined && { redacted: event.redacted }),
  };
}

function missingEvent(entry: AuditTrailEntry): never {
  throw new Error(`the audit trail lists ${entry.streamId}@${entry.revision}, which the event store does not hold`);
}

/**
 * The keys of a page: up to the moment's, past the cursor's. The trail's indexes end with the key, so
 * a page is one range of one of them; newest first it has one upper bound, the lower of the two, for
 * the store to start from the cursor rather than from the moment.
 */
function trailRead(query: AuditFilterQuery, upTo: ResolvedAsOf): TrailRead {
  return { filter: trailFilter(query), newestFirst: (query.order ?? 'newest') === 'newest', upTo };
}

function keyRange(newestFirst: boolean, upTo: string, cursor: string | undefined): FieldCondition {
  const past = cursor === undefined ? undefined : auditKeyOf(BigInt(cursor));
  if (newestFirst) return past !== undefined && past <= upTo ? { $lt: past } : { $lte: upTo };
  return past === undefined ? { $lte: upTo } : { $gt: past, $lte: upTo };
}

/** The query's filters as conditions on trail entries. */
export function trailFilter(query: AuditFilterQuery): DocumentFilter {
  const conditions: Record<string, FieldCondition> = {};
  if (query.stream !== undefined) conditions.streamId = query.stream;
  if (query.category !== undefined) conditions.category = { $in: query.category };
  if (query.entityId !== undefined) conditions.entityId = query.entityId;
  if (query.actor !== undefined) conditions.actorId = query.actor;
  if (query.type !== undefined) conditions.type = { $in: query.type };
  const occurred = timeRange(query.occurredFrom, query.occurredTo);
  if (occurred !== undefined) conditions.occurredAt = occurred;
  const recorded = timeRange(query.recordedFrom, query.recordedTo);
  if (recorded !== undefined) conditions.recordedAt = recorded;
  return conditions;
}

/**
 * Bounds in canonical UTC (`toISOString`), the form every recorded time has, so that comparing them as
 * text compares the instants, whatever offset the query used.
 */
function timeRange(from: string | undefined, to: string | undefined): FieldCondition | undefined {
  if (from === undefined && to === undefined) return undefined;
  return {
    ...(from !== undefined && { $gte: new Date(from).toISOString() }),
    ...(to !== undefined && { $lt: new Date(to).toISOString() }),
  };
}
