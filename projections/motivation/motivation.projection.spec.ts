import { decidedHistory, projectionSpec } from '#kernel/testing.js';
import { motivationLedgerDecider, motivationRuleDecider, type MotivationLedgerCommand } from '#domain/motivation/index.js';
import { ADOPT, CHECKPOINT, closeOf, GOOD, POOR, TERMS } from '#domain/motivation/testing.js';
import { motivation, motivationDocumentId } from './motivation.projection.js';

const FEB_CLOSE = '2026-03-01T08:00:00.000Z';
const january = closeOf('2026-01', '2026-02-01T08:00:00.000Z');
const february = closeOf('2026-02', FEB_CLOSE, { lateFigures: [{ forMonth: '2026-01', employeeId: 'emp-olga', figures: POOR }] });

const history = [
  ...decidedHistory(motivationRuleDecider, { streamOf: () => 'motivationRule-company', roles: ['hr'] }, [['hr-1', ADOPT]]),
  ...decidedHistory(motivationLedgerDecider, { streamOf: () => 'motivationLedger-company', roles: ['hr'] }, [
    ['hr-1', january as MotivationLedgerCommand],
    ['hr-1', february as MotivationLedgerCommand],
  ]),
];

describe('the motivation read model', () => {
  it('keeps each rule version, closed month, statement and adjustment as one document, as issued', () => {
    const { documents } = projectionSpec(motivation).given(history);
    expect([...documents.keys()].sort()).toEqual([
      'adjustment:2026-02:emp-olga:2026-01',
      'period:2026-01',
      'period:2026-02',
      'ruleVersion:000001',
      'statement:2026-01:emp-olga',
      'statement:2026-02:emp-olga',
    ]);
    projectionSpec(motivation)
      .given(history)
      .thenDocument(motivationDocumentId.ruleVersion(1), { entity: 'ruleVersion', version: 1, decisionId: 'd-1', effectiveFrom: '2026-01', ...TERMS, adoptedAt: ADOPT.at })
      .thenDocument(motivationDocumentId.period('2026-02'), {
        entity: 'period',
        month: '2026-02',
        ruleVersion: 1,
        statements: 1,
        adjustments: 1,
        checkpoint: CHECKPOINT,
        closedAt: FEB_CLOSE,
      })
      .thenDocument(motivationDocumentId.adjustment('2026-02', 'emp-olga', '2026-01'), {
        entity: 'adjustment',
        month: '2026-02',
        employeeId: 'emp-olga',
        forMonth: '2026-01',
        ruleVersion: 1,
        previousCoefficient: 1,
        delta: -1,
        figures: POOR,
        components: { kpis: 0.5, standardCompliance: null, trainingPlans: null },
        score: 0.5,
        coefficient: 0,
        checkpoint: CHECKPOINT,
        issuedAt: FEB_CLOSE,
      });
    // January's statement is as issued: the adjustment lives in February, never in the closed month.
    expect(documents.get(motivationDocumentId.statement('2026-01', 'emp-olga'))).toMatchObject({ ...GOOD, coefficient: 1, score: 1 });
  });
});
