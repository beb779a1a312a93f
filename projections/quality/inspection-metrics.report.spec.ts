import type { FactGroup } from '#kernel';
import {
  criterionFailuresQuery,
  criterionFailuresReport,
  inspectionMetricsQuery,
  inspectionMetricsReport,
  type InspectionMetricsGroupBy,
} from './inspection-metrics.report.js';
import { CRITERION_RESULTS_METRIC, INSPECTIONS_METRIC } from './inspections.projection.js';

const INSPECTION_MEASURES = ['inspections', 'passed', 'score', 'firstAttempts', 'firstAttemptsPassed', 'reinspectionsBeforePass', 'secondsToPass'];
const HOUR = 3600;

/*
 * The verdicts behind these groups, computed by hand (template `landing` v2, section-layout, March 2026):
 *   A1  Mar 2   attempt 1  failed  4/6
 *   A2  Mar 5   attempt 2  passed  1     75 h after A1 started
 *   B1  Mar 10  attempt 1  passed  5/6    2 h after it started
 *   C1  Mar 20  attempt 1  failed  1/2   (a critical criterion failed)
 * inspections 4, passed 2; Σ score = 4/6 + 1 + 5/6 + 1/2 = 3; first attempts 3, of which 1 passed;
 * the two passes took 1 and 0 re-inspections and 75 h and 2 h.
 */
const march = (dims: Record<string, string | null>, period?: string): FactGroup => ({
  ...(period && { period }),
  dims,
  facts: 4,
  sums: {
    inspections: 4,
    passed: 2,
    score: 3,
    firstAttempts: 3,
    firstAttemptsPassed: 1,
    reinspectionsBeforePass: 1,
    secondsToPass: 77 * HOUR,
  },
});

const marchRow = {
  inspections: 4,
  passed: 2,
  failed: 2,
  passRate: 0.5,
  meanScore: 0.75,
  firstAttempts: 3,
  firstAttemptsPassed: 1,
  firstTimePassRate: 1 / 3,
  meanReinspectionsUntilPass: 0.5,
  meanHoursToPass: 38.5,
};

describe('inspection metrics report', () => {
  describe('the query', () => {
    it('sums every measure over the whole range by default', () => {
      expect(inspectionMetricsQuery({})).toEqual({ metric: INSPECTIONS_METRIC, measures: INSPECTION_MEASURES });
    });

    it('groups by a period, filters by every dim and answers as of a position', () => {
      expect(
        inspectionMetricsQuery({
          from: '2026-03-01',
          to: '2026-04-01',
          groupBy: 'week',
          sectionId: 'section-layout',
          productId: 'course-sales',
          templateId: 'landing',
          templateVersion: 2,
          inspectorId: 'emp-inspector',
          authorId: 'emp-author',
          asOf: 42n,
        }),
      ).toEqual({
        metric: INSPECTIONS_METRIC,
        from: '2026-03-01',
        to: '2026-04-01',
        where: {
          sectionId: 'section-layout',
          productId: 'course-sales',
          templateId: 'landing',
          inspectorId: 'emp-inspector',
          authorId: 'emp-author',
          templateVersion: '2',
        },
        groupBy: { period: 'week' },
        measures: INSPECTION_MEASURES,
        asOf: 42n,
      });
    });

    it.each<[InspectionMetricsGroupBy, string[]]>([
      ['section', ['sectionId']],
      ['product', ['productId']],
      ['template', ['templateId', 'templateVersion']],
      ['inspector', ['inspectorId']],
      ['author', ['authorId']],
    ])('groups by %s through %j, the version always with its template', (groupBy, dims) => {
      expect(inspectionMetricsQuery({ groupBy })).toEqual({ metric: INSPECTIONS_METRIC, groupBy: { dims }, measures: INSPECTION_MEASURES });
    });

    it('rejects an unknown grouping, and a version without its template, naming the field', () => {
      expect(() => inspectionMetricsQuery({ groupBy: 'year' as InspectionMetricsGroupBy })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'groupBy' })] }),
      );
      expect(() => inspectionMetricsQuery({ templateVersion: 2 })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'templateVersion' })] }),
      );
    });
  });

  describe('the rows', () => {
    it('computes pass rate, mean score, first-time pass rate, re-inspections and hours until pass', () => {
      expect(inspectionMetricsReport([march({})])).toEqual([{ group: {}, ...marchRow }]);
    });

    it('gives one row per period, oldest first', () => {
      const weekly: FactGroup[] = [
        {
          // Week of Mar 9: B1 alone.
          period: '2026-03-09',
          dims: {},
          facts: 1,
          sums: { inspections: 1, passed: 1, score: 5 / 6, firstAttempts: 1, firstAttemptsPassed: 1, reinspectionsBeforePass: 0, secondsToPass: 2 * HOUR },
        },
        {
          // Week of Mar 2: A1 failed, A2 passed.
          period: '2026-03-02',
          dims: {},
          facts: 2,
          sums: { inspections: 2, passed: 1, score: 4 / 6 + 1, firstAttempts: 1, firstAttemptsPassed: 0, reinspectionsBeforePass: 1, secondsToPass: 75 * HOUR },
        },
      ];
      expect(inspectionMetricsReport(weekly)).toEqual([
        {
          group: { period: '2026-03-02' },
          inspections: 2,
          passed: 1,
          failed: 1,
          passRate: 0.5,
          meanScore: (4 / 6 + 1) / 2,
          firstAttempts: 1,
          firstAttemptsPassed: 0,
          firstTimePassRate: 0,
          meanReinspectionsUntilPass: 1,
          meanHoursToPass: 75,
        },
        {
          group: { period: '2026-03-09' },
          inspections: 1,
          passed: 1,
          failed: 0,
          passRate: 1,
          meanScore: 5 / 6,
          firstAttempts: 1,
          firstAttemptsPassed: 1,
          firstTimePassRate: 1,
          meanReinspectionsUntilPass: 0,
          meanHoursToPass: 2,
        },
      ]);
    });

    it('orders template versions as numbers, v2 before v10, and gives the version as a number', () => {
      const rows = inspectionMetricsReport([
        march({ templateId: 'landing', templateVersion: '10' }),
        march({ templateId: 'landing', templateVersion: '2' }),
        march({ templateId: 'email', templateVersion: '1' }),
      ]);
      expect(rows.map((row) => row.group)).toEqual([
        { templateId: 'email', templateVersion: 1 },
        { templateId: 'landing', templateVersion: 2 },
        { templateId: 'landing', templateVersion: 10 },
      ]);
    });

    it('orders grouped values, nulls last', () => {
      const rows = inspectionMetricsReport([march({ authorId: null }), march({ authorId: 'emp-b' }), march({ authorId: 'emp-a' })]);
      expect(rows.map((row) => row.group)).toEqual([{ authorId: 'emp-a' }, { authorId: 'emp-b' }, { authorId: null }]);
    });

    it('has no rates where everything was taken back, and no means of passes without passes', () => {
      const nothingLeft: FactGroup = {
        dims: {},
        facts: 2,
        sums: { inspections: 0, passed: 0, score: 0, firstAttempts: 0, firstAttemptsPassed: 0, reinspectionsBeforePass: 0, secondsToPass: 0 },
      };
      expect(inspectionMetricsReport([nothingLeft])).toEqual([
        {
          group: {},
          inspections: 0,
          passed: 0,
          failed: 0,
          passRate: null,
          meanScore: null,
          firstAttempts: 0,
          firstAttemptsPassed: 0,
          firstTimePassRate: null,
          meanReinspectionsUntilPass: null,
          meanHoursToPass: null,
        },
      ]);
    });

    it('has no rows when nothing was inspected', () => {
      expect(inspectionMetricsReport([])).toEqual([]);
    });
  });
});

