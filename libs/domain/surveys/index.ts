export * from './survey-response.commands.js';
export * from './survey-response.decider.js';
export * from './survey.commands.js';
export * from './survey.decider.js';
export * from './survey.events.js';
export * from './survey-token.decider.js';
export { SURVEY_EVENT_TYPES, SURVEY_RESPONSE_EVENT_TYPES, SURVEY_TOKEN_EVENT_TYPES } from './surveys.schemas.js';
