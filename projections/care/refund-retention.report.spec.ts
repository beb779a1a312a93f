import type { FactGroup } from '#kernel';
import { CARE_OUTCOMES_METRIC } from './care-cases.projection.js';
import { refundRetentionQuery, refundRetentionReport, type RefundRetentionGroupBy } from './refund-retention.report.js';

/*
 * The facts behind these groups, computed by hand:
 *   A  2026-01-10  retained  course-sales  agent-7  RUB 1 500 000
 *   B  2026-01-15  refunded  course-sales  agent-7  RUB   900 000
 *   C  2026-01-20  retained  webinar       agent-9  EUR    20 000
 *   A  2026-02-05  lost save of A, handled by agent-9:
 *                  retained  course-sales  agent-7  RUB -1 500 000 (count -1)
 *                  refunded  course-sales  agent-9  RUB 1 500 000
 *   D  2026-02-10  retained  webinar       agent-9  EUR     5 000
 *   E  2026-02-12  refunded  webinar       agent-9  EUR    10 000
 *   F  2026-02-14  refunded  webinar       (unassigned)  RUB 300 000
 */
const group = (
  dims: Record<string, string | null>,
  facts: number,
  count: number,
  amountMinor: number,
  period?: string,
): FactGroup => ({ ...(period && { period }), dims, facts, sums: { count }, exactSums: { amountMinor: BigInt(amountMinor) } });

