import { MongoClient } from 'mongodb';
import type { IdempotencyStore } from '#kernel';
import { idempotencyStoreContract } from '../../../test/contract/idempotency-store.contract.js';
import { dropMongoDatabase, freshMongoDatabase } from '../../../test/support/temp-stores.js';
import { IDEMPOTENCY_COLLECTION, MongoIdempotencyStore } from './mongo-idempotency-store.js';

/** The IdempotencyStore contract on MongoDB, each test on a fresh database dropped afterwards. */
const url = process.env.MONGODB_URL;

if (url === undefined || url === '') {
  process.stdout.write('MongoDB idempotency contract suite skipped: MONGODB_URL is not set\n');
  describe('MongoDB idempotency contract', () => {
    it.todo('runs when MONGODB_URL points at a MongoDB server');
  });
} else {
  const mongoUrl = url;

  idempotencyStoreContract('MongoDB', async (clock, policy) => {
    const database = freshMongoDatabase('ql_idempotency');
    const open = () => MongoIdempotencyStore.connect({ url: mongoUrl, database, clock, policy });
    const stores: IdempotencyStore[] = [await open()];
    return {
      store: stores[0]!,
      async another() {
        stores.push(await open());
        return stores.at(-1)!;
      },
      async cleanup() {
        await Promise.all(stores.map((store) => store.close()));
        await dropMongoDatabase(mongoUrl, database);
      },
    };
  });

  describe('MongoIdempotencyStore', () => {
    it('leaves the purge of expired records to a TTL index on their expiry', async () => {
      const database = freshMongoDatabase('ql_idempotency');
      const store = await MongoIdempotencyStore.connect({ url: mongoUrl, database, policy: { retentionMs: 60_000, leaseMs: 1000 } });
      const client = new MongoClient(mongoUrl);
      try {
        const indexes = await client.db(database).collection(IDEMPOTENCY_COLLECTION).listIndexes().toArray();
        expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
      } finally {
        await client.close();
        await store.close();
        await dropMongoDatabase(mongoUrl, database);
      }
    });
  });
}
