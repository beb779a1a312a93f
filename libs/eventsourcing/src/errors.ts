/**
 * Typed errors with stable codes. Callers and tests branch on the class or the `code`, never on the
 * message; the HTTP layer maps codes to statuses.
 */
export abstract class QualityLedgerError extends Error {
  abstract readonly code: string;
  readonly details: Record<string, unknown>;

  protected constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The stream was not at the expected revision. `actualRevision` is -1 for a stream that does not exist. */
export class ConcurrencyError extends QualityLedgerError {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actualRevision: number,
  ) {
    super(`stream ${streamId} is at revision ${actualRevision}, expected ${expected}`, {
      streamId,
      expected,
      actualRevision,
    });
  }
}

export class NotFoundError extends QualityLedgerError {
  readonly code = 'NOT_FOUND';

  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} does not exist`, { entity, id });
  }
}

/** A business rule forbids the command in the current state. `rule` is a stable, specific code. */
export class DomainRuleError extends QualityLedgerError {
  readonly code = 'DOMAIN_RULE_VIOLATED';

  constructor(
    readonly rule: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { rule, ...details });
  }
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export class ValidationError extends QualityLedgerError {
  readonly code = 'VALIDATION_FAILED';

  constructor(
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message, { errors });
  }
}
