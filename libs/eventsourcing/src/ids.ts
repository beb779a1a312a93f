import { v5 as uuidv5, v7 as uuidv7, validate } from 'uuid';

/** Time-ordered ids: they sort by creation time, which keeps store indexes compact. */
export function newId(): string {
  return uuidv7();
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
