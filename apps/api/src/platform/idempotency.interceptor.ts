import { Inject, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import { ConcurrencyError, type IdempotencyStore, type IdempotentAnswer } from '#kernel';
import { STORES, type Stores } from '#persistence';
import { commandHeadersOf } from './command-context.js';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from './http-errors.js';
import { idempotentRequestOf } from './idempotent-request.js';
import { ReplayedProblem, toProblem, type Problem } from './problem-details.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the idempotency interceptor on a request with an `Idempotency-Key`: the key's scope id. */
    idempotencyScope?: string;
  }
}

const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

type HttpHost = ReturnType<ExecutionContext['switchToHttp']>;

/** A claim this request holds on the scope of its key. */
interface HeldClaim {
  readonly scopeId: string;
  readonly token: string;
  /** The request holding it, named in its answer's problem and in the log. */
  readonly requestId: string;
}

/**
 * Failures that say nothing about the command: the same request may pass when sent again, so the
 * claim is released and a retry runs again. Every other 4xx is a verdict the command reached itself
 * (the guards' 401 and 403 come before the interceptor) and is kept, as is every 2xx; a 5xx is not.
 */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429]);

/**
 * Runs a command route under its `Idempotency-Key`: claims the key's scope for the request, runs the
 * handler, and keeps its answer, so that the same request again gets the first answer back with
 * `Idempotent-Replayed: true` and appends nothing. Another request under the key gets 422, a retry
 * while the first attempt runs gets 409. It runs before Nest's pipes, so it validates the headers
 * itself. Requests without a key pass through.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly records: IdempotencyStore;
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(@Inject(STORES) stores: Stores) {
    this.records = stores.idempotency;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { idempotencyKey } = commandHeadersOf(request, { idempotent: true });
    if (idempotencyKey === undefined) return next.handle();

    const { scopeId, requestHash } = idempotentRequestOf(request, idempotencyKey);
    request.idempotencyScope = scopeId;
    const claim = await this.records.claim(scopeId, requestHash);
    switch (claim.outcome) {
      case 'claimed':
        return from(this.runAndKeep({ scopeId, token: claim.token, requestId: http.getRequest<FastifyRequest>().id }, http, next));
      case 'answered':
        return replay(claim.answer, http.getResponse<FastifyReply>());
      case 'in-progress':
        throw new IdempotencyKeyInUseError();
      case 'mismatch':
        throw new IdempotencyKeyReusedError();
    }
  }

  /** The status of a success is the route's, which Nest sets on the reply before interceptors run. */
  private async runAndKeep(held: HeldClaim, http: HttpHost, next: CallHandler): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.keepOrRelease(held, error);
      throw error;
    }
    await this.recording(held, () => this.records.complete(held.scopeId, held.token, { status: http.getResponse<FastifyReply>().statusCode, body }));
    return body;
  }

  /** The problem is computed as the exception filter computes it, so that the replay is what the client got. */
  private async keepOrRelease(held: HeldClaim, error: unknown): Promise<void> {
    const problem = toProblem(error, held.requestId);
    await this.recording(held, () =>
      isKept(problem, error)
        ? this.records.complete(held.scopeId, held.token, { status: problem.status, body: problem })
        : this.records.release(held.scopeId, held.token),
    );
  }

  /**
   * Keeping an answer never changes it: the command's outcome stands whether or not it is kept. A
   * record left claimed is taken over by a retry once its lease runs out, and the kernel's event ids,
   * derived from the scope, let that retry find what the first attempt appended.
   */
  private async recording(held: HeldClaim, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.warn({ msg: 'the answer to an idempotent request could not be kept; a retry will run it again', scopeId: held.scopeId, requestId: held.requestId, err: error });
    }
  }
}

/**
 * A 409 `CONCURRENCY_CONFLICT` is not a verdict on the command either: the kernel gave up retrying
 * against other writers, and the same request may well pass now.
 */
function isKept(problem: Problem, error: unknown): boolean {
  return problem.status < 500 && !TRANSIENT_STATUSES.has(problem.status) && !(error instanceof ConcurrencyError);
}

/**
 * A success goes back through the route, whose status it had; a problem through the exception
 * filter, which sends it as it was kept.
 */
function replay(answer: IdempotentAnswer, reply: FastifyReply): Observable<unknown> {
  reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  if (answer.status >= 400) throw new ReplayedProblem(answer.body as Problem);
  return of(answer.body);
}