describe('refund-retention report', () => {
  describe('the query', () => {
    it('asks for counts and amounts per outcome and currency over the whole range by default', () => {
      expect(refundRetentionQuery({})).toEqual({
        metric: CARE_OUTCOMES_METRIC,
        groupBy: { dims: ['outcome', 'currency'] },
        measures: ['count'],
        exactMeasures: ['amountMinor'],
      });
    });

    it('groups by a period, filters by dims and answers as of a position', () => {
      expect(
        refundRetentionQuery({ from: '2026-01-01', to: '2026-04-01', groupBy: 'week', productId: 'course-sales', employeeId: 'agent-7', asOf: 42n }),
      ).toEqual({
        metric: CARE_OUTCOMES_METRIC,
        from: '2026-01-01',
        to: '2026-04-01',
        where: { productId: 'course-sales', employeeId: 'agent-7' },
        groupBy: { period: 'week', dims: ['outcome', 'currency'] },
        measures: ['count'],
        exactMeasures: ['amountMinor'],
        asOf: 42n,
      });
    });

    it.each<[RefundRetentionGroupBy, string]>([
      ['product', 'productId'],
      ['section', 'sectionId'],
      ['employee', 'employeeId'],
    ])('groups by %s through the %s dim', (groupBy, dim) => {
      expect(refundRetentionQuery({ groupBy, sectionId: 'section-care' })).toEqual({
        metric: CARE_OUTCOMES_METRIC,
        where: { sectionId: 'section-care' },
        groupBy: { dims: [dim, 'outcome', 'currency'] },
        measures: ['count'],
        exactMeasures: ['amountMinor'],
      });
    });

    it('rejects an unknown grouping, naming the field', () => {
      expect(() => refundRetentionQuery({ groupBy: 'year' as RefundRetentionGroupBy })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'groupBy' })] }),
      );
    });
  });

  describe('the rows', () => {
    it('counts a lost save as retained in the month of the save and as refunded in the month of the refund', () => {
      const monthly = [
        group({ outcome: 'refunded', currency: 'RUB' }, 2, 2, 1_800_000, '2026-02-01'),
        group({ outcome: 'retained', currency: 'RUB' }, 1, 1, 1_500_000, '2026-01-01'),
        group({ outcome: 'retained', currency: 'EUR' }, 1, 1, 20_000, '2026-01-01'),
        group({ outcome: 'refunded', currency: 'RUB' }, 1, 1, 900_000, '2026-01-01'),
        group({ outcome: 'retained', currency: 'RUB' }, 1, -1, -1_500_000, '2026-02-01'),
        group({ outcome: 'retained', currency: 'EUR' }, 1, 1, 5_000, '2026-02-01'),
        group({ outcome: 'refunded', currency: 'EUR' }, 1, 1, 10_000, '2026-02-01'),
      ];
      expect(refundRetentionReport(monthly)).toEqual([
        {
          group: { period: '2026-01-01' },
          refunds: { count: 1, amount: { RUB: '900000' } },
          retained: { count: 2, amount: { EUR: '20000', RUB: '1500000' } },
          refundToRetainedRatio: 0.5,
          retentionShare: 2 / 3,
        },
        {
          // A's save is taken back (-1) and D is saved (+1): net 0 retained, so no ratio, a share of 0.
          group: { period: '2026-02-01' },
          refunds: { count: 3, amount: { EUR: '10000', RUB: '1800000' } },
          retained: { count: 0, amount: { EUR: '5000', RUB: '-1500000' } },
          refundToRetainedRatio: null,
          retentionShare: 0,
        },
      ]);
    });

    it('counts a lost save once, as refunded, over a range holding both the save and the refund', () => {
      const overall = [
        group({ outcome: 'retained', currency: 'RUB' }, 2, 0, 0),
        group({ outcome: 'refunded', currency: 'RUB' }, 3, 3, 2_700_000),
        group({ outcome: 'retained', currency: 'EUR' }, 2, 2, 25_000),
        group({ outcome: 'refunded', currency: 'EUR' }, 1, 1, 10_000),
      ];
      expect(refundRetentionReport(overall)).toEqual([
        {
          group: {},
          refunds: { count: 4, amount: { EUR: '10000', RUB: '2700000' } },
          retained: { count: 2, amount: { EUR: '25000' } },
          refundToRetainedRatio: 2,
          retentionShare: 1 / 3,
        },
      ]);
    });

    it('credits the retention to the saver and the refund to the employee who issued it, unassigned last', () => {
      const byEmployee = [
        group({ employeeId: null, outcome: 'refunded', currency: 'RUB' }, 1, 1, 300_000),
        group({ employeeId: 'agent-9', outcome: 'refunded', currency: 'RUB' }, 1, 1, 1_500_000),
        group({ employeeId: 'agent-7', outcome: 'retained', currency: 'RUB' }, 2, 0, 0),
        group({ employeeId: 'agent-9', outcome: 'retained', currency: 'EUR' }, 2, 2, 25_000),
        group({ employeeId: 'agent-7', outcome: 'refunded', currency: 'RUB' }, 1, 1, 900_000),
        group({ employeeId: 'agent-9', outcome: 'refunded', currency: 'EUR' }, 1, 1, 10_000),
      ];
      expect(refundRetentionReport(byEmployee)).toEqual([
        {
          group: { employeeId: 'agent-7' },
          refunds: { count: 1, amount: { RUB: '900000' } },
          retained: { count: 0, amount: {} },
          refundToRetainedRatio: null,
          retentionShare: 0,
        },
        {
          group: { employeeId: 'agent-9' },
          refunds: { count: 2, amount: { EUR: '10000', RUB: '1500000' } },
          retained: { count: 2, amount: { EUR: '25000' } },
          refundToRetainedRatio: 1,
          retentionShare: 0.5,
        },
        {
          group: { employeeId: null },
          refunds: { count: 1, amount: { RUB: '300000' } },
          retained: { count: 0, amount: {} },
          refundToRetainedRatio: null,
          retentionShare: 0,
        },
      ]);
    });

    it('gives no share when a group lost more saves than it made', () => {
      // 2026-02-05 alone: A's save taken back, and one more refund the same day.
      const [row] = refundRetentionReport([
        group({ outcome: 'retained', currency: 'RUB' }, 1, -1, -1_500_000, '2026-02-05'),
        group({ outcome: 'refunded', currency: 'RUB' }, 2, 2, 2_000_000, '2026-02-05'),
      ]);
      expect(row).toMatchObject({ retained: { count: -1 }, refunds: { count: 2 }, refundToRetainedRatio: null, retentionShare: null });
    });

    it('answers a total past 2^53 to the last minor unit, as a decimal string', () => {
      const beyond = 2n ** 53n * 3n + 1n;
      const [row] = refundRetentionReport([
        { dims: { outcome: 'refunded', currency: 'CLF' }, facts: 2_800, sums: { count: 2_800 }, exactSums: { amountMinor: beyond } },
        { dims: { outcome: 'retained', currency: 'CLF' }, facts: 2, sums: { count: 0 }, exactSums: { amountMinor: -beyond } },
      ]);
      expect(row).toMatchObject({ refunds: { amount: { CLF: beyond.toString() } }, retained: { amount: { CLF: (-beyond).toString() } } });
    });

    it('adds the cases resolved without money and the clients lost, and leaves refunds, retentions and their ratios as they were', () => {
      const withResolutions = [
        group({ outcome: 'refunded', currency: 'RUB' }, 1, 1, 900_000, '2026-01-01'),
        group({ outcome: 'retained', currency: 'RUB' }, 2, 2, 3_000_000, '2026-01-01'),
        group({ outcome: 'resolved-without-money', currency: null }, 3, 3, 0, '2026-01-01'),
        group({ outcome: 'client-lost', currency: null }, 1, 1, 0, '2026-01-01'),
        group({ outcome: 'client-lost', currency: null }, 2, 2, 0, '2026-02-01'),
      ];
      expect(refundRetentionReport(withResolutions)).toEqual([
        {
          group: { period: '2026-01-01' },
          refunds: { count: 1, amount: { RUB: '900000' } },
          retained: { count: 2, amount: { RUB: '3000000' } },
          refundToRetainedRatio: 0.5,
          retentionShare: 2 / 3,
          otherOutcomes: { resolvedWithoutMoney: 3, clientLost: 1 },
        },
        {
          group: { period: '2026-02-01' },
          refunds: { count: 0, amount: {} },
          retained: { count: 0, amount: {} },
          refundToRetainedRatio: null,
          retentionShare: null,
          otherOutcomes: { resolvedWithoutMoney: 0, clientLost: 2 },
        },
      ]);
    });

    it('has no rows when nothing happened', () => {
      expect(refundRetentionReport([])).toEqual([]);
    });
  });
});
