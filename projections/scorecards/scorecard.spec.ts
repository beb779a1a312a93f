import { attainmentOf, complianceByStandardType, inForceAtEnd, kpisOf, profileVersionAtEnd, workedIn } from './scorecard.js';
import { periodOfMonth } from '#domain/shared/months.js';
import type { JobProfileContent } from '#domain/competence/index.js';

const EMPTY: JobProfileContent = { generalKnowledge: [], subjectKnowledge: [], skills: [], personalQualities: [], values: [], duties: [], responsibilities: [] };

describe('an employee scorecard', () => {
  it('covers the days of a calendar month, December into the next year, and nothing else', () => {
    expect(periodOfMonth('2026-03')).toEqual({ month: '2026-03', from: '2026-03-01', to: '2026-04-01' });
    expect(periodOfMonth('2026-12')).toEqual({ month: '2026-12', from: '2026-12-01', to: '2027-01-01' });
    for (const month of ['2026-13', '2026-00', '2026-3', '26-03', '2026-03-01']) expect(periodOfMonth(month)).toBeUndefined();
  });

  it("takes what was in force on the month's last day: dated that day counts, dated the next does not", () => {
    const march = periodOfMonth('2026-03')!;
    const history = [
      { from: '2026-01-05T09:00:00.000Z', positionId: 'a' },
      { from: '2026-03-31T17:00:00.000Z', positionId: 'b' },
      { from: '2026-04-01T00:00:00.000Z', positionId: 'c' },
    ];
    expect(inForceAtEnd(history, march)?.positionId).toBe('b');
    expect(inForceAtEnd(history, periodOfMonth('2025-12')!)).toBeUndefined();
    const versions = [1, 2].map((version) => ({ version, effectiveFrom: version === 1 ? '2026-01-10T09:00:00.000Z' : '2026-04-02T09:00:00.000Z', content: EMPTY }));
    expect(profileVersionAtEnd(versions, march)?.version).toBe(1);
    expect(profileVersionAtEnd(versions, periodOfMonth('2026-04')!)?.version).toBe(2);
  });

  it('counts a month in which the employee left, but none after it', () => {
    const may = periodOfMonth('2026-05')!;
    expect(workedIn({ from: '2026-05-12T17:00:00.000Z', status: 'left' }, may)).toBe(true);
    expect(workedIn({ from: '2026-05-01T00:00:00.000Z', status: 'left' }, may)).toBe(false);
    expect(workedIn({ from: '2026-04-30T17:00:00.000Z', status: 'left' }, may)).toBe(false);
    expect(workedIn({ from: '2026-01-05T09:00:00.000Z', status: 'employed' }, may)).toBe(true);
  });

  it("tells attainment by the indicator's direction, with a ratio only where value and target are above zero", () => {
    expect(attainmentOf('care.retentionShare', 0.6, 0.5)).toEqual({ met: true, ratio: 1.2 });
    expect(attainmentOf('care.retentionShare', 0.4, 0.5)).toEqual({ met: false, ratio: 0.8 });
    expect(attainmentOf('support.firstResponseMinutes', 1, 2)).toEqual({ met: true, ratio: 2 });
    expect(attainmentOf('support.firstResponseMinutes', 4, 2)).toEqual({ met: false, ratio: 0.5 });
    expect(attainmentOf('support.firstResponseMinutes', 0, 2)).toEqual({ met: true, ratio: null });
    expect(attainmentOf('surveys.nps', -10, 20)).toEqual({ met: false, ratio: null });
    expect(attainmentOf('training.plansOverdue', 0, 0)).toEqual({ met: true, ratio: null });
    expect(attainmentOf('care.retentionShare', null, 0.5)).toBeNull();
  });

  it('counts a verdict once per type of the standards its template version verifies, and not at all under one verifying none', () => {
    const standards: Record<string, Record<number, string[]>> = { landing: { 1: ['claims', 'privacy', 'tone'], 2: ['claims'] }, plain: { 1: [] } };
    const types: Record<string, 'external' | 'internal'> = { claims: 'external', privacy: 'external', tone: 'internal' };
    const compliance = complianceByStandardType(
      [
        { templateId: 'landing', templateVersion: 1, inspections: 4, passed: 3 },
        { templateId: 'landing', templateVersion: 2, inspections: 2, passed: 2 },
        { templateId: 'plain', templateVersion: 1, inspections: 5, passed: 0 },
        { templateId: null, templateVersion: null, inspections: 1, passed: 0 },
      ],
      (templateId, version) => standards[templateId]?.[version] ?? [],
      (id) => types[id],
    );
    expect(compliance).toEqual([
      { standardType: 'external', inspections: 6, passed: 5, passRate: 5 / 6 },
      { standardType: 'internal', inspections: 4, passed: 3, passRate: 0.75 },
    ]);
    expect(complianceByStandardType([], () => [], () => undefined)).toEqual([]);
  });

  it('measures the KPIs on indicators and shows the text ones of early versions as they stand, in profile order', () => {
    const content: JobProfileContent = {
      ...EMPTY,
      responsibilities: [
        { area: 'Care', kpis: [{ indicatorId: 'care.retentionShare', target: 0.5 }, { name: 'Calls returned', target: 'same day' }] },
        { area: 'Quality', kpis: [{ indicatorId: 'quality.checklistPassRate', target: 0.9 }] },
      ],
    };
    expect(kpisOf(content)).toEqual({
      measured: [
        { area: 'Care', indicatorId: 'care.retentionShare', target: 0.5 },
        { area: 'Quality', indicatorId: 'quality.checklistPassRate', target: 0.9 },
      ],
      stated: [{ area: 'Care', name: 'Calls returned', target: 'same day' }],
    });
  });
});
