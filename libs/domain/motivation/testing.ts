import { eventsOf } from '../council/testing.js';
import type { AdoptMotivationRuleVersion, CloseMotivationPeriod } from './motivation.commands.js';
import type { MotivationTerms, StatementFigures } from './motivation.events.js';
import { motivationRuleDecider, type MotivationRuleState } from './motivation-rule.decider.js';

/* Fixtures the motivation specs share: a rule version adopted in January, and figures good and poor. */

export const TERMS: MotivationTerms = {
  weights: { kpis: 60, standardCompliance: 25, trainingPlans: 15 },
  attainmentCap: 1.2,
  bands: [
    { fromScore: 0, coefficient: 0 },
    { fromScore: 0.8, coefficient: 0.5 },
    { fromScore: 0.95, coefficient: 1 },
    { fromScore: 1.1, coefficient: 1.2 },
  ],
  coefficientWithoutData: 1,
};

export const ADOPT: AdoptMotivationRuleVersion = {
  type: 'AdoptMotivationRuleVersion',
  ...TERMS,
  decision: { decisionId: 'd-1', outcome: 'adopted' },
  effectiveFrom: '2026-01',
  lastClosedMonth: null,
  at: '2026-01-20T10:00:00.000Z',
};

export const CHECKPOINT = { position: '42', treeSize: 42, rootHash: 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=' };

/** Retention on target: a score of 1. */
export const GOOD: StatementFigures = {
  positionId: 'care-agent',
  kpis: [{ indicatorId: 'care.retentionShare', value: 0.6, target: 0.6, ratio: 1, met: true }],
  standardCompliance: [],
  trainingPlanCompletion: null,
};

/** Retention at half its target: a score of 0.5. */
export const POOR: StatementFigures = { ...GOOD, kpis: [{ indicatorId: 'care.retentionShare', value: 0.3, target: 0.6, ratio: 0.5, met: false }] };

export function ruleOf(...commands: AdoptMotivationRuleVersion[]): MotivationRuleState {
  return eventsOf(motivationRuleDecider, commands).reduce(motivationRuleDecider.evolve, motivationRuleDecider.initialState());
}

/** Closes `month` at `at` under version 1, with a good statement for emp-olga unless told otherwise. */
export function closeOf(month: string, at: string, extra: Partial<CloseMotivationPeriod> = {}): CloseMotivationPeriod {
  return { type: 'CloseMotivationPeriod', month, rule: ruleOf(ADOPT), statements: [{ employeeId: 'emp-olga', figures: GOOD }], lateFigures: [], checkpoint: CHECKPOINT, at, ...extra };
}
