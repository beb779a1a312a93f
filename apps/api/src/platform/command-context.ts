import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ValidationError, type FieldError } from '#kernel';
import { actorOf, type Principal } from '../auth/principal.js';
import type { RequestCommandContext } from './command-runner.service.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IF_MATCH_HEADER = 'if-match';

/** Printable ASCII without spaces, as an opaque key from a client library would be. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
/** A revision, bare (`3`) or as the strong entity tag HTTP clients send (`"3"`). */
const REVISION = /^(?:(\d{1,15})|"(\d{1,15})")$/;

interface HeaderRules {
  /** False where a replay could not give the first answer back (an API key's secret is shown once). */
  readonly idempotent: boolean;
}

/** The command headers of a request, as valid values. */
export interface CommandHeaders {
  readonly idempotencyKey?: string;
  readonly expectedRevision?: number;
}

/** Validates `Idempotency-Key` and `If-Match` together, so that a 400 names every bad header at once. */
export function commandHeadersOf(request: FastifyRequest, rules: HeaderRules): CommandHeaders {
  const problems: FieldError[] = [];
  const idempotencyKey = idempotencyKeyOf(request.headers[IDEMPOTENCY_KEY_HEADER], rules, problems);
  const expectedRevision = revisionOf(request.headers[IF_MATCH_HEADER], problems);
  if (problems.length > 0) throw new ValidationError(`invalid ${problems.map((p) => p.field).join(', ')} header`, problems);
  return {
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
}

/** Who sends a command: every command route authenticates its caller. */
export function commandCallerOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('a command needs an authenticated route; this one is public');
  return request.principal;
}

function contextFrom(request: FastifyRequest, rules: HeaderRules): RequestCommandContext {
  const { idempotencyKey, expectedRevision } = commandHeadersOf(request, rules);
  return {
    actor: actorOf(commandCallerOf(request)),
    correlationId: request.id,
    ...(idempotencyKey !== undefined ? { idempotencyKey: idempotencyScopeOf(request) } : {}),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
}

/**
 * The kernel derives event and entity ids from the scope of the key rather than from the key itself:
 * two callers, or two routes writing to one stream, may send the same key for different commands.
 */
function idempotencyScopeOf(request: FastifyRequest): string {
  if (request.idempotencyScope === undefined) {
    throw new Error('an Idempotency-Key reached a route without the idempotency interceptor: declare the route with CommandRoute');
  }
  return request.idempotencyScope;
}

function idempotencyKeyOf(value: string | string[] | undefined, rules: HeaderRules, problems: FieldError[]): string | undefined {
  if (value === undefined) return undefined;
  if (!rules.idempotent) {
    problems.push({ field: 'Idempotency-Key', message: 'is not supported here: a replay could not return the first answer' });
    return undefined;
  }
  if (typeof value === 'string' && IDEMPOTENCY_KEY.test(value)) return value;
  problems.push({ field: 'Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters without spaces' });
  return undefined;
}

function revisionOf(value: string | string[] | undefined, problems: FieldError[]): number | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? REVISION.exec(value.trim()) : null;
  if (!match) {
    problems.push({ field: 'If-Match', message: 'must be a revision: a whole number, bare or quoted ("3")' });
    return undefined;
  }
  return Number(match[1] ?? match[2]);
}

/** Documents a header on the route the decorated parameter belongs to. */
function documentHeader(name: string, description: string): ParameterDecorator {
  return (target, key) => {
    if (key === undefined) return;
    ApiHeader({ name, required: false, description })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
}

const IF_MATCH_DOC = documentHeader('If-Match', 'The revision the client saw; the command fails with 412 when the entity moved on.');

/**
 * The context of a command, built from the request: the actor from the API key, the request id as
 * correlation id, `Idempotency-Key` and `If-Match` validated (400 for garbage). With a key, the
 * kernel's key is the scope the idempotency interceptor of the route derived from it.
 */
export const CommandCtx = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => contextFrom(context.switchToHttp().getRequest(), { idempotent: true }),
  [IF_MATCH_DOC],
);

/** As `CommandCtx`, for commands whose answer cannot be replayed: an `Idempotency-Key` gets 400. */
export const NonIdempotentCommandCtx = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => contextFrom(context.switchToHttp().getRequest(), { idempotent: false }),
  [IF_MATCH_DOC],
);
