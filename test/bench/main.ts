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
} from '#libs/eventsourcing/src/index.js';
import { noteVerifierKey, signCheckpoint, verifyInclusion } from '#libs/ledger/src/index.js';
import { loadConfig } from '#libs/config/src/index.js';
import { EMBEDDED_STORE_FILE, parallelLeafCheck } from '#libs/persistence/src/index.js';
import { SqliteEventStore, SqliteReadStore } from '#libs/store-sqlite/src/index.js';
import { EVENT_ACTIVITY_METRIC, eventActivity } from '#projections/event-activity/event-activity.projection.js';
import { quantile } from './report.js';

/**
 * Prints the kernel's figures on the embedded store, then the api's over HTTP. Asserts nothing: the
 * targets are in the table beside the measured values. Sizes can be lowered for a quick look:
 * BENCH_EVENTS=100000 BENCH_HTTP_COMMANDS=1000 BENCH_FEED_COMMANDS=200 npm run bench.
 */
const CATCH_UP_EVENTS = Number(process.env.BENCH_EVENTS ?? 500_000);
/** The log the ledger's figures are taken on: the issue asks for proofs at a million events. */
const LEDGER_EVENTS = Number(process.env.BENCH_LEDGER_EVENTS ?? 1_000_000);
const PROOF_RUNS = 200;
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
  before: string;
  target: string;
}

/**
 * The same measures before the log had a ledger (commit 175432e, this 2-core machine, idle), so that
 * what hashing every event costs stays in view.
 */
const BEFORE_THE_LEDGER: Readonly<Record<string, string>> = {
  'single-event durable appends (128 writers)': '38068 /s',
  'batched appends (1000 events each, durable)': '114178 events/s',
  'catch-up of a counter projection': '76331 events/s',
  'peak RSS': '197 MB',
  'HTTP commands, 32 clients, open + resolve': '632 commands/s',
};

const rows: Row[] = [];
const report = (measure: string, value: string, target: string) => {
  const before = Object.entries(BEFORE_THE_LEDGER).find(([prefix]) => measure.startsWith(prefix))?.[1] ?? '';
  rows.push({ measure, value, before, target });
  console.log(`  ${measure}: ${value}${before ? ` (before the ledger: ${before})` : ''}`);
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

/** Verification of the whole log, and proofs at its full size, on the log the kernel's figures were taken on. */
async function ledgerFigures(events: SqliteEventStore, dataDir: string): Promise<void> {
  const head = Number((await events.headPosition()) ?? 0n);
  if (head < LEDGER_EVENTS) await growLog(events, LEDGER_EVENTS - head);
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

/** Untimed: more of the same events, to reach the size the ledger's figures are taken at. */
async function growLog(store: EventStore, count: number): Promise<void> {
  for (let offset = 0; offset < count; offset += BATCH) {
    const size = Math.min(BATCH, count - offset);
    await store.append(`benchGrowth-${offset / BATCH}`, Array.from({ length: size }, (_, i) => event(offset + i, count)), 'no_stream');
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'quality-ledger-bench-'));
  const file = join(dir, EMBEDDED_STORE_FILE);
  console.log(`Quality Ledger bench: embedded SQLite store in ${dir}`);
  const events = SqliteEventStore.open({ file });
  const reads = SqliteReadStore.open({ file });
  try {
    await singleAppends(events);
    await batchedAppends(events, Math.max(0, CATCH_UP_EVENTS - SINGLE_APPENDS));
    await catchUp(events, reads);
    await yearQuery(events, reads);
    report('peak RSS', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`, '< 300 MB');
    await ledgerFigures(events, dir);
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
