import { v5 as uuidv5 } from 'uuid';
import { withoutAbsent } from '../shared/objects.js';
import {
  invalid,
  optionalId,
  optionalText,
  requireId,
  requireOneOf,
  requireText,
  requireUtcInstant,
  withoutEmailAddress,
} from '../shared/validation.js';
import {
  SUPPORT_CHANNELS,
  SUPPORT_LINES,
  SUPPORT_SCORES,
  type SupportChannel,
  type SupportLine,
  type SupportScore,
} from './support-ticket.events.js';

/*
 * `at` is the business time of the command (the occurredAt the command handler resolved from its
 * clock or the request, or the helpdesk's time of an imported event): an ISO-8601 UTC instant. The
 * decider never reads a clock.
 */

export interface OpenSupportTicket {
  readonly type: 'OpenSupportTicket';
  readonly ticketId: string;
  readonly clientId: string;
  readonly channel: SupportChannel;
  readonly topic: string;
  readonly productId?: string;
  /** The earlier ticket this one repeats, as the client's contact on the topic names it (see the contact decider). */
  readonly repeatOf?: string;
  readonly externalId?: string;
  readonly at: string;
}

export interface AssignSupportTicket {
  readonly type: 'AssignSupportTicket';
  readonly ticketId: string;
  readonly employeeId: string;
  readonly line: SupportLine;
  readonly at: string;
}

export interface GiveFirstResponse {
  readonly type: 'GiveFirstResponse';
  readonly ticketId: string;
  readonly employeeId: string;
  readonly at: string;
}

export interface EscalateSupportTicket {
  readonly type: 'EscalateSupportTicket';
  readonly ticketId: string;
  readonly toLine: SupportLine;
  readonly reason: string;
  readonly at: string;
}

export interface ResolveSupportTicket {
  readonly type: 'ResolveSupportTicket';
  readonly ticketId: string;
  readonly employeeId: string;
  readonly at: string;
}

export interface ReopenSupportTicket {
  readonly type: 'ReopenSupportTicket';
  readonly ticketId: string;
  readonly reason: string;
  readonly at: string;
}

export interface CloseSupportTicket {
  readonly type: 'CloseSupportTicket';
  readonly ticketId: string;
  readonly at: string;
}

export interface RateSupportTicket {
  readonly type: 'RateSupportTicket';
  readonly ticketId: string;
  readonly score: SupportScore;
  readonly comment?: string;
  readonly at: string;
}

export type SupportTicketCommand =
  | OpenSupportTicket
  | AssignSupportTicket
  | GiveFirstResponse
  | EscalateSupportTicket
  | ResolveSupportTicket
  | ReopenSupportTicket
  | CloseSupportTicket
  | RateSupportTicket;

export const MAX_TOPIC_LENGTH = 200;
export const MAX_SUPPORT_REASON_LENGTH = 2000;
export const MAX_RATING_COMMENT_LENGTH = 2000;

/*
 * Each validator checks a command that may come from anywhere (HTTP, an import, a replayed script)
 * and returns it with canonical values; `decide` works on the result only.
 */

export function validOpenSupportTicket(command: OpenSupportTicket): OpenSupportTicket {
  const ticketId = requireId(command.ticketId, 'ticketId');
  const repeatOf = optionalId(command.repeatOf, 'repeatOf');
  if (repeatOf === ticketId) throw invalid('repeatOf', 'must name an earlier ticket, not the ticket itself');
  return withoutAbsent({
    type: command.type,
    ticketId,
    clientId: requireId(command.clientId, 'clientId'),
    channel: requireOneOf(command.channel, 'channel', SUPPORT_CHANNELS),
    topic: withoutEmailAddress(requireText(command.topic, 'topic', MAX_TOPIC_LENGTH), 'topic'),
    productId: optionalId(command.productId, 'productId'),
    repeatOf,
    externalId: optionalId(command.externalId, 'externalId'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validAssignSupportTicket(command: AssignSupportTicket): AssignSupportTicket {
  return {
    type: command.type,
    ticketId: requireId(command.ticketId, 'ticketId'),
    employeeId: requireId(command.employeeId, 'employeeId'),
    line: requireLine(command.line, 'line'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validGiveFirstResponse(command: GiveFirstResponse): GiveFirstResponse {
  return {
    type: command.type,
    ticketId: requireId(command.ticketId, 'ticketId'),
    employeeId: requireId(command.employeeId, 'employeeId'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validEscalateSupportTicket(command: EscalateSupportTicket): EscalateSupportTicket {
  return {
    type: command.type,
    ticketId: requireId(command.ticketId, 'ticketId'),
    toLine: requireLine(command.toLine, 'toLine'),
    reason: withoutEmailAddress(requireText(command.reason, 'reason', MAX_SUPPORT_REASON_LENGTH), 'reason'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validResolveSupportTicket(command: ResolveSupportTicket): ResolveSupportTicket {
  return {
    type: command.type,
    ticketId: requireId(command.ticketId, 'ticketId'),
    employeeId: requireId(command.employeeId, 'employeeId'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validReopenSupportTicket(command: ReopenSupportTicket): ReopenSupportTicket {
  return {
    type: command.type,
    ticketId: requireId(command.ticketId, 'ticketId'),
    reason: withoutEmailAddress(requireText(command.reason, 'reason', MAX_SUPPORT_REASON_LENGTH), 'reason'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validCloseSupportTicket(command: CloseSupportTicket): CloseSupportTicket {
  return {
    type: command.type,
    ticketId: requireId(command.ticketId, 'ticketId'),
    at: requireUtcInstant(command.at, 'at'),
  };
}

export function validRateSupportTicket(command: RateSupportTicket): RateSupportTicket {
  return withoutAbsent({
    type: command.type,
    ticketId: requireId(command.ticketId, 'ticketId'),
    score: requireWholeOneOf(command.score, 'score', SUPPORT_SCORES),
    comment: withoutEmailAddress(optionalText(command.comment, 'comment', MAX_RATING_COMMENT_LENGTH), 'comment'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

function requireLine(value: unknown, field: string): SupportLine {
  return requireWholeOneOf(value, field, SUPPORT_LINES);
}

function requireWholeOneOf<T extends number>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'number' || !(allowed as readonly number[]).includes(value)) {
    throw invalid(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Names the ids of tickets imported from a helpdesk; fixed forever, or a re-import would open new tickets. */
const IMPORTED_TICKET_NAMESPACE = '0b9a3c7e-6d21-4f58-a4e3-2c9d8e7f1a60';

/** The id a ticket of the helpdesk has here, derived from the helpdesk's own. */
export function importedTicketId(externalId: string): string {
  return uuidv5(externalId, IMPORTED_TICKET_NAMESPACE);
}
