import { fork } from 'node:child_process';

/** Latencies in bins of 0.1 ms up to 10 s (the last bin holds everything slower): constant memory however long the load runs. */
const BIN_MS = 0.1;
const BINS = 100_000;

export class LatencyHistogram {
  private readonly counts = new Uint32Array(BINS + 1);

  record(ms: number): void {
    this.counts[Math.min(BINS, Math.floor(ms / BIN_MS))]! += 1;
  }

  /** The bins that hold a latency, as `[bin, count]`: what a load process sends back. */
  entries(): [number, number][] {
    const entries: [number, number][] = [];
    this.counts.forEach((count, bin) => count > 0 && entries.push([bin, count]));
    return entries;
  }
}

/** One group of clients, run in a process of its own so that the load competes with the api for the cores, not for its thread. */
export interface LoadGroup {
  /** Writers open a case and resolve it; readers cycle through `readPaths`; a feed follows `GET /feed`. */
  readonly role: 'writer' | 'reader' | 'feed';
  readonly base: string;
  readonly key: string;
  readonly clients: number;
  /** Writers: the cases are `<prefix>-<n>`. */
  readonly prefix?: string;
  /** Writers: stop after this many cases. */
  readonly cases?: number;
  /** Stop after this long. */
  readonly durationMs?: number;
  /** Writers: 2 cases in 5 end in a refund rather than a retention. */
  readonly refunds?: boolean;
  readonly readPaths?: readonly string[];
}

export interface LoadOutcome {
  readonly role: LoadGroup['role'];
  /** Epoch milliseconds, comparable across processes. */
  readonly started: number;
  readonly ended: number;
  readonly histogram: [number, number][];
  readonly failures: number;
  readonly firstFailure?: string | undefined;
  /** A feed: the events it received. */
  readonly events: number;
}

/** The outcomes of a role across its groups. */
export interface LoadSummary {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: string;
  readonly p99: string;
  readonly failures: number;
  readonly firstFailure: string | undefined;
  readonly events: number;
}

/** Runs each group in a child process at once, and resolves with their outcomes once all are done. */
export function runLoad(groups: readonly LoadGroup[]): Promise<LoadOutcome[]> {
  return Promise.all(
    groups.map(
      (group, index) =>
        new Promise<LoadOutcome>((resolve, reject) => {
          const child = fork(new URL('./load-worker.js', import.meta.url), { stdio: 'inherit', execArgv: [] });
          child.once('message', (outcome) => resolve(outcome as LoadOutcome));
          child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load group ${index} exited with ${code}`))));
          child.send({ ...group, prefix: `${group.prefix ?? group.role}-${index}` });
        }),
    ),
  );
}

/** Requests per second over the span all the groups of `role` ran together, and their latency quantiles. */
export function summarise(outcomes: readonly LoadOutcome[], role: LoadGroup['role']): LoadSummary {
  const mine = outcomes.filter((outcome) => outcome.role === role);
  const seconds = (Math.max(...mine.map((o) => o.ended)) - Math.min(...mine.map((o) => o.started))) / 1000;
  const counts = new Map<number, number>();
  for (const [bin, count] of mine.flatMap((outcome) => outcome.histogram)) counts.set(bin, (counts.get(bin) ?? 0) + count);
  const bins = [...counts].sort(([a], [b]) => a - b);
  const requests = bins.reduce((sum, [, count]) => sum + count, 0);
  const quantileMs = (q: number) => {
    let seen = 0;
    const bin = bins.find(([, count]) => (seen += count) > q * requests)?.[0] ?? 0;
    return ((bin + 1) * BIN_MS).toFixed(1);
  };
  return {
    requests,
    perSecond: Math.round(requests / seconds),
    p50: quantileMs(0.5),
    p99: quantileMs(0.99),
    failures: mine.reduce((sum, outcome) => sum + outcome.failures, 0),
    firstFailure: mine.find((outcome) => outcome.firstFailure !== undefined)?.firstFailure,
    events: mine.reduce((sum, outcome) => sum + outcome.events, 0),
  };
}
