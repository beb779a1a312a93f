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
