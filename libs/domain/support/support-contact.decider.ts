import { createHash } from 'node:crypto';
import { DomainRuleError, type Decider } from '#kernel';
import { withoutAbsent } from '../shared/objects.js';
import { invalid, optionalId, requireId, requireSha256Hex, requireText, requireUtcInstant } from '../shared/validation.js';
import { MAX_TOPIC_LENGTH } from './support-ticket.commands.js';
import { SUPPORT_CONTACT_RECORDED, type SupportContactEvent } from './support-contact.events.js';

export const DEFAULT_REPEAT_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;

/** A ticket claims its client's contact on its topic before it is opened, naming the ticket it repeats. */
export interface RecordSupportContact {
  readonly type: 'RecordSupportContact';
  readonly contactId: string;
  readonly clientId: string;
  readonly topic: string;
  readonly ticketId: string;
  readonly repeatOf?: string;
  readonly at: string;
}

/** One ticket opened on the contact. */
export interface ContactOpening {
  readonly ticketId: string;
  readonly openedAt: string;
}

/** The tickets opened on the contact, in the order they claimed it. */
export interface SupportContactState {
  readonly openings: readonly ContactOpening[];
}

export type SupportContactDecider = Decider<RecordSupportContact, SupportContactEvent, SupportContactState>;

export interface SupportContactDeciderOptions {
  /** Days after a ticket's opening within which another ticket on the same topic repeats it. */
  readonly repeatWindowDays?: number;
}

/**
 * The id of a client's contact on a topic: a digest, so that the stream id holds neither the client
 * nor the topic's text. Topics that differ only in case or surrounding blanks are the same topic.
 */
export function supportContactId(clientId: string, topic: string): string {
  return createHash('sha256').update(`${clientId}\n${topic.trim().toLowerCase()}`, 'utf8').digest('hex');
}

/**
 * The ticket a new one opened at `at` repeats: the latest other ticket of the contact opened at or
 * before `at`, no longer than the window before it (exactly the window is still inside). It depends on
 * business times only, so that tickets imported out of order are linked as they happened.
 */
export function repeatedTicket(state: SupportContactState, ticketId: string, at: string, windowDays: number): string | undefined {
  const opened = Date.parse(at);
  const earlier = state.openings.filter(
    (opening) => opening.ticketId !== ticketId && Date.parse(opening.openedAt) <= opened && opened - Date.parse(opening.openedAt) <= windowDays * DAY_MS,
  );
  return earlier.reduce<ContactOpening | undefined>(
    (latest, opening) => (latest === undefined || Date.parse(opening.openedAt) >= Date.parse(latest.openedAt) ? opening : latest),
    undefined,
  )?.ticketId;
}

/**
 * The contact of a client on a topic. Its stream is where concurrent openings meet: the service reads
 * the contact, names the ticket the new one repeats, and the claim is appended at the revision the
 * decision was made on. When another ticket claimed the contact in between and changes what the new
 * ticket repeats, the claim is refused (`SUPPORT_CONTACT_CHANGED`) rather than recorded with a lost
 * link; the caller retries. A ticket that claimed the contact already claims it again without effect,
 * so that a retried opening goes through.
 */
export function supportContactDecider(options: SupportContactDeciderOptions = {}): SupportContactDecider {
  const windowDays = repeatWindowDays(options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS);
  return {
    initialState: () => ({ openings: [] }),

    decide(command, state) {
      const valid = validRecordSupportContact(command);
      if (state.openings.some((opening) => opening.ticketId === valid.ticketId)) return [];
      const repeatOf = repeatedTicket(state, valid.ticketId, valid.at, windowDays);
      if (repeatOf !== valid.repeatOf) {
        throw new DomainRuleError('SUPPORT_CONTACT_CHANGED', 'another ticket of this client on this topic was opened meanwhile; try again', {
          ticketId: valid.ticketId,
          repeatOf: repeatOf ?? null,
        });
      }
      const { contactId, clientId, topic, ticketId, at } = valid;
      return [{ type: SUPPORT_CONTACT_RECORDED, data: withoutAbsent({ contactId, clientId, topic, ticketId, openedAt: at, repeatOf }) }];
    },

    evolve: (state, event) => ({ openings: [...state.openings, { ticketId: event.data.ticketId, openedAt: event.data.openedAt }] }),
  };
}

function repeatWindowDays(days: number): number {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new RangeError(`repeatWindowDays must be a non-negative whole number of days, got ${days}`);
  }
  return days;
}

function validRecordSupportContact(command: RecordSupportContact): RecordSupportContact {
  const contactId = requireSha256Hex(command.contactId, 'contactId');
  const clientId = requireId(command.clientId, 'clientId');
  const topic = requireText(command.topic, 'topic', MAX_TOPIC_LENGTH);
  if (contactId !== supportContactId(clientId, topic)) throw invalid('contactId', 'must be the contact of the client on the topic');
  return withoutAbsent({
    type: command.type,
    contactId,
    clientId,
    topic,
    ticketId: requireId(command.ticketId, 'ticketId'),
    repeatOf: optionalId(command.repeatOf, 'repeatOf'),
    at: requireUtcInstant(command.at, 'at'),
  });
}
