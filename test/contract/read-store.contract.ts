import fc from 'fast-check';
import {
  distributionFromValueGroups,
  GenerationRetiredError,
  LeaseLostError,
  ValidationError,
  valueGroupsQuery,
  type DistributionQuery,
  type DocumentWrite,
  type Lease,
  type MetricFact,
  type ProjectionBatch,
  type ReadStore,
  type TimeMark,
} from '#kernel';
import type { StoreFixture } from './store-fixture.js';

let names = 0;

/** Projection and metric names are unique per test, so that a shared database does no harm. */
function uniqueName(prefix: string): string {
  names += 1;
  return `${prefix}_${Date.now().toString(36)}_${names}`;
}

function write(id: string, position: bigint, data: unknown): DocumentWrite {
  return { id, position, data };
}

function fact(
  metric: string,
  occurredAt: string,
  position: bigint,
  measures: Record<string, number>,
  dims: Record<string, string> = {},
  index = 0,
): MetricFact {
  return { metric, occurredAt, position, index, dims, measures };
}

function mark(recordedAt: string, position: bigint): TimeMark {
  return { recordedAt, position };
}

interface BatchContent {
  readonly documents?: readonly DocumentWrite[];
  readonly facts?: readonly MetricFact[];
  readonly marks?: readonly TimeMark[];
}

function batch(generation: number, checkpoint: bigint, content: BatchContent): ProjectionBatch {
  return { generation, checkpoint, documents: content.documents ?? [], facts: content.facts ?? [], marks: content.marks ?? [] };
}

/**
 * The behaviour every ReadStore adapter must show, written against the port only. `open` gives a
 * store to use for one test; `cleanup` closes it and removes what it created.
 */
