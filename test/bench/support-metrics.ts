import { performance } from 'node:perf_hooks';
import { projectEvent, type AnyProjection, type MetricFact, type ProjectedDocument, type ReadStore } from '#kernel';
import { recorded } from '#kernel/testing.js';
import type { SupportTicketEvent } from '#domain/support/support-ticket.events.js';
import { SqliteReadStore } from '#stores/sqlite';
import { DEFAULT_SUPPORT_TARGETS, readSupportMetrics, supportMetrics, type SupportMetricsParams } from '#projections/support/index.js';
import { quantile, type Report } from './report.js';

const YEAR_START = Date.parse('2025-01-01T00:00:00.000Z');
const YEAR_MS = 365 * 24 * 3600 * 1000;
const CHANNELS = ['chat', 'email', 'phone', 'messenger', 'other'] as const;
const EVENTS_PER_BATCH = 1_000;
const QUERY_RUNS = 30;

/** A duration drawn around a mean, in whole seconds: most tickets are quick, a few take long. */
const around = (mean: number, draw: number): number => Math.max(1, Math.round(-mean * Math.log(1 - draw)));

/** Deterministic draws, so that two runs of the bench read the same facts. */
function draws(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** The life of one ticket, opened at `openedAt`: assigned, answered, now and then escalated or reopened, resolved, closed, rated. */
function ticketEvents(index: number, openedAt: number, draw: () => number): SupportTicketEvent[] {
  const ticketId = `ticket-${index}`;
  const at = (seconds: number) => new Date(openedAt + seconds * 1000).toISOString();
  const employeeId = `agent-${index % 40}`;
  const response = around(120, draw());
  const resolution = response + around(4 * 3600, draw());
  const events: SupportTicketEvent[] = [
    {
      type: 'SupportTicketOpened',
      data: {
        ticketId,
        clientId: `client-${index % 50_000}`,
        channel: CHANNELS[index % CHANNELS.length]!,
        topic: 'login',
        productId: `product-${index % 10}`,
        openedAt: at(0),
        ...(index % 20 === 0 && { repeatOf: `ticket-${index - 1}` }),
      },
    },
    { type: 'SupportTicketAssigned', data: { ticketId, employeeId, line: 1, assignedAt: at(1) } },
    { type: 'SupportFirstResponseGiven', data: { ticketId, employeeId, respondedAt: at(response), secondsSinceOpened: response } },
  ];
  if (index % 50 === 0) events.push({ type: 'SupportTicketEscalated', data: { ticketId, fromLine: 1, toLine: 2, reason: 'bench', escalatedAt: at(response + 1) } });
  events.push({ type: 'SupportTicketResolved', data: { ticketId, employeeId, resolvedAt: at(resolution), secondsSinceOpened: resolution } });
  if (index % 25 === 0) {
    events.push({ type: 'SupportTicketReopened', data: { ticketId, reason: 'bench', reopenedAt: at(resolution + 60) } });
    events.push({ type: 'SupportTicketResolved', data: { ticketId, employeeId, resolvedAt: at(resolution * 2), secondsSinceOpened: resolution * 2 } });
  }
  events.push({ type: 'SupportTicketClosed', data: { ticketId, closedAt: at(resolution * 2 + 60) } });
  if (index % 3 !== 0) events.push({ type: 'SupportTicketRated', data: { ticketId, score: (3 + (index % 3)) as 4 | 5, ratedAt: at(resolution * 2 + 120) } });
  return events;
}

/**
 * The facts of `tickets` tickets spread over 2025, run through the live projection and committed in
 * batches as the runner would (documents left out: the read only touches facts). Answers the last position.
 */
async function fill(reads: SqliteReadStore, tickets: number): Promise<bigint> {
  const generation = await reads.beginGeneration(supportMetrics.name, supportMetrics.version);
  const draw = draws(7);
  let position = 0n;
  let facts: MetricFact[] = [];
  let eventsInBatch = 0;
  const commit = async () => {
    await reads.commit({ generation: generation.id, documents: [], facts, marks: [], checkpoint: position });
    facts = [];
    eventsInBatch = 0;
  };
  for (let index = 0; index < tickets; index++) {
    const documents = new Map<string, ProjectedDocument>();
    for (const event of ticketEvents(index, YEAR_START + Math.floor((index / tickets) * YEAR_MS), draw)) {
      position += 1n;
      const step = projectEvent(supportMetrics as AnyProjection, documents, recorded(event, { position }));
      step?.facts.forEach((fact, i) => facts.push({ ...fact, position, index: i }));
      if (++eventsInBatch === EVENTS_PER_BATCH) await commit();
    }
  }
  if (eventsInBatch > 0) await commit();
  return position;
}

async function timedReport(reads: ReadStore, params: SupportMetricsParams): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const rows = (await readSupportMetrics(reads, params, DEFAULT_SUPPORT_TARGETS)).length;
  return { ms: performance.now() - started, rows };
}

/**
 * `GET /metrics/support` for 2025 by week, without HTTP: the three fact reads and the report, current
 * and as of half the log. The first read of a process loads the durations into memory: it is shown apart.
 */
export async function supportMetricsFigures(report: Report, file: string, tickets: number): Promise<void> {
  const reads = SqliteReadStore.open({ file });
  try {
    const head = await fill(reads, tickets);
    const first = await timedReport(reads, { from: '2025-01-01', to: '2026-01-01', groupBy: 'week' });
    report(`support metrics, the first read of a process (${tickets} tickets)`, `${first.ms.toFixed(0)} ms`, 'none set');
    for (const [label, asOf] of [
      ['current', undefined],
      ['asOf midpoint', head / 2n],
    ] as const) {
      const timings: number[] = [];
      let rows = 0;
      for (let run = 0; run < QUERY_RUNS; run++) {
        const timed = await timedReport(reads, { from: '2025-01-01', to: '2026-01-01', groupBy: 'week', ...(asOf !== undefined && { asOf }) });
        timings.push(timed.ms);
        rows = timed.rows;
      }
      timings.sort((a, b) => a - b);
      report(`support metrics for a year by week, ${label} (${rows} weeks, ${tickets} tickets)`, `p50 ${quantile(timings, 0.5)} ms, p99 ${quantile(timings, 0.99)} ms`, 'p50 < 20 ms at 500,000 tickets');
    }
  } finally {
    await reads.close();
  }
}
