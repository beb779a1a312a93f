import type { Actor } from '#kernel';
import type { Role } from '#domain/access/index.js';
import { ForbiddenError } from '../platform/http-errors.js';

/** Who is calling, as the API key says. */
export interface Principal {
  /**
   * The actor id written into event metadata: `apiKey:<keyId>`. The key id rather than the key's name,
   * because names are free text, may repeat and say nothing stable about who acted.
   */
  readonly subject: string;
  /** The issued key behind it; absent for the bootstrap admin key, which lives in the configuration only. */
  readonly keyId?: string;
  readonly roles: readonly Role[];
  /** The employee the key belongs to, when it was issued to one: whose own plan, gaps and answers it reaches. */
  readonly employeeId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth guard on every route that is not public. */
    principal?: Principal;
  }
}

export function subjectOfKey(keyId: string): string {
  return `apiKey:${keyId}`;
}

export function actorOf(principal: Principal): Actor {
  return { id: principal.subject, roles: principal.roles };
}

/** For a read of one employee's own records: the readers reach everyone's, anyone else their own only (403). */
export function requireOwnOrReader(caller: Principal, employeeId: string, readers: readonly Role[], what: string): void {
  if (!caller.roles.some((role) => readers.includes(role)) && caller.employeeId !== employeeId) throw new ForbiddenError(readers, what);
}

/**
 * The employee whose records alone the caller reads, or undefined for one of the readers, who read
 * everyone's. A key holding none of their roles reads the records of the employee it belongs to; a
 * key that belongs to nobody reads none (403).
 */
export function ownRecordsOnly(caller: Principal, readers: readonly Role[]): string | undefined {
  if (caller.roles.some((role) => readers.includes(role))) return undefined;
  if (caller.employeeId === undefined) throw new ForbiddenError(readers);
  return caller.employeeId;
}
