import { DomainRuleError, type Decider } from '#kernel';
import { nextMonth, periodOfMonth } from '../shared/months.js';
import { invalid } from '../shared/validation.js';
import { validCloseMotivationPeriod, type CloseMotivationPeriod, type MotivationLedgerCommand } from './motivation.commands.js';
import {
  MOTIVATION_ADJUSTMENT_ISSUED,
  MOTIVATION_PERIOD_CLOSED,
  MOTIVATION_STATEMENT_ISSUED,
  type MotivationLedgerEvent,
  type PeriodCheckpoint,
} from './motivation.events.js';
import { ruleVersionFor, type MotivationRuleState } from './motivation-rule.decider.js';
import { outcomeOf, rounded } from './motivation-terms.js';

/** The coefficient in force for an employee's closed month: their statement's, after any adjustments. */
export interface StandingCoefficient {
  readonly ruleVersion: number;
  readonly coefficient: number;
}

/** The closed months, oldest first, with each employee's coefficient in force, and the last close's checkpoint. */
export interface MotivationLedgerState {
  readonly closedMonths: readonly string[];
  readonly coefficients: Readonly<Record<string, Readonly<Record<string, StandingCoefficient>>>>;
  readonly lastCheckpoint: PeriodCheckpoint | null;
}

export type MotivationLedgerDecider = Decider<MotivationLedgerCommand, MotivationLedgerEvent, MotivationLedgerState>;

/**
 * The ledger of motivation statements. Months close once (`PERIOD_CLOSED`), after they end
 * (`PERIOD_NOT_ENDED`), one after another from the first closed (`PERIOD_OUT_OF_ORDER`), under the
 * rule version in force for them (`NO_MOTIVATION_RULE`). A closed month never changes: figures of it
 * read again later that change an employee's coefficient become an adjustment booked in the month
 * being closed.
 */
export const motivationLedgerDecider: MotivationLedgerDecider = {
  initialState: () => ({ closedMonths: [], coefficients: {}, lastCheckpoint: null }),

  decide(command, state) {
    return close(validCloseMotivationPeriod(command), state);
  },

  evolve(state, event) {
    switch (event.type) {
      case MOTIVATION_STATEMENT_ISSUED:
      case MOTIVATION_ADJUSTMENT_ISSUED: {
        const month = event.type === MOTIVATION_STATEMENT_ISSUED ? event.data.month : event.data.forMonth;
        const { employeeId, ruleVersion, coefficient } = event.data;
        return { ...state, coefficients: { ...state.coefficients, [month]: { ...state.coefficients[month], [employeeId]: { ruleVersion, coefficient } } } };
      }
      case MOTIVATION_PERIOD_CLOSED:
        return { ...state, closedMonths: [...state.closedMonths, event.data.month], lastCheckpoint: event.data.checkpoint };
    }
  },
};

/** The last month closed; null before the first close. */
export function lastClosedMonth(state: MotivationLedgerState): string | null {
  return state.closedMonths.at(-1) ?? null;
}

function close(command: CloseMotivationPeriod, state: MotivationLedgerState): MotivationLedgerEvent[] {
  const { month, rule, statements, lateFigures, checkpoint, at } = command;
  if (state.closedMonths.includes(month)) throw new DomainRuleError('PERIOD_CLOSED', `${month} is closed: a closed month never changes`, { month });
  if (at < `${periodOfMonth(month)!.to}T00:00:00.000Z`) throw new DomainRuleError('PERIOD_NOT_ENDED', `${month} has not ended`, { month });
  const last = lastClosedMonth(state);
  if (last !== null && month !== nextMonth(last)) {
    throw new DomainRuleError('PERIOD_OUT_OF_ORDER', `months close in order: the next to close is ${nextMonth(last)}`, { nextMonth: nextMonth(last) });
  }
  const version = ruleVersionFor(rule, month);
  if (version === undefined) throw new DomainRuleError('NO_MOTIVATION_RULE', `no motivation rule version takes effect by ${month}`, { month });

  const issued: MotivationLedgerEvent[] = statements.map(({ employeeId, figures }) => ({
    type: MOTIVATION_STATEMENT_ISSUED,
    data: { month, employeeId, ruleVersion: version.version, ...figures, ...outcomeOf(version, figures), checkpoint, issuedAt: at },
  }));
  const adjustments = lateFigures.flatMap((late, index) => adjustmentOf(late, `lateFigures.${index}`, { month, rule, state, checkpoint, at }));
  return [
    ...issued,
    ...adjustments,
    { type: MOTIVATION_PERIOD_CLOSED, data: { month, ruleVersion: version.version, statements: issued.length, adjustments: adjustments.length, checkpoint, closedAt: at } },
  ];
}

interface Closing {
  readonly month: string;
  readonly rule: MotivationRuleState;
  readonly state: MotivationLedgerState;
  readonly checkpoint: PeriodCheckpoint;
  readonly at: string;
}

/** An adjustment where the figures read again give another coefficient, under the rule version of the closed month's statement. */
function adjustmentOf(late: CloseMotivationPeriod['lateFigures'][number], field: string, closing: Closing): MotivationLedgerEvent[] {
  const { forMonth, employeeId, figures } = late;
  const standing = closing.state.coefficients[forMonth]?.[employeeId];
  if (standing === undefined) throw invalid(field, `names no statement of a closed month: ${employeeId} in ${forMonth}`);
  const terms = closing.rule.versions.find((version) => version.version === standing.ruleVersion);
  if (terms === undefined) throw invalid(field, `names rule version ${standing.ruleVersion}, which the rule does not have`);
  const outcome = outcomeOf(terms, figures);
  if (outcome.coefficient === standing.coefficient) return [];
  const { month, checkpoint, at } = closing;
  return [
    {
      type: MOTIVATION_ADJUSTMENT_ISSUED,
      data: {
        month,
        employeeId,
        forMonth,
        ruleVersion: standing.ruleVersion,
        previousCoefficient: standing.coefficient,
        delta: rounded(outcome.coefficient - standing.coefficient),
        figures,
        ...outcome,
        checkpoint,
        issuedAt: at,
      },
    },
  ];
}
