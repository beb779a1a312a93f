import type { DomainEvent } from '#kernel';

/** Stream category of support tickets: a ticket lives in the stream `supportTicket-<ticketId>`. */
export const SUPPORT_TICKET_CATEGORY = 'supportTicket';

export const SUPPORT_TICKET_OPENED = 'SupportTicketOpened';
export const SUPPORT_TICKET_ASSIGNED = 'SupportTicketAssigned';
export const SUPPORT_FIRST_RESPONSE_GIVEN = 'SupportFirstResponseGiven';
export const SUPPORT_TICKET_ESCALATED = 'SupportTicketEscalated';
export const SUPPORT_TICKET_RESOLVED = 'SupportTicketResolved';
export const SUPPORT_TICKET_REOPENED = 'SupportTicketReopened';
export const SUPPORT_TICKET_CLOSED = 'SupportTicketClosed';
export const SUPPORT_TICKET_RATED = 'SupportTicketRated';

export const SUPPORT_CHANNELS = ['chat', 'email', 'phone', 'messenger', 'other'] as const;
export type SupportChannel = (typeof SUPPORT_CHANNELS)[number];

/** The support lines, first to third: an escalation moves a ticket to a higher one. */
export const SUPPORT_LINES = [1, 2, 3] as const;
export type SupportLine = (typeof SUPPORT_LINES)[number];

/** A rating's score: 5 is "excellent", 4 and 5 count as satisfied. */
export const SUPPORT_SCORES = [1, 2, 3, 4, 5] as const;
export type SupportScore = (typeof SUPPORT_SCORES)[number];

/*
 * Event data holds ids and facts only: the client is an id, never a name or an address. Optional
 * fields are left out rather than set to undefined. Times are canonical ISO-8601 UTC instants, each
 * the business time of what happened (for an imported ticket, the helpdesk's time).
 */

export interface SupportTicketOpenedData {
  readonly ticketId: string;
  readonly clientId: string;
  readonly channel: SupportChannel;
  /** What the contact is about, as the helpdesk names it: the key of repeat contacts. */
  readonly topic: string;
  readonly productId?: string;
  readonly openedAt: string;
  /**
   * The earlier ticket of the same client on the same topic, opened within the repeat window before
   * this one: set when the ticket is opened, so that the repeat share never depends on the window in
   * force when it is read.
   */
  readonly repeatOf?: string;
  /** The helpdesk's own id of the ticket, for one imported from it. */
  readonly externalId?: string;
}

export interface SupportTicketAssignedData {
  readonly ticketId: string;
  readonly employeeId: string;
  readonly line: SupportLine;
  readonly assignedAt: string;
}

export interface SupportFirstResponseGivenData {
  readonly ticketId: string;
  readonly employeeId: string;
  readonly respondedAt: string;
  /** Seconds from opening to this response, so that the response-time figures need no lookup. */
  readonly secondsSinceOpened: number;
}

export interface SupportTicketEscalatedData {
  readonly ticketId: string;
  readonly fromLine: SupportLine;
  readonly toLine: SupportLine;
  readonly reason: string;
  readonly escalatedAt: string;
}

export interface SupportTicketResolvedData {
  readonly ticketId: string;
  readonly employeeId: string;
  readonly resolvedAt: string;
  /** Seconds from opening to this resolution. */
  readonly secondsSinceOpened: number;
}

export interface SupportTicketReopenedData {
  readonly ticketId: string;
  readonly reason: string;
  readonly reopenedAt: string;
}

export interface SupportTicketClosedData {
  readonly ticketId: string;
  readonly closedAt: string;
}

export interface SupportTicketRatedData {
  readonly ticketId: string;
  readonly score: SupportScore;
  readonly comment?: string;
  readonly ratedAt: string;
}

export type SupportTicketOpened = DomainEvent<typeof SUPPORT_TICKET_OPENED, SupportTicketOpenedData>;
export type SupportTicketAssigned = DomainEvent<typeof SUPPORT_TICKET_ASSIGNED, SupportTicketAssignedData>;
export type SupportFirstResponseGiven = DomainEvent<typeof SUPPORT_FIRST_RESPONSE_GIVEN, SupportFirstResponseGivenData>;
export type SupportTicketEscalated = DomainEvent<typeof SUPPORT_TICKET_ESCALATED, SupportTicketEscalatedData>;
export type SupportTicketResolved = DomainEvent<typeof SUPPORT_TICKET_RESOLVED, SupportTicketResolvedData>;
export type SupportTicketReopened = DomainEvent<typeof SUPPORT_TICKET_REOPENED, SupportTicketReopenedData>;
export type SupportTicketClosed = DomainEvent<typeof SUPPORT_TICKET_CLOSED, SupportTicketClosedData>;
export type SupportTicketRated = DomainEvent<typeof SUPPORT_TICKET_RATED, SupportTicketRatedData>;

export type SupportTicketEvent =
  | SupportTicketOpened
  | SupportTicketAssigned
  | SupportFirstResponseGiven
  | SupportTicketEscalated
  | SupportTicketResolved
  | SupportTicketReopened
  | SupportTicketClosed
  | SupportTicketRated;
