import type { FactInput } from '#kernel';
import { projectionSpec, recorded } from '#kernel/testing.js';
import type { SupportTicketEvent } from '#domain/support/support-ticket.events.js';
import {
  factChanges,
  SUPPORT_FIRST_RESPONSE_METRIC,
  SUPPORT_RESOLUTION_METRIC,
  SUPPORT_TICKETS_METRIC,
  supportMetrics,
  ticketFacts,
  type SupportTicketFigures,
} from './support-metrics.projection.js';

const OPENED_AT = '2026-03-02T09:00:00.000Z';
const TICKET = 't-1';

const history = (...events: readonly SupportTicketEvent[]) => events.map((event, i) => recorded(event, { position: BigInt(i + 1) }));

const opened = (data: Partial<Extract<SupportTicketEvent, { type: 'SupportTicketOpened' }>['data']> = {}): SupportTicketEvent => ({
  type: 'SupportTicketOpened',
  data: { ticketId: TICKET, clientId: 'client-1', channel: 'chat', topic: 'login', productId: 'course-sales', openedAt: OPENED_AT, ...data },
});
const assigned = (employeeId: string, line: 1 | 2 | 3): SupportTicketEvent => ({
  type: 'SupportTicketAssigned',
  data: { ticketId: TICKET, employeeId, line, assignedAt: '2026-03-02T09:01:00.000Z' },
});
const responded = (employeeId: string, secondsSinceOpened: number): SupportTicketEvent => ({
  type: 'SupportFirstResponseGiven',
  data: { ticketId: TICKET, employeeId, secondsSinceOpened, respondedAt: '2026-03-02T09:02:00.000Z' },
});
const escalated: SupportTicketEvent = {
  type: 'SupportTicketEscalated',
  data: { ticketId: TICKET, fromLine: 1, toLine: 2, reason: 'needs an engineer', escalatedAt: '2026-03-02T09:05:00.000Z' },
};
const resolved = (employeeId: string, secondsSinceOpened: number): SupportTicketEvent => ({
  type: 'SupportTicketResolved',
  data: { ticketId: TICKET, employeeId, secondsSinceOpened, resolvedAt: '2026-03-02T10:00:00.000Z' },
});
const reopened: SupportTicketEvent = {
  type: 'SupportTicketReopened',
  data: { ticketId: TICKET, reason: 'still broken', reopenedAt: '2026-03-03T09:00:00.000Z' },
};
const closed: SupportTicketEvent = { type: 'SupportTicketClosed', data: { ticketId: TICKET, closedAt: '2026-03-04T09:00:00.000Z' } };
const rated = (score: 1 | 2 | 3 | 4 | 5): SupportTicketEvent => ({
  type: 'SupportTicketRated',
  data: { ticketId: TICKET, score, ratedAt: '2026-03-04T10:00:00.000Z' },
});

const noCounts = { tickets: 1, repeats: 0, closed: 0, escalated: 0, rated: 0, excellent: 0, satisfied: 0 };
const ticketFact = (dims: Record<string, string>, measures: Partial<typeof noCounts> = {}): FactInput => ({
  metric: SUPPORT_TICKETS_METRIC,
  occurredAt: OPENED_AT,
  dims,
  measures: { ...noCounts, ...measures },
});
const takenBack = (fact: FactInput): FactInput => ({
  ...fact,
  measures: Object.fromEntries(Object.entries(fact.measures).map(([name, value]) => [name, 0 - value])),
});
const durationFact = (metric: string, dims: Record<string, string>, seconds: number): FactInput => ({
  metric,
  occurredAt: OPENED_AT,
  dims: { ...dims, seconds: String(seconds) },
  measures: { count: 1 },
});

/** The facts summed per metric, date and dims, leaving out the sums that came to nothing. */
function netFacts(facts: readonly FactInput[]): Record<string, Record<string, number>> {
  const sums: Record<string, Record<string, number>> = {};
  for (const fact of facts) {
    const key = JSON.stringify([fact.metric, fact.occurredAt, Object.entries(fact.dims).sort()]);
    const sum = (sums[key] ??= {});
    for (const [name, value] of Object.entries(fact.measures)) sum[name] = (sum[name] ?? 0) + value;
  }
  return Object.fromEntries(Object.entries(sums).filter(([, sum]) => Object.values(sum).some((value) => value !== 0)));
}

