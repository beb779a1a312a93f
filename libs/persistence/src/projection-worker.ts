import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Logger, type LogLevel } from '@nestjs/common';
import type { AppConfig } from '#config';
import type { Position, ProjectionStatus } from '#kernel';

export interface ProjectionWorkerData {
  readonly config: AppConfig;
}

/** What the caller's thread asks of the worker; each request but `stop` carries an id its answer repeats. */
export type ProjectionWorkerRequest =
  | { readonly id: number; readonly waitFor: { readonly position: Position; readonly projections: readonly string[] | undefined; readonly timeoutMs: number } }
  | { readonly id: number; readonly health: true }
  | { readonly stop: true };

/** A line the worker's runners log, written by the caller's logger, so that both threads log alike. */
export interface ForwardedLog {
  readonly level: Extract<LogLevel, 'error' | 'warn' | 'log' | 'debug' | 'verbose'>;
  readonly context: string | undefined;
  readonly message: string;
  readonly stack: string | undefined;
}

export type ProjectionWorkerReply =
  | { readonly started: true }
  | { readonly stopped: true }
  | { readonly log: ForwardedLog }
  | { readonly id: number; readonly reached: boolean }
  | { readonly id: number; readonly health: (ProjectionStatus & { readonly lag: bigint })[] }
  | { readonly id: number; readonly failed: string };

/** The compiled worker beside this module; the sources have none to start. */
const COMPILED_WORKER = new URL('./projection.worker.js', import.meta.url);

/** Projections running on a worker thread. */
export interface ProjectionWorker {
  /** Rejects when the worker fails or ends before it is stopped. */
  readonly failure: Promise<never>;
  /** True once the named projections (all without names) have processed `position`; false after `timeoutMs`, or when the worker ends first. */
  waitFor(position: Position, projections: readonly string[] | undefined, timeoutMs: number): Promise<boolean>;
  /** Each projection's status in the worker, with its lag behind the head of the log. */
  health(): Promise<(ProjectionStatus & { readonly lag: bigint })[]>;
  /** Stops the runners once their batches are committed, closes the worker's stores, and ends the thread. */
  stop(): Promise<void>;
}

/**
 * Starts every projection on a worker thread, on connections of its own to the stores: the caller's
 * thread keeps the commands and the second core projects. Its runners commit their checkpoints to
 * the read store as anywhere else; the caller can also ask the worker to say when they reach a
 * position, without polling. What the runners log is written by the caller's `Logger`. Resolves once
 * the worker runs; undefined where there is no compiled worker to start (the sources run under a test
 * runner).
 */
export async function startProjectionWorker(data: ProjectionWorkerData, script: URL = COMPILED_WORKER): Promise<ProjectionWorker | undefined> {
  if (!existsSync(fileURLToPath(script))) return undefined;
  const worker = new Worker(script, { workerData: data });
  const answers = new Map<number, (reply: ProjectionWorkerReply | undefined) => void>();
  let nextId = 0;
  const exited = new Promise<never>((_resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the projection worker exited with code ${code}`)));
  });
  // A worker that fails later is reported through `failure`; the questions it left unanswered are answered as if unmet.
  exited.catch(() => {
    for (const answer of answers.values()) answer(undefined);
    answers.clear();
  });
  worker.on('message', (reply: ProjectionWorkerReply) => {
    if ('log' in reply) writeForwarded(reply.log);
    else if ('id' in reply) {
      answers.get(reply.id)?.(reply);
      answers.delete(reply.id);
    }
  });
  const ask = (request: (id: number) => ProjectionWorkerRequest): Promise<ProjectionWorkerReply | undefined> =>
    new Promise((resolve) => {
      const id = nextId++;
      answers.set(id, resolve);
      worker.postMessage(request(id));
    });
  await Promise.race([reply(worker, 'started'), exited]);
  return {
    failure: exited,
    async waitFor(position, projections, timeoutMs) {
      const answer = await ask((id) => ({ id, waitFor: { position, projections, timeoutMs } }));
      if (answer !== undefined && 'failed' in answer) throw new Error(answer.failed);
      return answer !== undefined && 'reached' in answer && answer.reached;
    },
    async health() {
      const answer = await ask((id) => ({ id, health: true }));
      if (answer === undefined) throw new Error('the projection worker has ended');
      if ('failed' in answer) throw new Error(answer.failed);
      if (!('health' in answer)) throw new Error('the projection worker answered a health request with something else');
      return answer.health;
    },
    async stop() {
      worker.postMessage({ stop: true } satisfies ProjectionWorkerRequest);
      await Promise.race([reply(worker, 'stopped'), exited]);
      await worker.terminate();
    },
  };
}

function writeForwarded({ level, context, message, stack }: ForwardedLog): void {
  const logger = new Logger(context ?? 'Projections');
  if (level === 'error') logger.error(message, stack);
  else logger[level](message);
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
