import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateKeyPairSync } from 'node:crypto';
import {
  CheckpointSigner,
  LedgerProofs,
  ProjectionRunner,
  newId,
  systemClock,
  verifyLedger,
  type EventToAppend,
  type EventStore,
  type ReadStore,
} from '#kernel';
import { noteVerifierKey, signCheckpoint, verifyInclusion } from '#ledger';
import { loadConfig } from '#config';
import { EMBEDDED_STORE_FILE, parallelLeafCheck } from '#persistence';
import { SqliteEventStore, SqliteReadStore } from '#stores/sqlite';
import { EVENT_ACTIVITY_METRIC, eventActivity } from '#projections/event-activity/event-activity.projection.js';
import { figureTable, quantile } from './report.js';
import { supportMetricsFigures } from './support-metrics.js';

/**
 * Prints the kernel's figures on the embedded store, then the api's over HTTP. Asserts nothing: the
 * targets are in the table beside the measured values. Sizes can be lowered for a quick look:
 * BENCH_EVENTS=100000 BENCH_LEDGER_EVENTS=200000 BENCH_QUERY_EVENTS_SMALL=20000 BENCH_QUERY_EVENTS_LARGE=300000
 * BENCH_HTTP_COMMANDS=1000 BENCH_FEED_COMMANDS=200 BENCH_MIXED_SECONDS=20 BENCH_SUPPORT_TICKETS=2000 BENCH_IMPORT_LINES=6000 npm run bench.
 */
const CATCH_UP_EVENTS = Number(process.env.BENCH_EVENTS ?? 500_000);
/** The log the ledger's figures are taken on: proofs are asked for at a million events. */
const LEDGER_EVENTS = Number(process.env.BENCH_LEDGER_EVENTS ?? 1_000_000);
/** The two sizes of the log a year's metric is read at, as known at a moment: its time must not grow with the log. */
const QUERY_EVENTS_SMALL = Number(process.env.BENCH_QUERY_EVENTS_SMALL ?? 100_000);
const QUERY_EVENTS_LARGE = Number(process.env.BENCH_QUERY_EVENTS_LARGE ?? 2_000_000);
const PROOF_RUNS = 200;
const SINGLE_APPENDS = Number(process.env.BENCH_SINGLE_APPENDS ?? 20_000);
const HTTP_COMMANDS = Number(process.env.BENCH_HTTP_COMMANDS ?? 3_000);
const FEED_COMMANDS = Number(process.env.BENCH_FEED_COMMANDS ?? 1_000);
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 300);
/** Support tickets the support report is read over: the size its target is set at. Filling them takes about two minutes. */
const SUPPORT_TICKETS = Number(process.env.BENCH_SUPPORT_TICKETS ?? 500_000);
/** Lines of the helpdesk file posted to the import route: its largest. */
const IMPORT_LINES = Number(process.env.BENCH_IMPORT_LINES ?? 50_000);
const WRITERS = 128;
const BATCH = 1_000;
const QUERY_RUNS = 50;
const YEAR_START = Date.parse('2025-01-01T00:00:00.000Z');
const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * The same measures earlier, on this 2-core machine: before the log had a ledger (commit 175432e,
 * idle), so that what hashing every event costs stays in view, and before the work on the HTTP hot
 * path and the read side.
 */
const BEFORE: readonly (readonly [string, string])[] = [
  ['single-event durable appends (128 writers)', '38068 /s (before the ledger)'],
  ['batched appends (1000 events each, durable)', '114178 events/s (before the ledger)'],
  ['catch-up of a counter projection', '87000 events/s (before this change; 76331 before the ledger)'],
  ['peak RSS', '197 MB (before the ledger)'],
  ['HTTP commands, 32 clients, open + resolve, projections in the api', '678 commands/s (before this change, on the main thread, after 128 warm-up commands)'],
  ['HTTP command latency, projections in the api', 'p50 45 ms, p99 64 ms (before this change, on the main thread, after 128 warm-up commands)'],
  ['HTTP commands, 32 clients, open + resolve, projections in apps/projector', '1919 commands/s (before this change)'],
  ['mixed load writes', 'about 56 /s (before this change)'],
  ['one-year weekly metric query, asOf', 'p50 23 ms (before this change)'],
  ['one-year weekly metric query, current', 'p50 0.4 ms (before this change)'],
  ['read store bytes per byte of event log', '12 (before this change)'],
];

const table = figureTable(BEFORE);
const report = table.report;

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

/**
 * Appends batches until the log holds `size` events, and returns the time spent appending alone:
 * making up the events is the client's work, not the store's.
 */
async function growTo(store: EventStore, size: number, streams: string): Promise<number> {
  const count = Math.max(0, size - Number((await store.headPosition()) ?? 0n));
  let appending = 0;
  for (let offset = 0; offset < count; offset += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - offset) }, (_, i) => event(offset + i, count));
    const started = performance.now();
    await store.append(`${streams}-${offset / BATCH}`, batch, 'no_stream');
    appending += performance.now() - started;
  }
  return appending;
}

