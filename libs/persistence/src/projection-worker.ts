import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LogLevel } from '@nestjs/common';
import type { AppConfig } from '#config';

export interface ProjectionWorkerData {
  readonly config: AppConfig;
  /** What the worker's runners log: those of the application that starts it. */
  readonly logLevels: LogLevel[];
}

export type ProjectionWorkerReply = { readonly started: true } | { readonly stopped: true };

/** The compiled worker beside this module; the sources have none to start. */
const COMPILED_WORKER = new URL('./projection.worker.js', import.meta.url);

/** Projections running on a worker thread. */
export interface ProjectionWorker {
  /** Rejects when the worker fails or ends before it is stopped. */
  readonly failure: Promise<never>;
  /** Stops the runners once their batches are committed, closes the worker's stores, and ends the thread. */
  stop(): Promise<void>;
}

/**
 * Starts every projection on a worker thread, on connections of its own to the stores: the caller's
 * thread keeps the commands and the second core projects. Its runners commit their checkpoints to
 * the read store, which is how the caller sees how far they are (as with `PROJECTIONS=off` and a
 * projector process). Resolves once the worker runs; undefined where there is no compiled worker to
 * start (the sources run under a test runner).
 */
export async function startProjectionWorker(data: ProjectionWorkerData, script: URL = COMPILED_WORKER): Promise<ProjectionWorker | undefined> {
  if (!existsSync(fileURLToPath(script))) return undefined;
  const worker = new Worker(script, { workerData: data });
  const exited = new Promise<never>((_resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the projection worker exited with code ${code}`)));
  });
  // A worker that fails later is reported when it is stopped; its runners' checkpoints stop meanwhile.
  exited.catch(() => undefined);
  await Promise.race([reply(worker, 'started'), exited]);
  return {
    failure: exited,
    async stop() {
      worker.postMessage('stop');
      await Promise.race([reply(worker, 'stopped'), exited]);
      await worker.terminate();
    },
  };
}

function reply(worker: Worker, expected: 'started' | 'stopped'): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: ProjectionWorkerReply) => {
      if (!(expected in message)) return;
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
  });
}
