import { LOG_CHECKPOINT_FIELDS, LOG_POSITION_SCHEMA } from '../shared/log-checkpoint.js';
import {
  boolean,
  definitionsOf,
  eventSchemaTable,
  eventType,
  eventTypesOf,
  id,
  instant,
  integer,
  list,
  nullable,
  number,
  anyNumber,
  object,
  oneOf,
  patterned,
  text,
} from '../shared/fields.schemas.js';
import { STANDARD_TYPES } from '../standards/standard.events.js';
import {
  MOTIVATION_ADJUSTMENT_ISSUED,
  MOTIVATION_LEDGER_CATEGORY,
  MOTIVATION_PERIOD_CLOSED,
  MOTIVATION_RULE_CATEGORY,
  MOTIVATION_RULE_VERSION_ADOPTED,
  MOTIVATION_STATEMENT_ISSUED,
  type MotivationLedgerEvent,
  type MotivationRuleEvent,
} from './motivation.events.js';

const month = patterned('^[0-9]{4}-(0[1-9]|1[0-2])$', '2026-03');
const employeeId = id('emp-olga');
const ruleVersion = integer(1, 2);
const coefficient = number(0, 10, 1.1);
const score = nullable(number(0, 3, 0.93));
const checkpoint = object({ position: LOG_POSITION_SCHEMA, ...LOG_CHECKPOINT_FIELDS });
const components = object({ kpis: score, standardCompliance: score, trainingPlans: score });
const outcome = { components, score, coefficient };
const figures = {
  positionId: id('care-agent'),
  kpis: list(
    object({
      indicatorId: text('care.retentionShare'),
      value: nullable(anyNumber(0.64)),
      target: anyNumber(0.6),
      ratio: nullable(number(0, 1e12, 1.0667)),
      met: nullable(boolean()),
    }),
  ),
  standardCompliance: list(object({ standardType: oneOf(STANDARD_TYPES), inspections: integer(0, 4), passed: integer(0, 3) })),
  trainingPlanCompletion: nullable(number(0, 1e12, 0.75)),
};

const RULE_TABLE = eventSchemaTable<MotivationRuleEvent>()({
  [MOTIVATION_RULE_VERSION_ADOPTED]: eventType(
    MOTIVATION_RULE_CATEGORY,
    'A version of the motivation rule was adopted on a council decision: how a scorecard becomes a bonus coefficient, from a month on.',
    object({
      version: ruleVersion,
      decisionId: id('0196f3a1-7b2c-7d40-8a11-2b3c4d5e6f70'),
      effectiveFrom: month,
      weights: object({ kpis: integer(0, 60, 100), standardCompliance: integer(0, 25, 100), trainingPlans: integer(0, 15, 100) }),
      attainmentCap: number(1, 3, 1.2),
      bands: list(object({ fromScore: number(0, 3, 0.8), coefficient }), 1),
      coefficientWithoutData: coefficient,
      adoptedAt: instant(),
    }),
  ),
});

const LEDGER_TABLE = eventSchemaTable<MotivationLedgerEvent>()({
  [MOTIVATION_STATEMENT_ISSUED]: eventType(
    MOTIVATION_LEDGER_CATEGORY,
    "An employee's motivation statement for a closed month: the scorecard figures it read, the rule version, the coefficient, and the log checkpoint it read them at.",
    object({ month, employeeId, ruleVersion, ...figures, ...outcome, checkpoint, issuedAt: instant() }),
  ),
  [MOTIVATION_ADJUSTMENT_ISSUED]: eventType(
    MOTIVATION_LEDGER_CATEGORY,
    "A late correction of a closed month's coefficient, booked in the month being closed: facts recorded after the close changed the figures.",
    object({
      month,
      employeeId,
      forMonth: month,
      ruleVersion,
      previousCoefficient: coefficient,
      delta: number(-10, 10, 0.1),
      figures: object(figures),
      ...outcome,
      checkpoint,
      issuedAt: instant(),
    }),
  ),
  [MOTIVATION_PERIOD_CLOSED]: eventType(
    MOTIVATION_LEDGER_CATEGORY,
    'A month closed: its statements and adjustments are issued and it never changes.',
    object({ month, ruleVersion, statements: integer(0, 12), adjustments: integer(0, 1), checkpoint, closedAt: instant() }),
  ),
});

export const MOTIVATION_RULE_EVENT_TYPES = eventTypesOf(RULE_TABLE);
export const MOTIVATION_LEDGER_EVENT_TYPES = eventTypesOf(LEDGER_TABLE);

export const MOTIVATION_SCHEMAS = [...definitionsOf(RULE_TABLE), ...definitionsOf(LEDGER_TABLE)];
