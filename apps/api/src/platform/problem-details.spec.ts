import { BadRequestException, HttpException } from '@nestjs/common';
import {
  ConcurrencyError,
  DomainRuleError,
  NotFoundError,
  ValidationError,
} from '#kernel';
import {
  ForbiddenError,
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  ReadModelBehindError,
  RevisionMismatchError,
  UnauthenticatedError,
} from './http-errors.js';
import { isUnexpected, ReplayedProblem, toProblem } from './problem-details.js';

const statusAndCode = (error: unknown) => {
  const { status, code } = toProblem(error, 'request-1');
  return { status, code };
};

describe('toProblem', () => {
  it('maps the kernel errors by class', () => {
    expect(statusAndCode(new ValidationError('bad', [{ field: 'amount.minor', message: 'must be whole' }]))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(statusAndCode(new NotFoundError('care case', 'c1'))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(statusAndCode(new DomainRuleError('CASE_CLOSED', 'the case is closed'))).toEqual({ status: 409, code: 'CASE_CLOSED' });
  });

  it('tells a conflict after retries (409) from a stale If-Match (412)', () => {
    expect(statusAndCode(new ConcurrencyError('careCase-1', 'any', 4))).toEqual({ status: 409, code: 'CONCURRENCY_CONFLICT' });
    expect(toProblem(new RevisionMismatchError(2, 4), 'request-1')).toMatchObject({
      status: 412,
      code: 'REVISION_MISMATCH',
      currentRevision: 4,
    });
  });

  it('maps authentication, authorisation and read-your-writes failures', () => {
    expect(statusAndCode(new UnauthenticatedError('no key'))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(statusAndCode(new ForbiddenError(['admin']))).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(statusAndCode(new ReadModelBehindError(9n, 5000))).toEqual({ status: 503, code: 'READ_MODEL_BEHIND' });
  });

  it('refuses a reused idempotency key with 422, and one whose first request still runs with 409', () => {
    expect(statusAndCode(new IdempotencyKeyReusedError())).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(statusAndCode(new IdempotencyKeyInUseError())).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_IN_USE' });
  });

  it('sends a replayed problem as it was first sent, request id included, as nothing unforeseen', () => {
    const first = toProblem(new NotFoundError('care case', 'c1'), 'r-first');
    const replayed = new ReplayedProblem(first);

    expect(toProblem(replayed, 'r-retry')).toEqual(first);
    expect(isUnexpected(replayed)).toBe(false);
  });

  it('writes an RFC 9457 document with the field errors, the type URI and the request id', () => {
    expect(toProblem(new ValidationError('invalid amount.minor', [{ field: 'amount.minor', message: 'must be whole' }]), 'r-9')).toEqual({
      type: 'tag:quality-ledger,2026:problem:validation-failed',
      title: 'Invalid request',
      status: 400,
      detail: 'invalid amount.minor',
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'amount.minor', message: 'must be whole' }],
      requestId: 'r-9',
    });
  });

  it('names HTTP errors from Nest and Fastify by their status, malformed JSON by its Fastify code', () => {
    const fastifyError = Object.assign(new Error('Body is not valid JSON'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    expect(statusAndCode(new HttpException('Body is not valid JSON', 400, { cause: fastifyError }))).toEqual({
      status: 400,
      code: 'MALFORMED_JSON',
    });
    expect(statusAndCode(new HttpException('too large', 413))).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(statusAndCode(new HttpException('Cannot GET /x', 404))).toEqual({ status: 404, code: 'ROUTE_NOT_FOUND' });
    expect(statusAndCode(new HttpException('nope', 405))).toEqual({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    expect(statusAndCode(new BadRequestException('bad'))).toEqual({ status: 400, code: 'BAD_REQUEST' });
  });

  it('hides everything about an unforeseen error, 5xx HTTP exceptions included', () => {
    for (const error of [new Error('password=hunter2'), new HttpException('pool exhausted', 502), 'a string']) {
      expect(isUnexpected(error)).toBe(true);
      const problem = toProblem(error, 'r-1');
      expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
      expect(problem.detail).not.toMatch(/hunter2|pool/);
    }
    expect(isUnexpected(new NotFoundError('x', 'y'))).toBe(false);
  });
});
