import { DomainRuleError, NotFoundError, ValidationError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { CloseComplaint, ComplaintCommand, RecordComplaint, RecordThanks } from './feedback.commands.js';
import { complaintDecider, thanksDecider } from './feedback.deciders.js';
import type { ComplaintClosed, ComplaintRecorded, ThanksRecorded } from './feedback.events.js';

const RECEIVED_AT = '2026-03-02T09:00:00.000Z';
const CLOSED_AT = '2026-03-04T15:00:00.000Z';

const recordThanks: RecordThanks = {
  type: 'RecordThanks',
  thanksId: 'thanks-1',
  author: { kind: 'client', id: 'client-42' },
  subject: { kind: 'employee', id: 'agent-7' },
  channel: 'chat',
  text: 'Anna solved it in five minutes',
  at: RECEIVED_AT,
};

const thanksRecorded: ThanksRecorded = {
  type: 'ThanksRecorded',
  data: {
    thanksId: 'thanks-1',
    author: { kind: 'client', id: 'client-42' },
    subject: { kind: 'employee', id: 'agent-7' },
    channel: 'chat',
    text: 'Anna solved it in five minutes',
    receivedAt: RECEIVED_AT,
  },
};

const recordComplaint: RecordComplaint = {
  type: 'RecordComplaint',
  complaintId: 'complaint-1',
  author: { kind: 'client', id: 'client-42' },
  subject: { kind: 'product', id: 'course-sales' },
  channel: 'email',
  text: 'Nobody answered for two days',
  linkedTo: { kind: 'support-ticket', id: 'ticket-9' },
  at: RECEIVED_AT,
};

const complaintRecorded: ComplaintRecorded = {
  type: 'ComplaintRecorded',
  data: {
    complaintId: 'complaint-1',
    author: { kind: 'client', id: 'client-42' },
    subject: { kind: 'product', id: 'course-sales' },
    channel: 'email',
    text: 'Nobody answered for two days',
    linkedTo: { kind: 'support-ticket', id: 'ticket-9' },
    receivedAt: RECEIVED_AT,
  },
};

const closeComplaint = (at = CLOSED_AT): CloseComplaint => ({
  type: 'CloseComplaint',
  complaintId: 'complaint-1',
  closer: { actorId: 'apiKey:lead-key', employeeId: 'lead-1' },
  outcome: 'upheld',
  note: 'Apologised and called the client back',
  at,
});

const complaintClosed: ComplaintClosed = {
  type: 'ComplaintClosed',
  data: {
    complaintId: 'complaint-1',
    subject: { kind: 'product', id: 'course-sales' },
    outcome: 'upheld',
    note: 'Apologised and called the client back',
    closedAt: CLOSED_AT,
  },
};

describe('thanks decider', () => {
  const { given } = deciderSpec(thanksDecider());

  it('records a thank-you with its business time in the canonical UTC form', () => {
    given([]).when({ ...recordThanks, at: '2026-03-02T09:00:00Z' }).then([thanksRecorded]);
  });

  it('records one from a colleague about a section', () => {
    given([])
      .when({ ...recordThanks, author: { kind: 'employee', id: 'agent-9' }, subject: { kind: 'section', id: 'section-care' } })
      .then([{ type: 'ThanksRecorded', data: { ...thanksRecorded.data, author: { kind: 'employee', id: 'agent-9' }, subject: { kind: 'section', id: 'section-care' } } }]);
  });

  it('refuses to record it twice', () => {
    given([thanksRecorded]).when(recordThanks).thenThrows(DomainRuleError, 'THANKS_EXISTS');
  });

  it.each<[string, RecordThanks, string]>([
    ['an empty id', { ...recordThanks, thanksId: '' }, 'thanksId'],
    ['an unknown author kind', { ...recordThanks, author: { kind: 'partner' as 'client', id: 'p-1' } }, 'author.kind'],
    ['an author that is no object', { ...recordThanks, author: 'client-42' as unknown as RecordThanks['author'] }, 'author'],
    ['an e-mail address as author id', { ...recordThanks, author: { kind: 'client', id: 'ann@example.com' } }, 'author.id'],
    ['an unknown subject kind', { ...recordThanks, subject: { kind: 'client' as 'employee', id: 'client-1' } }, 'subject.kind'],
    ['an employee thanking themselves', { ...recordThanks, author: { kind: 'employee', id: 'agent-7' } }, 'subject.id'],
    ['an unknown channel', { ...recordThanks, channel: 'fax' as RecordThanks['channel'] }, 'channel'],
    ['a blank text', { ...recordThanks, text: '  ' }, 'text'],
    ['a text over 4000 characters', { ...recordThanks, text: 't'.repeat(4001) }, 'text'],
    ['an e-mail address in the text', { ...recordThanks, text: 'write to ann.lee@example.com' }, 'text'],
    ['a time without a zone', { ...recordThanks, at: '2026-03-02T09:00:00' }, 'at'],
  ])('rejects %s, naming the field', (_name, command, field) => {
    given([]).when(command).thenRejects([field]);
  });
});

describe('complaint decider', () => {
  const { given } = deciderSpec(complaintDecider());

  describe('recording', () => {
    it('records a complaint linked to a support ticket', () => {
      given([]).when(recordComplaint).then([complaintRecorded]);
    });

    it('leaves out the link when there is none', () => {
      const { linkedTo: _command, ...unlinked } = recordComplaint;
      const { linkedTo: _event, ...unlinkedData } = complaintRecorded.data;
      given([]).when(unlinked).then([{ type: 'ComplaintRecorded', data: unlinkedData }]);
    });

    it('refuses to record it twice', () => {
      given([complaintRecorded]).when(recordComplaint).thenThrows(DomainRuleError, 'COMPLAINT_EXISTS');
    });
  });

  describe('closing', () => {
    it('closes it with its outcome, repeating the subject for the metric', () => {
      given([complaintRecorded]).when(closeComplaint()).then([complaintClosed]);
    });

    it('closes it without a note', () => {
      const { note: _note, ...withoutNote } = closeComplaint();
      const { note: _recorded, ...closedData } = complaintClosed.data;
      given([complaintRecorded]).when({ ...withoutNote, outcome: 'rejected' }).then([{ type: 'ComplaintClosed', data: { ...closedData, outcome: 'rejected' } }]);
    });

    it('accepts a closing at the very moment the complaint was received', () => {
      given([complaintRecorded])
        .when({ ...closeComplaint(RECEIVED_AT), outcome: 'resolved' })
        .then([{ type: 'ComplaintClosed', data: { ...complaintClosed.data, outcome: 'resolved', closedAt: RECEIVED_AT } }]);
    });

    it('refuses a second closing, whatever its outcome', () => {
      given([complaintRecorded, complaintClosed])
        .when({ ...closeComplaint('2026-03-05T10:00:00.000Z'), outcome: 'resolved' })
        .thenThrows(DomainRuleError, 'COMPLAINT_CLOSED');
    });

    it('refuses a closing dated before the complaint was received', () => {
      given([complaintRecorded]).when(closeComplaint('2026-03-02T08:59:59.999Z')).thenThrows(DomainRuleError, 'DATED_BEFORE_RECEIPT');
    });

    describe('about an employee', () => {
      const aboutAnna: ComplaintRecorded = { type: 'ComplaintRecorded', data: { ...complaintRecorded.data, subject: { kind: 'employee', id: 'anna' } } };

      it('is closed by another employee', () => {
        given([aboutAnna])
          .when(closeComplaint())
          .then([{ type: 'ComplaintClosed', data: { ...complaintClosed.data, subject: { kind: 'employee', id: 'anna' } } }]);
      });

      it('is not closed by the employee it is about', () => {
        given([aboutAnna])
          .when({ ...closeComplaint(), closer: { actorId: 'apiKey:anna-key', employeeId: 'anna' } })
          .thenThrows(DomainRuleError, 'SELF_RULING');
      });

      it('is not closed by a key that names no employee, which could be anyone', () => {
        given([aboutAnna]).when({ ...closeComplaint(), closer: { actorId: 'apiKey:ops' } }).thenThrows(DomainRuleError, 'ACTOR_NOT_AN_EMPLOYEE');
      });
    });

    it('closes a complaint about a product by a key that names no employee', () => {
      given([complaintRecorded]).when({ ...closeComplaint(), closer: { actorId: 'apiKey:ops' } }).then([complaintClosed]);
    });

    it('does not find a complaint that was never recorded', () => {
      given([]).when(closeComplaint()).thenThrows(NotFoundError);
    });
  });

  describe('input', () => {
    it.each<[string, ComplaintCommand, string]>([
      ['an unknown link kind', { ...recordComplaint, linkedTo: { kind: 'order' as 'care-case', id: 'o-1' } }, 'linkedTo.kind'],
      ['a link id that is no id', { ...recordComplaint, linkedTo: { kind: 'care-case', id: 'case 1' } }, 'linkedTo.id'],
      ['a subject without an id', { ...recordComplaint, subject: { kind: 'product' } as RecordComplaint['subject'] }, 'subject.id'],
      ['an unknown outcome', { ...closeComplaint(), outcome: 'ignored' as CloseComplaint['outcome'] }, 'outcome'],
      ['a blank note', { ...closeComplaint(), note: ' ' }, 'note'],
      ['a note over 2000 characters', { ...closeComplaint(), note: 'n'.repeat(2001) }, 'note'],
      ['a closer without an actor', { ...closeComplaint(), closer: {} as CloseComplaint['closer'] }, 'closer.actorId'],
      ['a closing time that is no calendar date', { ...closeComplaint(), at: '2026-02-30T10:00:00.000Z' }, 'at'],
    ])('rejects %s, naming the field', (_name, command, field) => {
      given([complaintRecorded]).when(command).thenRejects([field]);
    });

    it('checks the input before looking for the complaint', () => {
      given([]).when({ ...closeComplaint(), outcome: 'ignored' as CloseComplaint['outcome'] }).thenThrows(ValidationError);
    });
  });
});
