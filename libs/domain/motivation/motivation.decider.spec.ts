import { DomainRuleError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import { eventsOf } from '../council/testing.js';
import type { CloseMotivationPeriod } from './motivation.commands.js';
import type { MotivationLedgerEvent, StatementFigures } from './motivation.events.js';
import { motivationLedgerDecider, type MotivationLedgerState } from './motivation-ledger.decider.js';
import { motivationRuleDecider, ruleVersionFor } from './motivation-rule.decider.js';
import { ADOPT, CHECKPOINT, closeOf, GOOD, POOR, ruleOf, TERMS } from './testing.js';
import { outcomeOf } from './motivation-terms.js';

const ADOPTED_AT = ADOPT.at;
const terms = TERMS;
const adopt = ADOPT;

const rule = deciderSpec(motivationRuleDecider);

describe('the motivation rule', () => {
  it('adopts numbered versions, each on an adopted decision of its own, taking effect in order after the closed months', () => {
    rule
      .given([])
      .when(adopt)
      .then([{ type: 'MotivationRuleVersionAdopted', data: { version: 1, decisionId: 'd-1', effectiveFrom: '2026-01', ...terms, adoptedAt: ADOPTED_AT } }]);
    const first = eventsOf(motivationRuleDecider, [adopt]);
    const second = { ...adopt, decision: { decisionId: 'd-2', outcome: 'adopted' as const }, effectiveFrom: '2026-04' };
    rule.given(first).when(second).then([{ type: 'MotivationRuleVersionAdopted', data: { ...terms, version: 2, decisionId: 'd-2', effectiveFrom: '2026-04', adoptedAt: ADOPTED_AT } }]);
    rule.given([]).when({ ...adopt, decision: { decisionId: 'd-1', outcome: 'rejected' } }).thenThrows(DomainRuleError, 'DECISION_NOT_ADOPTED');
    rule.given(first).when({ ...second, decision: adopt.decision }).thenThrows(DomainRuleError, 'DECISION_ALREADY_USED');
    rule.given(first).when({ ...second, effectiveFrom: '2026-01' }).thenThrows(DomainRuleError, 'RULE_VERSION_OUT_OF_ORDER');
    rule.given(first).when({ ...second, lastClosedMonth: '2026-04' }).thenThrows(DomainRuleError, 'MONTH_CLOSED');
  });

  it('refuses terms out of bounds, naming the field', () => {
    rule.given([]).when({ ...adopt, weights: { kpis: 60, standardCompliance: 25, trainingPlans: 10 } }).thenRejects(['weights']);
    rule.given([]).when({ ...adopt, weights: { kpis: 60.5, standardCompliance: 24.5, trainingPlans: 15 } }).thenRejects(['weights.kpis']);
    rule.given([]).when({ ...adopt, weights: [60, 25, 15] as unknown as typeof terms.weights }).thenRejects(['weights']);
    rule.given([]).when({ ...adopt, bands: [{ fromScore: 0.5, coefficient: 1 }] }).thenRejects(['bands.0.fromScore']);
    rule.given([]).when({ ...adopt, bands: [terms.bands[0]!, { fromScore: 0, coefficient: 1 }] }).thenRejects(['bands.1.fromScore']);
    rule.given([]).when({ ...adopt, bands: [] }).thenRejects(['bands']);
    rule.given([]).when({ ...adopt, attainmentCap: 0.9 }).thenRejects(['attainmentCap']);
    rule.given([]).when({ ...adopt, coefficientWithoutData: -1 }).thenRejects(['coefficientWithoutData']);
    rule.given([]).when({ ...adopt, effectiveFrom: '2026-13' }).thenRejects(['effectiveFrom']);
  });

  it('computes a month with the last version taking effect by then', () => {
    const both = ruleOf(adopt, { ...adopt, decision: { decisionId: 'd-2', outcome: 'adopted' }, effectiveFrom: '2026-04' });
    expect(ruleVersionFor(both, '2025-12')).toBeUndefined();
    expect(ruleVersionFor(both, '2026-03')?.version).toBe(1);
    expect(ruleVersionFor(both, '2026-04')?.version).toBe(2);
  });
});

describe('a statement’s outcome', () => {
  const figures: StatementFigures = {
    positionId: 'care-agent',
    kpis: [
      { indicatorId: 'care.retentionShare', value: 0.9, target: 0.6, ratio: 1.5, met: true },
      { indicatorId: 'quality.firstTimePassRate', value: 0.45, target: 0.5, ratio: 0.9, met: false },
      { indicatorId: 'training.plansOverdue', value: 0, target: 0, ratio: null, met: true },
      { indicatorId: 'support.csat', value: null, target: 4.5, ratio: null, met: null },
    ],
    standardCompliance: [
      { standardType: 'external', inspections: 4, passed: 3 },
      { standardType: 'internal', inspections: 2, passed: 2 },
      { standardType: 'structural', inspections: 0, passed: 0 },
    ],
    trainingPlanCompletion: 0.5,
  };

  it('weighs capped KPI attainment, the mean pass rate per standard type and plan completion', () => {
    // KPIs: (min(1.5, 1.2) + 0.9 + 1) / 3 = 1.0333…; standards: (0.75 + 1) / 2 = 0.875; plans 0.5.
    // Score: 0.6 × 1.0333… + 0.25 × 0.875 + 0.15 × 0.5 = 0.91375, in the band from 0.8.
    expect(outcomeOf(terms, figures)).toEqual({ components: { kpis: 1.0333, standardCompliance: 0.875, trainingPlans: 0.5 }, score: 0.9138, coefficient: 0.5 });
  });

  it('rescales the weights over the components that have data, and falls back without any', () => {
    const kpisOnly = { ...figures, standardCompliance: [], trainingPlanCompletion: null };
    expect(outcomeOf(terms, kpisOnly)).toEqual({ components: { kpis: 1.0333, standardCompliance: null, trainingPlans: null }, score: 1.0333, coefficient: 1 });
    const nothing = { ...figures, kpis: [], standardCompliance: [], trainingPlanCompletion: null };
    expect(outcomeOf(terms, nothing)).toEqual({ components: { kpis: null, standardCompliance: null, trainingPlans: null }, score: null, coefficient: 1 });
    expect(outcomeOf({ ...terms, weights: { kpis: 100, standardCompliance: 0, trainingPlans: 0 } }, { ...kpisOnly, kpis: [] }).score).toBeNull();
  });

  it('takes the band at or below the score', () => {
    const at = (ratio: number) => outcomeOf(terms, { ...figures, kpis: [{ indicatorId: 'care.retentionShare', value: 1, target: 1, ratio, met: ratio >= 1 }], standardCompliance: [], trainingPlanCompletion: null });
    expect([at(0.79).coefficient, at(0.8).coefficient, at(0.95).coefficient, at(1.1).coefficient, at(2).coefficient]).toEqual([0, 0.5, 1, 1.2, 1.2]);
  });
});

const ledger = deciderSpec(motivationLedgerDecider);
const good = GOOD;
const poor = POOR;
const january = closeOf('2026-01', '2026-02-01T00:00:00.000Z');
const ledgerOf = (...commands: CloseMotivationPeriod[]): MotivationLedgerEvent[] => eventsOf(motivationLedgerDecider, commands);

describe('the motivation ledger', () => {
  it('closes an ended month with a statement per employee, under the rule version in force, at one checkpoint', () => {
    const statement = { month: '2026-01', employeeId: 'emp-olga', ruleVersion: 1, ...good, components: { kpis: 1, standardCompliance: null, trainingPlans: null }, score: 1, coefficient: 1, checkpoint: CHECKPOINT, issuedAt: january.at };
    ledger
      .given([])
      .when(january)
      .then([
        { type: 'MotivationStatementIssued', data: statement },
        { type: 'MotivationPeriodClosed', data: { month: '2026-01', ruleVersion: 1, statements: 1, adjustments: 0, checkpoint: CHECKPOINT, closedAt: january.at } },
      ]);
  });

  it('closes each month once, after it ends, in order, and only under a rule', () => {
    ledger.given(ledgerOf(january)).when(january).thenThrows(DomainRuleError, 'PERIOD_CLOSED');
    ledger.given([]).when({ ...january, at: '2026-01-31T23:59:59.999Z' }).thenThrows(DomainRuleError, 'PERIOD_NOT_ENDED');
    ledger.given(ledgerOf(january)).when(closeOf('2026-03', '2026-04-01T00:00:00.000Z')).thenThrows(DomainRuleError, 'PERIOD_OUT_OF_ORDER');
    ledger.given([]).when({ ...closeOf('2025-12', '2026-01-05T00:00:00.000Z') }).thenThrows(DomainRuleError, 'NO_MOTIVATION_RULE');
    ledger.given([]).when({ ...january, statements: [january.statements[0]!, january.statements[0]!] }).thenRejects(['statements.1.employeeId']);
    ledger.given([]).when({ ...january, statements: [{ employeeId: 'emp-olga', figures: { ...good, standardCompliance: [{ standardType: 'external', inspections: 1, passed: 2 }] } }] }).thenRejects([
      'statements.0.figures.standardCompliance.0.passed',
    ]);
    ledger.given([]).when({ ...january, statements: [{ employeeId: 'emp-olga', figures: { ...good, kpis: [{ indicatorId: 'x', value: null, target: 1, ratio: 1, met: null }] } }] }).thenRejects([
      'statements.0.figures.kpis.0',
    ]);
    ledger.given([]).when({ ...january, checkpoint: { ...CHECKPOINT, position: 'head' } }).thenRejects(['checkpoint.position']);
    ledger.given([]).when({ ...january, checkpoint: { ...CHECKPOINT, rootHash: 'not a digest' } }).thenRejects(['checkpoint.rootHash']);
    ledger.given([]).when({ ...january, checkpoint: { ...CHECKPOINT, treeSize: -1 } }).thenRejects(['checkpoint.treeSize']);
  });

  it('books a late change of a closed month’s coefficient as an adjustment in the month being closed, once', () => {
    const february = closeOf('2026-02', '2026-03-01T00:00:00.000Z', { lateFigures: [{ forMonth: '2026-01', employeeId: 'emp-olga', figures: poor }] });
    const events = ledgerOf(january, february);
    expect(events.map((event) => event.type)).toEqual([
      'MotivationStatementIssued',
      'MotivationPeriodClosed',
      'MotivationStatementIssued',
      'MotivationAdjustmentIssued',
      'MotivationPeriodClosed',
    ]);
    expect(events[3]!.data).toEqual({
      month: '2026-02',
      employeeId: 'emp-olga',
      forMonth: '2026-01',
      ruleVersion: 1,
      previousCoefficient: 1,
      delta: -1,
      figures: poor,
      components: { kpis: 0.5, standardCompliance: null, trainingPlans: null },
      score: 0.5,
      coefficient: 0,
      checkpoint: CHECKPOINT,
      issuedAt: february.at,
    });
    expect(events[4]!.data).toMatchObject({ statements: 1, adjustments: 1 });
    // The same late figures again change nothing: the adjustment is in force for January now.
    const march = closeOf('2026-03', '2026-04-01T00:00:00.000Z', { lateFigures: [{ forMonth: '2026-01', employeeId: 'emp-olga', figures: poor }] });
    const state: MotivationLedgerState = events.reduce(motivationLedgerDecider.evolve, motivationLedgerDecider.initialState());
    expect(state.coefficients['2026-01']).toEqual({ 'emp-olga': { ruleVersion: 1, coefficient: 0 } });
    expect(motivationLedgerDecider.decide(march, state).map((event) => event.type)).toEqual(['MotivationStatementIssued', 'MotivationPeriodClosed']);
  });

  it('refuses late figures for a month or an employee without a statement, or twice for the same', () => {
    ledger.given(ledgerOf(january)).when(closeOf('2026-02', '2026-03-01T00:00:00.000Z', { lateFigures: [{ forMonth: '2026-02', employeeId: 'emp-olga', figures: good }] })).thenRejects(['lateFigures.0']);
    ledger.given(ledgerOf(january)).when(closeOf('2026-02', '2026-03-01T00:00:00.000Z', { lateFigures: [{ forMonth: '2026-01', employeeId: 'emp-ivan', figures: good }] })).thenRejects(['lateFigures.0']);
    const late = { forMonth: '2026-01', employeeId: 'emp-olga', figures: poor };
    ledger.given(ledgerOf(january)).when(closeOf('2026-02', '2026-03-01T00:00:00.000Z', { lateFigures: [late, late] })).thenRejects(['lateFigures.1']);
  });
});
