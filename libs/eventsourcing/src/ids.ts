import { randomFillSync } from 'node:crypto';
import { v5 as uuidv5, v7 as uuidv7, validate } from 'uuid';

const UUID_BYTES = 16;
/**
 * Random bytes for many ids, drawn from the system's generator at once: asking it for 16 bytes per id
 * cost about 2 µs an id, several times per command.
 */
const randomPool = new Uint8Array(256 * UUID_BYTES);
let poolUsed = randomPool.length;

/** The millisecond and counter of the last id (RFC 9562, UUIDv7 with a 32-bit counter seeded at random each millisecond). */
let lastMsecs = -Infinity;
let counter = 0;

function freshRandomBytes(): Uint8Array {
  if (poolUsed === randomPool.length) {
    randomFillSync(randomPool);
    poolUsed = 0;
  }
  poolUsed += UUID_BYTES;
  return randomPool.subarray(poolUsed - UUID_BYTES, poolUsed);
}

/**
 * Time-ordered ids: they sort by creation time, which keeps store indexes compact. Within one
 * millisecond the counter goes up by one, so ids made in the same millisecond sort in the order
 * they were made too.
 */
export function newId(): string {
  const random = freshRandomBytes();
  const now = Date.now();
  if (now > lastMsecs) {
    lastMsecs = now;
    // 31 random bits: room to count up within the millisecond without wrapping.
    counter = ((random[6]! << 23) | (random[7]! << 15) | (random[8]! << 7) | (random[9]! >>> 1)) >>> 0;
  } else {
    counter += 1;
    if (counter > 0xffffffff) {
      lastMsecs += 1;
      counter = 0;
    }
  }
  return uuidv7({ random, msecs: lastMsecs, seq: counter });
}

export function isUuid(value: string): boolean {
  return validate(value);
}

const IDEMPOTENCY_NAMESPACE = '6f0e0d52-4c55-4b0e-9f59-0b7d1c2a9e41';

/**
 * The id of the `index`-th event a command appends to `streamId` under `idempotencyKey`. A retried
 * command derives the same ids, so the store recognises the events it already holds.
 */
export function idempotentEventId(streamId: string, idempotencyKey: string, index: number): string {
  return uuidv5(`${streamId}\u0000${idempotencyKey}\u0000${index}`, IDEMPOTENCY_NAMESPACE);
}
