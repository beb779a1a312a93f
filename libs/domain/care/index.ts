export * from './care-case.commands.js';
export * from './care-case.decider.js';
export * from './care-case.events.js';