describe('failures per criterion', () => {
  describe('the query', () => {
    it('groups by template version and criterion, and by a period when asked', () => {
      expect(criterionFailuresQuery({ templateId: 'landing', templateVersion: 2, period: 'month', asOf: 7n })).toEqual({
        metric: CRITERION_RESULTS_METRIC,
        where: { templateId: 'landing', templateVersion: '2' },
        groupBy: { period: 'month', dims: ['templateId', 'templateVersion', 'criterionId', 'critical'] },
        measures: ['checked', 'applicable', 'failed'],
        asOf: 7n,
      });
    });

    it('rejects a version without its template', () => {
      expect(() => criterionFailuresQuery({ templateVersion: 1 })).toThrow(
        expect.objectContaining({ errors: [expect.objectContaining({ field: 'templateVersion' })] }),
      );
    });
  });

  describe('the rows', () => {
    /*
     * Five verdicts on landing v2: price failed 3 times in 4 where it applied; mobile (critical)
     * failed once in 5; fonts was n/a every time. One verdict on landing v10 failed price once in 1.
     */
    const group = (templateVersion: string, criterionId: string, critical: boolean, checked: number, applicable: number, failed: number): FactGroup => ({
      dims: { templateId: 'landing', templateVersion, criterionId, critical: String(critical) },
      facts: checked,
      sums: { checked, applicable, failed },
    });

    it('gives failures and failure rate per criterion, the most failed first', () => {
      expect(
        criterionFailuresReport([
          group('2', 'fonts', false, 5, 0, 0),
          group('2', 'mobile', true, 5, 5, 1),
          group('10', 'price', false, 1, 1, 1),
          group('2', 'price', false, 5, 4, 3),
        ]),
      ).toEqual([
        { group: { templateId: 'landing', templateVersion: 2, criterionId: 'price' }, critical: false, checked: 5, applicable: 4, failed: 3, failureRate: 0.75 },
        { group: { templateId: 'landing', templateVersion: 2, criterionId: 'mobile' }, critical: true, checked: 5, applicable: 5, failed: 1, failureRate: 0.2 },
        { group: { templateId: 'landing', templateVersion: 10, criterionId: 'price' }, critical: false, checked: 1, applicable: 1, failed: 1, failureRate: 1 },
        { group: { templateId: 'landing', templateVersion: 2, criterionId: 'fonts' }, critical: false, checked: 5, applicable: 0, failed: 0, failureRate: null },
      ]);
    });

    it('orders by period first', () => {
      const rows = criterionFailuresReport([
        { ...group('2', 'price', false, 1, 1, 1), period: '2026-04-01' },
        { ...group('2', 'mobile', true, 1, 1, 0), period: '2026-03-01' },
      ]);
      expect(rows.map((row) => [row.group.period, row.group.criterionId])).toEqual([
        ['2026-03-01', 'mobile'],
        ['2026-04-01', 'price'],
      ]);
    });
  });
});
