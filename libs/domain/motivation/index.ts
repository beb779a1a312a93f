export * from './motivation.commands.js';
export * from './motivation.events.js';
export * from './motivation-ledger.decider.js';
export * from './motivation-rule.decider.js';
export * from './motivation-terms.js';
export { MOTIVATION_LEDGER_EVENT_TYPES, MOTIVATION_RULE_EVENT_TYPES } from './motivation.schemas.js';
