import type { DecisionFacts } from '../council/program.commands.js';
import { requireLogPosition, validLogCheckpoint } from '../shared/log-checkpoint.js';
import { requireMonth } from '../shared/months.js';
import {
  invalid,
  rejectRepeated,
  requireBoolean,
  requireId,
  requireList,
  requireNumber,
  requireOneOf,
  requireRecord,
  requireText,
  requireUtcInstant,
} from '../shared/validation.js';
import { STANDARD_TYPES } from '../standards/standard.events.js';
import type { ComplianceFigure, KpiAttainment, MotivationTerms, PeriodCheckpoint, StatementFigures } from './motivation.events.js';
import type { MotivationRuleState } from './motivation-rule.decider.js';
import { validTerms } from './motivation-terms.js';

/** Adopts the next version of the company's rule, on the evidence of an adopted council decision. */
export interface AdoptMotivationRuleVersion extends MotivationTerms {
  readonly type: 'AdoptMotivationRuleVersion';
  readonly decision: DecisionFacts;
  readonly effectiveFrom: string;
  /** The last month the ledger closed, as the command service read it: a version cannot reach back into it. */
  readonly lastClosedMonth: string | null;
  readonly at: string;
}

export type MotivationRuleCommand = AdoptMotivationRuleVersion;

/** One employee's figures for a month, as the command service read them off their scorecard. */
export interface EmployeeFigures {
  readonly employeeId: string;
  readonly figures: StatementFigures;
}

/** An employee's figures for a closed month, read again because facts about it were recorded after it closed. */
export interface LateFigures extends EmployeeFigures {
  readonly forMonth: string;
}

/**
 * Closes a month: a statement for each employee who worked in it, and an adjustment for each closed
 * month whose coefficient the late figures change. The command service reads every figure at one
 * position of the log, named by `checkpoint`.
 */
export interface CloseMotivationPeriod {
  readonly type: 'CloseMotivationPeriod';
  readonly month: string;
  readonly rule: MotivationRuleState;
  readonly statements: readonly EmployeeFigures[];
  readonly lateFigures: readonly LateFigures[];
  readonly checkpoint: PeriodCheckpoint;
  readonly at: string;
}

export type MotivationLedgerCommand = CloseMotivationPeriod;

export const MAX_STATEMENTS = 10_000;
export const MAX_KPIS = 100;
export const MAX_FIGURE = 1e12;

export function validAdoptMotivationRuleVersion(command: AdoptMotivationRuleVersion): AdoptMotivationRuleVersion {
  return {
    type: command.type,
    ...validTerms(command),
    decision: command.decision,
    effectiveFrom: requireMonth(command.effectiveFrom, 'effectiveFrom'),
    lastClosedMonth: command.lastClosedMonth,
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validCloseMotivationPeriod(command: CloseMotivationPeriod): CloseMotivationPeriod {
  const statements = requireList(command.statements, 'statements', 0, MAX_STATEMENTS).map((entry, index) => validEmployeeFigures(entry, `statements.${index}`));
  rejectRepeated(statements.map(({ employeeId }) => employeeId), (index) => `statements.${index}.employeeId`);
  return {
    type: command.type,
    month: requireMonth(command.month, 'month'),
    rule: command.rule,
    statements,
    lateFigures: validLateFigures(command.lateFigures),
    checkpoint: validPeriodCheckpoint(command.checkpoint),
    at: requireUtcInstant(command.at, 'at'),
  };
}

/** The position the month is pinned to, with the ledger's tree up to it. */
function validPeriodCheckpoint(value: unknown): PeriodCheckpoint {
  const { position } = requireRecord(value, 'checkpoint', '{ position, treeSize, rootHash }');
  return { position: requireLogPosition(position, 'checkpoint.position'), ...validLogCheckpoint(value, 'checkpoint') };
}

function validLateFigures(value: unknown): LateFigures[] {
  const lateFigures = requireList(value, 'lateFigures', 0, MAX_STATEMENTS).map((entry, index) => validLateFigure(entry, `lateFigures.${index}`));
  rejectRepeated(lateFigures.map(({ forMonth, employeeId }) => `${forMonth} ${employeeId}`), (index) => `lateFigures.${index}`);
  return lateFigures;
}

function validLateFigure(value: unknown, field: string): LateFigures {
  return { ...validEmployeeFigures(value, field), forMonth: requireMonth(requireRecord(value, field).forMonth, `${field}.forMonth`) };
}

function validEmployeeFigures(value: unknown, field: string): EmployeeFigures {
  const entry = requireRecord(value, field, '{ employeeId, figures }');
  return { employeeId: requireId(entry.employeeId, `${field}.employeeId`), figures: validFigures(entry.figures, `${field}.figures`) };
}

function validFigures(value: unknown, field: string): StatementFigures {
  const figures = requireRecord(value, field, '{ positionId, kpis, standardCompliance, trainingPlanCompletion }');
  return {
    positionId: requireId(figures.positionId, `${field}.positionId`),
    kpis: requireList(figures.kpis, `${field}.kpis`, 0, MAX_KPIS).map((kpi, index) => validKpi(kpi, `${field}.kpis.${index}`)),
    standardCompliance: requireList(figures.standardCompliance, `${field}.standardCompliance`, 0, MAX_KPIS).map((entry, index) =>
      validCompliance(entry, `${field}.standardCompliance.${index}`),
    ),
    trainingPlanCompletion: nullableNumber(figures.trainingPlanCompletion, `${field}.trainingPlanCompletion`, { atLeast: 0, atMost: MAX_FIGURE }),
  };
}

function validKpi(value: unknown, field: string): KpiAttainment {
  const kpi = requireRecord(value, field, '{ indicatorId, value, target, ratio, met }');
  const figure = nullableNumber(kpi.value, `${field}.value`, { atLeast: -MAX_FIGURE, atMost: MAX_FIGURE });
  const ratio = nullableNumber(kpi.ratio, `${field}.ratio`, { atLeast: 0, atMost: MAX_FIGURE });
  const met = kpi.met === null ? null : requireBoolean(kpi.met, `${field}.met`);
  if ((figure === null) !== (met === null) || (figure === null && ratio !== null)) throw invalid(field, 'has a ratio and a verdict exactly when it has a value');
  return { indicatorId: requireText(kpi.indicatorId, `${field}.indicatorId`, 100), value: figure, target: requireNumber(kpi.target, `${field}.target`, { atLeast: -MAX_FIGURE, atMost: MAX_FIGURE }), ratio, met };
}

function validCompliance(value: unknown, field: string): ComplianceFigure {
  const entry = requireRecord(value, field, '{ standardType, inspections, passed }');
  const inspections = requireNumber(entry.inspections, `${field}.inspections`, { whole: true, atLeast: 0, atMost: MAX_FIGURE });
  return {
    standardType: requireOneOf(entry.standardType, `${field}.standardType`, STANDARD_TYPES),
    inspections,
    passed: requireNumber(entry.passed, `${field}.passed`, { whole: true, atLeast: 0, atMost: inspections }),
  };
}

function nullableNumber(value: unknown, field: string, bounds: { atLeast: number; atMost: number }): number | null {
  return value === null ? null : requireNumber(value, field, bounds);
}
