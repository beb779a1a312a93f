import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { withoutAbsent } from '../shared/objects.js';
import {
  validAssignSupportTicket,
  validCloseSupportTicket,
  validEscalateSupportTicket,
  validGiveFirstResponse,
  validOpenSupportTicket,
  validRateSupportTicket,
  validReopenSupportTicket,
  validResolveSupportTicket,
  type AssignSupportTicket,
  type CloseSupportTicket,
  type EscalateSupportTicket,
  type GiveFirstResponse,
  type OpenSupportTicket,
  type RateSupportTicket,
  type ReopenSupportTicket,
  type ResolveSupportTicket,
  type SupportTicketCommand,
} from './support-ticket.commands.js';
import {
  SUPPORT_FIRST_RESPONSE_GIVEN,
  SUPPORT_TICKET_ASSIGNED,
  SUPPORT_TICKET_CLOSED,
  SUPPORT_TICKET_ESCALATED,
  SUPPORT_TICKET_OPENED,
  SUPPORT_TICKET_RATED,
  SUPPORT_TICKET_REOPENED,
  SUPPORT_TICKET_RESOLVED,
  type SupportLine,
  type SupportTicketEvent,
} from './support-ticket.events.js';

/** The line a ticket is on until an assignment or an escalation names another. */
export const FIRST_LINE: SupportLine = 1;

export type SupportTicketStatus = 'open' | 'resolved' | 'closed';

/** What the rules need to know about a ticket that exists. */
export interface SupportTicketFacts {
  readonly ticketId: string;
  readonly openedAt: string;
  readonly status: SupportTicketStatus;
  /** The helpdesk's id of an imported ticket. */
  readonly externalId?: string;
  readonly line: SupportLine;
  /** The employee handling the ticket now; absent until it is assigned. */
  readonly employeeId?: string;
  readonly firstResponseAt?: string;
  /** The business time of the resolution in force; absent while the ticket is open. */
  readonly resolvedAt?: string;
  /** Whether the resolution in force was rated. */
  readonly rated: boolean;
}

export type SupportTicketState = { readonly status: 'absent' } | SupportTicketFacts;

export type SupportTicketDecider = Decider<SupportTicketCommand, SupportTicketEvent, SupportTicketState>;

/**
 * The support ticket: opened by a client's contact, assigned to an employee on a support line,
 * answered, escalated to higher lines, resolved, possibly reopened, closed and rated by the client.
 *
 * Rules:
 * - nothing is dated before the ticket was opened (`DATED_BEFORE_OPENING`), and closing, reopening
 *   and rating not before the resolution they follow (`DATED_BEFORE_RESOLUTION`);
 * - a ticket gets one first response (`FIRST_RESPONSE_GIVEN`), while it is open;
 * - an escalation moves an open ticket to a higher line than its current one
 *   (`ESCALATION_NOT_HIGHER`); the current line is the last one an assignment or escalation named;
 * - only an open ticket is resolved (`SUPPORT_TICKET_NOT_OPEN`); only a resolved or closed one is
 *   reopened (`SUPPORT_TICKET_NOT_RESOLVED`);
 * - only a resolved ticket is closed: an unresolved ticket is resolved first, so that every closed
 *   ticket carries a resolution time (`SUPPORT_TICKET_NOT_RESOLVED`, `SUPPORT_TICKET_CLOSED`);
 * - the client rates a resolved or closed ticket once per resolution (`SUPPORT_TICKET_RATED`): after a
 *   reopening, the next resolution may be rated again, and that rating replaces the earlier one;
 * - a closed ticket takes no assignment (`SUPPORT_TICKET_CLOSED`); assigning the employee and line the
 *   ticket already has is a no-op, so that a retried request appends nothing;
 * - a ticket is opened once (`SUPPORT_TICKET_EXISTS`), but opening the same helpdesk ticket (same
 *   `externalId`) again is a no-op, so that a re-sent import appends nothing.
 *
 * `secondsSinceOpened` of a response or resolution counts whole seconds from the opening.
 */
