import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FactGroup, FactQuery, MetricFact, Period } from '#kernel';
import { readStoreContract } from '../../../test/contract/read-store.contract.js';
import { openDatabase, PreparedTexts, type SqliteDatabase } from './database.js';
import { SqliteDocuments } from './sqlite-documents.js';
import { SqliteEventStore } from './sqlite-event-store.js';
import { SqliteReadStore } from './sqlite-read-store.js';

/** The values of `PRAGMA synchronous`. */
const NORMAL = 1;
const FULL = 2;

function tempFile(): { file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'read-store-'));
  return { file: join(dir, 'read.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

readStoreContract('SQLite', async () => {
  const { file, remove } = tempFile();
  const store = SqliteReadStore.open({ file, durable: false });
  return {
    store,
    async cleanup() {
      await store.close();
      remove();
    },
  };
});

describe('SqliteReadStore', () => {
  let temp: ReturnType<typeof tempFile>;
  let store: SqliteReadStore;

  beforeEach(() => {
    temp = tempFile();
    store = SqliteReadStore.open({ file: temp.file });
  });

  afterEach(async () => {
    await store.close();
    temp.remove();
  });

  it('keeps its data across close and reopen', async () => {
    const generation = (await store.beginGeneration('cases', 1)).id;
    await store.commit({
      generation,
      documents: [{ id: 'a', position: 1n, data: { v: 1 } }, { id: 'a', position: 2n, data: { v: 2 } }],
      facts: [{ metric: 'refunds', occurredAt: '2025-01-01', position: 2n, index: 0, dims: {}, measures: { amount: 5 } }],
      marks: [{ recordedAt: '2025-01-01T00:00:00.000Z', position: 2n }],
      checkpoint: 2n,
    });
    await store.close();

    store = SqliteReadStore.open({ file: temp.file });

    expect(await store.generations('cases')).toEqual([{ id: generation, projection: 'cases', version: 1, status: 'active', checkpoint: 2n }]);
    expect(await store.get('cases', 'a')).toEqual({ id: 'a', position: 2n, data: { v: 2 } });
    expect((await store.get('cases', 'a', { asOf: 1n }))?.data).toEqual({ v: 1 });
    expect(await store.aggregateFacts({ metric: 'refunds', measures: ['amount'] })).toEqual([{ dims: {}, facts: 1, sums: { amount: 5 } }]);
    expect(await store.positionAt(new Date('2025-06-01T00:00:00Z'))).toBe(2n);
  });

  it('does not fsync its commits unless opened durable, on its own connection: the log on the same file still fsyncs each append', async () => {
    // The setting belongs to each connection, which the stores keep to themselves.
    const synchronousOf = (owner: object) => (owner as { db: SqliteDatabase }).db.pragma('synchronous', { simple: true });
    const log = SqliteEventStore.open({ file: temp.file });
    const durable = SqliteReadStore.open({ file: temp.file, durable: true });
    try {
      expect([synchronousOf(store), synchronousOf(durable), synchronousOf(log)]).toEqual([NORMAL, FULL, FULL]);
    } finally {
      await Promise.all([log.close(), durable.close()]);
    }
  });

  it('adds the lease token to a file written before it, keeping the leases there', async () => {
    await store.close();
    rmSync(temp.file);
    const old = openDatabase(temp.file);
    old.exec('CREATE TABLE rm_leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID');
    old.prepare('INSERT INTO rm_leases (name, holder, expires_at) VALUES (?, ?, ?)').run('projection:cases', 'old-host', Date.now() + 60_000);
    old.close();

    store = SqliteReadStore.open({ file: temp.file });

    expect(await store.acquireLease('projection:cases', 'new-host', 60_000)).toBeUndefined();
    await store.releaseLease('projection:cases', 'old-host');
    expect(await store.acquireLease('projection:cases', 'new-host', 60_000)).toEqual({ name: 'projection:cases', holder: 'new-host', token: 1 });
  });

  it('stores documents past a kilobyte in little more than their own size, current versions and history alike', async () => {
    const generation = (await store.beginGeneration('cases', 1)).id;
    const note = 'x'.repeat(1100);
    const documents = Array.from({ length: 400 }, (_, i) => ({ id: `case-${i}`, position: BigInt(i + 1), data: { note, i } }));
    await store.commit({ generation, documents, facts: [], marks: [], checkpoint: 400n });
    const db = openDatabase(temp.file);
    try {
      const bytesOf = (table: string) =>
        db.prepare<[string, string], number>("SELECT sum(pgsize) FROM dbstat WHERE name = ? OR name GLOB 'sqlite_autoindex_' || ? || '_*'").pluck().get(table, table)!;
      const dataBytes = documents.reduce((sum, { data }) => sum + JSON.stringify(data).length, 0);

      expect(bytesOf('rm_documents') / dataBytes).toBeLessThan(1.5);
      expect(bytesOf('rm_document_history') / dataBytes).toBeLessThan(1.5);
    } finally {
      db.close();
    }
  });

  it('reads and writes the documents of a file written with its document tables WITHOUT ROWID', async () => {
    await store.close();
    rmSync(temp.file);
    const old = openDatabase(temp.file);
    old.exec(`CREATE TABLE rm_documents (generation INTEGER NOT NULL, id TEXT NOT NULL, position INTEGER NOT NULL, data TEXT NOT NULL,
                PRIMARY KEY (generation, id)) WITHOUT ROWID;
              CREATE TABLE rm_document_history (generation INTEGER NOT NULL, id TEXT NOT NULL, valid_from INTEGER NOT NULL,
                valid_to INTEGER, data TEXT, PRIMARY KEY (generation, id, valid_from)) WITHOUT ROWID;`);
    old.close();
    store = SqliteReadStore.open({ file: temp.file });
    const generation = (await store.beginGeneration('cases', 1)).id;

    await store.commit({ generation, documents: [{ id: 'a', position: 1n, data: { v: 1 } }], facts: [], marks: [], checkpoint: 1n });
    await store.commit({ generation, documents: [{ id: 'a', position: 2n, data: { v: 2 } }], facts: [], marks: [], checkpoint: 2n });

    expect(await store.get('cases', 'a')).toEqual({ id: 'a', position: 2n, data: { v: 2 } });
    expect((await store.get('cases', 'a', { asOf: 1n }))?.data).toEqual({ v: 1 });
  });

  it('keeps in the history only the versions a later write superseded, and reads as of a position from both tables', async () => {
    const generation = (await store.beginGeneration('cases', 1)).id;
    const write = (id: string, position: bigint, data: object | null) => store.commit({ generation, documents: [{ id, position, data }], facts: [], marks: [], checkpoint: position });
    await write('a', 1n, { v: 1 });
    await write('b', 2n, { v: 1 });
    await write('a', 3n, { v: 2 });
    await write('b', 4n, null);
    await write('c', 5n, { v: 1 });
    const db = openDatabase(temp.file);
    try {
      const history = db.prepare('SELECT id, valid_from, valid_to FROM rm_document_history ORDER BY id, valid_from').raw().all();
      expect(history).toEqual([
        ['a', 1, 3],
        ['b', 2, 4],
      ]);
    } finally {
      db.close();
    }

    const known = async (asOf: bigint) => ({
      asOf,
      found: (await store.find('cases', {}, { asOf })).map(({ id, position }) => [id, position]),
      counted: await store.count('cases', {}, { asOf }),
      got: await Promise.all(['a', 'b', 'c'].map(async (id) => (await store.get('cases', id, { asOf }))?.position)),
    });
    expect(await Promise.all([0n, 1n, 2n, 3n, 4n, 5n].map(known))).toEqual([
      { asOf: 0n, found: [], counted: 0, got: [undefined, undefined, undefined] },
      { asOf: 1n, found: [['a', 1n]], counted: 1, got: [1n, undefined, undefined] },
      { asOf: 2n, found: [['a', 1n], ['b', 2n]], counted: 2, got: [1n, 2n, undefined] },
      { asOf: 3n, found: [['a', 3n], ['b', 2n]], counted: 2, got: [3n, 2n, undefined] },
      { asOf: 4n, found: [['a', 3n]], counted: 1, got: [3n, undefined, undefined] },
      { asOf: 5n, found: [['a', 3n], ['c', 5n]], counted: 2, got: [3n, undefined, 5n] },
    ]);
  });

  it('merges current and superseded versions as SQLite sorts them: null, numbers, then text by code point', async () => {
    const generation = (await store.beginGeneration('cases', 1)).id;
    // Current at 1 and 3 and superseded at 2 alike, so that a read as of 2 takes half of them from each table.
    const values: unknown[] = [null, -1.5, 2, 10, 'B', 'a', '\u{E000}', '\u{1F600}', true, { nested: 1 }];
    const documents = values.flatMap((key, i) => {
      const id = `d${i}`;
      const first = { id, position: 1n, data: { key } };
      return i % 2 === 0 ? [first] : [first, { id, position: 3n, data: { key: 'changed' } }];
    });
    await store.commit({ generation, documents, facts: [], marks: [], checkpoint: 3n });
    const sorted = async (direction: 'asc' | 'desc', asOf?: bigint) =>
      (await store.find('cases', {}, { sort: [{ field: 'key', direction }], asOf })).map(({ id }) => id);
    await store.commit({ generation, documents: [{ id: 'other', position: 4n, data: { key: 'z' } }], facts: [], marks: [], checkpoint: 4n });

    // true is 1 and an object its JSON text, as json_extract gives them.
    const ascending = ['d0', 'd1', 'd8', 'd2', 'd3', 'd4', 'd5', 'd9', 'd6', 'd7'];
    expect(await sorted('asc', 2n)).toEqual(ascending);
    expect(await sorted('desc', 2n)).toEqual([...ascending].reverse());
    expect((await store.find('cases', {}, { sort: [{ field: 'key', direction: 'asc' }], asOf: 2n, skip: 3, limit: 4 })).map(({ id }) => id)).toEqual(ascending.slice(3, 7));
  });

  it('reads and writes the documents of a file that kept every version in the history', async () => {
    const generation = (await store.beginGeneration('cases', 1)).id;
    await store.close();
    const old = openDatabase(temp.file);
    old.exec(`ALTER TABLE rm_generations DROP COLUMN written;
              CREATE INDEX rm_document_history_written ON rm_document_history (generation, valid_from);
              INSERT INTO rm_documents (generation, id, position, data) VALUES (${generation}, 'a', 3, '{"v":2}');
              INSERT INTO rm_document_history (generation, id, valid_from, valid_to, data) VALUES
                (${generation}, 'a', 1, 3, '{"v":1}'), (${generation}, 'a', 3, NULL, '{"v":2}'),
                (${generation}, 'b', 2, 4, '{"v":1}'), (${generation}, 'b', 4, NULL, NULL);`);
    old.close();

    store = SqliteReadStore.open({ file: temp.file });
    const ids = async (asOf?: bigint) => (await store.find('cases', {}, { asOf })).map(({ id, data }) => [id, data]);

    expect([await ids(2n), await ids(3n), await ids(4n), await ids()]).toEqual([
      [['a', { v: 1 }], ['b', { v: 1 }]],
      [['a', { v: 2 }], ['b', { v: 1 }]],
      [['a', { v: 2 }]],
      [['a', { v: 2 }]],
    ]);
    await store.commit({ generation, documents: [{ id: 'b', position: 4n, data: { v: 'replayed' } }], facts: [], marks: [], checkpoint: 4n });
    await store.commit({
      generation,
      documents: [{ id: 'a', position: 5n, data: { v: 3 } }, { id: 'b', position: 6n, data: { v: 2 } }],
      facts: [],
      marks: [],
      checkpoint: 6n,
    });

    expect([await ids(3n), await ids(4n), await ids(5n), await ids(6n)]).toEqual([
      [['a', { v: 2 }], ['b', { v: 1 }]],
      [['a', { v: 2 }]],
      [['a', { v: 3 }]],
      [['a', { v: 3 }], ['b', { v: 2 }]],
    ]);
    expect(await store.get('cases', 'a', { asOf: 4n })).toEqual({ id: 'a', position: 3n, data: { v: 2 } });
    expect(await store.count('cases', {}, { asOf: 3n })).toBe(2);
  });

  it('keeps a generation its own partial indexes on both tables, and drops them with it', async () => {
    const indexesOf = (generation: number) => {
      const db = openDatabase(temp.file);
      try {
        return db.prepare<[string], string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND name GLOB ? ORDER BY name").pluck().all(`*/${generation}/*`);
      } finally {
        db.close();
      }
    };
    const first = (await store.beginGeneration('cases', 1)).id;
    await store.ensureIndexes(first, [{ fields: ['status', 'openedAt'] }]);
    const second = (await store.beginGeneration('cases', 2)).id;
    await store.ensureIndexes(second, [{ fields: ['openedAt'] }]);

    expect(indexesOf(first)).toEqual([`rm_document_history/${first}/status,openedAt`, `rm_documents/${first}/status,openedAt`]);

    await store.activateGeneration(second);

    expect(indexesOf(first)).toEqual([]);
    expect(indexesOf(second)).toEqual([`rm_document_history/${second}/openedAt`, `rm_documents/${second}/openedAt`]);
  });

  it("reads through an index another connection declares after this one read the generation's indexes", async () => {
    const generation = (await store.beginGeneration('cases', 1)).id;
    await store.commit({ generation, documents: [{ id: 'a', position: 1n, data: { openedAt: '2026-01-01' } }], facts: [], marks: [], checkpoint: 1n });
    const reader = openDatabase(temp.file);
    try {
      const statements: string[] = [];
      const recorded = new (class extends PreparedTexts {
        override of<P extends unknown[], R>(sql: string) {
          statements.push(sql);
          return super.of<P, R>(sql);
        }
      })(reader);
      const documents = new SqliteDocuments(reader, recorded);
      const byOpening = () => documents.find(generation, undefined, { sort: [{ field: 'openedAt', direction: 'asc' }] }).map((document) => document.id);

      expect(byOpening()).toEqual(['a']);
      await store.ensureIndexes(generation, [{ fields: ['openedAt'] }]);
      statements.length = 0;

      expect(byOpening()).toEqual(['a']);
      expect(statements.join('\n')).toContain(`INDEXED BY "rm_documents/${generation}/openedAt"`);
    } finally {
      reader.close();
    }
  });

  it('skips a document write at or below the stored version, as a replay', async () => {
    const generation = (await store.beginGeneration('cases', 1)).id;
    const older = { generation, documents: [{ id: 'a', position: 1n, data: { v: 1 } }], facts: [], marks: [], checkpoint: 1n };
    await store.commit(older);
    await store.commit({ ...older, documents: [{ id: 'a', position: 2n, data: { v: 2 } }], checkpoint: 2n });

    await store.commit(older);

    expect(await store.get('cases', 'a')).toEqual({ id: 'a', position: 2n, data: { v: 2 } });
    expect(await store.get('cases', 'a', { asOf: 1n })).toEqual({ id: 'a', position: 1n, data: { v: 1 } });
  });

  it('aggregates 20,000 random facts, committed out of order and partly replayed, exactly like a naive sum, past 2^53 too', async () => {
    const generation = (await store.beginGeneration('sales', 1)).id;
    const facts = randomFacts(20_000, seededRandom(7));
    for (const chunk of commitOrder(facts)) {
      await store.commit({ generation, documents: [], facts: chunk, marks: [], checkpoint: 0n });
    }

    const positions = facts.map((f) => f.position).sort((a, b) => (a < b ? -1 : 1));
    const asOfs = [undefined, positions[0] - 1n, positions[4_000], positions[10_000], positions[10_000] + 1n, positions[19_999]];
    const periods: (Period | undefined)[] = [undefined, 'day', 'week', 'month'];
    const dimSets = [[], ['site'], ['site', 'kind']];
    const filters: Partial<FactQuery>[] = [{}, { where: { site: ['LYS', 'PAR'] } }, { from: '2025-12-01', to: '2026-02-01', where: { kind: 'b' } }];
    for (const [i, asOf] of asOfs.entries()) {
      for (const period of periods) {
        for (const [j, dims] of dimSets.entries()) {
          const filter = filters[(i + j) % filters.length];
          const query: FactQuery = { metric: 'sales', measures: ['amount', 'qty'], exactMeasures: ['large'], groupBy: { period, dims }, asOf, ...filter };
          expect(await store.aggregateFacts(query)).toEqual(naiveAggregate(facts, query));
        }
      }
    }
  });
});

const SITES = ['LYS', 'PAR', 'NYC', 'BER'];
const KINDS = ['a', 'b', 'c'];

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Facts over four months across a year boundary, a third of them a second fact of an event. */
function randomFacts(count: number, random: () => number): MetricFact[] {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const start = Date.UTC(2025, 10, 1);
  const facts: MetricFact[] = [];
  let position = 0n;
  for (let i = 0; i < count; i++) {
    const sameEvent = i > 0 && random() < 0.3;
    if (!sameEvent) position += BigInt(1 + Math.floor(random() * 3));
    const index = sameEvent ? facts[i - 1].index + 1 : 0;
    const dims: Record<string, string> = { kind: pick(KINDS) };
    if (random() < 0.9) dims.site = pick(SITES);
    const measures: Record<string, number> = { amount: Math.floor(random() * 2001) - 1000 };
    if (random() < 0.7) measures.qty = 1 + Math.floor(random() * 5);
    // Mostly added, sometimes taken back: a few of them pass 2^53, where a float sum would round.
    if (random() < 0.5) measures.large = Math.floor(random() * 2 ** 51) * (random() < 0.8 ? 1 : -1);
    const occurredAt = new Date(start + Math.floor(random() * 120 * 86_400_000)).toISOString();
    facts.push({ metric: 'sales', occurredAt, position, index, dims, measures });
  }
  return facts;
}

/** Batches of 500 in position order, except every seventh, committed last and backwards as backfills; one is committed twice. */
function commitOrder(facts: readonly MetricFact[]): MetricFact[][] {
  const batches: MetricFact[][] = [];
  for (let i = 0; i < facts.length; i += 500) batches.push(facts.slice(i, i + 500));
  const isBackfill = (_: unknown, i: number) => i % 7 === 3;
  const inOrder = batches.filter((batch, i) => !isBackfill(batch, i));
  const backfills = batches.filter(isBackfill).reverse();
  return [...inOrder.slice(0, 10), inOrder[3], ...inOrder.slice(10), ...backfills];
}

function naiveAggregate(facts: readonly MetricFact[], query: FactQuery): FactGroup[] {
  const groups = new Map<
    string,
    { period?: string; dims: Record<string, string | null>; facts: number; sums: Record<string, number>; exactSums: Record<string, bigint> }
  >();
  const dimNames = query.groupBy?.dims ?? [];
  for (const f of facts) {
    if (!matches(f, query)) continue;
    const period = query.groupBy?.period === undefined ? undefined : periodStart(f.occurredAt, query.groupBy.period);
    const values = dimNames.map((dim) => f.dims[dim] ?? null);
    const key = [period, ...values].join('\u0000');
    let group = groups.get(key);
    if (group === undefined) {
      const dims = Object.fromEntries(dimNames.map((dim, i) => [dim, values[i]]));
      const sums = Object.fromEntries(query.measures.map((measure) => [measure, 0]));
      const exactSums = Object.fromEntries((query.exactMeasures ?? []).map((measure) => [measure, 0n]));
      group = { ...(period === undefined ? {} : { period }), dims, facts: 0, sums, exactSums };
      groups.set(key, group);
    }
    group.facts += 1;
    for (const measure of query.measures) group.sums[measure] += f.measures[measure] ?? 0;
    for (const measure of query.exactMeasures ?? []) group.exactSums[measure] += BigInt(f.measures[measure] ?? 0);
  }
  return [...groups.values()].sort(byPeriodThenDims);
}

/** Nulls first, as SQL orders them. */
function byPeriodThenDims(a: FactGroup, b: FactGroup): number {
  const keys = (group: FactGroup) => [group.period ?? null, ...Object.values(group.dims)];
  const [left, right] = [keys(a), keys(b)];
  for (let i = 0; i < left.length; i++) {
    if (left[i] === right[i]) continue;
    if (left[i] === null) return -1;
    if (right[i] === null) return 1;
    return (left[i] as string) < (right[i] as string) ? -1 : 1;
  }
  return 0;
}

function matches(f: MetricFact, query: FactQuery): boolean {
  const day = f.occurredAt.slice(0, 10);
  if (query.asOf !== undefined && f.position > query.asOf) return false;
  if (query.from !== undefined && day < query.from) return false;
  if (query.to !== undefined && day >= query.to) return false;
  return Object.entries(query.where ?? {}).every(([dim, allowed]) => {
    const value = f.dims[dim];
    return value !== undefined && [allowed].flat().includes(value);
  });
}

const periodStarts = new Map<string, string>();

function periodStart(occurredAt: string, period: Period): string {
  const key = `${period} ${occurredAt.slice(0, 10)}`;
  const start = periodStarts.get(key) ?? computePeriodStart(occurredAt, period);
  periodStarts.set(key, start);
  return start;
}

function computePeriodStart(occurredAt: string, period: Period): string {
  const date = new Date(occurredAt.slice(0, 10));
  if (period === 'month') date.setUTCDate(1);
  if (period === 'week') date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}
