import type { FactInput, Projection, RecordedOf } from '#kernel';
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
} from '#domain/support/index.js';

/** One fact per ticket: the counts behind the ticket, repeat, closed, escalation and rating figures. */
export const SUPPORT_TICKETS_METRIC = 'support.tickets';
/** One fact per ticket with a first response, its duration in seconds as a dimension. */
export const SUPPORT_FIRST_RESPONSE_METRIC = 'support.firstResponse';
/** One fact per resolved ticket (not while reopened), its duration in seconds as a dimension. */
export const SUPPORT_RESOLUTION_METRIC = 'support.resolution';

/** Who took a step of a ticket and how long after its opening. */
export interface TimedStep {
  readonly employeeId: string;
  readonly seconds: number;
}

/**
 * What the support figures need to know of one ticket. The facts of a ticket are derived from this
 * document alone, so that a change of it takes back exactly the facts it counted before.
 */
export interface SupportTicketFigures {
  readonly openedAt: string;
  readonly channel: SupportChannel;
  readonly productId: string | null;
  /**
   * The line the ticket entered on: that of its first assignment, or the one its first escalation
   * left. Null until either happens: it counts on the first line meanwhile, where every ticket starts.
   */
  readonly line: SupportLine | null;
  /** The employee the ticket is assigned to now. */
  readonly employeeId: string | null;
  readonly repeat: boolean;
  readonly escalated: boolean;
  /** Closed and not reopened since. */
  readonly closed: boolean;
  /** The latest rating: a client who rates again replaces the score. */
  readonly score: SupportScore | null;
  readonly firstResponse: TimedStep | null;
  /** The latest resolution; null before it and again while the ticket is reopened. */
  readonly resolution: TimedStep | null;
}

type SupportTicketRecord = RecordedOf<SupportTicketEvent>;

/**
 * The support figures: one small document per ticket, and its facts. Every fact of a ticket is dated
 * by its opening, so a period's row speaks of the tickets opened in it, and fills in as they are
 * answered, resolved and rated. A change takes back the facts the ticket counted before (negative
 * measures) and counts the new ones: as of any position the facts sum to the tickets as known then.
 */
export const supportMetrics: Projection<SupportTicketFigures, SupportTicketEvent> = {
  name: 'supportMetrics',
  version: 1,
  handles: SUPPORT_TICKET_EVENT_TYPES,
  documentId: (event) => event.data.ticketId,
  evolve: (document, event) => evolveFigures(document, event),
  facts: (_event, { before, after }) => factChanges(ticketFacts(before), ticketFacts(after)),
};

function evolveFigures(document: SupportTicketFigures | null, event: SupportTicketRecord): SupportTicketFigures | null {
  if (event.type === SUPPORT_TICKET_OPENED) return document ?? openedFigures(event.data);
  if (document === null) return null;
  switch (event.type) {
    case SUPPORT_TICKET_ASSIGNED:
      return { ...document, employeeId: event.data.employeeId, line: document.line ?? event.data.line };
    case SUPPORT_FIRST_RESPONSE_GIVEN: {
      const { employeeId, secondsSinceOpened } = event.data;
      return document.firstResponse ? document : { ...document, firstResponse: { employeeId, seconds: secondsSinceOpened } };
    }
    case SUPPORT_TICKET_ESCALATED:
      return { ...document, escalated: true, line: document.line ?? event.data.fromLine };
    case SUPPORT_TICKET_RESOLVED:
      return { ...document, resolution: { employeeId: event.data.employeeId, seconds: event.data.secondsSinceOpened } };
    case SUPPORT_TICKET_REOPENED:
      return { ...document, resolution: null, closed: false };
    case SUPPORT_TICKET_CLOSED:
      return { ...document, closed: true };
    case SUPPORT_TICKET_RATED:
      return { ...document, score: event.data.score };
  }
}

function openedFigures(data: Extract<SupportTicketRecord, { type: typeof SUPPORT_TICKET_OPENED }>['data']): SupportTicketFigures {
  return {
    openedAt: data.openedAt,
    channel: data.channel,
    productId: data.productId ?? null,
    line: null,
    employeeId: null,
    repeat: data.repeatOf !== undefined,
    escalated: false,
    closed: false,
    score: null,
    firstResponse: null,
    resolution: null,
  };
}

const flag = (value: boolean): number => (value ? 1 : 0);

/** The facts a ticket counts while it stands as this document. */
export function ticketFacts(ticket: SupportTicketFigures | null): FactInput[] {
  if (ticket === null) return [];
  const scope = ticketScope(ticket);
  const rated = ticket.score !== null;
  const facts: FactInput[] = [
    {
      metric: SUPPORT_TICKETS_METRIC,
      occurredAt: ticket.openedAt,
      dims: withEmployee(scope, ticket.employeeId),
      measures: {
        tickets: 1,
        repeats: flag(ticket.repeat),
        closed: flag(ticket.closed),
        escalated: flag(ticket.escalated),
        rated: flag(rated),
        excellent: flag(ticket.score === 5),
        satisfied: flag(rated && ticket.score! >= 4),
      },
    },
  ];
  if (ticket.firstResponse) facts.push(durationFact(SUPPORT_FIRST_RESPONSE_METRIC, ticket, scope, ticket.firstResponse));
  if (ticket.resolution) facts.push(durationFact(SUPPORT_RESOLUTION_METRIC, ticket, scope, ticket.resolution));
  return facts;
}

/** The dims every fact of a ticket carries; the employee is added per fact, as each figure credits its own. */
function ticketScope(ticket: SupportTicketFigures): Record<string, string> {
  const dims: Record<string, string> = { channel: ticket.channel };
  if (ticket.productId !== null) dims.productId = ticket.productId;
  dims.line = String(ticket.line ?? FIRST_LINE);
  return dims;
}

function withEmployee(scope: Record<string, string>, employeeId: string | null): Record<string, string> {
  return employeeId === null ? scope : { ...scope, employeeId };
}

/**
 * The duration is a dimension, not a summed measure: the report reads each value with its number of
 * tickets, from which means and percentiles are exact as of any position.
 */
function durationFact(metric: string, ticket: SupportTicketFigures, scope: Record<string, string>, step: TimedStep): FactInput {
  return {
    metric,
    occurredAt: ticket.openedAt,
    dims: { ...withEmployee(scope, step.employeeId), seconds: String(step.seconds) },
    measures: { count: 1 },
  };
}

/** The facts that turn the `before` facts into the `after` ones: those not in both, taken back or added. */
export function factChanges(before: readonly FactInput[], after: readonly FactInput[]): FactInput[] {
  const unmatched = new Map<string, number>();
  for (const fact of before) unmatched.set(factKey(fact), (unmatched.get(factKey(fact)) ?? 0) + 1);
  const takeOne = (fact: FactInput): boolean => {
    const key = factKey(fact);
    const left = unmatched.get(key) ?? 0;
    if (left > 0) unmatched.set(key, left - 1);
    return left > 0;
  };
  const added = after.filter((fact) => !takeOne(fact));
  const takenBack = before.filter(takeOne);
  return [...takenBack.map(negated), ...added];
}

function factKey(fact: FactInput): string {
  return JSON.stringify([fact.metric, fact.occurredAt, fact.dims, fact.measures]);
}

/** 0 - value rather than -value: taking back a 0 must give 0, not -0. */
function negated(fact: FactInput): FactInput {
  return { ...fact, measures: Object.fromEntries(Object.entries(fact.measures).map(([name, value]) => [name, 0 - value])) };
}
