export * from './standard.commands.js';
export * from './standard.decider.js';
export * from './standard.events.js';
export { STANDARD_EVENT_TYPES } from './standards.schemas.js';
