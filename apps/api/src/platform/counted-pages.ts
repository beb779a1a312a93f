import { ValidationError, type ReadStore } from '#kernel';
import { readAsOf } from './as-of.js';
import { DEFAULT_PAGE_SIZE } from './dto-fields.js';
import type { Page, PagedList, PageRequest } from './keyset-pages.js';

/** How many documents of the list come before the page a cursor asks for; the cursor is its JSON in base64url. */
interface CountedKey {
  readonly skip: number;
}

/**
 * Pages of anonymous data. A keyset cursor names the last document of its page, by its order value
 * and its id: for an anonymous response, its time and its id. This cursor counts the documents before
 * the next page and says nothing about any of them. Documents written meanwhile shift such pages, so
 * the pages of one moment are those read with the same `asOf`.
 */
export async function readCountedPage<D>(reads: ReadStore, list: PagedList, request: PageRequest): Promise<Page<D>> {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const skip = request.cursor === undefined ? 0 : countedKeyOf(request.cursor).skip;
  const documents = await reads.find<D>(list.projection, list.filter, {
    ...readAsOf(list.moment),
    sort: [{ field: list.orderBy, direction: 'asc' }],
    skip,
    limit: limit + 1,
  });
  const items = documents.slice(0, limit).map((document) => document.data);
  return { items, nextCursor: documents.length > limit ? cursorOf({ skip: skip + limit }) : null };
}

function cursorOf(key: CountedKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function countedKeyOf(cursor: string): CountedKey {
  const key = parseJson(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CountedKey> | undefined;
  if (typeof key === 'object' && key !== null && Number.isSafeInteger(key.skip) && key.skip! >= 0) return { skip: key.skip! };
  throw new ValidationError('cursor is not a cursor this api gave out', [{ field: 'cursor', message: 'must be the nextCursor of a previous page' }]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
