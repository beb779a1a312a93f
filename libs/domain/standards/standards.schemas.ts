import {
  definitionsOf,
  eventSchemaTable,
  eventType,
  eventTypesOf,
  exactly,
  id,
  instant,
  integer,
  object,
  oneOf,
  text,
  variants,
  webLink,
} from '../shared/fields.schemas.js';
import {
  STANDARD_CATEGORY,
  STANDARD_PUBLISHED,
  STANDARD_RETIRED,
  STANDARD_REVISED,
  STANDARD_TYPES,
  type StandardEvent,
} from './standard.events.js';

const standardId = id('0196f3a2-1d2e-7f30-9b44-5c6d7e8f9a01');
const content = { body: text('Answer every client within two hours.'), link: webLink('https://wiki.example/standards/answers') };
const owner = variants([object({ sectionId: id('support') }), object({ productId: id('course-sales') })]);

const STANDARD_TABLE = eventSchemaTable<StandardEvent>()({
  [STANDARD_PUBLISHED]: eventType(
    STANDARD_CATEGORY,
    'A standard was published, version 1, owned by a section or a product.',
    object(
      { standardId, version: exactly(1), type: oneOf(STANDARD_TYPES), owner, title: text('Answer time'), publishedAt: instant() },
      content,
    ),
  ),
  [STANDARD_REVISED]: eventType(
    STANDARD_CATEGORY,
    'A new version of a standard was published; it replaces the previous one.',
    object(
      { standardId, version: integer(2), title: text('Answer time'), revisedAt: instant() },
      { ...content, changeNote: text('Two hours instead of four') },
    ),
  ),
  [STANDARD_RETIRED]: eventType(
    STANDARD_CATEGORY,
    'A standard was retired.',
    object({ standardId, retiredAt: instant() }, { reason: text('Replaced by the service charter') }),
  ),
});

export const STANDARD_EVENT_TYPES = eventTypesOf(STANDARD_TABLE);

export const STANDARDS_SCHEMAS = definitionsOf(STANDARD_TABLE);
