import { ValidationError } from '#libs/eventsourcing/src/index.js';
import { DEFAULT_DATABASE, databaseName, jsonWrite, leaseFilter, leaseUpdate } from './mongo-read-store.js';

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
    expect(leaseUpdate('$host', 15_000)).toEqual([{ $set: { holder: { $literal: '$host' }, expiresAt: { $add: ['$$NOW', 15_000] } } }]);
  });
});
