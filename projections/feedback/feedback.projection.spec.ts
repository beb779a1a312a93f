import { decidedHistory, projectionSpec } from '#kernel/testing.js';
import { complaintDecider, thanksDecider, type ComplaintCommand, type ThanksCommand } from '#domain/feedback/index.js';
import { FEEDBACK_METRIC, feedback } from './feedback.projection.js';

const RECEIVED_AT = '2026-03-02T09:00:00.000Z';
const CLOSED_AT = '2026-04-01T10:00:00.000Z';
const client = { kind: 'client', id: 'client-42' } as const;

const thanks: ThanksCommand = {
  type: 'RecordThanks',
  thanksId: 'thanks-1',
  author: client,
  subject: { kind: 'employee', id: 'agent-7' },
  channel: 'chat',
  text: 'Solved in five minutes',
  at: RECEIVED_AT,
};

const complaint: ComplaintCommand = {
  type: 'RecordComplaint',
  complaintId: 'complaint-1',
  author: client,
  subject: { kind: 'product', id: 'course-sales' },
  channel: 'email',
  text: 'The recordings do not play',
  at: RECEIVED_AT,
};

const closing: ComplaintCommand = {
  type: 'CloseComplaint',
  complaintId: 'complaint-1',
  closer: { actorId: 'apiKey:lead', employeeId: 'lead-1' },
  outcome: 'upheld',
  at: CLOSED_AT,
};

const thanksHistory = (...commands: ThanksCommand[]) =>
  decidedHistory(
    thanksDecider(),
    { streamOf: (command) => `thanks-${command.thanksId}`, roles: ['care-agent'] },
    commands.map((command) => ['agent-1', command] as const),
  );

const complaintHistory = (...commands: ComplaintCommand[]) =>
  decidedHistory(
    complaintDecider(),
    { streamOf: (command) => `complaint-${command.complaintId}`, roles: ['care-lead'] },
    commands.map((command) => ['lead-1', command] as const),
  );

describe('feedback projection', () => {
  it('counts a thank-you on the day it was received, under the employee it is about', () => {
    projectionSpec(feedback)
      .given(thanksHistory(thanks))
      .thenFacts([{ metric: FEEDBACK_METRIC, occurredAt: RECEIVED_AT, dims: { subjectKind: 'employee', employeeId: 'agent-7' }, measures: { thanks: 1 } }])
      .thenDocuments({});
  });

  it('counts a complaint when received and its closing, with the outcome, when closed', () => {
    projectionSpec(feedback)
      .given(complaintHistory(complaint, closing))
      .thenFacts([
        { metric: FEEDBACK_METRIC, occurredAt: RECEIVED_AT, dims: { subjectKind: 'product', productId: 'course-sales' }, measures: { complaints: 1 } },
        { metric: FEEDBACK_METRIC, occurredAt: CLOSED_AT, dims: { subjectKind: 'product', productId: 'course-sales' }, measures: { closed: 1, upheld: 1 } },
      ]);
  });

  it('keeps the id of a section under its own dim', () => {
    const aboutSection: ThanksCommand = { ...thanks, subject: { kind: 'section', id: 'section-care' } };
    expect(projectionSpec(feedback).given(thanksHistory(aboutSection)).facts[0]!.dims).toEqual({ subjectKind: 'section', sectionId: 'section-care' });
  });
});
