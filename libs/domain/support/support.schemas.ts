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
  sha256,
  text,
  variants,
} from '../shared/fields.schemas.js';
import { SUPPORT_CONTACT_CATEGORY, SUPPORT_CONTACT_RECORDED, type SupportContactEvent } from './support-contact.events.js';
import {
  SUPPORT_CHANNELS,
  SUPPORT_FIRST_RESPONSE_GIVEN,
  SUPPORT_TICKET_ASSIGNED,
  SUPPORT_TICKET_CATEGORY,
  SUPPORT_TICKET_CLOSED,
  SUPPORT_TICKET_ESCALATED,
  SUPPORT_TICKET_OPENED,
  SUPPORT_TICKET_RATED,
  SUPPORT_TICKET_REOPENED,
  SUPPORT_TICKET_RESOLVED,
  type SupportTicketEvent,
} from './support-ticket.events.js';

const ticketId = id('0196f3a1-7b2c-7d40-8a11-2b3c4d5e6f71');
const clientId = id('client-4711');
const employeeId = id('agent-7');
const topic = text('Cannot open the course video');
const line = variants([exactly(1), exactly(2), exactly(3)], 1);
const score = variants([exactly(1), exactly(2), exactly(3), exactly(4), exactly(5)], 5);
const reason = text('Needs access to the payment system');

const SUPPORT_TICKET_TABLE = eventSchemaTable<SupportTicketEvent>()({
  [SUPPORT_TICKET_OPENED]: eventType(
    SUPPORT_TICKET_CATEGORY,
    'A client contacted support: the ticket, its channel and topic; `repeatOf` links a repeat contact on the same topic.',
    object(
      { ticketId, clientId, channel: oneOf(SUPPORT_CHANNELS), topic, openedAt: instant() },
      { productId: id('course-sales'), repeatOf: id('0196f3a1-7b2c-7d40-8a11-2b3c4d5e6f70'), externalId: id('HD-10442') },
    ),
  ),
  [SUPPORT_TICKET_ASSIGNED]: eventType(
    SUPPORT_TICKET_CATEGORY,
    'The ticket was given to an employee on a support line, or handed over.',
    object({ ticketId, employeeId, line, assignedAt: instant() }),
  ),
  [SUPPORT_FIRST_RESPONSE_GIVEN]: eventType(
    SUPPORT_TICKET_CATEGORY,
    'The client got the first answer, with the seconds it took since the opening.',
    object({ ticketId, employeeId, respondedAt: instant(), secondsSinceOpened: integer(0, 95) }),
  ),
  [SUPPORT_TICKET_ESCALATED]: eventType(
    SUPPORT_TICKET_CATEGORY,
    'The ticket moved to a higher support line.',
    object({ ticketId, fromLine: line, toLine: line, reason, escalatedAt: instant() }),
  ),
  [SUPPORT_TICKET_RESOLVED]: eventType(
    SUPPORT_TICKET_CATEGORY,
    "The client's problem was solved, with the seconds it took since the opening.",
    object({ ticketId, employeeId, resolvedAt: instant(), secondsSinceOpened: integer(0, 7200) }),
  ),
  [SUPPORT_TICKET_REOPENED]: eventType(
    SUPPORT_TICKET_CATEGORY,
    'A resolved or closed ticket was opened again: the problem was not solved.',
    object({ ticketId, reason: text('The video still does not play'), reopenedAt: instant() }),
  ),
  [SUPPORT_TICKET_CLOSED]: eventType(SUPPORT_TICKET_CATEGORY, 'A resolved ticket was closed.', object({ ticketId, closedAt: instant() })),
  [SUPPORT_TICKET_RATED]: eventType(
    SUPPORT_TICKET_CATEGORY,
    'The client rated the resolution, 1 to 5 (5: excellent); a rating after a new resolution replaces the earlier one.',
    object({ ticketId, score, ratedAt: instant() }, { comment: text('Quick and polite') }),
  ),
});

const SUPPORT_CONTACT_TABLE = eventSchemaTable<SupportContactEvent>()({
  [SUPPORT_CONTACT_RECORDED]: eventType(
    SUPPORT_CONTACT_CATEGORY,
    "A ticket claimed its client's contact on its topic, naming the earlier ticket it repeats.",
    object(
      { contactId: sha256(), clientId, topic, ticketId, openedAt: instant() },
      { repeatOf: id('0196f3a1-7b2c-7d40-8a11-2b3c4d5e6f70') },
    ),
  ),
});

export const SUPPORT_TICKET_EVENT_TYPES = eventTypesOf(SUPPORT_TICKET_TABLE);

export const SUPPORT_SCHEMAS = [...definitionsOf(SUPPORT_TICKET_TABLE), ...definitionsOf(SUPPORT_CONTACT_TABLE)];
