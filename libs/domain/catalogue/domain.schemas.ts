import { EventSchemaRegistry, type EventTypeDefinition, type Upcaster } from '#kernel';
import { ACCESS_SCHEMAS } from '../access/access.schemas.js';
import { CARE_CASE_SCHEMAS } from '../care/care.schemas.js';
import { COMPETENCE_SCHEMAS } from '../competence/competence.schemas.js';
import { COUNCIL_SCHEMAS } from '../council/council.schemas.js';
import { FEEDBACK_SCHEMAS } from '../feedback/feedback.schemas.js';
import { MOTIVATION_SCHEMAS } from '../motivation/motivation.schemas.js';
import { ORGANISATION_SCHEMAS } from '../organisation/organisation.schemas.js';
import { QUALITY_SCHEMAS } from '../quality/quality.schemas.js';
import { STANDARDS_SCHEMAS } from '../standards/standards.schemas.js';
import { SUPPORT_SCHEMAS } from '../support/support.schemas.js';
import { SURVEYS_SCHEMAS } from '../surveys/surveys.schemas.js';
import { TRAINING_SCHEMAS } from '../training/training.schemas.js';

/** Every event type of the product: a context that adds events adds its schemas here. */
export const DOMAIN_EVENT_SCHEMAS: readonly EventTypeDefinition[] = [
  ...ACCESS_SCHEMAS,
  ...ORGANISATION_SCHEMAS,
  ...STANDARDS_SCHEMAS,
  ...CARE_CASE_SCHEMAS,
  ...FEEDBACK_SCHEMAS,
  ...QUALITY_SCHEMAS,
  ...SURVEYS_SCHEMAS,
  ...COMPETENCE_SCHEMAS,
  ...TRAINING_SCHEMAS,
  ...COUNCIL_SCHEMAS,
  ...SUPPORT_SCHEMAS,
  ...MOTIVATION_SCHEMAS,
];

/** The upcasters that the versions of the domain's events define, for every process that reads the log. */
export function domainUpcasters(): Upcaster[] {
  return new EventSchemaRegistry(DOMAIN_EVENT_SCHEMAS).upcasters();
}
