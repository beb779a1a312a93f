import { INDICATORS, type Indicator, type IndicatorId } from '#domain/catalogue/indicators.js';
import type { RefundRetentionRow } from '../care/refund-retention.report.js';
import type { GapCoverageRow } from '../competence/gap-coverage.report.js';
import type { FeedbackMetricsRow } from '../feedback/feedback-metrics.report.js';
import type { InspectionMetricsRow } from '../quality/inspection-metrics.report.js';
import type { SupportMetricsRow } from '../support/support-metrics.report.js';
import type { SurveyMetricsRow } from '../surveys/survey-metrics.report.js';
import type { TrainingPlansRow } from '../training/training-metrics.report.js';
import { comparedIndicators, packIndicators, packPeriods, readingOf, weekHoldingPeriods, type PackIndicator, type PackSources } from './metrics-pack.js';

const NOTHING: PackSources = { refundRetention: [], inspections: [], surveys: [], gapCoverage: [], trainingPlans: [], support: [], feedback: [] };

/** 3 refunds against 9 retained: share 9/12 = 0.75, ratio 3/9. */
const refundRetention = { group: {}, refunds: { count: 3, amount: {} }, retained: { count: 9, amount: {} }, refundToRetainedRatio: 1 / 3, retentionShare: 0.75 } as RefundRetentionRow;
const inspections = { group: {}, passRate: 0.8 } as InspectionMetricsRow;
const surveys = { group: {}, csat: { answers: 10, satisfied: 8, share: 0.8 }, nps: { score: 20 } } as SurveyMetricsRow;
const gapCoverage = { group: {}, opening: { required: 10, met: 5, coverage: 0.5 }, closing: { required: 10, met: 7, coverage: 0.7 } } as GapCoverageRow;
const trainingPlans = { group: {}, due: 5, overdue: 2 } as TrainingPlansRow;
/** 840 tickets, 120 a day; first responses after 90 s on average, resolutions after 5 h. */
const support = {
  group: {},
  tickets: 840,
  contactsPerDay: 120,
  firstResponseSeconds: { mean: 90, p50: 60, p90: 200 },
  resolutionSeconds: { mean: 5 * 3600, p50: 4 * 3600, p90: 9 * 3600 },
  excellentShare: 0.85,
  repeatContactShare: 0.04,
  closedShare: 0.96,
  escalationShare: 0.03,
} as SupportMetricsRow;

