import { definitionsOf, eventSchemaTable, eventType, eventTypesOf, id, instant, object, oneOf, text } from '../shared/fields.schemas.js';
import {
  COMPLAINT_CATEGORY,
  COMPLAINT_CLOSED,
  COMPLAINT_LINK_KINDS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_RECORDED,
  FEEDBACK_AUTHOR_KINDS,
  FEEDBACK_CHANNELS,
  FEEDBACK_SUBJECT_KINDS,
  THANKS_CATEGORY,
  THANKS_RECORDED,
  type ComplaintEvent,
  type ThanksEvent,
} from './feedback.events.js';

const author = object({ kind: oneOf(FEEDBACK_AUTHOR_KINDS), id: id('client-4711') });
const subject = object({ kind: oneOf(FEEDBACK_SUBJECT_KINDS), id: id('emp-anna') });
const channel = oneOf(FEEDBACK_CHANNELS);

const THANKS_TABLE = eventSchemaTable<ThanksEvent>()({
  [THANKS_RECORDED]: eventType(
    THANKS_CATEGORY,
    'A client or a colleague thanked an employee, or praised a product or a section.',
    object({ thanksId: id('thanks-0001'), author, subject, channel, text: text('Anna solved it in five minutes'), receivedAt: instant() }),
  ),
});

const COMPLAINT_TABLE = eventSchemaTable<ComplaintEvent>()({
  [COMPLAINT_RECORDED]: eventType(
    COMPLAINT_CATEGORY,
    'A client or a colleague complained about an employee, a product or a section; maybe about a care case or a support ticket.',
    object(
      { complaintId: id('complaint-0001'), author, subject, channel, text: text('Nobody answered for two days'), receivedAt: instant() },
      { linkedTo: object({ kind: oneOf(COMPLAINT_LINK_KINDS), id: id('0196f3a1-7b2c-7d40-8a11-2b3c4d5e6f70') }) },
    ),
  ),
  [COMPLAINT_CLOSED]: eventType(
    COMPLAINT_CATEGORY,
    'The complaint was closed: upheld, rejected, or resolved without a ruling.',
    object(
      { complaintId: id('complaint-0001'), subject, outcome: oneOf(COMPLAINT_OUTCOMES), closedAt: instant() },
      { note: text('Apologised and called the client back') },
    ),
  ),
});

export const THANKS_EVENT_TYPES = eventTypesOf(THANKS_TABLE);
export const COMPLAINT_EVENT_TYPES = eventTypesOf(COMPLAINT_TABLE);
export const FEEDBACK_EVENT_TYPES = [...THANKS_EVENT_TYPES, ...COMPLAINT_EVENT_TYPES];

export const FEEDBACK_SCHEMAS = [...definitionsOf(THANKS_TABLE), ...definitionsOf(COMPLAINT_TABLE)];
