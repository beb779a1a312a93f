import type { FactInput, Projection, RecordedOf } from '#kernel';
import {
  COMPLAINT_CLOSED,
  COMPLAINT_OUTCOMES,
  COMPLAINT_RECORDED,
  FEEDBACK_EVENT_TYPES,
  THANKS_RECORDED,
  type FeedbackEvent,
  type FeedbackSubject,
  type FeedbackSubjectKind,
} from '#domain/feedback/index.js';

/**
 * One fact per thank-you, complaint and closing, dated by its business time: `thanks`, `complaints`,
 * and for a closing `closed` with one of `upheld`, `rejected`, `resolved`. The dims say what the
 * feedback is about: `subjectKind`, and its id under `employeeId`, `productId` or `sectionId`.
 */
export const FEEDBACK_METRIC = 'feedback.items';

export const FEEDBACK_MEASURES = ['thanks', 'complaints', 'closed', ...COMPLAINT_OUTCOMES] as const;

/** The dim that holds the id of each kind of subject. */
export const SUBJECT_DIMS: Readonly<Record<FeedbackSubjectKind, string>> = { employee: 'employeeId', product: 'productId', section: 'sectionId' };

type FeedbackRecord = RecordedOf<FeedbackEvent>;

/** The facts of the feedback metric; it keeps no documents: the words of the feedback stay in the log. */
export const feedback: Projection<never, FeedbackEvent> = {
  name: 'feedback',
  version: 1,
  handles: FEEDBACK_EVENT_TYPES,
  facts: feedbackFacts,
};

function feedbackFacts(event: FeedbackRecord): FactInput[] {
  switch (event.type) {
    case THANKS_RECORDED:
      return [feedbackFact(event.data.receivedAt, event.data.subject, { thanks: 1 })];
    case COMPLAINT_RECORDED:
      return [feedbackFact(event.data.receivedAt, event.data.subject, { complaints: 1 })];
    case COMPLAINT_CLOSED:
      return [feedbackFact(event.data.closedAt, event.data.subject, { closed: 1, [event.data.outcome]: 1 })];
  }
}

function feedbackFact(occurredAt: string, subject: FeedbackSubject, measures: Record<string, number>): FactInput {
  return { metric: FEEDBACK_METRIC, occurredAt, dims: { subjectKind: subject.kind, [SUBJECT_DIMS[subject.kind]]: subject.id }, measures };
}
