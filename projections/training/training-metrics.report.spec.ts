import { ValidationError, type FactGroup } from '#kernel';
import {
  ACTIVITY_EXACT_MEASURES,
  ACTIVITY_MEASURES,
  PLAN_MEASURES,
  TRAINING_ACTIVITY_METRIC,
  TRAINING_PLANS_METRIC,
  TRAINING_WEBINARS_METRIC,
  WEBINAR_MEASURES,
} from './training-metrics.projection.js';
import {
  trainingActivityQuery,
  trainingActivityReport,
  trainingEffectivenessReport,
  trainingPlansQuery,
  trainingPlansReport,
  webinarConversionQuery,
  webinarConversionReport,
} from './training-metrics.report.js';

const group = (
  dims: Record<string, string | null>,
  sums: Record<string, number>,
  period?: string,
  exactSums?: Record<string, bigint>,
): FactGroup => ({
  ...(period && { period }),
  dims,
  facts: 1,
  sums,
  ...(exactSums && { exactSums }),
});

describe('training metrics report', () => {
  describe('the queries', () => {
    it('sum the measures over the whole range by default', () => {
      expect(trainingPlansQuery({})).toEqual({ metric: TRAINING_PLANS_METRIC, groupBy: { dims: [] }, measures: PLAN_MEASURES });
    });

    it('group by a period or a dimension, filter, and answer as of a position', () => {
      expect(trainingPlansQuery({ from: '2026-01-01', to: '2026-04-01', groupBy: 'month', sectionId: 'support', asOf: 42n })).toEqual({
        metric: TRAINING_PLANS_METRIC,
        from: '2026-01-01',
        to: '2026-04-01',
        where: { sectionId: 'support' },
        groupBy: { period: 'month', dims: [] },
        measures: PLAN_MEASURES,
        asOf: 42n,
      });
      expect(webinarConversionQuery({ groupBy: 'trainer', trainerId: 'emp-t1' })).toEqual({
        metric: TRAINING_WEBINARS_METRIC,
        where: { trainerId: 'emp-t1' },
        groupBy: { dims: ['trainerId'] },
        measures: WEBINAR_MEASURES,
      });
      expect(trainingPlansQuery({ groupBy: 'employee' })).toEqual({ metric: TRAINING_PLANS_METRIC, groupBy: { dims: ['employeeId'] }, measures: PLAN_MEASURES });
      expect(() => trainingActivityQuery({ groupBy: 'employee' as never })).toThrow(expect.objectContaining({ constructor: ValidationError }));
    });

    it('always group amounts by currency', () => {
      expect(trainingActivityQuery({ groupBy: 'source' })).toEqual({
        metric: TRAINING_ACTIVITY_METRIC,
        groupBy: { dims: ['source', 'currency'] },
        measures: ACTIVITY_MEASURES,
        exactMeasures: ACTIVITY_EXACT_MEASURES,
      });
    });

    it('refuse a grouping the metric does not have, naming groupBy', () => {
      expect(() => trainingPlansQuery({ groupBy: 'source' as never })).toThrow(
        expect.objectContaining({ constructor: ValidationError, errors: [{ field: 'groupBy', message: 'unknown grouping' }] }),
      );
    });
  });

  describe('plans', () => {
    /*
     * Due in March: 4 plans, 3 completed (2 on time, 1 late), 1 open; all due before the day asked
     * for (April 10), so the open one is overdue. Due in April: 2 plans, none completed; 1 of them due
     * before April 10, so 1 overdue and 1 merely open.
     */
    const monthly = [group({}, { due: 4, completed: 3, completedOnTime: 2 }, '2026-03-01'), group({}, { due: 2 }, '2026-04-01')];
    const dueBeforeApril10 = [group({}, { due: 4, completed: 3, completedOnTime: 2 }, '2026-03-01'), group({}, { due: 1 }, '2026-04-01')];

    it('counts completed, on time, late, open and overdue plans, and the rates of the due ones', () => {
      expect(trainingPlansReport(monthly, dueBeforeApril10)).toEqual([
        {
          group: { period: '2026-03-01' },
          due: 4,
          completed: 3,
          completedOnTime: 2,
          completedLate: 1,
          open: 1,
          overdue: 1,
          completionRate: 0.75,
          onTimeRate: 0.5,
        },
        { group: { period: '2026-04-01' }, due: 2, completed: 0, completedOnTime: 0, completedLate: 0, open: 2, overdue: 1, completionRate: 0, onTimeRate: 0 },
      ]);
    });

    it('has no rates for a row without plans due: an approval cancelled', () => {
      expect(trainingPlansReport([group({ sectionId: 'care' }, { due: 0 })], [])).toEqual([
        { group: { sectionId: 'care' }, due: 0, completed: 0, completedOnTime: 0, completedLate: 0, open: 0, overdue: 0, completionRate: null, onTimeRate: null },
      ]);
    });
  });

  describe('activity', () => {
    /*
     * Support: 3 trainings of 7 hours without cost, and 1 external course of 12 000.00 RUB.
     * No section: an outside session of 45 000.00 RUB, and one of 9 000.00 EUR cancelled (net 0).
     */
    const bySection = [
      group({ sectionId: 'support', currency: null }, { trainings: 3, hours: 7 }, undefined, { costMinor: 0n }),
      group({ sectionId: 'support', currency: 'RUB' }, { trainings: 1, hours: 0 }, undefined, { costMinor: 1_200_000n }),
      group({ sectionId: null, currency: 'RUB' }, { trainings: 0, hours: 0 }, undefined, { costMinor: 4_500_000n }),
      group({ sectionId: null, currency: 'EUR' }, { trainings: 0, hours: 0 }, undefined, { costMinor: 0n }),
    ];

    it('sums trainings and hours over the currencies and keeps the cost per currency, leaving out what nets to nothing', () => {
      expect(trainingActivityReport(bySection)).toEqual([
        { group: { sectionId: 'support' }, trainings: 4, hours: 7, cost: { RUB: '1200000' } },
        { group: { sectionId: null }, trainings: 0, hours: 0, cost: { RUB: '4500000' } },
      ]);
    });

    it('answers a cost past 2^53 to the last minor unit, as a decimal string', () => {
      const beyond = 2n ** 53n * 5n + 3n;
      const [row] = trainingActivityReport([group({ source: 'session', currency: 'UYW' }, { trainings: 0, hours: 0 }, '2026-03-01', { costMinor: beyond })]);
      expect(row?.cost).toEqual({ UYW: beyond.toString() });
    });
  });

  describe('effectiveness', () => {
    it('shares closed gaps among those re-assessed, and re-assessed among those trained, with the mean gaps', () => {
      // 4 gaps trained, 3 re-assessed: they started from gaps summing to 5 and end at 1; 2 closed.
      expect(trainingEffectivenessReport([group({ sectionId: 'support' }, { gapsTrained: 4, gapsReassessed: 3, gapsClosed: 2, gapAtStart: 5, gapAfter: 1 })])).toEqual([
        {
          group: { sectionId: 'support' },
          gapsTrained: 4,
          gapsReassessed: 3,
          gapsClosed: 2,
          closedShare: 2 / 3,
          reassessedShare: 0.75,
          meanGapAtStart: 5 / 3,
          meanGapAfter: 1 / 3,
        },
      ]);
    });

    it('has no shares before any re-assessment', () => {
      expect(trainingEffectivenessReport([group({}, { gapsTrained: 2 })])).toEqual([
        { group: {}, gapsTrained: 2, gapsReassessed: 0, gapsClosed: 0, closedShare: null, reassessedShare: 0, meanGapAtStart: null, meanGapAfter: null },
      ]);
    });
  });

  describe('webinar conversion', () => {
    it('divides buyers by attendees per trainer against the 30 % target', () => {
      // t1: 70 of 200 = 35 %, above; t2: 10 of 50 = 20 %, below; t3: nobody came.
      expect(
        webinarConversionReport([
          group({ trainerId: 't2' }, { webinars: 1, attendees: 50, buyers: 10 }),
          group({ trainerId: 't1' }, { webinars: 2, attendees: 200, buyers: 70 }),
          group({ trainerId: 't3' }, { webinars: 1, attendees: 0, buyers: 0 }),
        ]),
      ).toEqual([
        { group: { trainerId: 't1' }, webinars: 2, attendees: 200, buyers: 70, conversion: 0.35, target: 0.3, meetsTarget: true },
        { group: { trainerId: 't2' }, webinars: 1, attendees: 50, buyers: 10, conversion: 0.2, target: 0.3, meetsTarget: false },
        { group: { trainerId: 't3' }, webinars: 1, attendees: 0, buyers: 0, conversion: null, target: 0.3, meetsTarget: null },
      ]);
    });

    it('meets the target exactly at 30 %', () => {
      expect(webinarConversionReport([group({}, { webinars: 1, attendees: 10, buyers: 3 })])[0]).toMatchObject({ conversion: 0.3, meetsTarget: true });
    });
  });
});
