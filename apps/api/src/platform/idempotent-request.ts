import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '#kernel';
import { commandCallerOf, IF_MATCH_HEADER } from './command-context.js';

/** Where an `Idempotency-Key` applies, and the request it was first sent with. */
export interface IdempotentRequest {
  /** SHA-256 (hex) of the canonical JSON of `[caller, method, route template, key]`. */
  readonly scopeId: string;
  /** SHA-256 (hex) of the canonical JSON of `{ params, query, body, ifMatch }`. */
  readonly requestHash: string;
}

/**
 * A key is the caller's own, per route: the same key from another caller, or on another route, is
 * another command. The route is its template (`/sections/:id/rename`), so that the path parameters
 * count as part of the request rather than of the scope. JSON is canonical (RFC 8785), so that a retry
 * whose body lists the same fields in another order is the same request.
 */
export function idempotentRequestOf(request: FastifyRequest, key: string): IdempotentRequest {
  const caller = commandCallerOf(request).subject;
  const { params, query, body } = request;
  return {
    scopeId: sha256(canonicalize([caller, request.method, request.routeOptions.url, key])!),
    requestHash: sha256(canonicalRequest({ params, query, body, ifMatch: request.headers[IF_MATCH_HEADER] ?? null })),
  };
}

/**
 * Canonical JSON refuses text that is not well-formed Unicode. Only a JSON body can carry such text
 * (an escaped lone surrogate, `"\ud800"`): the router decodes paths and query strings as UTF-8, and
 * headers are Latin-1.
 */
function canonicalRequest(request: Record<string, unknown>): string {
  try {
    return canonicalize(request)!;
  } catch {
    throw new ValidationError('the body holds text that is not well-formed Unicode', [
      { field: 'body', message: 'must not hold a lone surrogate (\\ud800 to \\udfff unpaired)' },
    ]);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