export function supportTicketDecider(): SupportTicketDecider {
  return {
    initialState: () => ({ status: 'absent' }),

    decide(command, state) {
      switch (command.type) {
        case 'OpenSupportTicket':
          return open(validOpenSupportTicket(command), state);
        case 'AssignSupportTicket': {
          const valid = validAssignSupportTicket(command);
          return assign(valid, existing(state, valid.ticketId));
        }
        case 'GiveFirstResponse': {
          const valid = validGiveFirstResponse(command);
          return respond(valid, existing(state, valid.ticketId));
        }
        case 'EscalateSupportTicket': {
          const valid = validEscalateSupportTicket(command);
          return escalate(valid, existing(state, valid.ticketId));
        }
        case 'ResolveSupportTicket': {
          const valid = validResolveSupportTicket(command);
          return resolve(valid, existing(state, valid.ticketId));
        }
        case 'ReopenSupportTicket': {
          const valid = validReopenSupportTicket(command);
          return reopen(valid, existing(state, valid.ticketId));
        }
        case 'CloseSupportTicket': {
          const valid = validCloseSupportTicket(command);
          return close(valid, existing(state, valid.ticketId));
        }
        case 'RateSupportTicket': {
          const valid = validRateSupportTicket(command);
          return rate(valid, existing(state, valid.ticketId));
        }
      }
    },

    evolve,
  };
}

/**
 * Whether the ticket a command opens is open already as the same helpdesk ticket, which makes the
 * opening a no-op; any other ticket under the id is refused. Also checked before a ticket claims its
 * client's contact.
 */
export function openedAlready(state: SupportTicketState, command: Pick<OpenSupportTicket, 'ticketId' | 'externalId'>): boolean {
  if (state.status === 'absent') return false;
  if (command.externalId !== undefined && state.externalId === command.externalId) return true;
  throw new DomainRuleError('SUPPORT_TICKET_EXISTS', `support ticket ${command.ticketId} already exists`, { ticketId: command.ticketId });
}

function open(command: OpenSupportTicket, state: SupportTicketState): SupportTicketEvent[] {
  if (openedAlready(state, command)) return [];
  const { ticketId, clientId, channel, topic, productId, repeatOf, externalId, at } = command;
  return [
    {
      type: SUPPORT_TICKET_OPENED,
      data: withoutAbsent({ ticketId, clientId, channel, topic, productId, openedAt: at, repeatOf, externalId }),
    },
  ];
}

function assign(command: AssignSupportTicket, state: SupportTicketFacts): SupportTicketEvent[] {
  rejectClosed(state);
  rejectBeforeOpening(state, command.at);
  if (state.employeeId === command.employeeId && state.line === command.line) return [];
  const { ticketId, employeeId, line, at } = command;
  return [{ type: SUPPORT_TICKET_ASSIGNED, data: { ticketId, employeeId, line, assignedAt: at } }];
}

function respond(command: GiveFirstResponse, state: SupportTicketFacts): SupportTicketEvent[] {
  if (state.firstResponseAt !== undefined) {
    throw new DomainRuleError('FIRST_RESPONSE_GIVEN', `support ticket ${state.ticketId} was first answered at ${state.firstResponseAt}`, {
      ticketId: state.ticketId,
      firstResponseAt: state.firstResponseAt,
    });
  }
  rejectUnlessOpen(state);
  rejectBeforeOpening(state, command.at);
  const { ticketId, employeeId, at } = command;
  return [
    {
      type: SUPPORT_FIRST_RESPONSE_GIVEN,
      data: { ticketId, employeeId, respondedAt: at, secondsSinceOpened: secondsBetween(state.openedAt, at) },
    },
  ];
}

function escalate(command: EscalateSupportTicket, state: SupportTicketFacts): SupportTicketEvent[] {
  rejectUnlessOpen(state);
  rejectBeforeOpening(state, command.at);
  if (command.toLine <= state.line) {
    throw new DomainRuleError('ESCALATION_NOT_HIGHER', `support ticket ${state.ticketId} is on line ${state.line} already`, {
      ticketId: state.ticketId,
      line: state.line,
      toLine: command.toLine,
    });
  }
  const { ticketId, toLine, reason, at } = command;
  return [{ type: SUPPORT_TICKET_ESCALATED, data: { ticketId, fromLine: state.line, toLine, reason, escalatedAt: at } }];
}

function resolve(command: ResolveSupportTicket, state: SupportTicketFacts): SupportTicketEvent[] {
  rejectUnlessOpen(state);
  rejectBeforeOpening(state, command.at);
  const { ticketId, employeeId, at } = command;
  return [
    {
      type: SUPPORT_TICKET_RESOLVED,
      data: { ticketId, employeeId, resolvedAt: at, secondsSinceOpened: secondsBetween(state.openedAt, at) },
    },
  ];
}

