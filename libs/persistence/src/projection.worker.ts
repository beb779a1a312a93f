import { Logger } from '@nestjs/common';
import { parentPort, workerData } from 'node:worker_threads';
import type { ProjectionWorkerData, ProjectionWorkerReply } from './projection-worker.js';
import { newProjectionHost } from './projections.module.js';
import { openStores } from './stores.js';

/** The projections on a thread of their own, on connections of their own to the stores, until told to stop. */
const port = parentPort!;
const { config, logLevels } = workerData as ProjectionWorkerData;
Logger.overrideLogger(logLevels);
const stores = await openStores(config);
const host = newProjectionHost(stores, config);
host.start();

port.on('message', async (request: 'stop') => {
  if (request !== 'stop') return;
  await host.stop();
  await stores.close();
  port.postMessage({ stopped: true } satisfies ProjectionWorkerReply);
  port.close();
});
port.postMessage({ started: true } satisfies ProjectionWorkerReply);
