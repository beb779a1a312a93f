import type { Projection, RecordedOf } from '#kernel';
import {
  FIRST_LINE,
  SUPPORT_FIRST_RESPONSE_GIVEN,
  SUPPORT_TICKET_ASSIGNED,
  SUPPORT_TICKET_CLOSED,
  SUPPORT_TICKET_ESCALATED,
  SUPPORT_TICKET_EVENT_TYPES,
  SUPPORT_TICKET_OPENED,
  SUPPORT_TICKET_RATED,
  SUPPORT_TICKET_REOPENED,
  SUPPORT_TICKET_RESOLVED,
  type SupportChannel,
  type SupportLine,
  type SupportScore,
  type SupportTicketEvent,
  type SupportTicketStatus,
} from '#domain/support/index.js';

/** The client's rating of the resolution in force. */
export interface SupportTicketRating {
  readonly score: SupportScore;
  readonly comment: string | null;
  readonly ratedAt: string;
}

/** A support ticket as the API shows it; absent facts are null, so that every document has the same shape. */
export interface SupportTicketDocument {
  readonly id: string;
  readonly clientId: string;
  readonly channel: SupportChannel;
  readonly topic: string;
  readonly productId: string | null;
  readonly externalId: string | null;
  readonly repeatOf: string | null;
  readonly status: SupportTicketStatus;
  readonly line: SupportLine;
  readonly employeeId: string | null;
  readonly openedAt: string;
  readonly firstResponseAt: string | null;
  readonly firstResponseSeconds: number | null;
  /** The resolution in force: null while the ticket is open, a reopening included. */
  readonly resolvedAt: string | null;
  readonly resolutionSeconds: number | null;
  readonly closedAt: string | null;
  readonly escalations: number;
  readonly reopenings: number;
  readonly rating: SupportTicketRating | null;
}

type SupportTicketRecord = RecordedOf<SupportTicketEvent>;

/** Support tickets: one document per ticket, as it stands now. */
export const supportTickets: Projection<SupportTicketDocument, SupportTicketEvent> = {
  name: 'supportTickets',
  version: 1,
  indexes: [{ fields: ['openedAt'] }],
  handles: SUPPORT_TICKET_EVENT_TYPES,
  documentId: (event) => event.data.ticketId,
  evolve: (document, event) => evolveTicket(document, event),
};

function evolveTicket(document: SupportTicketDocument | null, event: SupportTicketRecord): SupportTicketDocument | null {
  if (event.type === SUPPORT_TICKET_OPENED) return openedTicket(event.data);
  if (document === null) return null;
  switch (event.type) {
    case SUPPORT_TICKET_ASSIGNED:
      return { ...document, employeeId: event.data.employeeId, line: event.data.line };
    case SUPPORT_FIRST_RESPONSE_GIVEN:
      return { ...document, firstResponseAt: event.data.respondedAt, firstResponseSeconds: event.data.secondsSinceOpened };
    case SUPPORT_TICKET_ESCALATED:
      return { ...document, line: event.data.toLine, escalations: document.escalations + 1 };
    case SUPPORT_TICKET_RESOLVED:
      return { ...document, status: 'resolved', resolvedAt: event.data.resolvedAt, resolutionSeconds: event.data.secondsSinceOpened };
    case SUPPORT_TICKET_REOPENED:
      return { ...document, status: 'open', resolvedAt: null, resolutionSeconds: null, closedAt: null, reopenings: document.reopenings + 1 };
    case SUPPORT_TICKET_CLOSED:
      return { ...document, status: 'closed', closedAt: event.data.closedAt };
    case SUPPORT_TICKET_RATED: {
      const { score, comment, ratedAt } = event.data;
      return { ...document, rating: { score, comment: comment ?? null, ratedAt } };
    }
  }
}

function openedTicket(data: Extract<SupportTicketEvent, { type: typeof SUPPORT_TICKET_OPENED }>['data']): SupportTicketDocument {
  return {
    id: data.ticketId,
    clientId: data.clientId,
    channel: data.channel,
    topic: data.topic,
    productId: data.productId ?? null,
    externalId: data.externalId ?? null,
    repeatOf: data.repeatOf ?? null,
    status: 'open',
    line: FIRST_LINE,
    employeeId: null,
    openedAt: data.openedAt,
    firstResponseAt: null,
    firstResponseSeconds: null,
    resolvedAt: null,
    resolutionSeconds: null,
    closedAt: null,
    escalations: 0,
    reopenings: 0,
    rating: null,
  };
}
