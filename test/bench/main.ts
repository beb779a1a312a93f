import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProjectionRunner, newId, type EventToAppend, type EventStore, type ReadStore } from '#libs/eventsourcing/src/index.js';
import { SqliteEventStore, SqliteReadStore } from '#libs/store-sqlite/src/index.js';
import { EVENT_ACTIVITY_METRIC, eventActivity } from '#projections/event-activity/event-activity.projection.js';
import { quantile } from './report.js';

/**
 * Prints the kernel's figures on the embedded store, then the api's over HTTP. Asserts nothing: the
 * targets are in the table beside the measured values. Sizes can be lowered for a quick look:
 * BENCH_EVENTS=100000 BENCH_HTTP_COMMANDS=1000 BENCH_FEED_COMMANDS=200 npm run bench.
 */
const CATCH_UP_EVENTS = Number(process.env.BENCH_EVENTS ?? 500_000);
const SINGLE_APPENDS = Number(process.env.BENCH_SINGLE_APPENDS ?? 20_000);
const HTTP_COMMANDS = Number(process.env.BENCH_HTTP_COMMANDS ?? 3_000);
const FEED_COMMANDS = Number(process.env.BENCH_FEED_COMMANDS ?? 1_000);
const WRITERS = 128;
const BATCH = 1_000;
const QUERY_RUNS = 50;
const YEAR_START = Date.parse('2025-01-01T00:00:00.000Z');
const YEAR_MS = 365 * 24 * 3600 * 1000;

interface Row {
  measure: string;
  value: string;
  target: string;
}

const rows: Row[] = [];
const report = (measure: string, value: string, target: string) => {
  rows.push({ measure, value, target });
  console.log(`  ${measure}: ${value}`);
};

function event(index: number, total: number): EventToAppend {
  const occurredAt = new Date(YEAR_START + Math.floor((index / total) * YEAR_MS)).toISOString();
  return {
    eventId: newId(),
    type: index % 3 === 0 ? 'RefundIssued' : index % 3 === 1 ? 'ClientRetained' : 'ChecklistPassed',
    data: { amount: { minor: 1000 + (index % 500), currency: 'EUR' }, note: 'bench' },
    metadata: {
      occurredAt,
      actor: { id: `employee-${index % 40}`, roles: ['care-agent'] },
      correlationId: newId(),
      causationId: null,
      schemaVersion: 1,
    },
  };
}

async function singleAppends(store: EventStore): Promise<void> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < SINGLE_APPENDS) {
        const index = next++;
        await store.append(`benchSingle-${index}`, [event(index, SINGLE_APPENDS)], 'no_stream');
      }
    }),
  );
  const perSecond = SINGLE_APPENDS / ((performance.now() - started) / 1000);
  report(`single-event durable appends (${WRITERS} writers)`, `${Math.round(perSecond)} /s`, '>= 5,000 /s');
}

/** Times the appends alone: making up the events is the client's work, not the store's. */
async function batchedAppends(store: EventStore, total: number): Promise<void> {
  let appending = 0;
  for (let offset = 0; offset < total; offset += BATCH) {
    const size = Math.min(BATCH, total - offset);
    const batch = Array.from({ length: size }, (_, i) => event(offset + i, total));
    const started = performance.now();
    await store.append(`benchCase-${offset / BATCH}`, batch, 'no_stream');
    appending += performance.now() - started;
  }
  const perSecond = total / (appending / 1000);
  report(`batched appends (${BATCH} events each, durable)`, `${Math.round(perSecond)} events/s`, '>= 80,000 events/s');
}

async function catchUp(events: EventStore, reads: ReadStore): Promise<void> {
  const runner = new ProjectionRunner({ projection: eventActivity, events, reads });
  const head = (await events.headPosition()) ?? 0n;
  const started = performance.now();
  await runner.rebuild();
  const seconds = (performance.now() - started) / 1000;
  report(`catch-up of a counter projection (${head} events)`, `${Math.round(Number(head) / seconds)} events/s`, '>= 50,000 events/s');
}

async function yearQuery(events: EventStore, reads: ReadStore): Promise<void> {
  const head = (await events.headPosition()) ?? 0n;
  const query = {
    metric: EVENT_ACTIVITY_METRIC,
    from: '2025-01-01',
    to: '2026-01-01',
    groupBy: { period: 'week' as const },
    measures: ['count'],
  };
  for (const [label, asOf] of [
    ['current', undefined],
    ['asOf midpoint', head / 2n],
  ] as const) {
    const timings: number[] = [];
    let weeks = 0;
    for (let run = 0; run < QUERY_RUNS; run++) {
      const started = performance.now();
      weeks = (await reads.aggregateFacts({ ...query, asOf })).length;
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    report(`one-year weekly metric query, ${label} (${weeks} weeks)`, `p50 ${quantile(timings, 0.5)} ms, p99 ${quantile(timings, 0.99)} ms`, '< 100 ms');
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'quality-ledger-bench-'));
  const file = join(dir, 'bench.sqlite');
  console.log(`Quality Ledger bench: embedded SQLite store in ${dir}`);
  const events = SqliteEventStore.open({ file });
  const reads = SqliteReadStore.open({ file });
  try {
    await singleAppends(events);
    await batchedAppends(events, Math.max(0, CATCH_UP_EVENTS - SINGLE_APPENDS));
    await catchUp(events, reads);
    await yearQuery(events, reads);
    report('peak RSS', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`, '< 300 MB');
  } finally {
    await events.close();
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // Loaded after the peak RSS: that figure is the kernel's, and the api brings a Nest application of its own.
  const { httpCommands } = await import('./http-commands.js');
  await httpCommands(report, HTTP_COMMANDS);
  const { feedConsumers } = await import('./feed.js');
  await feedConsumers(report, FEED_COMMANDS);
  console.log('');
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
