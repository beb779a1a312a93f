import type { EventTypeDefinition } from '#libs/eventsourcing/src/index.js';
import { eventType, id, instant, integer, object, oneOf, text, webLink } from '../shared/fields.schemas.js';
import { STANDARD_CATEGORY, STANDARD_PUBLISHED, STANDARD_RETIRED, STANDARD_REVISED, STANDARD_TYPES } from './standard.events.js';

const standardId = id('0196f3a2-1d2e-7f30-9b44-5c6d7e8f9a01');
const content = { body: text('Answer every client within two hours.'), link: webLink('https://wiki.example/standards/answers') };
const owner = {
  oneOf: [object({ sectionId: id('support') }), object({ productId: id('course-sales') })],
};

export const STANDARDS_SCHEMAS: readonly EventTypeDefinition[] = [
  eventType(
    STANDARD_PUBLISHED,
    STANDARD_CATEGORY,
    'A standard was published, version 1, owned by a section or a product.',
    object(
      { standardId, version: { type: 'integer', const: 1 }, type: oneOf(STANDARD_TYPES), owner, title: text('Answer time'), publishedAt: instant() },
      content,
    ),
  ),
  eventType(
    STANDARD_REVISED,
    STANDARD_CATEGORY,
    'A new version of a standard was published; it replaces the previous one.',
    object(
      { standardId, version: integer(2), title: text('Answer time'), revisedAt: instant() },
      { ...content, changeNote: text('Two hours instead of four') },
    ),
  ),
  eventType(
    STANDARD_RETIRED,
    STANDARD_CATEGORY,
    'A standard was retired.',
    object({ standardId, retiredAt: instant() }, { reason: text('Replaced by the service charter') }),
  ),
];
