import type { RefundRetentionRow } from '../care/refund-retention.report.js';
import type { GapCoverageRow } from '../competence/gap-coverage.report.js';
import type { InspectionMetricsRow } from '../quality/inspection-metrics.report.js';
import type { SurveyMetricsRow } from '../surveys/survey-metrics.report.js';
import type { TrainingPlansRow } from '../training/training-metrics.report.js';
import { packIndicators, packPeriods, readingOf, type PackSources } from './metrics-pack.js';

const NOTHING: PackSources = { refundRetention: [], inspections: [], surveys: [], gapCoverage: [], trainingPlans: [] };

/** 3 refunds against 9 retained: share 9/12 = 0.75, ratio 3/9. */
const refundRetention = { group: {}, refunds: { count: 3, amount: {} }, retained: { count: 9, amount: {} }, refundToRetainedRatio: 1 / 3, retentionShare: 0.75 } as RefundRetentionRow;
const inspections = { group: {}, passRate: 0.8 } as InspectionMetricsRow;
const surveys = { group: {}, csat: { answers: 10, satisfied: 8, share: 0.8 }, nps: { score: 20 } } as SurveyMetricsRow;
const gapCoverage = { group: {}, opening: { required: 10, met: 5, coverage: 0.5 }, closing: { required: 10, met: 7, coverage: 0.7 } } as GapCoverageRow;
const trainingPlans = { group: {}, overdue: 2 } as TrainingPlansRow;

describe('the metrics pack', () => {
  it('covers the ISO week of the meeting and the week before', () => {
    expect(packPeriods('2026-03-04')).toEqual({ current: { from: '2026-03-02', to: '2026-03-09' }, previous: { from: '2026-02-23', to: '2026-03-02' } });
    expect(packPeriods('2026-03-08')).toEqual({ current: { from: '2026-03-02', to: '2026-03-09' }, previous: { from: '2026-02-23', to: '2026-03-02' } });
    expect(packPeriods('2026-03-02').current.from).toBe('2026-03-02');
  });

  it('reads each indicator from its report and compares it with the target', () => {
    const byName = Object.fromEntries(
      packIndicators({ refundRetention: [refundRetention], inspections: [inspections], surveys: [surveys], gapCoverage: [gapCoverage], trainingPlans: [trainingPlans] }, NOTHING).map(
        (indicator) => [indicator.indicator, indicator],
      ),
    );
    expect(byName['care.retentionShare']!.current).toEqual({ value: 0.75, deviation: 0.75 - 0.6, onTarget: true });
    expect(byName['care.refundToRetainedRatio']!.current).toEqual({ value: 1 / 3, deviation: null, onTarget: null });
    expect(byName['quality.checklistPassRate']!.current.value).toBe(0.8);
    expect(byName['surveys.csat']!.current).toEqual({ value: 0.8, deviation: 0.8 - 0.9, onTarget: false });
    expect(byName['surveys.nps']!.current.value).toBe(20);
    expect(byName['competence.gapCoverage']!.current.value).toBe(0.7);
    expect(byName['training.plansOverdue']!.current).toEqual({ value: 2, deviation: 2, onTarget: false });
    expect(byName['care.retentionShare']!.previous).toEqual({ value: null, deviation: null, onTarget: null });
    expect(byName['training.plansOverdue']!.previous).toEqual({ value: 0, deviation: 0, onTarget: true });
  });

  it('lists the support KPIs with their targets and no data', () => {
    const support = packIndicators(NOTHING, NOTHING).filter((indicator) => indicator.indicator.startsWith('support.'));
    expect(support.map(({ indicator, target }) => [indicator, target])).toEqual([
      ['support.firstResponseMinutes', 2],
      ['support.resolutionHours', 4],
      ['support.csat', 0.9],
      ['support.repeatContactShare', 0.05],
      ['support.escalationShare', 0.02],
    ]);
    expect(support.every((indicator) => indicator.current.value === null && indicator.previous.value === null)).toBe(true);
  });

  it('meets a lower-is-better target at or below it', () => {
    expect(readingOf({ target: 4, direction: 'lower-is-better' }, 4).onTarget).toBe(true);
    expect(readingOf({ target: 4, direction: 'lower-is-better' }, 5)).toEqual({ value: 5, deviation: 1, onTarget: false });
  });
});
