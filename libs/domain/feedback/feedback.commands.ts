import { withoutAbsent } from '../shared/objects.js';
import type { ActingKey } from '../shared/separation-of-duty.js';
import {
  invalid,
  optionalId,
  optionalText,
  requireId,
  requireOneOf,
  requireRecord,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import {
  COMPLAINT_LINK_KINDS,
  COMPLAINT_OUTCOMES,
  FEEDBACK_AUTHOR_KINDS,
  FEEDBACK_CHANNELS,
  FEEDBACK_SUBJECT_KINDS,
  type ComplaintLink,
  type ComplaintOutcome,
  type FeedbackAuthor,
  type FeedbackChannel,
  type FeedbackSubject,
} from './feedback.events.js';

/*
 * `at` is the business time of the command (the occurredAt the command handler resolved from its
 * clock or the request): an ISO-8601 UTC instant. The deciders never read a clock.
 */

export interface RecordThanks {
  readonly type: 'RecordThanks';
  readonly thanksId: string;
  readonly author: FeedbackAuthor;
  readonly subject: FeedbackSubject;
  readonly channel: FeedbackChannel;
  readonly text: string;
  readonly at: string;
}

export interface RecordComplaint {
  readonly type: 'RecordComplaint';
  readonly complaintId: string;
  readonly author: FeedbackAuthor;
  readonly subject: FeedbackSubject;
  readonly channel: FeedbackChannel;
  readonly text: string;
  readonly linkedTo?: ComplaintLink;
  readonly at: string;
}

export interface CloseComplaint {
  readonly type: 'CloseComplaint';
  readonly complaintId: string;
  /** Who rules on the complaint: the API key, and the employee it belongs to when it belongs to one. */
  readonly closer: ActingKey;
  readonly outcome: ComplaintOutcome;
  readonly note?: string;
  readonly at: string;
}

export type ThanksCommand = RecordThanks;
export type ComplaintCommand = RecordComplaint | CloseComplaint;

export const MAX_FEEDBACK_TEXT_LENGTH = 4000;
export const MAX_CLOSING_NOTE_LENGTH = 2000;
const MAX_ACTOR_ID_LENGTH = 300;

/** What both kinds of feedback say: who, about what, how it came in, and the words. */
interface FeedbackFacts {
  readonly author: FeedbackAuthor;
  readonly subject: FeedbackSubject;
  readonly channel: FeedbackChannel;
  readonly text: string;
}

export function validRecordThanks(command: RecordThanks): RecordThanks {
  return {
    type: command.type,
    thanksId: requireId(command.thanksId, 'thanksId'),
    ...validFeedbackFacts(command),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRecordComplaint(command: RecordComplaint): RecordComplaint {
  return withoutAbsent({
    type: command.type,
    complaintId: requireId(command.complaintId, 'complaintId'),
    ...validFeedbackFacts(command),
    linkedTo: command.linkedTo === undefined ? undefined : validReference(command.linkedTo, 'linkedTo', COMPLAINT_LINK_KINDS),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validCloseComplaint(command: CloseComplaint): CloseComplaint {
  return withoutAbsent({
    type: command.type,
    complaintId: requireId(command.complaintId, 'complaintId'),
    closer: withoutAbsent({
      actorId: requireText(command.closer?.actorId, 'closer.actorId', MAX_ACTOR_ID_LENGTH),
      employeeId: optionalId(command.closer?.employeeId, 'closer.employeeId'),
    }),
    outcome: requireOneOf(command.outcome, 'outcome', COMPLAINT_OUTCOMES),
    note: withoutEmailAddress(optionalText(command.note, 'note', MAX_CLOSING_NOTE_LENGTH), 'note'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

function validFeedbackFacts(command: FeedbackFacts): FeedbackFacts {
  const author = validReference(command.author, 'author', FEEDBACK_AUTHOR_KINDS);
  const subject = validReference(command.subject, 'subject', FEEDBACK_SUBJECT_KINDS);
  if (author.kind === 'employee' && subject.kind === 'employee' && author.id === subject.id) {
    throw invalid('subject.id', 'must not be the author: an employee gives feedback about others');
  }
  return {
    author,
    subject,
    channel: requireOneOf(command.channel, 'channel', FEEDBACK_CHANNELS),
    text: withoutEmailAddress(requireText(command.text, 'text', MAX_FEEDBACK_TEXT_LENGTH), 'text'),
  };
}

/** A reference to a person or a thing by kind and id; the errors name the part (`author.kind`). */
function validReference<K extends string>(value: unknown, field: string, kinds: readonly K[]): { kind: K; id: string } {
  const { kind, id } = requireRecord(value, field, 'of kind and id');
  return { kind: requireOneOf(kind, `${field}.kind`, kinds), id: requireId(id, `${field}.id`) };
}
