import type { DomainEvent } from '#kernel';
import type { LogCheckpoint } from '../shared/log-checkpoint.js';
import type { StandardType } from '../standards/standard.events.js';

/** Stream category of the motivation rule: one rule for the company, `motivationRule-company`, with its versions. */
export const MOTIVATION_RULE_CATEGORY = 'motivationRule';
/** Stream category of the motivation ledger: every closed month's statements, `motivationLedger-company`. */
export const MOTIVATION_LEDGER_CATEGORY = 'motivationLedger';
/** The one rule and the one ledger of the company. */
export const THE_COMPANY = 'company';

export const MOTIVATION_RULE_VERSION_ADOPTED = 'MotivationRuleVersionAdopted';
export const MOTIVATION_STATEMENT_ISSUED = 'MotivationStatementIssued';
export const MOTIVATION_ADJUSTMENT_ISSUED = 'MotivationAdjustmentIssued';
export const MOTIVATION_PERIOD_CLOSED = 'MotivationPeriodClosed';

/** The parts of a scorecard a rule weighs. */
export const MOTIVATION_COMPONENTS = ['kpis', 'standardCompliance', 'trainingPlans'] as const;
export type MotivationComponent = (typeof MOTIVATION_COMPONENTS)[number];

/** From `fromScore` up (to the next band's), the bonus coefficient is `coefficient`. */
export interface CoefficientBand {
  readonly fromScore: number;
  readonly coefficient: number;
}

/** How a version of the rule turns a scorecard into a coefficient. */
export interface MotivationTerms {
  /** Whole percents, summing to 100. */
  readonly weights: Readonly<Record<MotivationComponent, number>>;
  /** A KPI's attainment counts up to this ratio, so that one KPI far above target cannot make up for the others. */
  readonly attainmentCap: number;
  /** Ascending by `fromScore`; the first starts at 0. */
  readonly bands: readonly CoefficientBand[];
  /** For a month whose scorecard has nothing any component counts. */
  readonly coefficientWithoutData: number;
}

export interface MotivationRuleVersionAdoptedData extends MotivationTerms {
  readonly version: number;
  /** The council decision that adopted this version. */
  readonly decisionId: string;
  /** The first month, `YYYY-MM`, whose statements this version computes. */
  readonly effectiveFrom: string;
  readonly adoptedAt: string;
}

/** One KPI of the scorecard as the statement took it. `ratio` and `met` are null without a value. */
export interface KpiAttainment {
  readonly indicatorId: string;
  readonly value: number | null;
  readonly target: number;
  readonly ratio: number | null;
  readonly met: boolean | null;
}

export interface ComplianceFigure {
  readonly standardType: StandardType;
  readonly inspections: number;
  readonly passed: number;
}

/** What a statement reads off an employee's scorecard for the month. */
export interface StatementFigures {
  readonly positionId: string;
  readonly kpis: readonly KpiAttainment[];
  readonly standardCompliance: readonly ComplianceFigure[];
  /** Completed items over due items of the employee's training plans; null with none due. */
  readonly trainingPlanCompletion: number | null;
}

/** What a rule version made of the figures: each component's score (null without data), their weighted score, the coefficient. */
export interface StatementOutcome {
  readonly components: Readonly<Record<MotivationComponent, number | null>>;
  readonly score: number | null;
  readonly coefficient: number;
}

/** The log as the statements of a month read it: its position, and the ledger's signed tree over it. */
export interface PeriodCheckpoint extends LogCheckpoint {
  readonly position: string;
}

export interface MotivationStatementIssuedData extends StatementFigures, StatementOutcome {
  readonly month: string;
  readonly employeeId: string;
  readonly ruleVersion: number;
  readonly checkpoint: PeriodCheckpoint;
  readonly issuedAt: string;
}

/**
 * A late correction: facts recorded after `forMonth` closed changed an employee's coefficient for it.
 * Booked in `month`, the month being closed, and never in the closed one.
 */
export interface MotivationAdjustmentIssuedData extends StatementOutcome {
  readonly month: string;
  readonly employeeId: string;
  readonly forMonth: string;
  /** The rule version of `forMonth`'s statement, which the correction keeps. */
  readonly ruleVersion: number;
  /** The coefficient in force for `forMonth` before: its statement's, after any earlier adjustments. */
  readonly previousCoefficient: number;
  readonly delta: number;
  readonly figures: StatementFigures;
  readonly checkpoint: PeriodCheckpoint;
  readonly issuedAt: string;
}

export interface MotivationPeriodClosedData {
  readonly month: string;
  readonly ruleVersion: number;
  readonly statements: number;
  readonly adjustments: number;
  readonly checkpoint: PeriodCheckpoint;
  readonly closedAt: string;
}

export type MotivationRuleVersionAdopted = DomainEvent<typeof MOTIVATION_RULE_VERSION_ADOPTED, MotivationRuleVersionAdoptedData>;
export type MotivationStatementIssued = DomainEvent<typeof MOTIVATION_STATEMENT_ISSUED, MotivationStatementIssuedData>;
export type MotivationAdjustmentIssued = DomainEvent<typeof MOTIVATION_ADJUSTMENT_ISSUED, MotivationAdjustmentIssuedData>;
export type MotivationPeriodClosed = DomainEvent<typeof MOTIVATION_PERIOD_CLOSED, MotivationPeriodClosedData>;

export type MotivationRuleEvent = MotivationRuleVersionAdopted;
export type MotivationLedgerEvent = MotivationStatementIssued | MotivationAdjustmentIssued | MotivationPeriodClosed;
