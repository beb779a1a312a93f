export * from './assessment.events.js';
export * from './attestation.commands.js';
export * from './attestation.decider.js';
export * from './attestation.events.js';
export * from './career-path.commands.js';
export * from './career-path.decider.js';
export * from './career-path.events.js';
export * from './check-attempt.commands.js';
export * from './check-attempt.decider.js';
export * from './check-attempt.events.js';
export * from './check-campaign.commands.js';
export * from './check-campaign.decider.js';
export * from './check-campaign.events.js';
export * from './check-results.js';
export * from './competence-record.commands.js';
export * from './competence-record.decider.js';
export * from './competence-record.events.js';
export * from './competency-catalogue.commands.js';
export * from './competency-catalogue.decider.js';
export * from './competency-catalogue.events.js';
export * from './job-profile.commands.js';
export * from './job-profile.decider.js';
export * from './job-profile.events.js';
export * from './knowledge-check.commands.js';
export * from './knowledge-check.decider.js';
export * from './knowledge-check.events.js';
export * from './proficiency-scale.js';
export * from './requirements.js';
export {
  CAREER_PATH_EVENT_TYPES,
  CHECK_ATTEMPT_EVENT_TYPES,
  CHECK_CAMPAIGN_EVENT_TYPES,
  COMPETENCY_CATALOGUE_EVENT_TYPES,
  JOB_PROFILE_EVENT_TYPES,
  KNOWLEDGE_CHECK_EVENT_TYPES,
} from './competence.schemas.js';
