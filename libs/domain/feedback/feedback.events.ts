import type { DomainEvent } from '#kernel';

/** Stream categories: a thank-you lives in the stream `thanks-<thanksId>`, a complaint in `complaint-<complaintId>`. */
export const THANKS_CATEGORY = 'thanks';
export const COMPLAINT_CATEGORY = 'complaint';

export const THANKS_RECORDED = 'ThanksRecorded';
export const COMPLAINT_RECORDED = 'ComplaintRecorded';
export const COMPLAINT_CLOSED = 'ComplaintClosed';

/** Who gave the feedback: a client, or a colleague. */
export const FEEDBACK_AUTHOR_KINDS = ['client', 'employee'] as const;
export type FeedbackAuthorKind = (typeof FEEDBACK_AUTHOR_KINDS)[number];

/** What the feedback is about: the three ways the feedback metric is grouped. */
export const FEEDBACK_SUBJECT_KINDS = ['employee', 'product', 'section'] as const;
export type FeedbackSubjectKind = (typeof FEEDBACK_SUBJECT_KINDS)[number];

export const FEEDBACK_CHANNELS = ['chat', 'email', 'phone', 'messenger', 'social', 'in-person', 'other'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

/** The matters a complaint may be linked to: a case of client care, or a ticket of the support desk. */
export const COMPLAINT_LINK_KINDS = ['care-case', 'support-ticket'] as const;
export type ComplaintLinkKind = (typeof COMPLAINT_LINK_KINDS)[number];

/**
 * How a complaint ends: `upheld`, it was right and the company owns the fault; `rejected`, it was
 * not; `resolved`, the client's problem was solved without ruling on who was right.
 */
export const COMPLAINT_OUTCOMES = ['upheld', 'rejected', 'resolved'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/*
 * Event data holds ids and facts only: people are ids, never names, e-mails or phones. The text is
 * what the author said, about a person of the staff as often as not: the events are shown to auditors
 * and admins only (see event-visibility). Optional fields are left out rather than set to undefined.
 * Times are canonical ISO-8601 UTC instants, each the business time of what happened.
 */

export interface FeedbackAuthor {
  readonly kind: FeedbackAuthorKind;
  readonly id: string;
}

export interface FeedbackSubject {
  readonly kind: FeedbackSubjectKind;
  readonly id: string;
}

export interface ComplaintLink {
  readonly kind: ComplaintLinkKind;
  readonly id: string;
}

export interface ThanksRecordedData {
  readonly thanksId: string;
  readonly author: FeedbackAuthor;
  readonly subject: FeedbackSubject;
  readonly channel: FeedbackChannel;
  readonly text: string;
  readonly receivedAt: string;
}

export interface ComplaintRecordedData {
  readonly complaintId: string;
  readonly author: FeedbackAuthor;
  readonly subject: FeedbackSubject;
  readonly channel: FeedbackChannel;
  readonly text: string;
  readonly linkedTo?: ComplaintLink;
  readonly receivedAt: string;
}

/** The subject is repeated so that the closing can be counted from the event alone. */
export interface ComplaintClosedData {
  readonly complaintId: string;
  readonly subject: FeedbackSubject;
  readonly outcome: ComplaintOutcome;
  readonly note?: string;
  readonly closedAt: string;
}

export type ThanksRecorded = DomainEvent<typeof THANKS_RECORDED, ThanksRecordedData>;
export type ComplaintRecorded = DomainEvent<typeof COMPLAINT_RECORDED, ComplaintRecordedData>;
export type ComplaintClosed = DomainEvent<typeof COMPLAINT_CLOSED, ComplaintClosedData>;

export type ThanksEvent = ThanksRecorded;
export type ComplaintEvent = ComplaintRecorded | ComplaintClosed;
export type FeedbackEvent = ThanksEvent | ComplaintEvent;
