export * from './survey-response.commands.js';
export * from './survey-response.decider.js';
export * from './survey.commands.js';
export * from './survey.decider.js';
export * from './survey.events.js';
export * from './survey-token.decider.js';
