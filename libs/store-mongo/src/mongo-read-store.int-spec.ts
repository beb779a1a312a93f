import { readStoreContract } from '../../../test/contract/read-store.contract.js';
import { dropMongoDatabase, freshMongoDatabase } from '../../../test/support/temp-stores.js';
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
  });
}
