import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FactGroup, MetricFact } from '#kernel';
import { openDatabase } from './database.js';
import { SqliteReadStore } from './sqlite-read-store.js';

/**
 * Running totals are kept at the last fact of each series in a batch appended in order, at every
 * fact otherwise: as of a position inside a batch, a series is summed from its running totals and
 * its facts after them. These cases put the position inside days, batches and out-of-order series.
 */
describe('SqliteReadStore facts as of a position inside a day', () => {
  let dir: string;
  let store: SqliteReadStore;
  let generation: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fact-ledger-'));
    store = SqliteReadStore.open({ file: join(dir, 'read.sqlite'), durable: false });
    generation = (await store.beginGeneration('activity', 1)).id;
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function commit(facts: MetricFact[]): Promise<void> {
    await store.commit({ generation, documents: [], facts, marks: [], checkpoint: 0n });
  }

  async function byDay(asOf: bigint): Promise<FactGroup[]> {
    return store.aggregateFacts({ metric: 'm', measures: ['n'], groupBy: { period: 'day' }, asOf });
  }

  async function bySite(asOf: bigint): Promise<FactGroup[]> {
    return store.aggregateFacts({ metric: 'm', measures: ['n'], groupBy: { dims: ['site'] }, asOf });
  }

  /** Each case: a position, then the groups by day and by site as known at it. */
  async function expectAsOf(cases: [bigint, FactGroup[], FactGroup[]][]): Promise<void> {
    for (const [asOf, days, sites] of cases) {
      expect({ asOf, days: await byDay(asOf), sites: await bySite(asOf) }).toEqual({ asOf, days, sites });
    }
  }

  it('sums a day committed in one batch as of each of its positions', async () => {
    await commit([
      fact('2025-03-01T08:00:00.000Z', 1n, 1, 'LYS'),
      fact('2025-03-01T09:00:00.000Z', 2n, 10, 'PAR'),
      fact('2025-03-01T09:00:00.000Z', 2n, 100, 'LYS', 1),
      fact('2025-03-02T10:00:00.000Z', 3n, 1000, 'LYS'),
      fact('2025-03-01T11:00:00.000Z', 4n, 10000, 'BER'),
    ]);

    expect(await byDay(0n)).toEqual([]);
    expect(await byDay(1n)).toEqual([day('2025-03-01', 1, 1)]);
    expect(await byDay(2n)).toEqual([day('2025-03-01', 3, 111)]);
    expect(await byDay(3n)).toEqual([day('2025-03-01', 3, 111), day('2025-03-02', 1, 1000)]);
    expect(await byDay(4n)).toEqual([day('2025-03-01', 4, 10111), day('2025-03-02', 1, 1000)]);
    expect(await store.aggregateFacts({ metric: 'm', measures: ['n'], asOf: 2n })).toEqual([{ dims: {}, facts: 3, sums: { n: 111 } }]);
  });

  it('sums a day as of each position after its facts arrived out of order, within and across batches', async () => {
    await commit([fact('2025-03-01', 30n, 1, 'LYS'), fact('2025-03-01', 10n, 10, 'LYS'), fact('2025-03-01', 20n, 100, 'PAR')]);

    await expectAsOf([
      [9n, [], []],
      [10n, [day('2025-03-01', 1, 10)], [site('LYS', 1, 10)]],
      [29n, [day('2025-03-01', 2, 110)], [site('LYS', 1, 10), site('PAR', 1, 100)]],
      [30n, [day('2025-03-01', 3, 111)], [site('LYS', 2, 11), site('PAR', 1, 100)]],
    ]);

    await commit([fact('2025-03-01', 25n, 1000, 'LYS'), fact('2025-03-01', 5n, 10000, 'PAR')]);

    await expectAsOf([
      [4n, [], []],
      [5n, [day('2025-03-01', 1, 10000)], [site('PAR', 1, 10000)]],
      [10n, [day('2025-03-01', 2, 10010)], [site('LYS', 1, 10), site('PAR', 1, 10000)]],
      [20n, [day('2025-03-01', 3, 10110)], [site('LYS', 1, 10), site('PAR', 2, 10100)]],
      [25n, [day('2025-03-01', 4, 11110)], [site('LYS', 2, 1010), site('PAR', 2, 10100)]],
      [29n, [day('2025-03-01', 4, 11110)], [site('LYS', 2, 1010), site('PAR', 2, 10100)]],
      [30n, [day('2025-03-01', 5, 11111)], [site('LYS', 3, 1011), site('PAR', 2, 10100)]],
    ]);
  });

  it('keeps the running totals of a batch appended in order at the last fact of each series only, in a running row once a later batch adds to it', async () => {
    await commit([fact('2025-03-01', 1n, 1, 'LYS'), fact('2025-03-01', 2n, 10, 'LYS'), fact('2025-03-01', 3n, 100, 'PAR'), fact('2025-03-01', 4n, 1000, 'LYS')]);
    await commit([fact('2025-03-01', 5n, 10000, 'LYS'), fact('2025-03-01', 6n, 100000, 'LYS')]);

    const db = openDatabase(join(dir, 'read.sqlite'));
    try {
      const runningRows = db
        .prepare<[], [string, number, number, string]>(
          `SELECT s.dims, r.position, r.idx, r.running FROM rm_fact_running r JOIN rm_fact_series s ON s.id = r.series ORDER BY s.by_dims, s.dims, r.position`,
        )
        .raw()
        .all();
      expect(runningRows).toEqual([
        ['{}', 4, 0, '[4,{"n":1111}]'],
        ['{"site":"LYS"}', 4, 0, '[3,{"n":1011}]'],
      ]);
    } finally {
      db.close();
    }
    await expectAsOf([
      [2n, [day('2025-03-01', 2, 11)], [site('LYS', 2, 11)]],
      [3n, [day('2025-03-01', 3, 111)], [site('LYS', 2, 11), site('PAR', 1, 100)]],
      [5n, [day('2025-03-01', 5, 11111)], [site('LYS', 4, 11011), site('PAR', 1, 100)]],
    ]);
  });

  it('completes the facts of a file written before they named their series, and goes on appending to it', async () => {
    await commit([fact('2025-03-02', 50n, 1, 'LYS')]);
    await commit([
      fact('2025-03-01', 10n, 10, 'LYS'),
      fact('2025-03-02', 20n, 100, 'PAR'),
      fact('2025-03-01', 30n, 1000, 'PAR'),
      fact('2025-03-02', 40n, 10000, 'LYS'),
    ]);
    await store.close();
    // As written before: facts with their metric, time and dims, no spans, running totals for the series by dims only.
    const old = openDatabase(join(dir, 'read.sqlite'));
    old.exec(`CREATE TABLE facts_before (generation INTEGER NOT NULL, position INTEGER NOT NULL, idx INTEGER NOT NULL, metric TEXT NOT NULL,
                occurred_at TEXT NOT NULL, dims TEXT NOT NULL, measures TEXT NOT NULL, PRIMARY KEY (generation, position, idx)) WITHOUT ROWID;
              INSERT INTO facts_before SELECT f.generation, f.position, f.idx, s.metric, date(s.day * 86400, 'unixepoch') || 'T12:00:00+01:00', s.dims, f.measures
                FROM rm_facts f JOIN rm_fact_series s ON s.id = f.series;
              DROP TABLE rm_facts;
              ALTER TABLE facts_before RENAME TO rm_facts;
              DROP TABLE rm_fact_spans;
              DELETE FROM rm_fact_running WHERE series IN (SELECT id FROM rm_fact_series WHERE by_dims = 0);`);
    old.close();

    store = SqliteReadStore.open({ file: join(dir, 'read.sqlite'), durable: false });
    await commit([fact('2025-03-01', 60n, 100000, 'LYS'), fact('2025-03-02', 70n, 1000000, 'PAR')]);

    await expectAsOf([
      [9n, [], []],
      [10n, [day('2025-03-01', 1, 10)], [site('LYS', 1, 10)]],
      [35n, [day('2025-03-01', 2, 1010), day('2025-03-02', 1, 100)], [site('LYS', 1, 10), site('PAR', 2, 1100)]],
      [45n, [day('2025-03-01', 2, 1010), day('2025-03-02', 2, 10100)], [site('LYS', 2, 10010), site('PAR', 2, 1100)]],
      [50n, [day('2025-03-01', 2, 1010), day('2025-03-02', 3, 10101)], [site('LYS', 3, 10011), site('PAR', 2, 1100)]],
      [65n, [day('2025-03-01', 3, 101010), day('2025-03-02', 3, 10101)], [site('LYS', 4, 110011), site('PAR', 2, 1100)]],
      [70n, [day('2025-03-01', 3, 101010), day('2025-03-02', 4, 1010101)], [site('LYS', 4, 110011), site('PAR', 3, 1001100)]],
    ]);
  });

  it('stores a fact held twice by one batch once, as the first of the two', async () => {
    await commit([fact('2025-03-01', 1n, 1, 'LYS'), fact('2025-03-01', 1n, 10, 'PAR'), fact('2025-03-01', 2n, 100, 'PAR')]);
    await commit([fact('2025-03-01', 2n, 1000, 'LYS')]);

    expect(await bySite(2n)).toEqual([site('LYS', 1, 1), site('PAR', 1, 100)]);
    expect(await byDay(1n)).toEqual([day('2025-03-01', 1, 1)]);
  });

  it('names one series by dims whatever order a fact lists them in, integer-like names included', async () => {
    const dimsInOrders = [
      { site: 'LYS', unit: 'A', '10': 'x', '9': 'y' },
      { unit: 'A', '9': 'y', site: 'LYS', '10': 'x' },
      { '10': 'x', site: 'LYS', '9': 'y', unit: 'A' },
    ];
    await commit(dimsInOrders.map((dims, i) => ({ ...fact('2025-03-01', BigInt(i + 1), 1, 'LYS'), dims })));
    await commit([{ ...fact('2025-03-01', 4n, 1, 'LYS'), dims: { unit: 'A', site: 'LYS', '10': 'x', '9': 'y' } }]);

    const db = openDatabase(join(dir, 'read.sqlite'));
    try {
      const series = db.prepare<[], [string, number]>("SELECT dims, json_extract(totals, '$[0]') FROM rm_fact_series WHERE by_dims = 1").raw().all();
      expect(series).toEqual([['{"9":"y","10":"x","site":"LYS","unit":"A"}', 4]]);
    } finally {
      db.close();
    }
  });
});

function fact(occurredAt: string, position: bigint, n: number, siteCode: string, index = 0): MetricFact {
  return { metric: 'm', occurredAt, position, index, dims: { site: siteCode }, measures: { n } };
}

function day(period: string, facts: number, n: number): FactGroup {
  return { period, dims: {}, facts, sums: { n } };
}

function site(code: string, facts: number, n: number): FactGroup {
  return { dims: { site: code }, facts, sums: { n } };
}
