export * from './api-key.commands.js';
export * from './api-key.decider.js';
export * from './api-key.events.js';
export * from './roles.js';
export { API_KEY_EVENT_TYPES } from './access.schemas.js';
