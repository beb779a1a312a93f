export * from './care-case.commands.js';
export * from './care-case.decider.js';
export * from './care-case.events.js';
export { CARE_CASE_EVENT_TYPES } from './care.schemas.js';
