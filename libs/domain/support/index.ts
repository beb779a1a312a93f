export * from './support-contact.decider.js';
export * from './support-contact.events.js';
export * from './support-ticket.commands.js';
export * from './support-ticket.decider.js';
export * from './support-ticket.events.js';
export { SUPPORT_TICKET_EVENT_TYPES } from './support.schemas.js';
