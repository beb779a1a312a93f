export * from './knowledge-material.commands.js';
export * from './knowledge-material.decider.js';
export * from './knowledge-material.events.js';
export * from './training-plan.commands.js';
export * from './training-plan.decider.js';
export * from './training-plan.events.js';
export * from './training-session.commands.js';
export * from './training-session.decider.js';
export * from './training-session.events.js';
export * from './webinar.commands.js';
export * from './webinar.decider.js';
export * from './webinar.events.js';
export * from './validated-levels.js';
export {
  KNOWLEDGE_MATERIAL_EVENT_TYPES,
  TRAINING_PLAN_EVENT_TYPES,
  TRAINING_SESSION_EVENT_TYPES,
  WEBINAR_EVENT_TYPES,
} from './training.schemas.js';
