import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AppConfig } from '#config';
import { earliestTampering, type LeafBatch, type LeafRangeCheck, type Tampering } from '#kernel';

export interface LeafCheckRequest {
  readonly fromIndex: number;
  readonly toIndex: number;
}

export type LeafCheckReply =
  | { readonly ready: true }
  | { readonly batch: LeafBatch }
  | { readonly done: true; readonly tampering?: Tampering; readonly error?: string };

/** Ranges small enough that the workers finish together, large enough that a range's start-up is noise. */
const RANGE_LEAVES = 50_000;

/** The compiled worker beside this module; the sources have none to start. */
const COMPILED_WORKER = new URL('./leaf-check.worker.js', import.meta.url);

export interface ParallelLeafCheckOptions {
  /** Default: one per core. */
  readonly workers?: number;
  readonly rangeLeaves?: number;
  /** The worker's script; default: the compiled one beside this module. */
  readonly script?: URL;
}

/**
 * Recomputes the leaves of a verification in worker threads, one per core, each on its own
 * connection to the log: hashing every event is what a verification costs, and it spreads over the
 * cores while the caller folds the tree. Undefined where there is no compiled worker to start (the
 * sources run under a test runner): verification then recomputes the leaves in the caller's thread.
 */
export function parallelLeafCheck(config: AppConfig, options: ParallelLeafCheckOptions = {}): LeafRangeCheck | undefined {
  const { workers = availableParallelism(), rangeLeaves = RANGE_LEAVES, script = COMPILED_WORKER } = options;
  if (!existsSync(fileURLToPath(script))) return undefined;
  return async (fromIndex, toIndex, onLeaves) => {
    const ranges: LeafCheckRequest[] = [];
    for (let start = fromIndex; start < toIndex; start += rangeLeaves) ranges.push({ fromIndex: start, toIndex: Math.min(start + rangeLeaves, toIndex) });
    const found: Tampering[] = [];
    const pool = Array.from({ length: Math.min(workers, ranges.length) }, () => new Worker(script, { workerData: { config } }));
    try {
      await Promise.all(pool.map((worker) => drain(worker, ranges, found, onLeaves)));
    } finally {
      await Promise.all(pool.map((worker) => worker.terminate()));
    }
    return earliestTampering(found);
  };
}

/** Sends a worker one range after another until none is left; a range that found tampering ends the worker's share. */
async function drain(worker: Worker, ranges: LeafCheckRequest[], found: Tampering[], onLeaves: (batch: LeafBatch) => void): Promise<void> {
  await reply(worker, () => undefined);
  for (let range = ranges.shift(); range !== undefined; range = ranges.shift()) {
    worker.postMessage(range);
    const outcome = await reply(worker, onLeaves);
    if (outcome.tampering !== undefined) found.push(outcome.tampering);
  }
  worker.postMessage('close');
}

/** The next `done` (or `ready`) reply of a worker; the leaves it recomputes meanwhile go to `onLeaves`. */
function reply(worker: Worker, onLeaves: (batch: LeafBatch) => void): Promise<{ readonly tampering?: Tampering }> {
  return new Promise((resolve, reject) => {
    const listen = (message: LeafCheckReply) => {
      if ('batch' in message) return onLeaves(message.batch);
      stop();
      if ('error' in message && message.error !== undefined) reject(new Error(`a verification worker failed: ${message.error}`));
      else resolve('tampering' in message ? { tampering: message.tampering } : {});
    };
    const fail = (error: Error) => {
      stop();
      reject(error);
    };
    const stop = () => {
      worker.off('message', listen);
      worker.off('error', fail);
    };
    worker.on('message', listen);
    worker.on('error', fail);
  });
}
