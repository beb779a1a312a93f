import { DEFAULT_CASES_PER_MONTH, planDemo, type DemoPlanOptions, type DemoStep, type RefundStep, type RetainStep } from './demo-plan.js';

const END = new Date('2026-03-15T12:00:00.000Z');
const TWO_YEARS: DemoPlanOptions = { seed: 7, months: 24, end: END, casesPerMonth: DEFAULT_CASES_PER_MONTH, observationWindowDays: 30 };
const DAY = 24 * 3600 * 1000;

function byCase(steps: readonly DemoStep[]): Map<string, DemoStep[]> {
  const cases = new Map<string, DemoStep[]>();
  for (const step of steps) cases.set(step.caseId, [...(cases.get(step.caseId) ?? []), step]);
  return cases;
}

describe('demo plan', () => {
  const plan = planDemo(TWO_YEARS);
  const cases = byCase(plan.steps);
  const outcomes = [...cases.values()].map((steps) => steps.filter((s) => s.type === 'refund' || s.type === 'retain'));

  it('is the same for the same seed, and another for another seed', () => {
    expect(planDemo(TWO_YEARS)).toEqual(plan);
    expect(planDemo({ ...TWO_YEARS, seed: 8 }).steps).not.toEqual(plan.steps);
  });

  it('spans the months asked for, ending at the end, in the order the steps were recorded', () => {
    expect(plan.start.toISOString()).toBe('2024-03-15T12:00:00.000Z');
    const recorded = plan.steps.map((step) => step.recordedAt);
    expect(recorded).toEqual([...recorded].sort());
    expect(recorded.at(-1)! <= END.toISOString()).toBe(true);
    expect(recorded[0]!.slice(0, 7)).toBe('2024-03');
    for (const step of plan.steps) expect(step.occurredAt <= step.recordedAt).toBe(true);
  });

  it('opens every case first and decides it at most once, except a lost save after a retention', () => {
    for (const steps of cases.values()) {
      expect(steps[0]!.type).toBe('open');
      const decisions = steps.filter((s) => s.type === 'refund' || s.type === 'retain').map((s) => s.type);
      expect([[], ['refund'], ['retain'], ['retain', 'refund']]).toContainEqual(decisions);
    }
  });

  it('has two years of cases with a believable mix of outcomes', () => {
    expect(cases.size).toBeGreaterThan(1500);
    const decided = outcomes.filter((steps) => steps.length > 0);
    const retained = decided.filter((steps) => steps.length === 1 && steps[0]!.type === 'retain').length;
    expect(retained / decided.length).toBeGreaterThan(0.55);
    expect(retained / decided.length).toBeLessThan(0.65);

    const lostSaves = outcomes.filter((steps) => steps.length === 2);
    expect(lostSaves.length).toBeGreaterThan(20);
    for (const [retention, refund] of lostSaves as [RetainStep, RefundStep][]) {
      expect(refund.lostSave).toBe(true);
      expect(Date.parse(refund.occurredAt) - Date.parse(retention.occurredAt)).toBeLessThanOrEqual(30 * DAY);
    }

    const refunds = plan.steps.filter((s): s is RefundStep => s.type === 'refund' && !s.lostSave);
    expect(new Set(refunds.map((r) => r.full))).toEqual(new Set([true, false]));
    const kinds = new Set(plan.steps.flatMap((s) => (s.type === 'open' ? [s.kind] : [])));
    expect(kinds).toEqual(new Set(['refund-request', 'dissatisfaction', 'other']));
    const methods = new Set(plan.steps.flatMap((s) => (s.type === 'retain' ? [s.method] : [])));
    expect(methods.size).toBe(6);
  });

  it('keeps money in whole minor units, mostly in one currency and some in a second', () => {
    const amounts = plan.steps.flatMap((s) => (s.type === 'refund' ? [s.amount] : s.type === 'retain' ? [s.retained] : []));
    for (const { minor } of amounts) expect(Number.isInteger(minor) && minor > 0).toBe(true);
    const euros = amounts.filter((a) => a.currency === 'EUR').length;
    expect(amounts.filter((a) => a.currency === 'RUB').length).toBeGreaterThan(euros * 4);
    expect(euros).toBeGreaterThan(0);
  });

  it('spreads the cases over several agents, sections and products', () => {
    const assigned = new Set(plan.steps.flatMap((s) => (s.type === 'assign' ? [s.employeeId] : [])));
    expect(assigned.size).toBeGreaterThanOrEqual(5);
    const opened = plan.steps.filter((s) => s.type === 'open');
    expect(new Set(opened.map((s) => s.sectionId)).size).toBe(3);
    expect(new Set(opened.map((s) => s.productId)).size).toBe(5);
  });

  it('keeps lost saves inside a shorter observation window', () => {
    const week = planDemo({ ...TWO_YEARS, observationWindowDays: 7 });
    const lostSaves = [...byCase(week.steps).values()].filter((steps) => steps.some((s) => s.type === 'refund' && s.lostSave));
    expect(lostSaves.length).toBeGreaterThan(20);
    for (const steps of lostSaves) {
      const [retention, refund] = steps.filter((s) => s.type === 'retain' || s.type === 'refund');
      expect(Date.parse(refund!.occurredAt) - Date.parse(retention!.occurredAt)).toBeLessThanOrEqual(7 * DAY);
    }
  });

  it('scales with the number of months', () => {
    const quarter = byCase(planDemo({ ...TWO_YEARS, months: 3 }).steps);
    expect(quarter.size).toBeGreaterThan(150);
    expect(quarter.size).toBeLessThan(cases.size / 5);
  });
});
