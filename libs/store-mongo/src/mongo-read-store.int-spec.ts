import { readStoreContract } from '../../../test/contract/read-store.contract.js';
import { dropMongoDatabase, freshMongoDatabase } from '../../../test/support/temp-stores.js';
import { MongoClient, type Document } from 'mongodb';
import { MongoReadStore } from './mongo-read-store.js';

/**
 * The ReadStore contract on MongoDB, each test on a fresh database dropped afterwards. Needs a
 * replica set (a single-node one will do) for transactions, e.g.
 * `MONGODB_URL=mongodb://localhost:27017/?replicaSet=rs0`.
 */
const url = process.env.MONGODB_URL;

if (url === undefined || url === '') {
  process.stdout.write('MongoDB contract suite skipped: MONGODB_URL is not set\n');
  describe('MongoDB contract', () => {
    it.todo('runs when MONGODB_URL points at a replica set');
  });
} else {
  const mongoUrl = url;
  const freshDatabase = () => freshMongoDatabase('ql_contract');
  const dropDatabase = (database: string) => dropMongoDatabase(mongoUrl, database);

  readStoreContract('MongoDB', async () => {
    const database = freshDatabase();
    const store = await MongoReadStore.connect({ url: mongoUrl, database });
    return {
      store,
      async cleanup() {
        await store.close();
        await dropDatabase(database);
      },
    };
  });

  describe('MongoReadStore', () => {
    let database: string;
    let store: MongoReadStore;

    beforeEach(async () => {
      database = freshDatabase();
      store = await MongoReadStore.connect({ url: mongoUrl, database });
    });

    afterEach(async () => {
      await store.close();
      await dropDatabase(database);
    });

    it('keeps its data across close and reconnect, positions as bigints', async () => {
      const generation = (await store.beginGeneration('cases', 1)).id;
      const big = 2n ** 53n + 1n;
      await store.commit({
        generation,
        documents: [{ id: 'a', position: big, data: { v: 1 } }],
        facts: [{ metric: 'refunds', occurredAt: '2025-01-01', position: big, index: 0, dims: {}, measures: { amount: 5 } }],
        marks: [{ recordedAt: '2025-01-01T00:00:00.000Z', position: big }],
        checkpoint: big,
      });
      await store.close();

      store = await MongoReadStore.connect({ url: mongoUrl, database });

      expect(await store.generations('cases')).toEqual([{ id: generation, projection: 'cases', version: 1, status: 'active', checkpoint: big }]);
      expect(await store.get('cases', 'a')).toEqual({ id: 'a', position: big, data: { v: 1 } });
      expect(await store.get('cases', 'a', { asOf: big - 1n })).toBeUndefined();
      expect(await store.aggregateFacts({ metric: 'refunds', measures: ['amount'], asOf: big - 1n })).toEqual([]);
      expect(await store.positionAt(new Date('2025-06-01T00:00:00Z'))).toBe(big);
    });

    it('makes exactly one of concurrent first generations active', async () => {
      const begun = await Promise.all([1, 2, 3, 4].map((version) => store.beginGeneration('race', version)));

      expect(begun.filter((generation) => generation.status === 'active')).toHaveLength(1);
      expect(new Set(begun.map((generation) => generation.id)).size).toBe(4);
    });

    it('never reuses the id of a dropped generation', async () => {
      await store.beginGeneration('ids', 1);
      const dropped = await store.beginGeneration('ids', 2);
      await store.dropGeneration(dropped.id);

      expect((await store.beginGeneration('ids', 3)).id).toBeGreaterThan(dropped.id);
    });

    /**
     * What the server did for each read, from its profiler (level 2 records every operation): keys
     * and documents examined, whether it sorted in memory, and the plan.
     */
    async function profiled(read: () => Promise<unknown>, collection: string, generation: number): Promise<Document[]> {
      const client = new MongoClient(mongoUrl);
      try {
        const db = client.db(database);
        await db.command({ profile: 2 });
        await read();
        await db.command({ profile: 0 });
        // The reads of the documents, not the store's look-ups of the generation and of later writes.
        return await db
          .collection('system.profile')
          .find({ ns: `${database}.${collection}`, op: 'query', 'command.filter.generation': generation, 'command.filter.$and': { $exists: true } })
          .toArray();
      } finally {
        await client.close();
      }
    }

    const at = (index: number) => new Date(Date.UTC(2025, 0, 1) + index * 1_000).toISOString();
    const documentId = (index: number) => `d${String(index).padStart(6, '0')}`;

    /** `count` documents in four teams, then a later version of every tenth one, so that the past differs from the present. */
    async function indexedGeneration(projection: string, count: number): Promise<number> {
      const generation = (await store.beginGeneration(projection, 1)).id;
      await store.ensureIndexes(generation, [{ fields: ['team', 'at'] }]);
      for (let first = 0; first < count; first += 1_000) {
        const documents = Array.from({ length: 1_000 }, (_, offset) => {
          const index = first + offset;
          return { id: documentId(index), position: BigInt(index + 1), data: { team: `t${index % 4}`, at: at(index) } };
        });
        await store.commit({ generation, documents, facts: [], marks: [], checkpoint: BigInt(first + 1_000) });
      }
      const later = Array.from({ length: count / 10 }, (_, tenth) => ({
        id: documentId(tenth * 10),
        position: BigInt(count + tenth + 1),
        data: { team: 't0', at: at(count + tenth) },
      }));
      await store.commit({ generation, documents: later, facts: [], marks: [], checkpoint: BigInt(count + later.length) });
      return generation;
    }

    it('reads pages after a key, current and as of a position, through the declared index: the same keys examined on ten times the documents', async () => {
      const limit = 50;
      const examined = async (count: number) => {
        const projection = `scale${count}`;
        const generation = await indexedGeneration(projection, count);
        const page = { sort: [{ field: 'at', direction: 'asc' }], after: { values: [at(401)], id: documentId(401) }, limit } as const;
        const current = await profiled(() => store.find(projection, { team: 't1' }, page), 'rm_documents', generation);
        const past = await profiled(() => store.find(projection, { team: 't1' }, { ...page, asOf: BigInt(count) }), 'rm_document_history', generation);
        return [...current, ...past].map(({ keysExamined, docsExamined, hasSortStage, planSummary }) => ({ keysExamined, docsExamined, hasSortStage, planSummary }));
      };

      const small = await examined(1_000);
      const large = await examined(10_000);

      expect(large).toEqual(small);
      for (const read of large) {
        expect(read.planSummary).toMatch(/^IXSCAN \{ data\.team: 1, data\.at: 1, id: 1 \}/);
        expect(read.hasSortStage ?? false).toBe(false);
        expect(read.keysExamined).toBeLessThanOrEqual(3 * (limit + 1));
      }
    });
  });
}