const openedScope = { channel: 'chat', productId: 'course-sales', line: '1' };
const assignedScope = { ...openedScope, employeeId: 'agent-a' };

describe('supportMetrics projection', () => {
  it('counts an opened ticket under its channel and product, a repeat contact as one', () => {
    projectionSpec(supportMetrics)
      .given(history(opened({ repeatOf: 't-0' })))
      .thenFacts([ticketFact(openedScope, { repeats: 1 })]);
  });

  it('leaves out the dims an opened ticket lacks, and counts it on the first line until it is handled', () => {
    projectionSpec(supportMetrics)
      .given(history(opened({ productId: undefined, channel: 'email' })))
      .thenFacts([ticketFact({ channel: 'email', line: '1' })]);
  });

  it('takes the line of the first assignment as the one the ticket entered on', () => {
    const spec = projectionSpec(supportMetrics).given(history(opened(), assigned('agent-a', 2), assigned('agent-b', 3)));
    expect(spec.facts.slice(1, 3)).toEqual([takenBack(ticketFact(openedScope)), ticketFact({ ...assignedScope, line: '2' })]);
    expect(spec.documents.get(TICKET)).toMatchObject({ line: 2, employeeId: 'agent-b' });
  });

  it('moves the ticket to its assignee and entry line, taking back what it counted unassigned', () => {
    projectionSpec(supportMetrics)
      .given(history(opened(), assigned('agent-a', 1)))
      .thenFacts([ticketFact(openedScope), takenBack(ticketFact(openedScope)), ticketFact(assignedScope)]);
  });

  it('credits the first response to its responder with its duration, and ignores later responses', () => {
    const spec = projectionSpec(supportMetrics).given(history(opened(), assigned('agent-a', 1), responded('agent-b', 95), responded('agent-a', 300)));
    expect(spec.facts.slice(3)).toEqual([durationFact(SUPPORT_FIRST_RESPONSE_METRIC, { ...assignedScope, employeeId: 'agent-b' }, 95)]);
    expect(spec.documents.get(TICKET)?.firstResponse).toEqual({ employeeId: 'agent-b', seconds: 95 });
  });

  it('keeps the entry line through an escalation and counts the escalation there', () => {
    const spec = projectionSpec(supportMetrics).given(history(opened(), assigned('agent-a', 1), escalated, assigned('agent-c', 2)));
    expect(spec.facts.slice(3)).toEqual([
      takenBack(ticketFact(assignedScope)),
      ticketFact(assignedScope, { escalated: 1 }),
      takenBack(ticketFact(assignedScope, { escalated: 1 })),
      ticketFact({ ...assignedScope, employeeId: 'agent-c' }, { escalated: 1 }),
    ]);
  });

  it('takes an escalation before any assignment as entering on the line it left', () => {
    const spec = projectionSpec(supportMetrics).given(history(opened(), escalated));
    expect(spec.documents.get(TICKET)).toMatchObject({ line: 1, escalated: true });
  });

  it('withdraws the resolution of a reopened ticket and counts only the one that finally holds', () => {
    const resolvedScope = { ...assignedScope };
    projectionSpec(supportMetrics)
      .given(history(opened(), assigned('agent-a', 1), resolved('agent-a', 3600), reopened, resolved('agent-a', 90_000)))
      .thenFacts([
        ticketFact(openedScope),
        takenBack(ticketFact(openedScope)),
        ticketFact(assignedScope),
        durationFact(SUPPORT_RESOLUTION_METRIC, resolvedScope, 3600),
        takenBack(durationFact(SUPPORT_RESOLUTION_METRIC, resolvedScope, 3600)),
        durationFact(SUPPORT_RESOLUTION_METRIC, resolvedScope, 90_000),
      ]);
  });

  it('counts a closed ticket as closed until it is reopened', () => {
    const spec = projectionSpec(supportMetrics).given(history(opened(), closed, reopened));
    expect(spec.facts).toEqual([
      ticketFact(openedScope),
      takenBack(ticketFact(openedScope)),
      ticketFact(openedScope, { closed: 1 }),
      takenBack(ticketFact(openedScope, { closed: 1 })),
      ticketFact(openedScope),
    ]);
  });

  it.each([
    [5, { rated: 1, excellent: 1, satisfied: 1 }],
    [4, { rated: 1, satisfied: 1 }],
    [3, { rated: 1 }],
  ] as const)('counts a rating of %i as rated, excellent only at 5, satisfied from 4', (score, counts) => {
    const spec = projectionSpec(supportMetrics).given(history(opened(), rated(score)));
    expect(spec.facts.at(-1)).toEqual(ticketFact(openedScope, counts));
  });

  it('replaces the score when the client rates again', () => {
    const spec = projectionSpec(supportMetrics).given(history(opened(), rated(5), rated(2)));
    expect(spec.facts.slice(3)).toEqual([
      takenBack(ticketFact(openedScope, { rated: 1, excellent: 1, satisfied: 1 })),
      ticketFact(openedScope, { rated: 1 }),
    ]);
  });

  it('sums to one ticket whatever happened to it', () => {
    const spec = projectionSpec(supportMetrics).given(
      history(opened(), assigned('agent-a', 1), responded('agent-a', 60), escalated, assigned('agent-c', 2), resolved('agent-c', 7200), reopened, resolved('agent-c', 9000), closed, rated(4)),
    );
    const net = (metric: string, measure: string) =>
      spec.facts.filter((fact) => fact.metric === metric).reduce((sum, fact) => sum + fact.measures[measure]!, 0);
    expect(net(SUPPORT_TICKETS_METRIC, 'tickets')).toBe(1);
    expect(net(SUPPORT_FIRST_RESPONSE_METRIC, 'count')).toBe(1);
    expect(net(SUPPORT_RESOLUTION_METRIC, 'count')).toBe(1);
    const expected: SupportTicketFigures = {
      openedAt: OPENED_AT,
      channel: 'chat',
      productId: 'course-sales',
      line: 1,
      employeeId: 'agent-c',
      repeat: false,
      escalated: true,
      closed: true,
      score: 4,
      firstResponse: { employeeId: 'agent-a', seconds: 60 },
      resolution: { employeeId: 'agent-c', seconds: 9000 },
    };
    expect(spec.documents.get(TICKET)).toEqual(expected);
  });

  it('leaves, after every event, net facts equal to those of the tickets as they then stand', () => {
    const life = [opened(), assigned('agent-a', 1), responded('agent-a', 60), rated(5), escalated, assigned('agent-c', 2), resolved('agent-c', 7200), closed, reopened, rated(3), resolved('agent-b', 9000), closed];
    for (let length = 1; length <= life.length; length++) {
      const spec = projectionSpec(supportMetrics).given(history(...life.slice(0, length)));
      expect(netFacts(spec.facts)).toEqual(netFacts(ticketFacts(spec.documents.get(TICKET) ?? null)));
    }
  });

  it('ignores events of a ticket it never saw opened', () => {
    projectionSpec(supportMetrics).given(history(assigned('agent-a', 1), closed)).thenFacts([]).thenDocuments({});
  });
});

describe('factChanges', () => {
  const a = ticketFact({ channel: 'chat' });
  const b = ticketFact({ channel: 'email' });

  it('keeps out the facts that stand before and after', () => {
    expect(factChanges([a, b], [b, a])).toEqual([]);
  });

  it('takes back what no longer stands and adds what is new', () => {
    expect(factChanges([a], [b])).toEqual([takenBack(a), b]);
  });

  it('takes back a measure of 0 as 0, never -0', () => {
    expect(Object.is(factChanges([a], [])[0]!.measures.repeats, 0)).toBe(true);
  });
});
