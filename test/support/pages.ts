import type { Response } from 'supertest';

/** Every page of a keyset-paged list: the first page `read` answers, then each its `nextCursor` points to. */
export async function everyPage(read: (cursor: { cursor?: string }) => PromiseLike<Response>): Promise<Response[]> {
  const pages: Response[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await read(cursor ? { cursor } : {});
    pages.push(page);
    cursor = page.body.nextCursor;
  } while (cursor);
  return pages;
}