describe('the metrics pack', () => {
  it('covers the last complete ISO week before the meeting and the week before it', () => {
    const twoWeeksBefore = { current: { from: '2026-03-02', to: '2026-03-09' }, previous: { from: '2026-02-23', to: '2026-03-02' } };
    expect(packPeriods('2026-03-09')).toEqual(twoWeeksBefore);
    expect(packPeriods('2026-03-11')).toEqual(twoWeeksBefore);
    expect(packPeriods('2026-03-15')).toEqual(twoWeeksBefore);
    expect(packPeriods('2026-03-08').current).toEqual({ from: '2026-02-23', to: '2026-03-02' });
    expect(packPeriods('2026-11-30')).toEqual({ current: { from: '2026-11-23', to: '2026-11-30' }, previous: { from: '2026-11-16', to: '2026-11-23' } });
  });

  it('kept, for the packs of earlier meetings, the rule of the ISO week of the meeting and the week before', () => {
    expect(weekHoldingPeriods('2026-03-04')).toEqual({ current: { from: '2026-03-02', to: '2026-03-09' }, previous: { from: '2026-02-23', to: '2026-03-02' } });
    expect(weekHoldingPeriods('2026-03-08')).toEqual({ current: { from: '2026-03-02', to: '2026-03-09' }, previous: { from: '2026-02-23', to: '2026-03-02' } });
    expect(weekHoldingPeriods('2026-03-02').current.from).toBe('2026-03-02');
  });

  it('reads each indicator from its report and compares it with the target', () => {
    const byName = Object.fromEntries(
      packIndicators({ ...NOTHING, refundRetention: [refundRetention], inspections: [inspections], surveys: [surveys], gapCoverage: [gapCoverage], trainingPlans: [trainingPlans] }, NOTHING).map(
        (indicator) => [indicator.indicator, indicator],
      ),
    );
    expect(byName['care.retentionShare']!.current).toEqual({ value: 0.75, deviation: 0.75 - 0.6, onTarget: true, sample: 12 });
    expect(byName['care.refundToRetainedRatio']!.current).toEqual({ value: 1 / 3, deviation: null, onTarget: null, sample: 12 });
    expect(byName['quality.checklistPassRate']!.current.value).toBe(0.8);
    expect(byName['surveys.csat']!.current).toEqual({ value: 0.8, deviation: 0.8 - 0.9, onTarget: false, sample: 10 });
    expect(byName['surveys.nps']!.current.value).toBe(20);
    expect(byName['competence.gapCoverage']!.current.value).toBe(0.7);
    expect(byName['training.plansOverdue']!.current).toEqual({ value: 2, deviation: 2, onTarget: false, sample: 5 });
    expect(byName['care.retentionShare']!.previous).toEqual({ value: null, deviation: null, onTarget: null, sample: 0 });
    expect(byName['training.plansOverdue']!.previous).toEqual({ value: 0, deviation: 0, onTarget: true, sample: 0 });
  });

  it('gives each indicator the number of things its value was computed from, and names them', () => {
    const sources = { ...NOTHING, refundRetention: [refundRetention], inspections: [{ ...inspections, inspections: 25 }], surveys: [surveys], gapCoverage: [gapCoverage], trainingPlans: [trainingPlans] };
    const samples = Object.fromEntries(packIndicators(sources, NOTHING).map((indicator) => [indicator.indicator, [indicator.current.sample, indicator.sampleOf]]));
    expect(samples).toMatchObject({
      'care.retentionShare': [12, 'cases decided by a refund or a retention'],
      'quality.checklistPassRate': [25, 'verdicts'],
      'surveys.csat': [10, 'satisfaction answers'],
      'competence.gapCoverage': [10, 'required competencies'],
      'support.csat': [0, 'tickets opened'],
      'feedback.thanks': [0, 'thanks'],
    });
  });

  it('lists the seven support KPIs with their targets, without data when no tickets were opened', () => {
    const support = packIndicators(NOTHING, NOTHING).filter((indicator) => indicator.indicator.startsWith('support.'));
    expect(support.map(({ indicator, target }) => [indicator, target])).toEqual([
      ['support.firstResponseMinutes', 2],
      ['support.resolutionHours', 4],
      ['support.csat', 0.9],
      ['support.contactsPerDay', 100],
      ['support.repeatContactShare', 0.05],
      ['support.closedShare', 0.95],
      ['support.escalationShare', 0.02],
    ]);
    expect(support.every((indicator) => indicator.current.value === null && indicator.previous.value === null)).toBe(true);
  });

  it('reads the seven support KPIs from the support report, durations in the units of their targets', () => {
    const byName = Object.fromEntries(packIndicators({ ...NOTHING, support: [support] }, NOTHING).map((indicator) => [indicator.indicator, indicator]));
    expect(byName['support.firstResponseMinutes']!.current).toEqual({ value: 1.5, deviation: 1.5 - 2, onTarget: true, sample: 840 });
    expect(byName['support.resolutionHours']!.current).toEqual({ value: 5, deviation: 1, onTarget: false, sample: 840 });
    expect(byName['support.csat']!.current).toMatchObject({ value: 0.85, onTarget: false });
    expect(byName['support.contactsPerDay']!.current).toEqual({ value: 120, deviation: 20, onTarget: true, sample: 840 });
    expect(byName['support.repeatContactShare']!.current).toMatchObject({ value: 0.04, onTarget: true });
    expect(byName['support.closedShare']!.current).toMatchObject({ value: 0.96, onTarget: true });
    expect(byName['support.escalationShare']!.current).toMatchObject({ value: 0.03, onTarget: false });
    expect(byName['support.firstResponseMinutes']!.previous.value).toBeNull();
  });

  it('counts the thanks and complaints of the period, with no target, as 0 where there were none', () => {
    const feedback = { group: {}, thanks: 7, complaints: 2 } as FeedbackMetricsRow;
    const byName = Object.fromEntries(packIndicators({ ...NOTHING, feedback: [feedback] }, NOTHING).map((indicator) => [indicator.indicator, indicator]));
    expect(byName['feedback.thanks']).toMatchObject({ target: null, direction: 'higher-is-better', current: { value: 7, deviation: null, onTarget: null }, previous: { value: 0 } });
    expect(byName['feedback.complaints']).toMatchObject({ target: null, direction: 'lower-is-better', current: { value: 2, deviation: null, onTarget: null }, previous: { value: 0 } });
  });

  it('meets a lower-is-better target at or below it', () => {
    expect(readingOf({ target: 4, direction: 'lower-is-better' }, 4, 10).onTarget).toBe(true);
    expect(readingOf({ target: 4, direction: 'lower-is-better' }, 5, 10)).toEqual({ value: 5, deviation: 1, onTarget: false, sample: 10 });
  });
});

/** The metric route each report of the pack answers. */
const ROUTES: Readonly<Record<keyof PackSources, string>> = {
  refundRetention: '/metrics/refund-retention',
  inspections: '/metrics/inspections',
  surveys: '/metrics/surveys',
  gapCoverage: '/metrics/gap-coverage',
  trainingPlans: '/metrics/training/plans',
  support: '/metrics/support',
  feedback: '/metrics/feedback',
};

