import { MongoServerSelectionError } from 'mongodb';
import { ValidationError } from '#kernel';
import {
  DEFAULT_DATABASE,
  databaseName,
  FENCED_COMMIT,
  jsonWrite,
  leaseFilter,
  leaseStands,
  leaseUpdate,
  MongoReadStore,
} from './mongo-read-store.js';

describe('databaseName', () => {
  it.each([
    ['mongodb://localhost:27017/ledger?replicaSet=rs0', undefined, 'ledger'],
    ['mongodb://user:p%40ss@a:1,b:2/ledger', undefined, 'ledger'],
    ['mongodb+srv://cluster.example.com/ql', undefined, 'ql'],
    ['mongodb://localhost:27017/?replicaSet=rs0', undefined, DEFAULT_DATABASE],
    ['mongodb://localhost:27017', undefined, DEFAULT_DATABASE],
    ['mongodb://localhost:27017/ledger', 'other', 'other'],
  ])('reads %s (explicit %s) as %s', (url, explicit, expected) => {
    expect(databaseName(url, explicit)).toBe(expected);
  });
});

describe('jsonWrite', () => {
  it('keeps the data as JSON holds it', () => {
    const at = new Date('2025-01-01T00:00:00Z');
    expect(jsonWrite({ id: 'a', position: 1n, data: { v: 1, gone: undefined, at, list: [1, { x: 'y' }] } })).toEqual({
      id: 'a',
      position: 1n,
      data: { v: 1, at: '2025-01-01T00:00:00.000Z', list: [1, { x: 'y' }] },
    });
    expect(jsonWrite({ id: 'a', position: 2n, data: null }).data).toBeNull();
  });

  it('refuses data with no JSON form, which BSON would otherwise store (a bigint as int64)', () => {
    expect(() => jsonWrite({ id: 'b', position: 1n, data: { v: 1n } })).toThrow(ValidationError);
    expect(() => jsonWrite({ id: 'b', position: 1n, data: undefined })).toThrow(ValidationError);
  });
});

describe('lease filter and update', () => {
  it('matches the lease when it is ours or expired by the server clock', () => {
    expect(leaseFilter('projection:cases', 'host-1')).toEqual({
      _id: 'projection:cases',
      $or: [{ holder: { $eq: 'host-1' } }, { $expr: { $lte: ['$expiresAt', '$$NOW'] } }],
    });
  });

  it('sets the holder as a literal and the expiry from the server clock', () => {
    const [stage] = leaseUpdate('$host', 15_000);

    expect(stage!.$set).toMatchObject({ holder: { $literal: '$host' }, expiresAt: { $add: ['$$NOW', 15_000] } });
  });

  it('keeps the token of a live lease of the same holder and counts one more otherwise, from 0 on a new lease', () => {
    const [stage] = leaseUpdate('$host', 15_000);

    expect(stage!.$set.token).toEqual({
      $cond: [
        { $and: [{ $eq: ['$holder', { $literal: '$host' }] }, { $gt: ['$expiresAt', '$$NOW'] }] },
        '$token',
        { $add: [{ $ifNull: ['$token', 0] }, 1] },
      ],
    });
  });

  it('computes every field of the update in one stage, so that each reads the lease as it was', () => {
    expect(leaseUpdate('host-1', 15_000)).toHaveLength(1);
  });
});

describe('fenced commit', () => {
  it('matches the lease only with the batch holder and token, whatever its expiry', () => {
    expect(leaseStands({ name: 'projection:cases', holder: '$host', token: 7 })).toEqual({
      _id: 'projection:cases',
      holder: { $eq: '$host' },
      token: { $eq: 7 },
    });
  });

  it('writes the lease document, so that a takeover during the transaction conflicts with it', () => {
    expect(FENCED_COMMIT).toEqual({ $inc: { commits: 1 } });
  });
});

describe('start-up probe', () => {
  it('fails a connection to a port where no server listens after the probe timeout, not the driver timeout (30 s)', async () => {
    const connecting = MongoReadStore.connect({ url: 'mongodb://127.0.0.1:1/ql?replicaSet=rs0', probeTimeoutMs: 100 });

    await expect(connecting).rejects.toBeInstanceOf(MongoServerSelectionError);
  });
});
