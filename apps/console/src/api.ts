import type { CatalogueIndicator } from './types.js';

/** The API on the console's own origin, with the key kept for this browser tab only. */

const KEY_STORAGE = 'quality-ledger.api-key';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function keepKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
}

/** An answer other than 2xx: the API's problem document, or what stands for it. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

export type Query = Readonly<Record<string, string | undefined>>;

async function request(path: string, query: Query, accept: string): Promise<Response> {
  const given = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const search = given.length === 0 ? '' : `?${new URLSearchParams(given).toString()}`;
  const key = storedKey();
  const response = await fetch(`${path}${search}`, {
    headers: { accept, ...(key !== null && { authorization: `Bearer ${key}` }) },
  });
  if (!response.ok) throw await problemOf(response);
  return response;
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const body = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
  return new ApiProblem(response.status, body.code ?? 'UNKNOWN', body.detail ?? response.statusText);
}

export async function getJson<T>(path: string, query: Query = {}): Promise<T> {
  return (await (await request(path, query, 'application/json')).json()) as T;
}

export async function getText(path: string, query: Query = {}): Promise<string> {
  return (await request(path, query, 'text/markdown')).text();
}

/** Every item of a keyset-paged list, page after page at one moment. */
export async function everyItem<T>(path: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await getJson<{ items: T[]; nextCursor: string | null }>(path, { ...query, limit: '200', cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

let catalogue: Promise<readonly CatalogueIndicator[]> | undefined;

/** The indicator catalogue (`GET /indicators`), fixed in a build of the API: asked once, again only after a failure. */
export function indicatorCatalogue(): Promise<readonly CatalogueIndicator[]> {
  catalogue ??= getJson<{ indicators: CatalogueIndicator[] }>('/indicators').then(
    (answer) => answer.indicators,
    (error: unknown) => {
      catalogue = undefined;
      throw error;
    },
  );
  return catalogue;
}
