import { parentPort, workerData } from 'node:worker_threads';
import type { AppConfig } from '#config';
import { checkLeafRange, type LeafBatch } from '#kernel';
import type { LeafCheckReply, LeafCheckRequest } from './parallel-leaf-check.js';
import { openLog } from './log.js';

/** A verification worker: recomputes the leaves of the ranges it is sent, on a connection of its own to the log. */
const port = parentPort!;
const log = await openLog((workerData as { config: AppConfig }).config, undefined, false);

port.on('message', async (request: LeafCheckRequest | 'close') => {
  if (request === 'close') {
    await log.close();
    port.close();
    return;
  }
  const reply = (message: LeafCheckReply) => port.postMessage(message);
  try {
    const onLeaves = (batch: LeafBatch) => port.postMessage({ batch } satisfies LeafCheckReply, [batch.positions.buffer as ArrayBuffer, batch.leafHashes.buffer as ArrayBuffer]);
    const tampering = await checkLeafRange(log.ledger, request.fromIndex, request.toIndex, { onLeaves });
    reply({ done: true, tampering });
  } catch (error) {
    reply({ done: true, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true } satisfies LeafCheckReply);
