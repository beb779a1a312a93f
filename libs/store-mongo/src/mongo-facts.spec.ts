import { Decimal128 } from 'mongodb';
import { ValidationError, type FactQuery, type MetricFact } from '#kernel';
import { factDocument, factPipeline, toFactGroup, toNumber } from './mongo-facts.js';

const DAY = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

function fact(overrides: Partial<MetricFact> = {}): MetricFact {
  return {
    metric: 'refunds',
    occurredAt: '2026-01-01T23:30:00Z',
    position: 42n,
    index: 1,
    dims: { site: 'PAR' },
    measures: { amount: -500 },
    ...overrides,
  };
}

describe('factDocument', () => {
  it('stores the business day, its ISO week (Monday) and month as epoch days', () => {
    expect(factDocument(7, fact())).toEqual({
      generation: 7,
      position: 42n,
      index: 1,
      metric: 'refunds',
      occurredAt: '2026-01-01T23:30:00Z',
      day: DAY('2026-01-01'),
      week: DAY('2025-12-29'),
      month: DAY('2026-01-01'),
      dims: { site: 'PAR' },
      measures: { amount: -500 },
    });
    expect(factDocument(1, fact({ occurredAt: '2026-01-02T01:00:00+02:00' })).day).toBe(DAY('2026-01-01'));
    expect(factDocument(1, fact({ occurredAt: '2024-02-29' })).month).toBe(DAY('2024-02-01'));
  });

  it.each<[string, Partial<MetricFact>]>([
    ['a date that is not one', { occurredAt: 'not a date' }],
    ['a date rolled over', { occurredAt: '2025-02-30' }],
    ['a measure that is not finite', { measures: { n: Number.NaN } }],
    ['a measure that is not a number', { measures: { n: '1' as never } }],
    ['a whole measure past 2^53', { measures: { n: 2 ** 53 } }],
    ['a dimension that is not a string', { dims: { site: 1 as never } }],
    ['a dotted dimension name', { dims: { 'a.b': 'x' } }],
    ['a $ measure name', { measures: { $inc: 1 } }],
    ['an empty metric', { metric: '' }],
    ['a negative index', { index: -1 }],
  ])('rejects %s', (_reason, overrides) => {
    expect(() => factDocument(1, fact(overrides))).toThrow(ValidationError);
  });
});

describe('factPipeline', () => {
  const base: FactQuery = { metric: 'refunds', measures: ['amount', 'qty'] };

  it('sums every measure (missing as 0) and counts facts of the active generations in one group without grouping', () => {
    expect(factPipeline(base, [3, 5])).toEqual([
      { $match: { generation: { $in: [3, 5] }, metric: { $eq: 'refunds' } } },
      {
        $group: {
          _id: null,
          facts: { $sum: 1 },
          m0: { $sum: { $ifNull: ['$measures.amount', 0] } },
          m1: { $sum: { $ifNull: ['$measures.qty', 0] } },
        },
      },
    ]);
  });

  it('sums exact measures as 128-bit decimals of their whole values, after the other sums', () => {
    const [, group] = factPipeline({ ...base, measures: ['qty'], exactMeasures: ['amount'] }, [1]);
    expect(group).toEqual({
      $group: {
        _id: null,
        facts: { $sum: 1 },
        m0: { $sum: { $ifNull: ['$measures.qty', 0] } },
        x0: { $sum: { $toDecimal: { $toLong: { $ifNull: ['$measures.amount', 0] } } } },
      },
    });
  });

  it.each([
    ['day', '$day'],
    ['week', '$week'],
    ['month', '$month'],
  ] as const)('groups and sorts by the %s field', (period, field) => {
    const pipeline = factPipeline({ ...base, measures: [], groupBy: { period } }, [1]);
    expect(pipeline.slice(1)).toEqual([{ $group: { _id: { period: field }, facts: { $sum: 1 } } }, { $sort: { '_id.period': 1 } }]);
  });

  it('groups by dims, a missing one as null, after the period', () => {
    const pipeline = factPipeline({ ...base, measures: ['amount'], groupBy: { period: 'week', dims: ['site', 'kind'] } }, [1]);
    expect(pipeline.slice(1)).toEqual([
      {
        $group: {
          _id: { period: '$week', d0: { $ifNull: ['$dims.site', null] }, d1: { $ifNull: ['$dims.kind', null] } },
          facts: { $sum: 1 },
          m0: { $sum: { $ifNull: ['$measures.amount', 0] } },
        },
      },
      { $sort: { '_id.period': 1, '_id.d0': 1, '_id.d1': 1 } },
    ]);
  });

  it('matches the day range, dimension values and asOf', () => {
    const [match] = factPipeline(
      { ...base, from: '2025-03-01', to: '2025-04-01T00:00:00Z', where: { site: 'PAR', kind: ['x', 'y'] }, asOf: 30n },
      [2],
    );
    expect(match).toEqual({
      $match: {
        generation: { $in: [2] },
        metric: { $eq: 'refunds' },
        day: { $gte: DAY('2025-03-01'), $lt: DAY('2025-04-01') },
        'dims.site': { $in: ['PAR'] },
        'dims.kind': { $in: ['x', 'y'] },
        position: { $lte: 30n },
      },
    });
    expect(factPipeline({ ...base, to: '2025-04-01' }, [2])[0].$match.day).toEqual({ $lt: DAY('2025-04-01') });
  });

  it.each<[string, FactQuery]>([
    ['a measure that is not a name', { metric: 'm', measures: ['a b'] }],
    ['a measure that is a path', { metric: 'm', measures: ['a.b'] }],
    ['an exact measure that is a path', { metric: 'm', measures: [], exactMeasures: ['a.b'] }],
    ['a dimension with a quote', { metric: 'm', measures: ['n'], groupBy: { dims: ['site"'] } }],
    ['an unknown period', { metric: 'm', measures: ['n'], groupBy: { period: 'year' as never } }],
    ['a where on an operator', { metric: 'm', measures: ['n'], where: { $where: 'a' } }],
    ['a where value that is not a string', { metric: 'm', measures: ['n'], where: { site: [1 as never] } }],
    ['a from that is not a date', { metric: 'm', measures: ['n'], from: 'yesterday' }],
    ['a bound inside a day', { metric: 'm', measures: ['n'], to: '2025-03-01T12:00:00Z' }],
    ['a metric that is not a string', { metric: { $ne: '' } as never, measures: ['n'] }],
  ])('rejects %s', (_reason, query) => {
    expect(() => factPipeline(query, [1])).toThrow(ValidationError);
  });
});