/** The counter projection rebuilt into a read store of its own (a file beside the log), which `use` is given. */
async function withProjection<T>(events: EventStore, file: string, use: (reads: SqliteReadStore, rebuildMs: number) => Promise<T>): Promise<T> {
  const reads = SqliteReadStore.open({ file });
  try {
    const started = performance.now();
    await new ProjectionRunner({ projection: eventActivity, events, reads }).rebuild();
    return await use(reads, performance.now() - started);
  } finally {
    await reads.close();
  }
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
  for (const [label, asOf, target] of [
    ['current', undefined, '< 100 ms'],
    ['asOf midpoint', head / 2n, 'p50 <= 3 ms, flat as the log grows'],
  ] as const) {
    const timings: number[] = [];
    let weeks = 0;
    for (let run = 0; run < QUERY_RUNS; run++) {
      const started = performance.now();
      weeks = (await reads.aggregateFacts({ ...query, asOf })).length;
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    report(`one-year weekly metric query, ${label} (${weeks} weeks, log of ${head} events)`, `p50 ${quantile(timings, 0.5)} ms, p99 ${quantile(timings, 0.99)} ms`, target);
  }
}

/** Verification of the whole log, and proofs at its full size, on the log the kernel's figures were taken on. */
async function ledgerFigures(events: SqliteEventStore, dataDir: string): Promise<void> {
  await growTo(events, LEDGER_EVENTS, 'benchGrowth');
  const ledger = events.ledger;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const origin = 'quality-ledger.bench/log';
  const signer = new CheckpointSigner({ ledger, origin, sign: (checkpoint) => signCheckpoint(checkpoint, privateKey), clock: systemClock, intervalMs: 1000 });
  await signer.signNow();

  const started = performance.now();
  const checkLeaves = parallelLeafCheck(loadConfig({ DATA_DIR: dataDir }));
  const verified = await verifyLedger(ledger, { key: noteVerifierKey(origin, publicKey), ...(checkLeaves ? { checkLeaves } : {}) });
  const seconds = (performance.now() - started) / 1000;
  if (!verified.intact) throw new Error(`the bench log does not verify: ${verified.tampering?.detail}`);
  report(`verify the whole log (${verified.eventsChecked} events)`, `${Math.round(verified.eventsChecked / seconds)} events/s`, '>= 150,000 events/s');

  const proofs = new LedgerProofs(ledger);
  const size = await ledger.size();
  const leaves = await Promise.all(Array.from({ length: PROOF_RUNS }, () => ledger.leaves(Math.floor(Math.random() * size), 1)));
  const timings: number[] = [];
  for (const [leaf] of leaves) {
    const proofStarted = performance.now();
    const proof = await proofs.inclusion(leaf!.position, size);
    timings.push(performance.now() - proofStarted);
    if (verifyInclusion(leaf!.index, size, leaf!.leafHash, proof.proof, proof.head.rootHash) !== undefined) throw new Error('an inclusion proof does not verify');
  }
  timings.sort((a, b) => a - b);
  report(`inclusion proof at ${size} events`, `p50 ${quantile(timings, 0.5)} ms, p99 ${quantile(timings, 0.99)} ms`, '< 5 ms');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'quality-ledger-bench-'));
  const file = join(dir, EMBEDDED_STORE_FILE);
  console.log(`Quality Ledger bench: embedded SQLite store in ${dir}`);
  const events = SqliteEventStore.open({ file });
  try {
    await singleAppends(events);
    let appending = await growTo(events, QUERY_EVENTS_SMALL, 'benchSmall');
    await withProjection(events, join(dir, 'reads-small.sqlite'), (reads) => yearQuery(events, reads));
    appending += await growTo(events, CATCH_UP_EVENTS, 'benchCase');
    const batched = Number((await events.headPosition()) ?? 0n) - SINGLE_APPENDS;
    report(`batched appends (${BATCH} events each, durable)`, `${Math.round(batched / (appending / 1000))} events/s`, '>= 80,000 events/s');
    await withProjection(events, join(dir, 'reads-catch-up.sqlite'), async (_reads, rebuildMs) => {
      const head = (await events.headPosition()) ?? 0n;
      report(`catch-up of a counter projection (${head} events)`, `${Math.round(Number(head) / (rebuildMs / 1000))} events/s`, '>= 120,000 events/s');
    });
    report('peak RSS', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`, '< 300 MB');
    await ledgerFigures(events, dir);
    await growTo(events, QUERY_EVENTS_LARGE, 'benchLarge');
    await withProjection(events, join(dir, 'reads-large.sqlite'), (reads) => yearQuery(events, reads));
    await supportMetricsFigures(report, join(dir, 'reads-support.sqlite'), SUPPORT_TICKETS);
  } finally {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // Loaded after the peak RSS: that figure is the kernel's, and the api brings a Nest application of its own.
  const { httpCommands } = await import('./http-commands.js');
  await httpCommands(report, HTTP_COMMANDS);
  const { feedConsumers } = await import('./feed.js');
  await feedConsumers(report, FEED_COMMANDS);
  const { supportImport } = await import('./support-import.js');
  await supportImport(report, IMPORT_LINES);
  const { mixedLoad } = await import('./mixed-load.js');
  await mixedLoad(report, MIXED_SECONDS * 1000);
  table.print();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
