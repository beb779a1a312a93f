import { Inject, Injectable } from '@nestjs/common';
import { disclosed, disclosedParts } from '#domain/catalogue/event-visibility.js';
import type { StoredBytes } from '#ledger';
import { NotFoundError, type EventFilter, type Position, type RecordedEvent } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { hash } from '../ledger/ledger.dto.js';
import { DEFAULT_EVENT_PAGE_SIZE, type EventLeafView, type EventPage, type LedgeredEventView, type StreamPage } from './history.dto.js';

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
 * tell whether a next page exists, and stops there: the log is never read further than that. Events
 * are shown as `disclosed` lets them out, the bytes stored with them too.
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
    return { items: items.map(disclosed), next: more && last ? last.revision + 1 : null };
  }

  async eventPage(request: EventPageRequest): Promise<EventPage> {
    const after = request.fromPosition === undefined ? undefined : BigInt(request.fromPosition);
    const head = await this.stores.events.headPosition();
    // Past the head there is nothing to read, and a position beyond 64 bits must not reach the store.
    if (head === undefined || (after !== undefined && after >= head)) return { items: [], next: null };
    const { items, more } = await firstOf(this.stores.events.readAll({ after, to: head, filter: request.filter }), request.limit);
    const last = items.at(-1);
    return { items: items.map(disclosed), next: more && last ? last.position.toString() : null };
  }

  /**
   * One event, with its leaf and the bytes the leaf was made of, so that a reader can recompute it:
   * unless the event is shown redacted, when its bytes are shown redacted alike and the leaf is proven
   * as the ledger holds it.
   */
  async eventAt(position: Position): Promise<LedgeredEventView> {
    const head = await this.stores.events.headPosition();
    if (head === undefined || position < 1n || position > head) throw new NotFoundError('event at position', position.toString());
    const { items } = await firstOf(this.stores.events.readAll({ after: position - 1n, to: position }), 1);
    const event = items[0];
    if (event === undefined || event.position !== position) throw new NotFoundError('event at position', position.toString());
    return { ...disclosed(event), ledger: await this.leafOf(event) };
  }

  private async leafOf({ position, type }: RecordedEvent): Promise<EventLeafView | null> {
    const leaf = await this.stores.ledger.leafAt(position);
    if (leaf === undefined) return null;
    for await (const [stored] of this.stores.ledger.readStored(position - 1n)) {
      if (stored?.position !== position) return null;
      const shown = disclosedParts(type, parsed(stored.payload), parsed(stored.metadata));
      return {
        leafIndex: leaf.index,
        leafHash: hash(leaf.leafHash),
        payloadHash: hash(leaf.payloadHash),
        metadataHash: hash(leaf.metadataHash),
        storedPayload: shown.changed ? JSON.stringify(shown.data) : text(stored.payload),
        storedMetadata: shown.changed ? JSON.stringify(shown.metadata) : text(stored.metadata),
        recomputable: !shown.changed,
      };
    }
    return null;
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

function text(bytes: StoredBytes): string {
  return typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
}

/** The stored bytes are canonical JSON: removing members and changing values keeps them canonical once serialised again. */
function parsed(bytes: StoredBytes): Record<string, unknown> {
  return JSON.parse(text(bytes)) as Record<string, unknown>;
}
