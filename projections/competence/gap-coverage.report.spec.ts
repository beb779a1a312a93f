import type { FactGroup } from '#kernel';
import { gapCoverageChangesQuery, gapCoverageOpeningQuery, gapCoverageReport, type GapCoverageGroupBy } from './gap-coverage.report.js';
import { GAP_COVERAGE_METRIC } from './skill-gaps.projection.js';

const sums = (required: number, met: number, dims: Record<string, string | null> = {}, period?: string): FactGroup => ({
  ...(period && { period }),
  dims,
  facts: 1,
  sums: { required, met },
});
const coverage = (required: number, met: number) => ({ required, met, coverage: required > 0 ? met / required : null });

describe('gap coverage report', () => {
  describe('the queries', () => {
    it('reads the opening balance up to `from` and the changes inside the range', () => {
      const params = { from: '2026-02-01', to: '2026-04-01', groupBy: 'month' as const, sectionId: 'support', asOf: 42n };
      expect(gapCoverageOpeningQuery(params)).toEqual({
        metric: GAP_COVERAGE_METRIC,
        to: '2026-02-01',
        groupBy: { dims: [] },
        where: { sectionId: 'support' },
        measures: ['required', 'met'],
        asOf: 42n,
      });
      expect(gapCoverageChangesQuery(params)).toEqual({
        metric: GAP_COVERAGE_METRIC,
        from: '2026-02-01',
        to: '2026-04-01',
        groupBy: { period: 'month', dims: [] },
        where: { sectionId: 'support' },
        measures: ['required', 'met'],
        asOf: 42n,
      });
    });

    it('opens with nothing when the range starts at the beginning, and groups by section or position dims', () => {
      expect(gapCoverageOpeningQuery({ groupBy: 'section' })).toBeUndefined();
      expect(gapCoverageChangesQuery({ groupBy: 'position', positionId: 'line-1' })).toEqual({
        metric: GAP_COVERAGE_METRIC,
        groupBy: { dims: ['positionId'] },
        where: { positionId: 'line-1' },
        measures: ['required', 'met'],
      });
    });

    it('rejects an unknown grouping, naming the field', () => {
      expect(() => gapCoverageChangesQuery({ groupBy: 'employee' as GapCoverageGroupBy })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'groupBy' })] }),
      );
    });
  });

  describe('the rows', () => {
    it('runs the balance through the periods from the opening: each period opens where the one before closed', () => {
      const rows = gapCoverageReport([sums(8, 2)], [sums(0, 2, {}, '2026-02-01'), sums(4, -1, {}, '2026-03-01')]);
      expect(rows).toEqual([
        { group: { period: '2026-02-01' }, opening: coverage(8, 2), closing: coverage(8, 4) },
        { group: { period: '2026-03-01' }, opening: coverage(8, 4), closing: coverage(12, 3) },
      ]);
    });

    it('keeps a balance per grouped value, and a value whose coverage did not change in the range', () => {
      const opening = [sums(6, 2, { sectionId: 'support' }), sums(2, 1, { sectionId: 'sales' })];
      const changes = [sums(-3, -2, { sectionId: 'support' }), sums(3, 3, { sectionId: null })];
      expect(gapCoverageReport(opening, changes)).toEqual([
        { group: { sectionId: 'sales' }, opening: coverage(2, 1), closing: coverage(2, 1) },
        { group: { sectionId: 'support' }, opening: coverage(6, 2), closing: coverage(3, 0) },
        { group: { sectionId: null }, opening: coverage(0, 0), closing: coverage(3, 3) },
      ]);
    });

    it('says nothing when nothing was ever required', () => {
      expect(gapCoverageReport([], [])).toEqual([]);
    });
  });
});
