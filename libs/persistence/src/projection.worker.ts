import { Logger, type LoggerService } from '@nestjs/common';
import { parentPort, workerData } from 'node:worker_threads';
import type { ForwardedLog, ProjectionWorkerData, ProjectionWorkerReply, ProjectionWorkerRequest } from './projection-worker.js';
import { newProjectionHost } from './projections.module.js';
import { openStores } from './stores.js';

/** The projections on a thread of their own, on connections of their own to the stores, until told to stop. */
const port = parentPort!;
const { config } = workerData as ProjectionWorkerData;
const post = (reply: ProjectionWorkerReply) => port.postMessage(reply);

/** Hands each line to the starting thread, whose logger writes it: Nest's logger passes the context last, and an error's stack before it. */
function forwarding(level: ForwardedLog['level']) {
  return (message: unknown, ...params: unknown[]) => {
    const context = typeof params.at(-1) === 'string' && params.length > (level === 'error' ? 1 : 0) ? (params.pop() as string) : undefined;
    const stack = level === 'error' && typeof params[0] === 'string' ? params[0] : undefined;
    post({ log: { level, context, message: String(message), stack } });
  };
}
const forwardingLogger: LoggerService = {
  error: forwarding('error'),
  warn: forwarding('warn'),
  log: forwarding('log'),
  debug: forwarding('debug'),
  verbose: forwarding('verbose'),
};
Logger.overrideLogger(forwardingLogger);

const stores = await openStores(config);
const host = newProjectionHost(stores, config);
host.start();

async function answer(request: Exclude<ProjectionWorkerRequest, { stop: true }>): Promise<ProjectionWorkerReply> {
  try {
    if ('health' in request) return { id: request.id, health: await host.health() };
    const { position, projections, timeoutMs } = request.waitFor;
    return { id: request.id, reached: await host.waitFor(position, timeoutMs, projections) };
  } catch (error) {
    return { id: request.id, failed: String(error) };
  }
}

port.on('message', async (request: ProjectionWorkerRequest) => {
  if (!('stop' in request)) {
    post(await answer(request));
    return;
  }
  await host.stop();
  await stores.close();
  post({ stopped: true });
  port.close();
});
post({ started: true });
