export * from './feedback.commands.js';
export * from './feedback.deciders.js';
export * from './feedback.events.js';
export { COMPLAINT_EVENT_TYPES, FEEDBACK_EVENT_TYPES, THANKS_EVENT_TYPES } from './feedback.schemas.js';
