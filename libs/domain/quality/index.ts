export * from './checklist-template.commands.js';
export * from './checklist-template.decider.js';
export * from './checklist-template.events.js';
export * from './inspection.commands.js';
export * from './inspection.decider.js';
export * from './inspection.events.js';
export * from './scoring.js';
export { CHECKLIST_TEMPLATE_EVENT_TYPES, INSPECTION_EVENT_TYPES } from './quality.schemas.js';
