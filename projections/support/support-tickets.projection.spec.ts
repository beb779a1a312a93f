import { decidedHistory, projectionSpec } from '#kernel/testing.js';
import { supportTicketDecider, type SupportTicketCommand } from '#domain/support/index.js';
import { supportTickets, type SupportTicketDocument } from './support-tickets.projection.js';

const OPENED_AT = '2026-03-02T09:00:00.000Z';
const ticketId = 'ticket-1';

const history = (...commands: SupportTicketCommand[]) =>
  decidedHistory(
    supportTicketDecider(),
    { streamOf: (command) => `supportTicket-${command.ticketId}`, roles: ['support-agent'] },
    commands.map((command) => ['apiKey:agent', command] as const),
  );

const open: SupportTicketCommand = { type: 'OpenSupportTicket', ticketId, clientId: 'client-42', channel: 'chat', topic: 'Video', repeatOf: 'ticket-0', at: OPENED_AT };

const openedDocument: SupportTicketDocument = {
  id: ticketId,
  clientId: 'client-42',
  channel: 'chat',
  topic: 'Video',
  productId: null,
  externalId: null,
  repeatOf: 'ticket-0',
  status: 'open',
  line: 1,
  employeeId: null,
  openedAt: OPENED_AT,
  firstResponseAt: null,
  firstResponseSeconds: null,
  resolvedAt: null,
  resolutionSeconds: null,
  closedAt: null,
  escalations: 0,
  reopenings: 0,
  rating: null,
};

describe('support tickets projection', () => {
  it('shows an opened ticket on the first line', () => {
    projectionSpec(supportTickets).given(history(open)).thenDocument(ticketId, openedDocument);
  });

  it('follows a ticket through assignment, response, escalation, resolution, closing and rating', () => {
    projectionSpec(supportTickets)
      .given(
        history(
          open,
          { type: 'AssignSupportTicket', ticketId, employeeId: 'agent-7', line: 1, at: '2026-03-02T09:01:00.000Z' },
          { type: 'GiveFirstResponse', ticketId, employeeId: 'agent-7', at: '2026-03-02T09:02:00.000Z' },
          { type: 'EscalateSupportTicket', ticketId, toLine: 2, reason: 'Payments', at: '2026-03-02T09:30:00.000Z' },
          { type: 'ResolveSupportTicket', ticketId, employeeId: 'agent-9', at: '2026-03-02T13:00:00.000Z' },
          { type: 'CloseSupportTicket', ticketId, at: '2026-03-02T14:00:00.000Z' },
          { type: 'RateSupportTicket', ticketId, score: 5, at: '2026-03-02T15:00:00.000Z' },
        ),
      )
      .thenDocument(ticketId, {
        ...openedDocument,
        status: 'closed',
        line: 2,
        employeeId: 'agent-7',
        firstResponseAt: '2026-03-02T09:02:00.000Z',
        firstResponseSeconds: 120,
        resolvedAt: '2026-03-02T13:00:00.000Z',
        resolutionSeconds: 14_400,
        closedAt: '2026-03-02T14:00:00.000Z',
        escalations: 1,
        rating: { score: 5, comment: null, ratedAt: '2026-03-02T15:00:00.000Z' },
      });
  });

  it('clears the resolution of a reopened ticket and keeps its rating until a new one', () => {
    projectionSpec(supportTickets)
      .given(
        history(
          open,
          { type: 'ResolveSupportTicket', ticketId, employeeId: 'agent-9', at: '2026-03-02T13:00:00.000Z' },
          { type: 'RateSupportTicket', ticketId, score: 2, comment: 'Did not help', at: '2026-03-02T15:00:00.000Z' },
          { type: 'ReopenSupportTicket', ticketId, reason: 'Still broken', at: '2026-03-03T09:00:00.000Z' },
        ),
      )
      .thenDocument(ticketId, {
        ...openedDocument,
        reopenings: 1,
        rating: { score: 2, comment: 'Did not help', ratedAt: '2026-03-02T15:00:00.000Z' },
      });
  });
});
