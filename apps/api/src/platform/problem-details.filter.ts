import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyKeyInUseError } from './http-errors.js';
import { isUnexpected, PROBLEM_CONTENT_TYPE, toProblem, type Problem } from './problem-details.js';

/** The challenge every 401 carries (RFC 6750). */
export const BEARER_CHALLENGE = 'Bearer realm="quality-ledger"';

/**
 * The one place where errors become responses: every error, whatever raised it (a pipe, a guard, a
 * handler, Fastify's body parser, the not-found handler), leaves as `application/problem+json`. A
 * problem replayed for an `Idempotency-Key` leaves here too, as it was first sent.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request.id);

    if (isUnexpected(error)) {
      this.logger.error({ msg: `${request.method} ${request.url} failed`, err: error, requestId: request.id });
    }
    if (problem.status === 401) reply.header('www-authenticate', BEARER_CHALLENGE);
    if (problem.status === 503 || error instanceof IdempotencyKeyInUseError) reply.header('retry-after', '1');
    sendProblem(reply, problem);
  }
}

/** Answers with a problem document; also for refusals the router makes before Nest sees the request. */
export function sendProblem(reply: FastifyReply, problem: Problem): void {
  reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
