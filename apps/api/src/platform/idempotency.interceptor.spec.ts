import { jest } from '@jest/globals';
import { HttpException, type CallHandler, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { lastValueFrom, of, throwError } from 'rxjs';
import {
  ConcurrencyError,
  DomainRuleError,
  NotFoundError,
  ValidationError,
  type IdempotencyStore,
  type IdempotentAnswer,
} from '#kernel';
import type { Stores } from '#persistence';
import { ForbiddenError, ReadModelBehindError, RevisionMismatchError } from './http-errors.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { toProblem } from './problem-details.js';

const REQUEST_ID = 'request-1';

/** A store that grants every claim and records what the interceptor does with it. */
function recordingStore() {
  const kept: IdempotentAnswer[] = [];
  const released: string[] = [];
  const store: IdempotencyStore = {
    claim: async () => ({ outcome: 'claimed', token: 'token-1' }),
    complete: async (_scope, _token, answer) => void kept.push(answer),
    release: async (_scope, token) => void released.push(token),
    close: async () => undefined,
  };
  return { store, kept, released };
}

function httpContext(headers: Record<string, string>) {
  const request = {
    id: REQUEST_ID,
    method: 'POST',
    routeOptions: { url: '/things/:id/rename' },
    params: { id: 't-1' },
    query: {},
    body: { name: 'Renamed' },
    headers,
    principal: { subject: 'apiKey:k-1', roles: ['admin'] },
  } as unknown as FastifyRequest;
  const reply = { statusCode: 201, header: jest.fn() } as unknown as FastifyReply;
  const context = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ExecutionContext;
  return { context, request };
}

async function run(handler: CallHandler, headers: Record<string, string> = { 'idempotency-key': 'key-1' }) {
  const records = recordingStore();
  const interceptor = new IdempotencyInterceptor({ idempotency: records.store } as Stores);
  const { context, request } = httpContext(headers);
  const outcome = await lastValueFrom(await interceptor.intercept(context, handler)).catch((error: unknown) => error);
  return { ...records, outcome, request };
}

const failing = (error: unknown): CallHandler => ({ handle: () => throwError(() => error) });

describe('IdempotencyInterceptor', () => {
  it('keeps a success with the status of the route and passes it on', async () => {
    const { kept, outcome, request } = await run({ handle: () => of({ id: 't-1', revision: 2, position: '9' }) });

    expect(outcome).toEqual({ id: 't-1', revision: 2, position: '9' });
    expect(kept).toEqual([{ status: 201, body: { id: 't-1', revision: 2, position: '9' } }]);
    expect(request.idempotencyScope).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['a validation failure', new ValidationError('bad', [{ field: 'name', message: 'is blank' }])],
    ['a reach the caller lacks', new ForbiddenError(['employee'], "another employee's record")],
    ['a missing entity', new NotFoundError('thing', 't-1')],
    ['a domain rule', new DomainRuleError('THING_CLOSED', 'the thing is closed')],
    ['a stale If-Match', new RevisionMismatchError(1, 2)],
  ])('keeps %s as the problem the client gets, and fails with it', async (_name, error) => {
    const { kept, released, outcome } = await run(failing(error));

    expect(outcome).toBe(error);
    expect(kept).toEqual([{ status: toProblem(error, REQUEST_ID).status, body: toProblem(error, REQUEST_ID) }]);
    expect(released).toEqual([]);
  });

  it.each([
    ['a conflict the kernel gave up retrying', new ConcurrencyError('thing-1', 'any', 3)],
    ['read models behind', new ReadModelBehindError(5n, 5000)],
    ['too many requests', new HttpException('slow down', 429)],
    ['a request timeout', new HttpException('too slow', 408)],
    ['an unforeseen failure', new Error('disk full')],
  ])('releases the claim after %s, so that a retry runs again', async (_name, error) => {
    const { kept, released, outcome } = await run(failing(error));

    expect(outcome).toBe(error);
    expect(kept).toEqual([]);
    expect(released).toEqual(['token-1']);
  });

  it('lets a request without a key through, claiming nothing', async () => {
    const { kept, released, outcome, request } = await run({ handle: () => of('answer') }, {});

    expect(outcome).toBe('answer');
    expect([kept, released, request.idempotencyScope]).toEqual([[], [], undefined]);
  });
});
