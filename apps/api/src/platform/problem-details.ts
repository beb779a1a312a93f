import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import {
  ConcurrencyError,
  DomainRuleError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '#kernel';
import {
  FeedFullError,
  ForbiddenError,
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  LedgerBehindError,
  ReadModelBehindError,
  RequestRefusedError,
  RevisionMismatchError,
  TooManyRequestsError,
  UnauthenticatedError,
  type RequestRefusal,
} from './http-errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Problem types are `tag:` URIs (RFC 4151): RFC 9457 recommends them for types that are not meant to
 * be dereferenced, and they claim no web domain. docs/API.md lists every one.
 */
export const PROBLEM_TYPE_BASE = 'tag:quality-ledger,2026:problem:';

/** An RFC 9457 problem document, plus `code` (stable, for programs) and `requestId` (for support). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly FieldError[];
  readonly requestId: string;
  readonly [extension: string]: unknown;
}

interface Described {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  /** The last segment of the type URI; the same for every code of a family (domain rules). */
  readonly kind: string;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

const UNEXPECTED: Described = {
  status: 500,
  code: 'INTERNAL_ERROR',
  title: 'Internal server error',
  kind: 'internal-error',
  detail: 'An unexpected error occurred. It was logged; quote the request id when reporting it.',
};

/** Fastify's own codes that deserve a more precise problem than their HTTP status gives. */
const FASTIFY_CODES: Readonly<Record<string, Pick<Described, 'code' | 'title' | 'kind'>>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', title: 'Malformed JSON', kind: 'malformed-json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_JSON', title: 'Malformed JSON', kind: 'malformed-json' },
};

/** HTTP-level failures raised by Nest or Fastify, by status. */
const HTTP_STATUSES: Readonly<Record<number, Pick<Described, 'code' | 'title' | 'kind'>>> = {
  401: { code: 'UNAUTHENTICATED', title: 'Unauthenticated', kind: 'unauthenticated' },
  403: { code: 'FORBIDDEN', title: 'Forbidden', kind: 'forbidden' },
  404: { code: 'ROUTE_NOT_FOUND', title: 'No such route', kind: 'route-not-found' },
  413: { code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large', kind: 'payload-too-large' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type', kind: 'unsupported-media-type' },
  429: { code: 'RATE_LIMITED', title: 'Too many requests', kind: 'rate-limited' },
};

/** Requests refused for their form, before any route read them. */
const REFUSALS: Readonly<Record<RequestRefusal, Pick<Described, 'status' | 'title' | 'kind'>>> = {
  JSON_TOO_DEEP: { status: 400, title: 'JSON nested too deep', kind: 'json-too-deep' },
  URI_TOO_LONG: { status: 414, title: 'URI too long', kind: 'uri-too-long' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Headers too large', kind: 'headers-too-large' },
  MALFORMED_REQUEST: { status: 400, title: 'Malformed request', kind: 'malformed-request' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout', kind: 'request-timeout' },
};

/**
 * A problem answered before to the same request under the same `Idempotency-Key`: it is sent again as
 * it was, down to the first request's id.
 */
export class ReplayedProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ReplayedProblem';
  }
}

/** Whether the error is one the server did not foresee: those are logged with their stack. */
export function isUnexpected(error: unknown): boolean {
  return !(error instanceof ReplayedProblem) && describe(error) === UNEXPECTED;
}

/** Turns any error into the problem sent to the client. Unforeseen errors never leak their message. */
export function toProblem(error: unknown, requestId: string): Problem {
  if (error instanceof ReplayedProblem) return error.problem;
  const { status, code, title, kind, detail, errors, extensions } = describe(error);
  return {
    type: `${PROBLEM_TYPE_BASE}${kind}`,
    title,
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
    ...extensions,
    requestId,
  };
}

function describe(error: unknown): Described {
  return describeKernelError(error) ?? describeHttpError(error) ?? describeRefusal(error) ?? describeHttpException(error) ?? UNEXPECTED;
}

function describeKernelError(error: unknown): Described | undefined {
  if (error instanceof ValidationError) {
    return { status: 400, code: error.code, title: 'Invalid request', kind: 'validation-failed', detail: error.message, errors: error.errors };
  }
  if (error instanceof NotFoundError) {
    return { status: 404, code: error.code, title: 'Not found', kind: 'not-found', detail: error.message };
  }
  if (error instanceof DomainRuleError) {
    return { status: 409, code: error.rule, title: 'Domain rule violated', kind: 'domain-rule-violated', detail: error.message };
  }
  if (error instanceof ConcurrencyError) {
    const detail = 'Other writers kept changing the resource while the command was retried; send it again.';
    return { status: 409, code: error.code, title: 'Concurrent modification', kind: 'concurrency-conflict', detail };
  }
  return undefined;
}

function describeHttpError(error: unknown): Described | undefined {
  if (error instanceof RevisionMismatchError) {
    const extensions = { currentRevision: error.currentRevision };
    return { status: 412, code: error.code, title: 'Revision mismatch', kind: 'revision-mismatch', detail: error.message, extensions };
  }
  if (error instanceof UnauthenticatedError) return { status: 401, ...HTTP_STATUSES[401]!, detail: error.message };
  if (error instanceof TooManyRequestsError) return { status: 429, ...HTTP_STATUSES[429]!, detail: error.message };
  if (error instanceof ForbiddenError) return { status: 403, ...HTTP_STATUSES[403]!, detail: error.message };
  if (error instanceof ReadModelBehindError) {
    return { status: 503, code: error.code, title: 'Read model behind', kind: 'read-model-behind', detail: error.message };
  }
  if (error instanceof LedgerBehindError) {
    return { status: 503, code: error.code, title: 'Ledger behind', kind: 'ledger-behind', detail: error.message };
  }
  if (error instanceof FeedFullError) return { status: 503, code: error.code, title: 'Feed full', kind: 'feed-full', detail: error.message };
  return describeIdempotencyError(error);
}

function describeIdempotencyError(error: unknown): Described | undefined {
  if (error instanceof IdempotencyKeyReusedError) {
    return { status: 422, code: error.code, title: 'Idempotency key reused', kind: 'idempotency-key-reused', detail: error.message };
  }
  if (error instanceof IdempotencyKeyInUseError) {
    return { status: 409, code: error.code, title: 'Idempotency key in use', kind: 'idempotency-key-in-use', detail: error.message };
  }
  return undefined;
}

function describeRefusal(error: unknown): Described | undefined {
  if (!(error instanceof RequestRefusedError)) return undefined;
  return { ...REFUSALS[error.code], code: error.code, detail: error.message };
}

/** Nest's HTTP exceptions, and Fastify's client errors that Nest wraps into them (cause = the original). */
function describeHttpException(error: unknown): Described | undefined {
  if (!(error instanceof HttpException) || error.getStatus() >= 500) return undefined;
  const status = error.getStatus();
  const fastifyCode = (error.cause as { code?: unknown } | undefined)?.code;
  const known = (typeof fastifyCode === 'string' ? FASTIFY_CODES[fastifyCode] : undefined) ?? HTTP_STATUSES[status];
  return { status, ...(known ?? byStatusText(status)), detail: error.message };
}

function byStatusText(status: number): Pick<Described, 'code' | 'title' | 'kind'> {
  const title = STATUS_CODES[status] ?? 'Client error';
  const words = title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ');
  return { title, code: words.join('_').toUpperCase(), kind: words.join('-') };
}
