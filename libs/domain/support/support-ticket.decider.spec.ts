import { DomainRuleError, NotFoundError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { RateSupportTicket, SupportTicketCommand } from './support-ticket.commands.js';
import { supportTicketDecider } from './support-ticket.decider.js';
import type { SupportTicketEvent } from './support-ticket.events.js';

const OPENED_AT = '2026-03-02T09:00:00.000Z';
const RESOLVED_AT = '2026-03-02T12:00:00.000Z';
const ticketId = 'ticket-1';

const open: SupportTicketCommand = {
  type: 'OpenSupportTicket',
  ticketId,
  clientId: 'client-42',
  channel: 'chat',
  topic: 'Cannot open the course video',
  productId: 'course-sales',
  at: OPENED_AT,
};

const opened: SupportTicketEvent = {
  type: 'SupportTicketOpened',
  data: { ticketId, clientId: 'client-42', channel: 'chat', topic: 'Cannot open the course video', productId: 'course-sales', openedAt: OPENED_AT },
};

const assign = (line: 1 | 2 | 3, employeeId = 'agent-7', at = '2026-03-02T09:01:00.000Z'): SupportTicketCommand => ({
  type: 'AssignSupportTicket',
  ticketId,
  employeeId,
  line,
  at,
});

const assigned = (line: 1 | 2 | 3, employeeId = 'agent-7', at = '2026-03-02T09:01:00.000Z'): SupportTicketEvent => ({
  type: 'SupportTicketAssigned',
  data: { ticketId, employeeId, line, assignedAt: at },
});

const respond = (at = '2026-03-02T09:02:30.000Z'): SupportTicketCommand => ({ type: 'GiveFirstResponse', ticketId, employeeId: 'agent-7', at });
const responded: SupportTicketEvent = {
  type: 'SupportFirstResponseGiven',
  data: { ticketId, employeeId: 'agent-7', respondedAt: '2026-03-02T09:02:30.000Z', secondsSinceOpened: 150 },
};

const escalate = (toLine: 1 | 2 | 3, at = '2026-03-02T10:00:00.000Z'): SupportTicketCommand => ({
  type: 'EscalateSupportTicket',
  ticketId,
  toLine,
  reason: 'Needs access to the payment system',
  at,
});
const escalated = (fromLine: 1 | 2 | 3, toLine: 1 | 2 | 3): SupportTicketEvent => ({
  type: 'SupportTicketEscalated',
  data: { ticketId, fromLine, toLine, reason: 'Needs access to the payment system', escalatedAt: '2026-03-02T10:00:00.000Z' },
});

const resolve = (at = RESOLVED_AT): SupportTicketCommand => ({ type: 'ResolveSupportTicket', ticketId, employeeId: 'agent-9', at });
const resolved = (at = RESOLVED_AT, secondsSinceOpened = 10_800): SupportTicketEvent => ({
  type: 'SupportTicketResolved',
  data: { ticketId, employeeId: 'agent-9', resolvedAt: at, secondsSinceOpened },
});

const reopen = (at = '2026-03-03T08:00:00.000Z'): SupportTicketCommand => ({ type: 'ReopenSupportTicket', ticketId, reason: 'Still broken', at });
const reopened: SupportTicketEvent = { type: 'SupportTicketReopened', data: { ticketId, reason: 'Still broken', reopenedAt: '2026-03-03T08:00:00.000Z' } };

const close = (at = '2026-03-02T13:00:00.000Z'): SupportTicketCommand => ({ type: 'CloseSupportTicket', ticketId, at });
const closed: SupportTicketEvent = { type: 'SupportTicketClosed', data: { ticketId, closedAt: '2026-03-02T13:00:00.000Z' } };

const rate = (score: 1 | 2 | 3 | 4 | 5, at = '2026-03-02T14:00:00.000Z'): RateSupportTicket => ({
  type: 'RateSupportTicket',
  ticketId,
  score,
  comment: 'Quick and polite',
  at,
});
const rated = (score: 1 | 2 | 3 | 4 | 5, at = '2026-03-02T14:00:00.000Z'): SupportTicketEvent => ({
  type: 'SupportTicketRated',
  data: { ticketId, score, comment: 'Quick and polite', ratedAt: at },
});

const { given } = deciderSpec(supportTicketDecider());

describe('support ticket decider', () => {
  describe('opening', () => {
    it('opens a ticket for a client on a topic', () => {
      given([]).when(open).then([opened]);
    });

    it('records the ticket it repeats and the helpdesk id, leaving out what was not given', () => {
      given([])
        .when({ type: 'OpenSupportTicket', ticketId, clientId: 'client-42', channel: 'email', topic: 'Refund', repeatOf: 'ticket-0', externalId: 'HD-1', at: '2026-03-02T09:00:00Z' })
        .then([
          {
            type: 'SupportTicketOpened',
            data: { ticketId, clientId: 'client-42', channel: 'email', topic: 'Refund', openedAt: OPENED_AT, repeatOf: 'ticket-0', externalId: 'HD-1' },
          },
        ]);
    });

    it('refuses to open a ticket twice', () => {
      given([opened]).when(open).thenThrows(DomainRuleError, 'SUPPORT_TICKET_EXISTS');
    });

    it('appends nothing when the same helpdesk ticket is opened again, and refuses another one under its id', () => {
      const imported: SupportTicketEvent = { type: 'SupportTicketOpened', data: { ...opened.data, externalId: 'HD-1' } };
      given([imported]).when({ ...open, externalId: 'HD-1' }).then([]);
      given([imported]).when({ ...open, externalId: 'HD-2' }).thenThrows(DomainRuleError, 'SUPPORT_TICKET_EXISTS');
      given([imported]).when(open).thenThrows(DomainRuleError, 'SUPPORT_TICKET_EXISTS');
    });

    it('refuses bad input, naming the fields', () => {
      given([])
        .when({ ...open, channel: 'fax' as never })
        .thenRejects(['channel']);
      given([]).when({ ...open, topic: ' ' }).thenRejects(['topic']);
      given([]).when({ ...open, repeatOf: ticketId }).thenRejects(['repeatOf']);
      given([]).when({ ...open, topic: 'Write to anna@example.com' }).thenRejects(['topic']);
    });
  });

  describe('a ticket that was never opened', () => {
    it.each<[string, SupportTicketCommand]>([
      ['assignment', assign(1)],
      ['first response', respond()],
      ['escalation', escalate(2)],
      ['resolution', resolve()],
      ['reopening', reopen()],
      ['closing', close()],
      ['rating', rate(5)],
    ])('is not found for a %s', (_name, command) => {
      given([]).when(command).thenThrows(NotFoundError);
    });
  });

  describe('dates', () => {
    it.each<[string, SupportTicketCommand]>([
      ['assignment', assign(1, 'agent-7', '2026-03-02T08:59:59.999Z')],
      ['first response', respond('2026-03-02T08:59:59.000Z')],
      ['escalation', escalate(2, '2026-03-02T08:00:00.000Z')],
      ['resolution', resolve('2026-03-01T09:00:00.000Z')],
    ])('refuses a %s dated before the opening', (_name, command) => {
      given([opened]).when(command).thenThrows(DomainRuleError, 'DATED_BEFORE_OPENING');
    });

    it.each<[string, SupportTicketCommand]>([
      ['reopening', reopen('2026-03-02T11:59:59.000Z')],
      ['closing', close('2026-03-02T11:00:00.000Z')],
      ['rating', rate(5, '2026-03-02T10:00:00.000Z')],
    ])('refuses a %s dated before the resolution', (_name, command) => {
      given([opened, resolved()]).when(command).thenThrows(DomainRuleError, 'DATED_BEFORE_RESOLUTION');
    });
  });

  describe('assignment', () => {
    it('assigns the ticket to an employee on a line', () => {
      given([opened]).when(assign(1)).then([assigned(1)]);
    });

    it('hands it over to another employee or line', () => {
      given([opened, assigned(1)]).when(assign(2, 'agent-9')).then([assigned(2, 'agent-9')]);
    });

    it('appends nothing when the employee already has the ticket on that line', () => {
      given([opened, assigned(1)]).when(assign(1)).then([]);
    });

    it('does not assign a closed ticket', () => {
      given([opened, resolved(), closed]).when(assign(1, 'agent-9', '2026-03-02T15:00:00.000Z')).thenThrows(DomainRuleError, 'SUPPORT_TICKET_CLOSED');
    });
  });

  describe('first response', () => {
    it('records the seconds since the opening', () => {
      given([opened]).when(respond()).then([responded]);
    });

    it('refuses a second first response', () => {
      given([opened, responded]).when(respond('2026-03-02T09:30:00.000Z')).thenThrows(DomainRuleError, 'FIRST_RESPONSE_GIVEN');
    });

    it('refuses a first response to a resolved ticket', () => {
      given([opened, resolved()]).when(respond('2026-03-02T13:00:00.000Z')).thenThrows(DomainRuleError, 'SUPPORT_TICKET_NOT_OPEN');
    });
  });

  describe('escalation', () => {
    it('moves the ticket from the first line by default', () => {
      given([opened]).when(escalate(2)).then([escalated(1, 2)]);
    });

    it('moves it up from the line of its assignment', () => {
      given([opened, assigned(2)]).when(escalate(3)).then([escalated(2, 3)]);
    });

    it('refuses the same or a lower line', () => {
      given([opened, assigned(2)]).when(escalate(2)).thenThrows(DomainRuleError, 'ESCALATION_NOT_HIGHER');
      given([opened, escalated(1, 3)]).when(escalate(2)).thenThrows(DomainRuleError, 'ESCALATION_NOT_HIGHER');
    });

    it('refuses to escalate a resolved ticket', () => {
      given([opened, resolved()]).when(escalate(2, '2026-03-02T13:00:00.000Z')).thenThrows(DomainRuleError, 'SUPPORT_TICKET_NOT_OPEN');
    });
  });

  describe('resolution', () => {
    it('resolves an open ticket with the seconds since the opening', () => {
      given([opened, assigned(1), responded]).when(resolve()).then([resolved()]);
    });

    it('counts a second resolution from the first opening', () => {
      given([opened, resolved(), reopened])
        .when(resolve('2026-03-03T09:00:00.000Z'))
        .then([resolved('2026-03-03T09:00:00.000Z', 86_400)]);
    });

    it('refuses to resolve a resolved or closed ticket', () => {
      given([opened, resolved()]).when(resolve('2026-03-02T13:00:00.000Z')).thenThrows(DomainRuleError, 'SUPPORT_TICKET_NOT_OPEN');
      given([opened, resolved(), closed]).when(resolve('2026-03-02T13:00:00.000Z')).thenThrows(DomainRuleError, 'SUPPORT_TICKET_NOT_OPEN');
    });
  });

  describe('reopening', () => {
    it('reopens a resolved ticket', () => {
      given([opened, resolved()]).when(reopen()).then([reopened]);
    });

    it('reopens a closed ticket', () => {
      given([opened, resolved(), closed]).when(reopen()).then([reopened]);
    });

    it('refuses to reopen an open ticket', () => {
      given([opened]).when(reopen()).thenThrows(DomainRuleError, 'SUPPORT_TICKET_NOT_RESOLVED');
      given([opened, resolved(), reopened]).when(reopen('2026-03-03T09:00:00.000Z')).thenThrows(DomainRuleError, 'SUPPORT_TICKET_NOT_RESOLVED');
    });
  });

  describe('closing', () => {
    it('closes a resolved ticket', () => {
      given([opened, resolved()]).when(close()).then([closed]);
    });

    it('refuses to close an unresolved ticket directly', () => {
      given([opened]).when(close()).thenThrows(DomainRuleError, 'SUPPORT_TICKET_NOT_RESOLVED');
      given([opened, resolved(), reopened]).when(close('2026-03-03T09:00:00.000Z')).thenThrows(DomainRuleError, 'SUPPORT_TICKET_NOT_RESOLVED');
    });

    it('refuses to close a ticket twice', () => {
      given([opened, resolved(), closed]).when(close('2026-03-02T14:00:00.000Z')).thenThrows(DomainRuleError, 'SUPPORT_TICKET_CLOSED');
    });
  });

  describe('rating', () => {
    it('rates a resolved or a closed ticket', () => {
      given([opened, resolved()]).when(rate(5)).then([rated(5)]);
      given([opened, resolved(), closed]).when(rate(4)).then([rated(4)]);
    });

    it('refuses to rate an open ticket', () => {
      given([opened]).when(rate(5)).thenThrows(DomainRuleError, 'SUPPORT_TICKET_NOT_RESOLVED');
    });

    it('refuses a second rating of the same resolution', () => {
      given([opened, resolved(), rated(2)]).when(rate(5, '2026-03-02T15:00:00.000Z')).thenThrows(DomainRuleError, 'SUPPORT_TICKET_RATED');
    });

    it('takes a new rating after a reopening and a new resolution', () => {
      given([opened, resolved(), rated(2), reopened, resolved('2026-03-03T09:00:00.000Z', 86_400)])
        .when(rate(5, '2026-03-03T10:00:00.000Z'))
        .then([rated(5, '2026-03-03T10:00:00.000Z')]);
    });

    it('refuses a score outside 1 to 5', () => {
      given([opened, resolved()])
        .when({ ...rate(5), score: 6 as never })
        .thenRejects(['score']);
    });
  });
});
