import { ValidationError, type DocumentFilter, type ReadStore, type StoredDocument } from '#kernel';
import { readAsOf, type ResolvedAsOf } from './as-of.js';
import { DEFAULT_PAGE_SIZE } from './dto-fields.js';

export interface PageRequest {
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
  readonly limit?: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface PagedList {
  readonly projection: string;
  readonly filter: DocumentFilter;
  /**
   * The text field the list is ordered by, then by id. Its values must sort as text in the order
   * wanted, as canonical ISO-8601 UTC times and ids do.
   */
  readonly orderBy: string;
  readonly moment: ResolvedAsOf;
}

/** A list's filter on the fields a query names: each one the query gives must equal the document's. */
export function equalsFilter<Q extends object, K extends keyof Q & string>(
  query: Q,
  fields: readonly K[],
): Record<string, Exclude<Q[K], undefined>> {
  const filter: Record<string, Exclude<Q[K], undefined>> = {};
  for (const field of fields) {
    const value = query[field];
    if (value !== undefined) filter[field] = value as Exclude<Q[K], undefined>;
  }
  return filter;
}

/** The sort key of the last document of a page, with its id in the read store; the cursor is its JSON in base64url. */
type PageKey = readonly [orderValue: string, id: string];

/**
 * Keyset paging on (orderBy, id): a page starts right after the key of the previous one, so documents
 * written meanwhile neither shift nor repeat the pages, and the store seeks to it in an index on
 * orderBy rather than passing over the pages before. One item more than the limit tells whether
 * there is a next page.
 *
 * `select` lists what the store's filter cannot express (e.g. the state of a document at a business
 * date): it maps each document to the item listed, or drops it with undefined. The reading then goes
 * on past dropped documents until the page is full or the list ends.
 */
export async function readPage<D extends object, T = D>(
  reads: ReadStore,
  list: PagedList,
  request: PageRequest,
  select: (document: D) => T | undefined = (document) => document as unknown as T,
): Promise<Page<T>> {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const items: T[] = [];
  let key = request.cursor === undefined ? undefined : pageKeyOf(request.cursor);
  let lastItemKey: PageKey | undefined;
  for (;;) {
    const documents = await documentsAfter<D>(reads, list, key, limit + 1);
    for (const { id, data: document } of documents) {
      key = [orderValueOf(document, list.orderBy), id];
      const item = select(document);
      if (item === undefined) continue;
      if (items.length === limit) return { items, nextCursor: cursorOf(lastItemKey!) };
      items.push(item);
      lastItemKey = key;
    }
    if (documents.length <= limit) return { items, nextCursor: null };
  }
}

/** Up to `count` documents of the list after `key`, in key order. */
function documentsAfter<D>(reads: ReadStore, list: PagedList, key: PageKey | undefined, count: number): Promise<StoredDocument<D>[]> {
  return reads.find<D>(list.projection, list.filter, {
    ...readAsOf(list.moment),
    sort: [{ field: list.orderBy, direction: 'asc' }],
    ...(key !== undefined && { after: { values: [key[0]], id: key[1] } }),
    limit: count,
  });
}

function orderValueOf(document: object, path: string): string {
  const value = path.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], document);
  if (typeof value !== 'string') throw new TypeError(`documents listed by ${path} must have a text ${path}`);
  return value;
}

function cursorOf(key: PageKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function pageKeyOf(cursor: string): PageKey {
  const key = parseJson(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string')) return [key[0], key[1]];
  throw new ValidationError('cursor is not a cursor this api gave out', [
    { field: 'cursor', message: 'must be the nextCursor of a previous page' },
  ]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