describe('the pack beside the indicator catalogue', () => {
  it('reads each indicator from the route and field its catalogue source names, with its definition', () => {
    // Every field of every row is a stand-in that, once taken as a number, becomes the count of such reads
    // so far: the value of a reading tells which path it was read at, whatever else the pack reads.
    const reads: string[] = [];
    const fieldAt = (path: readonly string[]): unknown =>
      new Proxy(
        {},
        {
          get: (_target, key) => {
            if (key === Symbol.toPrimitive) return () => reads.push(path.join('.'));
            return typeof key === 'string' ? fieldAt([...path, key]) : undefined;
          },
        },
      );
    const sources = Object.fromEntries(Object.keys(ROUTES).map((report) => [report, [fieldAt([report])]])) as unknown as PackSources;
    const indicators = packIndicators(sources, NOTHING);

    for (const indicator of indicators) {
      const catalogued = INDICATORS[indicator.indicator as IndicatorId];
      const { divideBy = 1 }: Indicator['source'] = catalogued.source;
      const readNumber = Math.round(indicator.current.value! * divideBy);
      const [report, ...field] = reads[readNumber - 1]!.split('.');
      expect({ indicator: indicator.indicator, route: ROUTES[report as keyof PackSources], field: field.join('.') }).toEqual({
        indicator: indicator.indicator,
        ...pick(catalogued.source, 'route', 'field'),
      });
      expect(pick(indicator, 'definitionVersion', 'unit', 'direction')).toEqual(pick(catalogued, 'definitionVersion', 'unit', 'direction'));
    }
  });
});

function pick<T extends object, K extends keyof T>(value: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}

describe('a recorded pack beside today’s view', () => {
  const recorded = packIndicators({ ...NOTHING, refundRetention: [refundRetention], inspections: [inspections] }, NOTHING);
  const byName = (indicators: readonly PackIndicator[], name: string) => indicators.find((indicator) => indicator.indicator === name)!;
  const withValue = (indicators: readonly PackIndicator[], name: string, value: number) =>
    indicators.map((indicator) => (indicator.indicator === name ? { ...indicator, current: readingOf(indicator, value, indicator.current.sample) } : indicator));
  const changesOf = (compared: ReturnType<typeof comparedIndicators>, name: string) => compared.find((indicator) => indicator.indicator === name)!.changes;

  it('gives every indicator its definition version', () => {
    expect(recorded.every((indicator) => Number.isInteger(indicator.definitionVersion) && indicator.definitionVersion >= 1)).toBe(true);
  });

  it('marks nothing when today agrees with the record', () => {
    expect(comparedIndicators(recorded, recorded, recorded).every((indicator) => indicator.changes.length === 0)).toBe(true);
  });

  it('marks late facts where a reading as known now differs from the facts as of the pinned position', () => {
    const now = withValue(recorded, 'care.retentionShare', 0.8);
    const compared = comparedIndicators(recorded, recorded, now);
    expect(changesOf(compared, 'care.retentionShare')).toEqual(['late-facts']);
    expect(byName(compared, 'care.retentionShare').current.value).toBe(0.8);
    expect(changesOf(compared, 'quality.checklistPassRate')).toEqual([]);
  });

  it('marks late facts that changed a sample and left the value as it was, but not a sample missing from an older pack', () => {
    const withSample = (indicators: readonly PackIndicator[], sample: number | null) =>
      indicators.map((indicator) => (indicator.indicator === 'care.retentionShare' ? { ...indicator, current: { ...indicator.current, sample } } : indicator));
    expect(changesOf(comparedIndicators(recorded, recorded, withSample(recorded, 13)), 'care.retentionShare')).toEqual(['late-facts']);
    expect(changesOf(comparedIndicators(withSample(recorded, null), recorded, recorded), 'care.retentionShare')).toEqual([]);
  });

  it('marks a correction where the facts as of the pinned position read differently under the same definition', () => {
    const pinned = withValue(recorded, 'quality.checklistPassRate', 0.7);
    expect(changesOf(comparedIndicators(recorded, pinned, pinned), 'quality.checklistPassRate')).toEqual(['correction']);
  });

  it('marks a changed definition by its version, and an indicator the pack did not have', () => {
    const older = recorded.map((indicator) => (indicator.indicator === 'surveys.nps' ? { ...indicator, definitionVersion: 0 } : indicator));
    const withoutGapCoverage = older.filter((indicator) => indicator.indicator !== 'competence.gapCoverage');
    const now = withValue(recorded, 'surveys.nps', 30);
    const compared = comparedIndicators(withoutGapCoverage, now, now);
    expect(changesOf(compared, 'surveys.nps')).toEqual(['definition']);
    expect(changesOf(compared, 'competence.gapCoverage')).toEqual(['definition']);
    expect(changesOf(compared, 'care.retentionShare')).toEqual([]);
  });
});
