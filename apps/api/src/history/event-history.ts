import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, type EventFilter, type RecordedEvent } from '#libs/eventsourcing/src/index.js';
import { STORES, type Stores } from '#libs/persistence/src/index.js';
import { DEFAULT_EVENT_PAGE_SIZE, type EventPage, type RecordedEventView, type StreamPage } from './history.dto.js';

export interface StreamPageRequest {
  readonly fromRevision?: number;
  readonly limit?: number;
}

export interface EventPageRequest {
  readonly fromPosition?: string;
  readonly limit?: number;
  readonly filter: EventFilter;
}

/**
 * Pages of the event log for auditors, read from the event store itself (not from a read model), so
 * a page shows every event committed before it was read. A page reads one event past its limit to
 * tell whether a next page exists, and stops there: the log is never read further than that.
 */
@Injectable()
export class EventHistory {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  /** 404 for a stream that holds no event; an existing stream read past its end gives an empty last page. */
  async streamPage(streamId: string, request: StreamPageRequest): Promise<StreamPage> {
    const fromRevision = request.fromRevision ?? 0;
    const { items, more } = await firstOf(this.stores.events.readStream(streamId, { fromRevision }), request.limit);
    if (items.length === 0 && !(await this.streamExists(streamId))) throw new NotFoundError('stream', streamId);
    const last = items.at(-1);
    return { items: items.map(toView), next: more && last ? last.revision + 1 : null };
  }

  async eventPage(request: EventPageRequest): Promise<EventPage> {
    const after = request.fromPosition === undefined ? undefined : BigInt(request.fromPosition);
    const head = await this.stores.events.headPosition();
    // Past the head there is nothing to read, and a position beyond 64 bits must not reach the store.
    if (head === undefined || (after !== undefined && after >= head)) return { items: [], next: null };
    const { items, more } = await firstOf(this.stores.events.readAll({ after, to: head, filter: request.filter }), request.limit);
    const last = items.at(-1);
    return { items: items.map(toView), next: more && last ? last.position.toString() : null };
  }

  private async streamExists(streamId: string): Promise<boolean> {
    const { items } = await firstOf(this.stores.events.readStream(streamId, { toRevision: 0 }), 1);
    return items.length > 0;
  }
}

/** The first `limit` events, and whether another one follows; leaving the loop closes the reader. */
async function firstOf(source: AsyncIterable<RecordedEvent>, limit = DEFAULT_EVENT_PAGE_SIZE) {
  const items: RecordedEvent[] = [];
  for await (const event of source) {
    if (items.length === limit) return { items, more: true };
    items.push(event);
  }
  return { items, more: false };
}

/** Positions leave as decimal strings: they are 64-bit, and JSON numbers are exact only up to 2^53. */
function toView(event: RecordedEvent): RecordedEventView {
  return {
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position.toString(),
    data: event.data,
    metadata: event.metadata,
  };
}
