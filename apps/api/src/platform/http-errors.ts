import { QualityLedgerError } from '#kernel';

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

/** The feed serves as many connections as it may, in all or for this key; `Retry-After` says when to try again. */
export class FeedFullError extends QualityLedgerError {
  readonly code = 'FEED_FULL';

  constructor(message: string) {
    super(message);
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

/** The caller went past a limit on its requests; `Retry-After` says when it may try again. */
export class TooManyRequestsError extends QualityLedgerError {
  readonly code = 'RATE_LIMITED';

  constructor(message: string) {
    super(message);
  }
}

/** Why a request was refused for its form, before any route saw its content. */
export type RequestRefusal = 'JSON_TOO_DEEP' | 'URI_TOO_LONG' | 'HEADERS_TOO_LARGE' | 'MALFORMED_REQUEST' | 'REQUEST_TIMEOUT';

/**
 * A request refused for its form before any route read it: JSON nested too deep, a parameter too
 * long, headers too large, or bytes that are not HTTP at all. Refused up front, so that no parser or
 * validator spends itself on it.
 */
export class RequestRefusedError extends QualityLedgerError {
  constructor(
    readonly code: RequestRefusal,
    message: string,
  ) {
    super(message);
  }
}
