import type { Projection, RecordedOf } from '#kernel';
import {
  MOTIVATION_ADJUSTMENT_ISSUED,
  MOTIVATION_LEDGER_EVENT_TYPES,
  MOTIVATION_PERIOD_CLOSED,
  MOTIVATION_RULE_EVENT_TYPES,
  MOTIVATION_RULE_VERSION_ADOPTED,
  MOTIVATION_STATEMENT_ISSUED,
  type MotivationAdjustmentIssuedData,
  type MotivationLedgerEvent,
  type MotivationPeriodClosedData,
  type MotivationRuleEvent,
  type MotivationRuleVersionAdoptedData,
  type MotivationStatementIssuedData,
} from '#domain/motivation/index.js';

export interface RuleVersionDocument extends MotivationRuleVersionAdoptedData {
  readonly entity: 'ruleVersion';
}

export interface PeriodDocument extends MotivationPeriodClosedData {
  readonly entity: 'period';
}

export interface StatementDocument extends MotivationStatementIssuedData {
  readonly entity: 'statement';
}

export interface AdjustmentDocument extends MotivationAdjustmentIssuedData {
  readonly entity: 'adjustment';
}

export type MotivationDocument = RuleVersionDocument | PeriodDocument | StatementDocument | AdjustmentDocument;

type MotivationEvent = MotivationRuleEvent | MotivationLedgerEvent;

/** Ids that sort a month's lines by employee, and an employee's adjustments by the month they correct. */
export const motivationDocumentId = {
  ruleVersion: (version: number) => `ruleVersion:${String(version).padStart(6, '0')}`,
  period: (month: string) => `period:${month}`,
  statement: (month: string, employeeId: string) => `statement:${month}:${employeeId}`,
  adjustment: (month: string, employeeId: string, forMonth: string) => `adjustment:${month}:${employeeId}:${forMonth}`,
};

/**
 * The motivation rule's versions and the ledger's closed months, statements and adjustments, each
 * event one document as it was issued: a closed month never changes, and neither do they.
 */
export const motivation: Projection<MotivationDocument, MotivationEvent> = {
  name: 'motivation',
  version: 1,
  indexes: [{ fields: ['entity', 'month'] }, { fields: ['entity', 'employeeId', 'month'] }],
  handles: [...MOTIVATION_RULE_EVENT_TYPES, ...MOTIVATION_LEDGER_EVENT_TYPES],
  documentId: documentIdOf,
  evolve: (_document, event) => documentOf(event),
};

function documentIdOf(event: RecordedOf<MotivationEvent>): string {
  switch (event.type) {
    case MOTIVATION_RULE_VERSION_ADOPTED:
      return motivationDocumentId.ruleVersion(event.data.version);
    case MOTIVATION_PERIOD_CLOSED:
      return motivationDocumentId.period(event.data.month);
    case MOTIVATION_STATEMENT_ISSUED:
      return motivationDocumentId.statement(event.data.month, event.data.employeeId);
    case MOTIVATION_ADJUSTMENT_ISSUED:
      return motivationDocumentId.adjustment(event.data.month, event.data.employeeId, event.data.forMonth);
  }
}

function documentOf(event: RecordedOf<MotivationEvent>): MotivationDocument {
  switch (event.type) {
    case MOTIVATION_RULE_VERSION_ADOPTED:
      return { entity: 'ruleVersion', ...event.data };
    case MOTIVATION_PERIOD_CLOSED:
      return { entity: 'period', ...event.data };
    case MOTIVATION_STATEMENT_ISSUED:
      return { entity: 'statement', ...event.data };
    case MOTIVATION_ADJUSTMENT_ISSUED:
      return { entity: 'adjustment', ...event.data };
  }
}
