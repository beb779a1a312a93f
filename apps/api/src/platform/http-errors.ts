import { QualityLedgerError } from '#libs/eventsourcing/src/index.js';

/** No credentials, or credentials that name no working key. */
export class UnauthenticatedError extends QualityLedgerError {
  readonly code = 'UNAUTHENTICATED';

  constructor(message: string) {
    super(message);
  }
}

/** The key is valid but none of its roles may use the route, or reach what the request asks for. */
export class ForbiddenError extends QualityLedgerError {
  readonly code = 'FORBIDDEN';

  constructor(
    readonly required: readonly string[],
    reach = 'this route',
  ) {
    super(`${reach} needs one of the roles: ${required.join(', ')}`, { required });
  }
}

/**
 * The client pinned a revision with `If-Match` and the stream has moved on. Distinct from a
 * `ConcurrencyError` without a pin, which means retries ran out against other writers.
 */
export class RevisionMismatchError extends QualityLedgerError {
  readonly code = 'REVISION_MISMATCH';

  constructor(
    readonly expectedRevision: number,
    readonly currentRevision: number,
  ) {
    super(`the resource is at revision ${currentRevision}, not ${expectedRevision} as If-Match says`, {
      expectedRevision,
      currentRevision,
    });
  }
}

/** The read models did not reach the `minPosition` a query asked for within the bound. */
export class ReadModelBehindError extends QualityLedgerError {
  readonly code = 'READ_MODEL_BEHIND';

  constructor(
    readonly minPosition: bigint,
    readonly waitedMs: number,
  ) {
    super(`the read models did not reach position ${minPosition} within ${waitedMs} ms; retry shortly`);
  }
}

/** The ledger that follows the log did not reach a position within the bound: its tree cannot be told yet. */
export class LedgerBehindError extends QualityLedgerError {
  readonly code = 'LEDGER_BEHIND';

  constructor(
    readonly position: bigint,
    readonly waitedMs: number,
  ) {
    super(`the ledger did not reach position ${position} within ${waitedMs} ms; retry shortly`);
  }
}

/** The caller sent an `Idempotency-Key` it used before, on the same route, with another request. */
export class IdempotencyKeyReusedError extends QualityLedgerError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';

  constructor() {
    super('this Idempotency-Key was used for another request to this route; send a new key for a new request');
  }
}

/** A first request with the same `Idempotency-Key` still runs; its answer will be replayed once it is in. */
export class IdempotencyKeyInUseError extends QualityLedgerError {
  readonly code = 'IDEMPOTENCY_KEY_IN_USE';

  constructor() {
    super('a request with this Idempotency-Key is still running; retry shortly to get its answer');
  }
}
