import { ValidationError, type DocumentFilter } from '#kernel';
import {
  dataPath,
  documentFilter,
  documentPage,
  documentSort,
  generationIndex,
  generationIndexPrefix,
  rangeQuery,
  versionsAsOf,
} from './mongo-document-query.js';

describe('documentFilter', () => {
  it('puts every condition on the data field, each value behind an explicit operator', () => {
    expect(documentFilter({ name: 'Bravo', score: 30, active: true, 'site.region': 'EU', owner: null })).toEqual({
      'data.name': { $eq: 'Bravo' },
      'data.score': { $eq: 30 },
      'data.active': { $eq: true },
      'data.site.region': { $eq: 'EU' },
      'data.owner': { $eq: null },
    });
  });

  it('translates $in, $ne and ranges, null bounds included', () => {
    expect(
      documentFilter({
        owner: { $in: ['ann', null] },
        name: { $in: [] },
        active: { $ne: true },
        missing: { $ne: null },
        score: { $gt: 5, $lte: 30 },
        code: { $gte: 'B', $lt: 'D' },
        nothing: { $gt: null },
      }),
    ).toEqual({
      'data.owner': { $in: ['ann', null] },
      'data.name': { $in: [] },
      'data.active': { $ne: true },
      'data.missing': { $ne: null },
      'data.score': { $gt: 5, $lte: 30 },
      'data.code': { $gte: 'B', $lt: 'D' },
      'data.nothing': { $gt: null },
    });
  });

  it('reads no filter as no condition', () => {
    expect(documentFilter()).toEqual({});
    expect(documentFilter({})).toEqual({});
  });

  it.each<[string, DocumentFilter]>([
    ['an injected path', { "name') OR 1=1 --": 'x' }],
    ['a top-level operator', { $where: 'x' }],
    ['an operator inside a path', { 'a.$ne': 1 }],
    ['an empty segment', { 'a..b': 1 }],
    ['an empty path', { '': 1 }],
    ['an unknown operator', { name: { $regex: 'A' } as never }],
    ['$in without a list', { name: { $in: 'Alpha' } as never }],
    ['a range mixed with $ne', { name: { $gt: 1, $ne: 2 } as never }],
    ['an empty operator object', { name: {} as never }],
    ['an object value inside $in', { name: { $in: [{ $gt: '' }] } as never }],
    ['an object as a range bound', { name: { $gt: { $ne: 1 } } as never }],
    ['a non-finite number', { score: Number.NaN }],
    ['a bigint', { score: 1n as never }],
  ])('rejects %s', (_reason, filter) => {
    expect(() => documentFilter(filter)).toThrow(ValidationError);
  });
});

describe('dataPath', () => {
  it('prefixes a dotted path with the data field', () => {
    expect(dataPath('site.code')).toBe('data.site.code');
    expect(dataPath('a_1.B2')).toBe('data.a_1.B2');
  });

  it.each(['name desc', '$ne', 'a.', '.a', 'a.$b', 'a b'])('rejects %s', (field) => {
    expect(() => dataPath(field)).toThrow(ValidationError);
  });
});

describe('documentSort', () => {
  it('sorts by the given fields, then by id in the direction asked', () => {
    expect(documentSort([], 'asc')).toEqual([['id', 1]]);
    expect(
      documentSort(
        [
          { field: 'site.region', direction: 'desc' },
          { field: 'score', direction: 'asc' },
        ],
        'asc',
      ),
    ).toEqual([
      ['data.site.region', -1],
      ['data.score', 1],
      ['id', 1],
    ]);
    expect(documentSort([{ field: 'key', direction: 'desc' }], 'desc')).toEqual([
      ['data.key', -1],
      ['id', -1],
    ]);
  });

  it('keeps the first direction of a field sorted twice', () => {
    expect(
      documentSort(
        [
          { field: 'score', direction: 'desc' },
          { field: 'score', direction: 'asc' },
        ],
        'asc',
      ),
    ).toEqual([
      ['data.score', -1],
      ['id', 1],
    ]);
  });

  it('rejects a bad field or direction', () => {
    expect(() => documentSort([{ field: 'name desc', direction: 'asc' }], 'asc')).toThrow(ValidationError);
    expect(() => documentSort([{ field: 'name', direction: 'up' as never }], 'asc')).toThrow(ValidationError);
  });
});

describe('rangeQuery', () => {
  it('ANDs the read conditions with the range, so both may bound one field, and bounds the id in the direction of the order', () => {
    expect(
      rangeQuery({ generation: 2 }, documentFilter({ since: { $lte: '2026' } }), {
        filter: { since: '2025' },
        idBeyond: 'b',
        direction: 'desc',
      }),
    ).toEqual({ generation: 2, $and: [{ 'data.since': { $lte: '2026' } }, { 'data.since': { $eq: '2025' } }], id: { $lt: 'b' } });
  });

  it('adds nothing for a range of the whole order without conditions', () => {
    expect(rangeQuery({ generation: 2 }, {}, { filter: {}, idBeyond: undefined, direction: 'asc' })).toEqual({ generation: 2 });
  });
});

describe('generationIndex', () => {
  it('indexes the data fields then the id, over one generation, under a name that finds the generation', () => {
    const index = generationIndex(7, { fields: ['entity', 'site.since'] });

    expect(index.name).toBe('g7/entity,site.since');
    expect(index.name!.startsWith(generationIndexPrefix(7))).toBe(true);
    expect([...(index.key as Map<string, number>)]).toEqual([
      ['data.entity', 1],
      ['data.site.since', 1],
      ['id', 1],
    ]);
    expect(index.partialFilterExpression).toEqual({ generation: { $eq: 7 } });
  });

  it.each([[[]], [['a', 'a']], [['a b']]])('rejects the fields %j', (fields) => {
    expect(() => generationIndex(1, { fields })).toThrow(ValidationError);
  });
});

describe('documentPage', () => {
  it('keeps limit and skip, a limit of 0 included (MongoDB would read 0 as no limit)', () => {
    expect(documentPage(undefined, undefined)).toEqual({ limit: undefined, skip: 0 });
    expect(documentPage(2, 1)).toEqual({ limit: 2, skip: 1 });
    expect(documentPage(0, undefined)).toEqual({ limit: 0, skip: 0 });
  });

  it.each([
    [-1, 0],
    [1.5, 0],
    [1, -1],
    [Number.POSITIVE_INFINITY, 0],
  ])('rejects limit %s, skip %s', (limit, skip) => {
    expect(() => documentPage(limit, skip)).toThrow(ValidationError);
  });
});

describe('versionsAsOf', () => {
  it('selects the versions written at or below the position, not replaced at it, and not deletions', () => {
    expect(versionsAsOf(3, 25n)).toEqual({
      generation: 3,
      validFrom: { $lte: 25n },
      $or: [{ validTo: null }, { validTo: { $gt: 25n } }],
      data: { $ne: null },
    });
  });

  it('leaves room for data conditions, which name data sub-fields only', () => {
    const query = { ...versionsAsOf(1, 4n), ...documentFilter({ score: { $lte: 10 } }) };
    expect(query['data.score']).toEqual({ $lte: 10 });
    expect(query.data).toEqual({ $ne: null });
  });
});