export function readStoreContract(name: string, open: () => Promise<StoreFixture<ReadStore>>): void {
  describe(`ReadStore contract: ${name}`, () => {
    let fixture: StoreFixture<ReadStore>;
    let store: ReadStore;

    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    /** A projection with an active generation. */
    async function activeProjection(): Promise<{ projection: string; generation: number }> {
      const projection = uniqueName('projection');
      const generation = await store.beginGeneration(projection, 1);
      return { projection, generation: generation.id };
    }

    async function ids(projection: string, filter?: Parameters<ReadStore['find']>[1], options?: Parameters<ReadStore['find']>[2]) {
      return (await store.find(projection, filter, options)).map((document) => document.id);
    }

    describe('generations', () => {
      it('makes the first generation of a projection active at once and the next one building', async () => {
        const projection = uniqueName('projection');
        const first = await store.beginGeneration(projection, 1);
        const second = await store.beginGeneration(projection, 2);

        expect(first).toEqual({ id: first.id, projection, version: 1, status: 'active', checkpoint: undefined });
        expect(second).toEqual({ id: second.id, projection, version: 2, status: 'building', checkpoint: undefined });
        expect(await store.generations(projection)).toEqual([first, second]);
        expect(await store.generations(uniqueName('other'))).toEqual([]);
      });

      it('serves reads from the active generation while a building one is written', async () => {
        const { projection, generation: active } = await activeProjection();
        const building = (await store.beginGeneration(projection, 2)).id;
        await store.commit(batch(active, 1n, { documents: [write('a', 1n, { v: 1 })] }));
        await store.commit(batch(building, 2n, { documents: [write('a', 1n, { v: 2 }), write('b', 2n, { v: 2 })] }));

        expect((await store.get(projection, 'a'))?.data).toEqual({ v: 1 });
        expect(await store.count(projection)).toBe(1);
        const rebuilt = await store.loadDocuments(building, ['a', 'b', 'missing']);
        expect([...rebuilt.keys()].sort()).toEqual(['a', 'b']);
        expect(rebuilt.get('b')).toEqual({ id: 'b', position: 2n, data: { v: 2 } });
      });

      it('swaps reads and drops the old data when a generation is activated', async () => {
        const { projection, generation: old } = await activeProjection();
        const metric = uniqueName('metric');
        const building = (await store.beginGeneration(projection, 2)).id;
        await store.commit(batch(old, 1n, { documents: [write('a', 1n, { v: 1 })], facts: [fact(metric, '2025-01-01', 1n, { n: 1 })] }));
        await store.commit(batch(building, 1n, { documents: [write('a', 1n, { v: 2 })], facts: [fact(metric, '2025-01-01', 1n, { n: 2 })] }));
        const sums = async () => (await store.aggregateFacts({ metric, measures: ['n'] })).map((group) => group.sums.n);
        expect(await sums()).toEqual([1]);

        await store.activateGeneration(building);

        expect((await store.get(projection, 'a'))?.data).toEqual({ v: 2 });
        expect(await sums()).toEqual([2]);
        expect((await store.loadDocuments(old, ['a'])).size).toBe(0);
        const statuses = (await store.generations(projection)).map((generation) => [generation.id, generation.status]);
        expect(statuses).toContainEqual([building, 'active']);
        expect(statuses.filter(([, status]) => status === 'active')).toHaveLength(1);
        expect(statuses.filter(([id]) => id === old).every(([, status]) => status === 'retired')).toBe(true);
      });

      it('reads a collection without an active generation as empty', async () => {
        const projection = uniqueName('unknown');
        expect(await store.get(projection, 'a')).toBeUndefined();
        expect(await store.find(projection)).toEqual([]);
        expect(await store.count(projection)).toBe(0);
      });

      it('refuses to drop the active generation', async () => {
        const { projection, generation } = await activeProjection();
        await store.commit(batch(generation, 1n, { documents: [write('a', 1n, { v: 1 })] }));

        await expect(store.dropGeneration(generation)).rejects.toThrow(/active/);
        expect((await store.get(projection, 'a'))?.data).toEqual({ v: 1 });
      });

      it('drops a building generation with its data, and refuses later commits to it', async () => {
        const { projection, generation: active } = await activeProjection();
        const building = (await store.beginGeneration(projection, 2)).id;
        await store.commit(batch(building, 1n, { documents: [write('a', 1n, { v: 2 })] }));

        await store.dropGeneration(building);

        expect((await store.loadDocuments(building, ['a'])).size).toBe(0);
        const remaining = await store.generations(projection);
        expect(remaining.find((generation) => generation.id === active)?.status).toBe('active');
        expect(remaining.find((generation) => generation.id === building)?.status ?? 'retired').toBe('retired');
        await expect(store.commit(batch(building, 2n, { documents: [write('b', 2n, {})] }))).rejects.toBeInstanceOf(
          GenerationRetiredError,
        );
      });

      it('refuses a commit to a retired generation and writes none of it', async () => {
        const { projection, generation: old } = await activeProjection();
        const metric = uniqueName('metric');
        const next = (await store.beginGeneration(projection, 2)).id;
        await store.commit(batch(old, 1n, { documents: [write('a', 1n, { v: 1 })] }));
        await store.activateGeneration(next);

        const late = batch(old, 5n, {
          documents: [write('a', 5n, { v: 'late' })],
          facts: [fact(metric, '2025-01-01', 5n, { n: 1 })],
          marks: [mark('2003-01-01T00:00:00.000Z', 5n)],
        });
        const error = await store.commit(late).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );

        expect(error).toBeInstanceOf(GenerationRetiredError);
        expect((error as GenerationRetiredError).generation).toBe(old);
        expect(await store.get(projection, 'a')).toBeUndefined();
        expect((await store.loadDocuments(old, ['a'])).size).toBe(0);
        expect(await store.aggregateFacts({ metric, measures: ['n'] })).toEqual([]);
        expect(await store.positionAt(new Date('2003-01-02T00:00:00Z'))).toBeUndefined();
      });

      it('refuses to activate a retired generation', async () => {
        const { projection, generation: old } = await activeProjection();
        const next = (await store.beginGeneration(projection, 2)).id;
        await store.activateGeneration(next);

        await expect(store.activateGeneration(old)).rejects.toThrow();
        expect((await store.generations(projection)).find((generation) => generation.id === next)?.status).toBe('active');
      });

      it('records the checkpoint of every batch', async () => {
        const { projection, generation } = await activeProjection();
        await store.commit(batch(generation, 5n, {}));
        expect((await store.generations(projection))[0].checkpoint).toBe(5n);

        await store.commit(batch(generation, 9n, { documents: [write('a', 7n, {})] }));
        expect((await store.generations(projection))[0].checkpoint).toBe(9n);
      });
    });

    describe('documents', () => {
      it('reads the current version with the position that wrote it', async () => {
        const { projection, generation } = await activeProjection();
        await store.commit(batch(generation, 3n, { documents: [write('a', 3n, { v: 1 }), write('b', 3n, { v: 'b' })] }));
        await store.commit(batch(generation, 7n, { documents: [write('a', 7n, { v: 2, nested: { list: [1, 2] } })] }));

        expect(await store.get(projection, 'a')).toEqual({ id: 'a', position: 7n, data: { v: 2, nested: { list: [1, 2] } } });
        expect(await store.get(projection, 'missing')).toBeUndefined();
        expect(await store.find(projection)).toEqual([
          { id: 'a', position: 7n, data: { v: 2, nested: { list: [1, 2] } } },
          { id: 'b', position: 3n, data: { v: 'b' } },
        ]);
      });

      it('answers as of a position: absent before creation, each version in between, absent after deletion', async () => {
        const { projection, generation } = await activeProjection();
        await store.commit(batch(generation, 10n, { documents: [write('a', 10n, { v: 1 })] }));
        await store.commit(batch(generation, 20n, { documents: [write('a', 20n, { v: 2 })] }));
        await store.commit(batch(generation, 30n, { documents: [write('a', 30n, null)] }));
        const at = async (asOf: bigint) => store.get(projection, 'a', { asOf });

        expect(await at(9n)).toBeUndefined();
        expect(await at(10n)).toEqual({ id: 'a', position: 10n, data: { v: 1 } });
        expect(await at(19n)).toEqual({ id: 'a', position: 10n, data: { v: 1 } });
        expect(await at(20n)).toEqual({ id: 'a', position: 20n, data: { v: 2 } });
        expect(await at(29n)).toEqual({ id: 'a', position: 20n, data: { v: 2 } });
        expect(await at(30n)).toBeUndefined();
        expect(await store.get(projection, 'a')).toBeUndefined();
        expect(await store.find(projection, {}, { asOf: 25n })).toEqual([{ id: 'a', position: 20n, data: { v: 2 } }]);
        expect(await store.find(projection, {}, { asOf: 35n })).toEqual([]);
        expect(await store.count(projection, {}, { asOf: 15n })).toBe(1);
        expect(await store.count(projection)).toBe(0);
      });

      it('brings a deleted document back with a later write', async () => {
        const { projection, generation } = await activeProjection();
        await store.commit(batch(generation, 2n, { documents: [write('a', 1n, { v: 1 }), write('a', 2n, null)] }));
        await store.commit(batch(generation, 4n, { documents: [write('a', 4n, { v: 3 })] }));

        expect(await store.get(projection, 'a')).toEqual({ id: 'a', position: 4n, data: { v: 3 } });
        expect(await store.get(projection, 'a', { asOf: 3n })).toBeUndefined();
        expect((await store.loadDocuments(generation, ['a'])).get('a')?.data).toEqual({ v: 3 });
      });

      it('keeps every write of one batch as its own version', async () => {
        const { projection, generation } = await activeProjection();
        await store.commit(
          batch(generation, 3n, { documents: [write('a', 1n, { n: 1 }), write('b', 2n, { n: 0 }), write('a', 3n, { n: 3 })] }),
        );

        expect((await store.get(projection, 'a', { asOf: 1n }))?.data).toEqual({ n: 1 });
        expect((await store.get(projection, 'a', { asOf: 2n }))?.data).toEqual({ n: 1 });
        expect(await store.get(projection, 'a', { asOf: 3n })).toEqual({ id: 'a', position: 3n, data: { n: 3 } });
        expect(await store.find(projection, { n: 1 }, { asOf: 2n })).toEqual([{ id: 'a', position: 1n, data: { n: 1 } }]);
      });

      it('leaves documents and facts unchanged when a batch is replayed', async () => {
        const { projection, generation } = await activeProjection();
        const metric = uniqueName('metric');
        const replayed = batch(generation, 2n, {
          documents: [write('a', 1n, { v: 1 }), write('a', 2n, { v: 2 })],
          facts: [fact(metric, '2025-01-01', 1n, { n: 5 }), fact(metric, '2025-01-01', 2n, { n: 7 }, {}, 0)],
        });
        await store.commit(replayed);
        const before = {
          current: await store.find(projection),
          first: await store.get(projection, 'a', { asOf: 1n }),
          facts: await store.aggregateFacts({ metric, measures: ['n'] }),
        };

        await store.commit(replayed);

        expect({
          current: await store.find(projection),
          first: await store.get(projection, 'a', { asOf: 1n }),
          facts: await store.aggregateFacts({ metric, measures: ['n'] }),
        }).toEqual(before);
        expect(before.facts).toEqual([{ dims: {}, facts: 2, sums: { n: 12 } }]);
      });

      it('loads the current versions of the asked documents', async () => {
        const { generation } = await activeProjection();
        await store.commit(
          batch(generation, 3n, { documents: [write('a', 1n, { v: 1 }), write('b', 2n, { v: 2 }), write('b', 3n, null)] }),
        );

        const loaded = await store.loadDocuments(generation, ['a', 'b', 'c']);
        expect([...loaded.entries()]).toEqual([['a', { id: 'a', position: 1n, data: { v: 1 } }]]);
        expect((await store.loadDocuments(generation, [])).size).toBe(0);
      });
    });

    describe('find', () => {
      let projection: string;

      beforeEach(async () => {
        const created = await activeProjection();
        projection = created.projection;
        await store.commit(
          batch(created.generation, 4n, {
            documents: [
              write('a', 1n, { name: 'Alpha', score: 10, active: true, site: { code: 'LYS', region: 'EU' }, owner: null, flag: 1 }),
              write('b', 2n, { name: 'Bravo', score: 20, active: false, site: { code: 'NYC', region: 'US' }, owner: 'ann', flag: true }),
              write('c', 3n, { name: 'Charlie', score: 30, active: true, site: { code: 'PAR', region: 'EU' }, code: '10' }),
              write('d', 4n, { name: 'Delta', score: 5, active: false, site: { code: 'BER', region: 'EU' }, owner: 'bob', code: 10 }),
            ],
          }),
        );
      });

      it('matches equality on strings, numbers and nested paths, every condition holding', async () => {
        expect(await ids(projection, { name: 'Bravo' })).toEqual(['b']);
        expect(await ids(projection, { score: 30 })).toEqual(['c']);
        expect(await ids(projection, { 'site.region': 'EU' })).toEqual(['a', 'c', 'd']);
        expect(await ids(projection, { 'site.region': 'EU', active: true })).toEqual(['a', 'c']);
        expect(await ids(projection, { 'site.missing.deep': 'x' })).toEqual([]);
      });

      it('tells booleans from numbers and strings from numbers', async () => {
        expect(await ids(projection, { active: true })).toEqual(['a', 'c']);
        expect(await ids(projection, { active: false })).toEqual(['b', 'd']);
        expect(await ids(projection, { flag: true })).toEqual(['b']);
        expect(await ids(projection, { flag: 1 })).toEqual(['a']);
        expect(await ids(projection, { code: '10' })).toEqual(['c']);
        expect(await ids(projection, { code: 10 })).toEqual(['d']);
      });

      it('matches null on null and missing fields', async () => {
        expect(await ids(projection, { owner: null })).toEqual(['a', 'c']);
        expect(await ids(projection, { owner: { $ne: null } })).toEqual(['b', 'd']);
      });

      it('matches $in and $ne', async () => {
        expect(await ids(projection, { name: { $in: ['Alpha', 'Delta', 'Zulu'] } })).toEqual(['a', 'd']);
        expect(await ids(projection, { owner: { $in: ['ann', null] } })).toEqual(['a', 'b', 'c']);
        expect(await ids(projection, { active: { $in: [false] } })).toEqual(['b', 'd']);
        expect(await ids(projection, { name: { $in: [] } })).toEqual([]);
        expect(await ids(projection, { owner: { $ne: 'ann' } })).toEqual(['a', 'c', 'd']);
        expect(await ids(projection, { active: { $ne: true } })).toEqual(['b', 'd']);
      });

      it('matches ranges, alone or combined, within one type', async () => {
        expect(await ids(projection, { score: { $gt: 10 } })).toEqual(['b', 'c']);
        expect(await ids(projection, { score: { $gte: 10 } })).toEqual(['a', 'b', 'c']);
        expect(await ids(projection, { score: { $lt: 10 } })).toEqual(['d']);
        expect(await ids(projection, { score: { $lte: 10 } })).toEqual(['a', 'd']);
        expect(await ids(projection, { score: { $gt: 5, $lt: 30 } })).toEqual(['a', 'b']);
        expect(await ids(projection, { name: { $gte: 'B', $lt: 'D' } })).toEqual(['b', 'c']);
        expect(await ids(projection, { 'site.code': { $gt: 'M' } })).toEqual(['b', 'c']);
        expect(await ids(projection, { code: { $gt: 0 } })).toEqual(['d']);
      });

      it('sorts by fields then by id, and pages with limit and skip', async () => {
        expect(await ids(projection)).toEqual(['a', 'b', 'c', 'd']);
        expect(await ids(projection, {}, { sort: [{ field: 'score', direction: 'desc' }] })).toEqual(['c', 'b', 'a', 'd']);
        expect(await ids(projection, {}, { sort: [{ field: 'site.region', direction: 'asc' }] })).toEqual(['a', 'c', 'd', 'b']);
        const byRegionThenScore = {
          sort: [
            { field: 'site.region', direction: 'desc' },
            { field: 'score', direction: 'asc' },
          ] as const,
        };
        expect(await ids(projection, {}, byRegionThenScore)).toEqual(['b', 'd', 'a', 'c']);
        expect(await ids(projection, {}, { ...byRegionThenScore, limit: 2 })).toEqual(['b', 'd']);
        expect(await ids(projection, {}, { ...byRegionThenScore, skip: 1, limit: 2 })).toEqual(['d', 'a']);
        expect(await ids(projection, {}, { ...byRegionThenScore, skip: 3 })).toEqual(['c']);
        expect(await ids(projection, { active: true }, { sort: [{ field: 'name', direction: 'desc' }], limit: 1 })).toEqual(['c']);
      });

      it('sorts ties by id in the direction of the last sort field: descending is ascending reversed', async () => {
        const generation = (await store.generations(projection))[0].id;
        await store.commit(batch(generation, 5n, { documents: [write('e', 5n, { name: 'Echo', score: 10 })] }));

        const ascending = await ids(projection, {}, { sort: [{ field: 'score', direction: 'asc' }] });
        expect(ascending).toEqual(['d', 'a', 'e', 'b', 'c']);
        expect(await ids(projection, {}, { sort: [{ field: 'score', direction: 'desc' }] })).toEqual([...ascending].reverse());
      });

      it('counts the documents that match', async () => {
        expect(await store.count(projection)).toBe(4);
        expect(await store.count(projection, { 'site.region': 'EU' })).toBe(3);
        expect(await store.count(projection, { score: { $gte: 100 } })).toBe(0);
      });

      it('filters the versions known at a position', async () => {
        const generation = (await store.generations(projection))[0].id;
        await store.commit(batch(generation, 5n, { documents: [write('a', 5n, { name: 'Alpha', score: 99 })] }));

        expect(await ids(projection, { score: { $gt: 50 } })).toEqual(['a']);
        expect(await ids(projection, { score: { $gt: 50 } }, { asOf: 4n })).toEqual([]);
        expect(await ids(projection, { score: { $lte: 10 } }, { asOf: 4n })).toEqual(['a', 'd']);
        expect(await store.count(projection, { score: 10 }, { asOf: 4n })).toBe(1);
      });

      it('rejects invalid field paths and operators', async () => {
        const invalid: Parameters<ReadStore['find']>[1][] = [
          { "name') OR 1=1 --": 'x' },
          { $where: 'x' },
          { 'a..b': 1 },
          { '': 1 },
          { name: { $regex: 'A' } as never },
          { name: { $in: 'Alpha' } as never },
          { name: { $gt: 1, $ne: 2 } as never },
        ];
        for (const filter of invalid) {
          await expect(store.find(projection, filter)).rejects.toBeInstanceOf(ValidationError);
        }
        await expect(store.find(projection, {}, { sort: [{ field: 'name desc', direction: 'asc' }] })).rejects.toBeInstanceOf(
          ValidationError,
        );
      });
    });

    describe('pages after a sort key', () => {
      let projection: string;
      let generation: number;
      const byDay = (direction: 'asc' | 'desc') => [{ field: 'day', direction }] as const;

      beforeEach(async () => {
        ({ projection, generation } = await activeProjection());
        await store.commit(
          batch(generation, 5n, {
            documents: [
              write('a', 1n, { day: '2025-01-02', team: 'x' }),
              write('b', 2n, { day: '2025-01-01', team: 'y' }),
              write('c', 3n, { day: '2025-01-02', team: 'x' }),
              write('d', 4n, { day: '2025-01-03', team: 'x' }),
              write('e', 5n, { day: '2025-01-02', team: 'y' }),
            ],
          }),
        );
      });

      it('reads what follows the key in the sort order: its ties with a later id, then the later values', async () => {
        const afterA = { values: ['2025-01-02'], id: 'a' };

        expect(await ids(projection, {}, { sort: byDay('asc'), after: afterA })).toEqual(['c', 'e', 'd']);
        expect(await ids(projection, {}, { sort: byDay('asc'), after: afterA, limit: 2 })).toEqual(['c', 'e']);
        expect(await ids(projection, {}, { sort: byDay('asc'), after: afterA, limit: 0 })).toEqual([]);
        expect(await ids(projection, { team: 'x' }, { sort: byDay('asc'), after: afterA })).toEqual(['c', 'd']);
        expect(await ids(projection, {}, { after: { values: [], id: 'c' } })).toEqual(['d', 'e']);
      });

      it('follows a descending order back, and keeps the read own conditions on the sort field', async () => {
        expect(await ids(projection, {}, { sort: byDay('desc'), after: { values: ['2025-01-02'], id: 'e' } })).toEqual(['c', 'a', 'b']);
        expect(
          await ids(projection, { day: { $lte: '2025-01-02' } }, { sort: byDay('asc'), after: { values: ['2025-01-01'], id: 'b' } }),
        ).toEqual(['a', 'c', 'e']);
        expect(await ids(projection, { day: { $gt: '2025-01-02' } }, { sort: byDay('asc'), after: { values: ['2025-01-01'], id: 'b' } })).toEqual([
          'd',
        ]);
      });

      it('pages through the versions known at a position', async () => {
        await store.commit(batch(generation, 7n, { documents: [write('c', 6n, { day: '2025-01-04', team: 'x' }), write('e', 7n, null)] }));
        const afterA = { values: ['2025-01-02'], id: 'a' };

        expect(await ids(projection, {}, { sort: byDay('asc'), after: afterA })).toEqual(['d', 'c']);
        expect(await ids(projection, {}, { sort: byDay('asc'), after: afterA, asOf: 5n })).toEqual(['c', 'e', 'd']);
        expect(await ids(projection, {}, { sort: byDay('asc'), after: afterA, asOf: 6n })).toEqual(['e', 'd', 'c']);
      });

      it('refuses a key that does not fit the sort, and skip beside it', async () => {
        const refused: Parameters<ReadStore['find']>[2][] = [
          { sort: byDay('asc'), after: { values: [], id: 'a' } },
          { sort: byDay('asc'), after: { values: [1 as never], id: 'a' } },
          { sort: byDay('asc'), after: { values: ['2025-01-01'], id: 2 as never } },
          { sort: [...byDay('asc'), { field: 'team', direction: 'desc' }], after: { values: ['2025-01-01', 'x'], id: 'a' } },
          { sort: byDay('asc'), after: { values: ['2025-01-01'], id: 'a' }, skip: 1 },
        ];
        for (const options of refused) await expect(store.find(projection, {}, options)).rejects.toBeInstanceOf(ValidationError);
      });
    });

    describe('declared indexes', () => {
      const indexes = [{ fields: ['team', 'day'] }, { fields: ['day'] }, { fields: ['site.code', 'rank'] }];

      /** Filters and sorts that the indexes serve and some they do not, current and as of positions. */
      async function answers(projection: string) {
        const byDay = [{ field: 'day', direction: 'asc' }] as const;
        const reads = [
          ids(projection, { team: 'x' }, { sort: byDay }),
          ids(projection, { team: 'x' }, { sort: [{ field: 'day', direction: 'desc' }], limit: 2 }),
          ids(projection, { team: 'x' }, { sort: byDay, after: { values: ['2025-01-02'], id: 'b' } }),
          ids(projection, { team: { $in: ['x', 'y'] }, day: { $gte: '2025-01-02' } }, { sort: byDay }),
          ids(projection, { 'site.code': 'LYS' }, { sort: [{ field: 'rank', direction: 'asc' }] }),
          ids(projection, { rank: { $gt: 1 } }),
          ids(projection, { team: 'x' }, { sort: byDay, asOf: 3n }),
          ids(projection, {}, { sort: byDay, after: { values: ['2025-01-01'], id: 'a' }, asOf: 4n }),
          ids(projection, { 'site.code': 'LYS' }, { sort: [{ field: 'rank', direction: 'desc' }], asOf: 2n }),
          store.count(projection, { team: 'x' }, { asOf: 3n }),
          store.get(projection, 'c', { asOf: 3n }),
        ];
        return Promise.all(reads);
      }

      async function indexedProjection() {
        const { projection, generation } = await activeProjection();
        await store.commit(
          batch(generation, 3n, {
            documents: [
              write('a', 1n, { team: 'x', day: '2025-01-01', site: { code: 'LYS' }, rank: 2 }),
              write('b', 1n, { team: 'x', day: '2025-01-02', site: { code: 'LYS' }, rank: 1 }),
              write('c', 2n, { team: 'y', day: '2025-01-02', rank: '3' }),
              write('d', 3n, { team: 'x', day: '2025-01-02' }),
              write('e', 3n, { team: 'x', day: 20250103, site: { code: 'LYS' }, rank: 3 }),
            ],
          }),
        );
        await store.commit(
          batch(generation, 5n, {
            documents: [write('c', 4n, { team: 'x', day: '2025-01-03', rank: 5 }), write('a', 5n, null), write('f', 5n, { team: 'x', day: '2025-01-01' })],
          }),
        );
        return { projection, generation };
      }

      it('change no answer, current or as of a position', async () => {
        const { projection, generation } = await indexedProjection();
        const unindexed = await answers(projection);

        await store.ensureIndexes(generation, indexes);
        await store.ensureIndexes(generation, indexes);

        expect(await answers(projection)).toEqual(unindexed);
        expect(unindexed[0]).toEqual(['e', 'f', 'b', 'd', 'c']);
        expect(unindexed[6]).toEqual(['e', 'a', 'b', 'd']);
      });

      it('go with their generation, and a rebuilt generation has its own', async () => {
        const { projection, generation } = await indexedProjection();
        await store.ensureIndexes(generation, indexes);
        const before = await answers(projection);
        const rebuilt = (await store.beginGeneration(projection, 2)).id;
        await store.ensureIndexes(rebuilt, indexes);
        const documents = [...(await store.loadDocuments(generation, ['b', 'c', 'd', 'e', 'f'])).values()];
        await store.commit(batch(rebuilt, 5n, { documents: documents.map((document) => write(document.id, document.position, document.data)) }));

        await store.activateGeneration(rebuilt);
        await store.ensureIndexes(rebuilt, indexes);

        expect((await answers(projection))[0]).toEqual(before[0]);
        const dropped = (await store.beginGeneration(projection, 3)).id;
        await store.ensureIndexes(dropped, indexes);
        await store.dropGeneration(dropped);
        expect((await answers(projection))[0]).toEqual(before[0]);
      });

      it('refuses an index without fields, with a field twice, or with a bad field', async () => {
        const { generation } = await activeProjection();
        for (const fields of [[], ['day', 'day'], ['day desc']]) {
          await expect(store.ensureIndexes(generation, [{ fields }])).rejects.toBeInstanceOf(ValidationError);
        }
      });
    });

    describe('facts', () => {
      let metric: string;
      let generation: number;

      beforeEach(async () => {
        metric = uniqueName('metric');
        generation = (await activeProjection()).generation;
      });

      async function record(...facts: MetricFact[]): Promise<void> {
        const checkpoint = facts.reduce((max, f) => (f.position > max ? f.position : max), 0n);
        await store.commit(batch(generation, checkpoint, { facts }));
      }

      it('sums by day', async () => {
        await record(
          fact(metric, '2025-03-01T08:00:00Z', 1n, { amount: 100 }),
          fact(metric, '2025-03-01T23:59:59.999Z', 2n, { amount: 50 }),
          fact(metric, '2025-03-02T00:00:00Z', 3n, { amount: 7 }),
        );

        expect(await store.aggregateFacts({ metric, measures: ['amount'], groupBy: { period: 'day' } })).toEqual([
          { period: '2025-03-01', dims: {}, facts: 2, sums: { amount: 150 } },
          { period: '2025-03-02', dims: {}, facts: 1, sums: { amount: 7 } },
        ]);
      });

      it('groups by ISO weeks starting on Monday, across a year boundary', async () => {
        await record(
          fact(metric, '2025-12-28T12:00:00Z', 1n, { n: 1 }),
          fact(metric, '2025-12-29T00:00:00Z', 2n, { n: 10 }),
          fact(metric, '2025-12-31T12:00:00Z', 3n, { n: 10 }),
          fact(metric, '2026-01-01T12:00:00Z', 4n, { n: 10 }),
          fact(metric, '2026-01-04T23:59:59Z', 5n, { n: 10 }),
          fact(metric, '2026-01-05T00:00:00Z', 6n, { n: 100 }),
        );

        expect(await store.aggregateFacts({ metric, measures: ['n'], groupBy: { period: 'week' } })).toEqual([
          { period: '2025-12-22', dims: {}, facts: 1, sums: { n: 1 } },
          { period: '2025-12-29', dims: {}, facts: 4, sums: { n: 40 } },
          { period: '2026-01-05', dims: {}, facts: 1, sums: { n: 100 } },
        ]);
      });

      it('groups by calendar month', async () => {
        await record(
          fact(metric, '2024-02-29T10:00:00Z', 1n, { n: 1 }),
          fact(metric, '2025-01-31T23:59:59Z', 2n, { n: 2 }),
          fact(metric, '2025-01-01T00:00:00Z', 3n, { n: 3 }),
          fact(metric, '2025-02-01T00:00:00Z', 4n, { n: 4 }),
        );

        expect(await store.aggregateFacts({ metric, measures: ['n'], groupBy: { period: 'month' } })).toEqual([
          { period: '2024-02-01', dims: {}, facts: 1, sums: { n: 1 } },
          { period: '2025-01-01', dims: {}, facts: 2, sums: { n: 5 } },
          { period: '2025-02-01', dims: {}, facts: 1, sums: { n: 4 } },
        ]);
      });

      it('groups by dimensions, alone or with a period', async () => {
        await record(
          fact(metric, '2025-05-01', 1n, { n: 1 }, { site: 'PAR', kind: 'x' }),
          fact(metric, '2025-05-01', 2n, { n: 2 }, { site: 'LYS', kind: 'x' }),
          fact(metric, '2025-05-02', 3n, { n: 4 }, { site: 'PAR', kind: 'y' }),
          fact(metric, '2025-05-02', 4n, { n: 8 }, { site: 'LYS', kind: 'x' }),
        );

        expect(await store.aggregateFacts({ metric, measures: ['n'], groupBy: { dims: ['site'] } })).toEqual([
          { dims: { site: 'LYS' }, facts: 2, sums: { n: 10 } },
          { dims: { site: 'PAR' }, facts: 2, sums: { n: 5 } },
        ]);
        expect(await store.aggregateFacts({ metric, measures: ['n'], groupBy: { period: 'day', dims: ['site', 'kind'] } })).toEqual([
          { period: '2025-05-01', dims: { site: 'LYS', kind: 'x' }, facts: 1, sums: { n: 2 } },
          { period: '2025-05-01', dims: { site: 'PAR', kind: 'x' }, facts: 1, sums: { n: 1 } },
          { period: '2025-05-02', dims: { site: 'LYS', kind: 'x' }, facts: 1, sums: { n: 8 } },
          { period: '2025-05-02', dims: { site: 'PAR', kind: 'y' }, facts: 1, sums: { n: 4 } },
        ]);
      });

      it('groups the facts that lack a dimension under null', async () => {
        await record(fact(metric, '2025-05-01', 1n, { n: 1 }, { site: 'PAR' }), fact(metric, '2025-05-01', 2n, { n: 2 }));

        const groups = await store.aggregateFacts({ metric, measures: ['n'], groupBy: { dims: ['site'] } });
        expect(groups).toHaveLength(2);
        expect(groups).toContainEqual({ dims: { site: null }, facts: 1, sums: { n: 2 } });
        expect(groups).toContainEqual({ dims: { site: 'PAR' }, facts: 1, sums: { n: 1 } });
      });

      it('filters by one dimension value or a list of them', async () => {
        await record(
          fact(metric, '2025-05-01', 1n, { n: 1 }, { site: 'PAR', kind: 'x' }),
          fact(metric, '2025-05-01', 2n, { n: 2 }, { site: 'LYS', kind: 'x' }),
          fact(metric, '2025-05-01', 3n, { n: 4 }, { site: 'NYC', kind: 'y' }),
          fact(metric, '2025-05-01', 4n, { n: 8 }, { kind: 'y' }),
        );

        expect(await store.aggregateFacts({ metric, measures: ['n'], where: { site: 'PAR' } })).toEqual([
          { dims: {}, facts: 1, sums: { n: 1 } },
        ]);
        expect(await store.aggregateFacts({ metric, measures: ['n'], where: { site: ['PAR', 'NYC'] } })).toEqual([
          { dims: {}, facts: 2, sums: { n: 5 } },
        ]);
        expect(await store.aggregateFacts({ metric, measures: ['n'], where: { kind: 'x' }, groupBy: { dims: ['site'] } })).toEqual([
          { dims: { site: 'LYS' }, facts: 1, sums: { n: 2 } },
          { dims: { site: 'PAR' }, facts: 1, sums: { n: 1 } },
        ]);
        expect(await store.aggregateFacts({ metric, measures: ['n'], where: { site: 'ROM' } })).toEqual([]);
      });

      it('keeps the business dates from `from` included to `to` excluded', async () => {
        await record(
          fact(metric, '2025-02-28T23:59:59Z', 1n, { n: 1 }),
          fact(metric, '2025-03-01T00:00:00Z', 2n, { n: 2 }),
          fact(metric, '2025-03-15T12:00:00Z', 3n, { n: 4 }),
          fact(metric, '2025-03-31T23:59:59Z', 4n, { n: 8 }),
          fact(metric, '2025-04-01T00:00:00Z', 5n, { n: 16 }),
        );

        const march = { metric, measures: ['n'], from: '2025-03-01', to: '2025-04-01' };
        expect(await store.aggregateFacts(march)).toEqual([{ dims: {}, facts: 3, sums: { n: 14 } }]);
        expect(await store.aggregateFacts({ ...march, from: '2025-03-15' })).toEqual([{ dims: {}, facts: 2, sums: { n: 12 } }]);
        expect(await store.aggregateFacts({ metric, measures: ['n'], to: '2025-03-01T00:00:00Z' })).toEqual([
          { dims: {}, facts: 1, sums: { n: 1 } },
        ]);
      });

      it('counts only the facts at or below `asOf`', async () => {
        await record(fact(metric, '2025-06-01', 10n, { n: 1 }), fact(metric, '2025-06-02', 20n, { n: 2 }));
        await record(fact(metric, '2025-06-01', 30n, { n: 4 }));
        const byDay = (asOf?: bigint) => store.aggregateFacts({ metric, measures: ['n'], groupBy: { period: 'day' }, asOf });

        expect(await byDay(5n)).toEqual([]);
        expect(await byDay(10n)).toEqual([{ period: '2025-06-01', dims: {}, facts: 1, sums: { n: 1 } }]);
        expect(await byDay(29n)).toEqual([
          { period: '2025-06-01', dims: {}, facts: 1, sums: { n: 1 } },
          { period: '2025-06-02', dims: {}, facts: 1, sums: { n: 2 } },
        ]);
        expect(await byDay(30n)).toEqual(await byDay());
        expect(await byDay()).toEqual([
          { period: '2025-06-01', dims: {}, facts: 2, sums: { n: 5 } },
          { period: '2025-06-02', dims: {}, facts: 1, sums: { n: 2 } },
        ]);
      });

      it('nets signed corrections out, counting them as facts', async () => {
        await record(fact(metric, '2025-06-01', 10n, { amount: 500, count: 1 }, { site: 'PAR' }));
        await record(fact(metric, '2025-06-01', 20n, { amount: -500, count: -1 }, { site: 'PAR' }));

        const query = { metric, measures: ['amount', 'count'], groupBy: { dims: ['site'] } };
        expect(await store.aggregateFacts(query)).toEqual([{ dims: { site: 'PAR' }, facts: 2, sums: { amount: 0, count: 0 } }]);
        expect(await store.aggregateFacts({ ...query, asOf: 15n })).toEqual([
          { dims: { site: 'PAR' }, facts: 1, sums: { amount: 500, count: 1 } },
        ]);
      });

      it('sums several measures, counts several facts of one event, and sums a missing measure as 0', async () => {
        await record(
          fact(metric, '2025-06-01', 1n, { amount: 10, qty: 1 }, {}, 0),
          fact(metric, '2025-06-01', 1n, { amount: 20 }, {}, 1),
        );

        expect(await store.aggregateFacts({ metric, measures: ['amount', 'qty', 'absent'] })).toEqual([
          { dims: {}, facts: 2, sums: { amount: 30, qty: 1, absent: 0 } },
        ]);
        expect(await store.aggregateFacts({ metric, measures: [] })).toEqual([{ dims: {}, facts: 2, sums: {} }]);
      });

      it('sums exact measures to the last digit past 2^53: within a series, across series, as of a position, by period', async () => {
        const big = Number.MAX_SAFE_INTEGER;
        const amounts = [big, big, big - 2, big, 5 - big];
        await record(
          fact(metric, '2025-07-01T09:00:00Z', 1n, { amount: amounts[0], n: 1 }, { site: 'PAR' }),
          fact(metric, '2025-07-01T10:00:00Z', 2n, { amount: amounts[1], n: 1 }, { site: 'PAR' }),
        );
        await record(
          fact(metric, '2025-07-01T11:00:00Z', 3n, { amount: amounts[2] }, { site: 'PAR' }),
          fact(metric, '2025-07-02T09:00:00Z', 4n, { amount: amounts[3] }, { site: 'LYS' }),
          fact(metric, '2025-07-02T10:00:00Z', 5n, { amount: amounts[4] }, { site: 'LYS' }),
        );
        const exact = (from: number, to: number) => amounts.slice(from, to).reduce((sum, amount) => sum + BigInt(amount), 0n);
        const query = { metric, measures: ['n'], exactMeasures: ['amount', 'absent'] };

        expect(exact(0, 3)).toBeGreaterThan(2n ** 54n);
        expect(await store.aggregateFacts(query)).toEqual([{ dims: {}, facts: 5, sums: { n: 2 }, exactSums: { amount: exact(0, 5), absent: 0n } }]);
        expect(await store.aggregateFacts({ ...query, asOf: 2n })).toEqual([
          { dims: {}, facts: 2, sums: { n: 2 }, exactSums: { amount: exact(0, 2), absent: 0n } },
        ]);
        expect(await store.aggregateFacts({ ...query, exactMeasures: ['amount'], groupBy: { period: 'day', dims: ['site'] } })).toEqual([
          { period: '2025-07-01', dims: { site: 'PAR' }, facts: 3, sums: { n: 2 }, exactSums: { amount: exact(0, 3) } },
          { period: '2025-07-02', dims: { site: 'LYS' }, facts: 2, sums: { n: 0 }, exactSums: { amount: exact(3, 5) } },
        ]);
        expect(await store.aggregateFacts({ ...query, exactMeasures: [], asOf: 4n, groupBy: { period: 'month' } })).toEqual([
          { period: '2025-07-01', dims: {}, facts: 4, sums: { n: 2 }, exactSums: {} },
        ]);
      });

      it('reads the facts of every active generation and none of building ones', async () => {
        const other = await activeProjection();
        const building = (await store.beginGeneration(other.projection, 2)).id;
        await record(fact(metric, '2025-06-01', 1n, { n: 1 }));
        await store.commit(batch(other.generation, 1n, { facts: [fact(metric, '2025-06-01', 1n, { n: 2 })] }));
        await store.commit(batch(building, 1n, { facts: [fact(metric, '2025-06-01', 1n, { n: 4 })] }));

        expect(await store.aggregateFacts({ metric, measures: ['n'] })).toEqual([{ dims: {}, facts: 2, sums: { n: 3 } }]);
        expect(await store.aggregateFacts({ metric: uniqueName('metric'), measures: ['n'] })).toEqual([]);
      });

      it('rejects invalid queries', async () => {
        const invalid = [
          { metric, measures: ['a b'] },
          { metric, measures: [], exactMeasures: ['a"b'] },
          { metric, measures: ['n'], groupBy: { dims: ['site"'] } },
          { metric, measures: ['n'], groupBy: { period: 'year' as never } },
          { metric, measures: ['n'], where: { 'x)': 'a' } },
          { metric, measures: ['n'], from: 'yesterday' },
        ];
        for (const query of invalid) {
          await expect(store.aggregateFacts(query)).rejects.toBeInstanceOf(ValidationError);
        }
      });
    });

    describe('distributions', () => {
      let metric: string;
      let projection: string;
      let generation: number;

      beforeEach(async () => {
        metric = uniqueName('metric');
        ({ projection, generation } = await activeProjection());
      });

      async function record(...facts: MetricFact[]): Promise<void> {
        const checkpoint = facts.reduce((max, f) => (f.position > max ? f.position : max), 0n);
        await store.commit(batch(generation, checkpoint, { facts }));
      }

      /** A fact that counts `seconds` `times` times. */
      const duration = (occurredAt: string, position: bigint, seconds: number, times = 1, dims: Record<string, string> = {}, index = 0) =>
        fact(metric, occurredAt, position, { count: times }, { ...dims, seconds: String(seconds) }, index);
      const query = (extra: Partial<DistributionQuery> = {}): DistributionQuery => ({
        metric,
        value: 'seconds',
        weight: 'count',
        percentiles: [50, 90],
        atMost: [60],
        ...extra,
      });

      it('reads nearest-rank percentiles, the count, the sum and the values at most a threshold', async () => {
        const seconds = [30, 10, 120, 60, 45, 600, 20, 90, 15, 75];
        await record(...seconds.map((value, i) => duration('2025-03-03T10:00:00Z', BigInt(i + 1), value, 1, {}, 0)));

        expect(await store.distributeFacts(query({ percentiles: [10, 50, 90, 100], atMost: [0, 60, 1000] }))).toEqual([
          { dims: {}, facts: 10, count: 10, sum: 1065, percentiles: [10, 45, 120, 600], atMost: [0, 6, 10] },
        ]);
      });

      it('nets a value taken back before it counts towards a rank, current and as of each position', async () => {
        await record(duration('2025-03-03', 1n, 5), duration('2025-03-03', 2n, 50));
        await record(duration('2025-03-03', 3n, 5, -1), duration('2025-03-03', 4n, 500));

        expect(await store.distributeFacts(query())).toEqual([{ dims: {}, facts: 4, count: 2, sum: 550, percentiles: [50, 500], atMost: [1] }]);
        expect(await store.distributeFacts(query({ asOf: 2n }))).toEqual([{ dims: {}, facts: 2, count: 2, sum: 55, percentiles: [5, 50], atMost: [2] }]);
        expect(await store.distributeFacts(query({ asOf: 3n }))).toEqual([{ dims: {}, facts: 3, count: 1, sum: 50, percentiles: [50, 50], atMost: [1] }]);
        expect(await store.distributeFacts(query({ asOf: 0n }))).toEqual([]);
      });

      it('keeps a group whose values were all taken back, with no percentile', async () => {
        await record(duration('2025-03-03', 1n, 5, 1, { site: 'PAR' }), duration('2025-03-03', 2n, 5, -1, { site: 'PAR' }));

        expect(await store.distributeFacts(query({ groupBy: { dims: ['site'] } }))).toEqual([
          { dims: { site: 'PAR' }, facts: 2, count: 0, sum: 0, percentiles: [null, null], atMost: [0] },
        ]);
      });

      it('groups by period and dims, nulls first, and filters by days and dims', async () => {
        await record(
          duration('2025-03-02T23:00:00Z', 1n, 10, 1, { site: 'PAR' }),
          duration('2025-03-03T08:00:00Z', 2n, 20, 1, { site: 'PAR', kind: 'x' }),
          duration('2025-03-04T08:00:00Z', 3n, 30, 1, { kind: 'x' }),
          duration('2025-03-11T08:00:00Z', 4n, 40, 1, { site: 'LYS', kind: 'y' }),
        );
        const figures = (value: number) => ({ facts: 1, count: 1, sum: value, percentiles: [value, value], atMost: [1] });

        expect(await store.distributeFacts(query({ groupBy: { period: 'week', dims: ['site'] } }))).toEqual([
          { period: '2025-02-24', dims: { site: 'PAR' }, ...figures(10) },
          { period: '2025-03-03', dims: { site: null }, ...figures(30) },
          { period: '2025-03-03', dims: { site: 'PAR' }, ...figures(20) },
          { period: '2025-03-10', dims: { site: 'LYS' }, ...figures(40) },
        ]);
        expect(await store.distributeFacts(query({ from: '2025-03-03', to: '2025-03-11', where: { kind: 'x' } }))).toEqual([
          { dims: {}, facts: 2, count: 2, sum: 50, percentiles: [20, 30], atMost: [2] },
        ]);
        expect(await store.distributeFacts(query({ where: { site: ['LYS', 'NYC'] }, groupBy: { period: 'month' } }))).toEqual([
          { period: '2025-03-01', dims: {}, ...figures(40) },
        ]);
      });

      it('leaves out a fact whose value is missing or not a number', async () => {
        await record(
          duration('2025-03-03', 1n, 7),
          fact(metric, '2025-03-03', 2n, { count: 1 }, { seconds: 'soon' }),
          fact(metric, '2025-03-03', 3n, { count: 1 }, {}),
        );

        expect(await store.distributeFacts(query())).toEqual([{ dims: {}, facts: 1, count: 1, sum: 7, percentiles: [7, 7], atMost: [1] }]);
      });

      it('follows later commits, a batch stored below facts stored before, and a rebuilt generation', async () => {
        await record(duration('2025-03-03', 10n, 100));
        expect((await store.distributeFacts(query()))[0]!.count).toBe(1);
        await record(duration('2025-03-03', 20n, 200));
        await record(duration('2025-03-03', 5n, 50));
        expect(await store.distributeFacts(query())).toEqual([{ dims: {}, facts: 3, count: 3, sum: 350, percentiles: [100, 200], atMost: [1] }]);

        const rebuilt = await store.beginGeneration(projection, 2);
        await store.commit(batch(rebuilt.id, 30n, { facts: [duration('2025-03-03', 30n, 1)] }));
        expect((await store.distributeFacts(query()))[0]!.count).toBe(3);
        await store.activateGeneration(rebuilt.id);
        expect(await store.distributeFacts(query())).toEqual([{ dims: {}, facts: 1, count: 1, sum: 1, percentiles: [1, 1], atMost: [1] }]);
      });

      it('reads every active generation that holds the metric, whatever the order of their positions', async () => {
        const reference = async (asked: DistributionQuery) => distributionFromValueGroups(asked, await store.aggregateFacts(valueGroupsQuery(asked)));
        await record(duration('2025-03-03', 10n, 10), duration('2025-03-03', 20n, 20));
        const other = await activeProjection();
        await store.commit(batch(other.generation, 5n, { facts: [duration('2025-03-03', 5n, 5)] }));
        expect(await store.distributeFacts(query())).toEqual(await reference(query()));
        await store.commit(batch(other.generation, 12n, { facts: [duration('2025-03-03', 12n, 12)] }));
        for (const asOf of [undefined, 11n, 15n]) expect(await store.distributeFacts(query({ asOf }))).toEqual(await reference(query({ asOf })));
        expect(await store.distributeFacts(query())).toEqual([{ dims: {}, facts: 4, count: 4, sum: 47, percentiles: [10, 20], atMost: [4] }]);
      });

      it('equals the distribution folded from the groups of one value each, for generated facts and reads', async () => {
        const days = ['2025-03-02', '2025-03-03', '2025-03-09', '2025-03-10', '2025-04-01'];
        const arbitraryFact = fc.record({
          day: fc.constantFrom(...days),
          seconds: fc.integer({ min: 0, max: 40 }),
          takeBack: fc.boolean(),
          site: fc.constantFrom('PAR', 'LYS', undefined),
        });
        const arbitraryRead = fc.record({
          asOf: fc.option(fc.bigInt({ min: 0n, max: 60n }), { nil: undefined }),
          period: fc.constantFrom('day', 'week', 'month', undefined),
          bySite: fc.boolean(),
          from: fc.constantFrom('2025-03-03', undefined),
          where: fc.constantFrom({ site: 'PAR' }, undefined),
          percentiles: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
        });
        await fc.assert(
          fc.asyncProperty(fc.array(arbitraryFact, { minLength: 1, maxLength: 40 }), fc.array(arbitraryRead, { minLength: 1, maxLength: 4 }), async (facts, reads) => {
            metric = uniqueName('metric');
            ({ projection, generation } = await activeProjection());
            // A take-back takes back the latest value counted and not yet taken back, as a projection's do.
            const counted: (typeof facts)[number][] = [];
            const stored = facts.map((f, i) => {
              const takenBack = f.takeBack ? counted.pop() : undefined;
              if (takenBack === undefined) counted.push(f);
              const { day, seconds, site } = takenBack ?? f;
              return duration(day, BigInt(i + 1), seconds, takenBack ? -1 : 1, site === undefined ? {} : { site });
            });
            // A read after each batch, so that reads also meet facts the store took in since the last one.
            for (let at = 0, batch = 0; at < stored.length; at += 7, batch++) {
              await record(...stored.slice(at, at + 7));
              const read = reads[batch % reads.length]!;
              const asked = query({
                asOf: read.asOf,
                from: read.from,
                where: read.where,
                percentiles: read.percentiles,
                atMost: [10, 20],
                groupBy: { period: read.period, dims: read.bySite ? ['site'] : [] },
              });
              expect(await store.distributeFacts(asked)).toEqual(distributionFromValueGroups(asked, await store.aggregateFacts(valueGroupsQuery(asked))));
            }
          }),
          { numRuns: 60 },
        );
      });

      it('rejects invalid queries', async () => {
        const invalid: Partial<DistributionQuery>[] = [
          { value: 'a b' },
          { weight: 'x"' },
          { percentiles: [0] },
          { percentiles: [101] },
          { atMost: [Infinity] },
          { groupBy: { dims: ['seconds'] } },
          { groupBy: { period: 'year' as never } },
          { where: { 'x)': 'a' } },
          { from: 'yesterday' },
        ];
        for (const extra of invalid) {
          await expect(store.distributeFacts(query(extra))).rejects.toBeInstanceOf(ValidationError);
        }
      });
    });

    describe('atomic commit', () => {
      const failures: [string, BatchContent][] = [
        [
          'a fact with an invalid business date',
          {
            documents: [write('a', 20n, { v: 2 }), write('b', 21n, { v: 1 })],
            facts: [fact('m', '2025-01-02', 20n, { n: 1 }), fact('m', 'not a date', 21n, { n: 1 })],
          },
        ],
        [
          'a fact with a measure that is not a finite number',
          {
            documents: [write('a', 20n, { v: 2 }), write('b', 21n, { v: 1 })],
            facts: [fact('m', '2025-01-02', 20n, { n: 1 }), fact('m', '2025-01-02', 21n, { n: Number.NaN })],
          },
        ],
        [
          'a fact with a whole measure past 2^53, which no number holds exactly',
          {
            documents: [write('a', 20n, { v: 2 }), write('b', 21n, { v: 1 })],
            facts: [fact('m', '2025-01-02', 20n, { n: 1 }), fact('m', '2025-01-02', 21n, { n: 2 ** 53 })],
          },
        ],
        [
          'a document whose data is not JSON',
          {
            documents: [write('a', 20n, { v: 2 }), write('b', 21n, { v: 1n })],
            facts: [fact('m', '2025-01-02', 20n, { n: 1 })],
          },
        ],
      ];

      it.each(failures)('writes nothing of a batch that fails part-way: %s', async (_reason, content) => {
        const { projection, generation } = await activeProjection();
        const metric = uniqueName('metric');
        const withMetric = (facts: readonly MetricFact[] = []) => facts.map((f) => ({ ...f, metric }));
        await store.commit(
          batch(generation, 10n, {
            documents: [write('a', 10n, { v: 1 })],
            facts: withMetric([fact('m', '2025-01-01', 10n, { n: 1 })]),
            marks: [mark('2002-01-01T00:00:00.000Z', 10n)],
          }),
        );
        const failing = batch(generation, 21n, {
          documents: content.documents,
          facts: withMetric(content.facts),
          marks: [mark('2002-01-02T00:00:00.000Z', 21n)],
        });

        await expect(store.commit(failing)).rejects.toThrow();

        expect(await store.find(projection, {}, { asOf: 21n })).toEqual([{ id: 'a', position: 10n, data: { v: 1 } }]);
        expect(await store.get(projection, 'b')).toBeUndefined();
        expect((await store.loadDocuments(generation, ['a', 'b'])).get('a')?.position).toBe(10n);
        expect(await store.aggregateFacts({ metric, measures: ['n'] })).toEqual([{ dims: {}, facts: 1, sums: { n: 1 } }]);
        expect(await store.positionAt(new Date('2002-01-03T00:00:00Z'))).toBe(10n);
        expect((await store.generations(projection))[0].checkpoint).toBe(10n);
      });
    });

    describe('time marks', () => {
      it('resolves a time to the greatest position recorded at or before it', async () => {
        const { generation } = await activeProjection();
        expect(await store.positionAt(new Date('2001-01-01T10:00:00Z'))).toBeUndefined();
        await store.commit(
          batch(generation, 30n, {
            marks: [mark('2001-01-01T10:00:00.000Z', 10n), mark('2001-01-01T11:00:00.000Z', 20n), mark('2001-01-01T12:00:00.000Z', 30n)],
          }),
        );

        expect(await store.positionAt(new Date('2001-01-01T09:59:59.999Z'))).toBeUndefined();
        expect(await store.positionAt(new Date('2001-01-01T10:00:00.000Z'))).toBe(10n);
        expect(await store.positionAt(new Date('2001-01-01T11:30:00.000Z'))).toBe(20n);
        expect(await store.positionAt(new Date('2001-06-01T00:00:00.000Z'))).toBe(30n);
      });

      it('keeps the greatest position of marks recorded at the same instant', async () => {
        const { generation } = await activeProjection();
        await store.commit(batch(generation, 15n, { marks: [mark('2004-01-01T10:00:00.000Z', 15n)] }));
        await store.commit(batch(generation, 15n, { marks: [mark('2004-01-01T10:00:00.000Z', 12n)] }));

        expect(await store.positionAt(new Date('2004-01-01T10:00:00.000Z'))).toBe(15n);
      });
    });

    const LONG = 60_000;

    /** Tries until `holder` gets the lease; bounded, so that a lease that never expires fails the test. */
    async function acquiredEventually(name: string, holder: string, ttlMs: number): Promise<Lease> {
      for (let attempt = 0; attempt < 500; attempt++) {
        const lease = await store.acquireLease(name, holder, ttlMs);
        if (lease) return lease;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`${holder} never got lease ${name}`);
    }

    describe('leases', () => {
      it('grants a free lease, renews it for its holder with the same token and refuses it to others while it is live', async () => {
        const name = uniqueName('lease');

        const granted = await store.acquireLease(name, 'a', LONG);
        expect(granted).toEqual({ name, holder: 'a', token: expect.any(Number) });
        expect(await store.acquireLease(name, 'a', LONG)).toEqual(granted);
        expect(await store.acquireLease(name, 'b', LONG)).toBeUndefined();
        expect(await store.acquireLease(uniqueName('lease'), 'b', LONG)).toMatchObject({ holder: 'b' });
      });

      it('lets another holder take an expired lease with a greater token, after which the old holder is refused', async () => {
        const name = uniqueName('lease');
        const first = (await store.acquireLease(name, 'a', 1))!;

        const taken = await acquiredEventually(name, 'b', LONG);

        expect(taken.token).toBeGreaterThan(first.token);
        expect(await store.acquireLease(name, 'a', LONG)).toBeUndefined();
      });

      it('gives a new token to a holder that takes its own lease back after it expired', async () => {
        const name = uniqueName('lease');
        const first = (await store.acquireLease(name, 'a', 1))!;
        await new Promise((resolve) => setTimeout(resolve, 20));

        const again = await store.acquireLease(name, 'a', LONG);

        expect(again?.token).toBeGreaterThan(first.token);
      });

      it('frees a lease released by its holder at once, and ignores a release by another holder', async () => {
        const name = uniqueName('lease');
        const first = (await store.acquireLease(name, 'a', LONG))!;

        await store.releaseLease(name, 'b');
        expect(await store.acquireLease(name, 'b', LONG)).toBeUndefined();

        await store.releaseLease(name, 'a');
        expect((await store.acquireLease(name, 'b', LONG))?.token).toBeGreaterThan(first.token);
        await store.releaseLease(uniqueName('lease'), 'a');
      });

      it('grants a free lease to exactly one of concurrent holders', async () => {
        const name = uniqueName('lease');
        const granted = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((holder) => store.acquireLease(name, holder, LONG)));

        expect(granted.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('fenced commits', () => {
      /** A projection with one committed batch, written under a lease of holder `a` that lasts `ttlMs`. */
      async function fencedProjection(ttlMs = LONG) {
        const { projection, generation } = await activeProjection();
        const metric = uniqueName('metric');
        const name = uniqueName('lease');
        const lease = (await store.acquireLease(name, 'a', ttlMs))!;
        await store.commit({
          ...batch(generation, 10n, {
            documents: [write('a', 10n, { v: 1 })],
            facts: [fact(metric, '2025-01-01', 10n, { n: 1 })],
            marks: [mark('2003-01-01T00:00:00.000Z', 10n)],
          }),
          lease,
        });
        return { projection, generation, metric, name, lease };
      }

      function laterBatch(generation: number, metric: string): ProjectionBatch {
        return batch(generation, 21n, {
          documents: [write('a', 20n, { v: 2 }), write('b', 21n, { v: 1 })],
          facts: [fact(metric, '2025-01-02', 20n, { n: 5 })],
          marks: [mark('2003-01-02T00:00:00.000Z', 21n)],
        });
      }

      async function expectUnchangedSinceFirstBatch(projection: string, generation: number, metric: string): Promise<void> {
        expect(await store.find(projection)).toEqual([{ id: 'a', position: 10n, data: { v: 1 } }]);
        expect((await store.loadDocuments(generation, ['a', 'b'])).get('a')?.position).toBe(10n);
        expect(await store.aggregateFacts({ metric, measures: ['n'] })).toEqual([{ dims: {}, facts: 1, sums: { n: 1 } }]);
        expect(await store.positionAt(new Date('2003-01-03T00:00:00Z'))).toBe(10n);
        expect((await store.generations(projection))[0].checkpoint).toBe(10n);
      }

      async function refusal(commit: Promise<void>): Promise<unknown> {
        return commit.then(
          () => undefined,
          (error: unknown) => error,
        );
      }

      it('commits under the current lease', async () => {
        const { projection, generation, metric, lease } = await fencedProjection();

        await store.commit({ ...laterBatch(generation, metric), lease });

        expect(await ids(projection)).toEqual(['a', 'b']);
        expect((await store.generations(projection))[0].checkpoint).toBe(21n);
      });

      it('refuses the commit of a holder frozen past its expiry while another took the lease over, and writes none of it', async () => {
        const { projection, generation, metric, name, lease } = await fencedProjection(1);
        const taken = await acquiredEventually(name, 'b', LONG);

        const error = await refusal(store.commit({ ...laterBatch(generation, metric), lease }));

        expect(error).toBeInstanceOf(LeaseLostError);
        expect((error as LeaseLostError).lease).toEqual(lease);
        await expectUnchangedSinceFirstBatch(projection, generation, metric);
        await store.commit({ ...batch(generation, 11n, { documents: [write('c', 11n, { v: 1 })] }), lease: taken });
        expect(await ids(projection)).toEqual(['a', 'c']);
      });

      it('refuses a commit under an old token of the same holder, once it took the lease again after a release', async () => {
        const { projection, generation, metric, name, lease } = await fencedProjection();
        await store.releaseLease(name, 'a');
        await store.acquireLease(name, 'a', LONG);

        expect(await refusal(store.commit({ ...laterBatch(generation, metric), lease }))).toBeInstanceOf(LeaseLostError);
        await expectUnchangedSinceFirstBatch(projection, generation, metric);
      });

      it('refuses a commit under a lease that does not exist', async () => {
        const { projection, generation, metric } = await fencedProjection();
        const unknown = { name: uniqueName('lease'), holder: 'a', token: 1 };

        expect(await refusal(store.commit({ ...laterBatch(generation, metric), lease: unknown }))).toBeInstanceOf(LeaseLostError);
        await expectUnchangedSinceFirstBatch(projection, generation, metric);
      });

      it('checks no lease for a batch that carries none', async () => {
        const { projection, generation, metric, name } = await fencedProjection();
        await store.acquireLease(name, 'b', LONG);

        await store.commit(laterBatch(generation, metric));

        expect(await ids(projection)).toEqual(['a', 'b']);
      });
    });

    describe('batches of several projections', () => {
      it('writes each batch as commit would: documents, facts, marks and checkpoint', async () => {
        const first = await activeProjection();
        const second = await activeProjection();
        const metric = uniqueName('metric');
        const lease = (await store.acquireLease(uniqueName('lease'), 'a', LONG))!;

        const refusals = await store.commitBatches([
          { ...batch(first.generation, 12n, { documents: [write('a', 11n, { v: 1 }), write('a', 12n, { v: 2 })], marks: [mark('2004-01-01T00:00:00.000Z', 12n)] }), lease },
          batch(second.generation, 12n, { facts: [fact(metric, '2025-01-01', 12n, { n: 3 })], marks: [mark('2004-01-01T00:00:00.000Z', 12n)] }),
        ]);

        expect(refusals).toEqual([undefined, undefined]);
        expect(await store.get(first.projection, 'a')).toEqual({ id: 'a', position: 12n, data: { v: 2 } });
        expect((await store.get(first.projection, 'a', { asOf: 11n }))?.data).toEqual({ v: 1 });
        expect(await store.aggregateFacts({ metric, measures: ['n'] })).toEqual([{ dims: {}, facts: 1, sums: { n: 3 } }]);
        expect(await store.positionAt(new Date('2004-01-01T00:00:00Z'))).toBe(12n);
        expect((await store.generations(first.projection))[0].checkpoint).toBe(12n);
        expect((await store.generations(second.projection))[0].checkpoint).toBe(12n);
      });

      it('refuses a batch whose lease or generation no longer stands, or whose data has no JSON form, alone', async () => {
        const [kept, leased, retired, invalid] = await Promise.all([1, 2, 3, 4].map(() => activeProjection()));
        const name = uniqueName('lease');
        const lost = (await store.acquireLease(name, 'a', LONG))!;
        await store.releaseLease(name, 'a');
        await store.acquireLease(name, 'b', LONG);
        await store.activateGeneration((await store.beginGeneration(retired.projection, 2)).id);
        const documents = [write('a', 5n, { v: 1 })];

        const refusals = await store.commitBatches([
          batch(kept.generation, 5n, { documents, marks: [mark('2005-01-01T00:00:00.000Z', 5n)] }),
          { ...batch(leased.generation, 5n, { documents }), lease: lost },
          batch(retired.generation, 5n, { documents }),
          batch(invalid.generation, 5n, { documents: [write('a', 5n, { v: 1n })] }),
        ]);

        expect(refusals[0]).toBeUndefined();
        expect(refusals[1]).toEqual(new LeaseLostError(lost));
        expect(refusals[2]).toEqual(new GenerationRetiredError(retired.generation));
        expect(refusals[3]).toBeInstanceOf(ValidationError);
        expect(await ids(kept.projection)).toEqual(['a']);
        expect((await store.generations(kept.projection))[0].checkpoint).toBe(5n);
        expect(await store.positionAt(new Date('2005-01-02T00:00:00Z'))).toBe(5n);
        for (const refused of [leased, invalid]) {
          expect(await ids(refused.projection)).toEqual([]);
          expect((await store.generations(refused.projection))[0].checkpoint).toBeUndefined();
        }
        expect((await store.loadDocuments(retired.generation, ['a'])).size).toBe(0);
      });

      it('keeps for each instant the last position the batches recorded at it', async () => {
        const [first, second] = await Promise.all([1, 2].map(() => activeProjection()));

        await store.commitBatches([
          batch(first.generation, 8n, { marks: [mark('2006-01-01T00:00:00.000Z', 7n), mark('2006-01-02T00:00:00.000Z', 8n)] }),
          batch(second.generation, 9n, { marks: [mark('2006-01-01T00:00:00.000Z', 6n), mark('2006-01-02T00:00:00.000Z', 9n)] }),
        ]);

        expect(await store.positionAt(new Date('2006-01-01T12:00:00Z'))).toBe(7n);
        expect(await store.positionAt(new Date('2006-01-02T12:00:00Z'))).toBe(9n);
      });
    });
  });
}