describe('toFactGroup', () => {
  it('maps a row to a FactGroup: the period as a day, dims by name (null where missing), sums by measure', () => {
    const query: FactQuery = { metric: 'm', measures: ['amount', 'qty'], groupBy: { period: 'month', dims: ['site', 'kind'] } };
    const row = { _id: { period: DAY('2025-02-01'), d0: 'PAR', d1: null }, facts: 3, m0: -250, m1: 2 };
    expect(toFactGroup(row, query)).toEqual({ period: '2025-02-01', dims: { site: 'PAR', kind: null }, facts: 3, sums: { amount: -250, qty: 2 } });
  });

  it('maps an ungrouped row, and int64 values read as bigint, to numbers', () => {
    const query: FactQuery = { metric: 'm', measures: ['amount'] };
    const group = toFactGroup({ _id: null, facts: 2n, m0: 3_000_000_000n }, query);
    expect(group).toEqual({ dims: {}, facts: 2, sums: { amount: 3_000_000_000 } });
    expect(group).not.toHaveProperty('period');
  });

  it('reads exact sums, decimal or int64, as bigint past 2^53, and only when the query asks for them', () => {
    const query: FactQuery = { metric: 'm', measures: ['qty'], exactMeasures: ['amount', 'cost'] };
    const beyond = 2n ** 53n * 1000n + 7n;
    const group = toFactGroup({ _id: null, facts: 3, m0: 1, x0: Decimal128.fromString(beyond.toString()), x1: -5n }, query);
    expect(group).toEqual({ dims: {}, facts: 3, sums: { qty: 1 }, exactSums: { amount: beyond, cost: -5n } });
    expect(toFactGroup({ _id: null, facts: 3, m0: 1 }, { metric: 'm', measures: ['qty'] })).not.toHaveProperty('exactSums');
  });

  it('refuses an exact sum that lost digits or is not whole', () => {
    const query: FactQuery = { metric: 'm', measures: [], exactMeasures: ['amount'] };
    expect(() => toFactGroup({ _id: null, facts: 1, x0: 2 ** 63 }, query)).toThrow(RangeError);
    expect(() => toFactGroup({ _id: null, facts: 1, x0: Decimal128.fromString('1.5') }, query)).toThrow(RangeError);
  });
});

describe('toNumber', () => {
  it('reads numbers, bigints and Long-like values', () => {
    expect(toNumber(5)).toBe(5);
    expect(toNumber(-7n)).toBe(-7);
    expect(toNumber({ toNumber: () => 9 })).toBe(9);
    expect(() => toNumber('5')).toThrow(TypeError);
  });
});