function reopen(command: ReopenSupportTicket, state: SupportTicketFacts): SupportTicketEvent[] {
  const resolvedAt = resolutionOf(state);
  rejectBeforeResolution(state, resolvedAt, command.at);
  const { ticketId, reason, at } = command;
  return [{ type: SUPPORT_TICKET_REOPENED, data: { ticketId, reason, reopenedAt: at } }];
}

function close(command: CloseSupportTicket, state: SupportTicketFacts): SupportTicketEvent[] {
  rejectClosed(state);
  const resolvedAt = resolutionOf(state);
  rejectBeforeResolution(state, resolvedAt, command.at);
  return [{ type: SUPPORT_TICKET_CLOSED, data: { ticketId: command.ticketId, closedAt: command.at } }];
}

function rate(command: RateSupportTicket, state: SupportTicketFacts): SupportTicketEvent[] {
  const resolvedAt = resolutionOf(state);
  if (state.rated) {
    throw new DomainRuleError('SUPPORT_TICKET_RATED', `the resolution of support ticket ${state.ticketId} is rated already`, {
      ticketId: state.ticketId,
      resolvedAt,
    });
  }
  rejectBeforeResolution(state, resolvedAt, command.at);
  const { ticketId, score, comment, at } = command;
  return [{ type: SUPPORT_TICKET_RATED, data: withoutAbsent({ ticketId, score, comment, ratedAt: at }) }];
}

function existing(state: SupportTicketState, ticketId: string): SupportTicketFacts {
  if (state.status === 'absent') throw new NotFoundError('support ticket', ticketId);
  return state;
}

function rejectClosed(state: SupportTicketFacts): void {
  if (state.status === 'closed') {
    throw new DomainRuleError('SUPPORT_TICKET_CLOSED', `support ticket ${state.ticketId} is closed`, { ticketId: state.ticketId });
  }
}

function rejectUnlessOpen(state: SupportTicketFacts): void {
  if (state.status !== 'open') {
    throw new DomainRuleError('SUPPORT_TICKET_NOT_OPEN', `support ticket ${state.ticketId} is ${state.status}`, {
      ticketId: state.ticketId,
      status: state.status,
    });
  }
}

/** The time of the resolution in force, for the commands that follow one. */
function resolutionOf(state: SupportTicketFacts): string {
  if (state.resolvedAt === undefined) {
    throw new DomainRuleError('SUPPORT_TICKET_NOT_RESOLVED', `support ticket ${state.ticketId} is not resolved`, {
      ticketId: state.ticketId,
    });
  }
  return state.resolvedAt;
}

function rejectBeforeOpening(state: SupportTicketFacts, at: string): void {
  if (Date.parse(at) < Date.parse(state.openedAt)) {
    throw new DomainRuleError('DATED_BEFORE_OPENING', `support ticket ${state.ticketId} was opened after ${at}`, {
      ticketId: state.ticketId,
      openedAt: state.openedAt,
      at,
    });
  }
}

function rejectBeforeResolution(state: SupportTicketFacts, resolvedAt: string, at: string): void {
  if (Date.parse(at) < Date.parse(resolvedAt)) {
    throw new DomainRuleError('DATED_BEFORE_RESOLUTION', `support ticket ${state.ticketId} was resolved after ${at}`, {
      ticketId: state.ticketId,
      resolvedAt,
      at,
    });
  }
}

function secondsBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 1000);
}

function evolve(state: SupportTicketState, event: SupportTicketEvent): SupportTicketState {
  if (event.type === SUPPORT_TICKET_OPENED) {
    const { ticketId, openedAt, externalId } = event.data;
    return withoutAbsent({ ticketId, openedAt, status: 'open', externalId, line: FIRST_LINE, rated: false });
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case SUPPORT_TICKET_ASSIGNED:
      return { ...state, employeeId: event.data.employeeId, line: event.data.line };
    case SUPPORT_FIRST_RESPONSE_GIVEN:
      return { ...state, firstResponseAt: event.data.respondedAt };
    case SUPPORT_TICKET_ESCALATED:
      return { ...state, line: event.data.toLine };
    case SUPPORT_TICKET_RESOLVED:
      return { ...state, status: 'resolved', resolvedAt: event.data.resolvedAt, rated: false };
    case SUPPORT_TICKET_REOPENED: {
      const { resolvedAt: _reopened, ...facts } = state;
      return { ...facts, status: 'open' };
    }
    case SUPPORT_TICKET_CLOSED:
      return { ...state, status: 'closed' };
    case SUPPORT_TICKET_RATED:
      return { ...state, rated: true };
  }
}
