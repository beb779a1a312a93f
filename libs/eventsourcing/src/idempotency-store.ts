/**
 * What the server remembers of requests sent with an idempotency key, so that a retry gets the first
 * answer back instead of running the command again.
 *
 * A record is addressed by its scope id (who asked, what, and under which key) and holds the hash of
 * the request that claimed it. It is claimed before the command runs, then completed with the answer
 * or released. A claim holds for a lease: a process that died mid-command leaves a claim that a retry
 * of the same request takes over once the lease has run out. Records are forgotten once their
 * retention has passed; until an adapter has purged one, it is treated as gone already.
 */

/** An answer kept for replay: its HTTP status and its JSON body (none for an answer without one). */
export interface IdempotentAnswer {
  readonly status: number;
  readonly body?: unknown;
}

export type IdempotencyClaim =
  /** The caller runs the command, then completes or releases the claim with `token`. */
  | { readonly outcome: 'claimed'; readonly token: string }
  /** The same request was answered before: send this again. */
  | { readonly outcome: 'answered'; readonly answer: IdempotentAnswer }
  /** The same request is still running under a live claim. */
  | { readonly outcome: 'in-progress' }
  /** The key was used for another request. */
  | { readonly outcome: 'mismatch' };

export interface IdempotencyPolicy {
  /** How long a record is kept after it was claimed, in milliseconds. */
  readonly retentionMs: number;
  /** How long a claim holds before a retry of the same request may take it over, in milliseconds. */
  readonly leaseMs: number;
}

export interface IdempotencyStore {
  /**
   * Claims the scope for the request with this hash, atomically: of concurrent claims of one scope,
   * whichever processes make them, exactly one wins. A record whose retention has passed is claimed as
   * if it were absent; a claim of the same request whose lease ran out is taken over.
   */
  claim(scopeId: string, requestHash: string): Promise<IdempotencyClaim>;
  /** Keeps the answer under a claim that `token` still holds; a claim taken over meanwhile is left alone. */
  complete(scopeId: string, token: string, answer: IdempotentAnswer): Promise<void>;
  /** Gives up a claim that `token` still holds, so that a retry runs the command again. */
  release(scopeId: string, token: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A record as the adapters keep it, when a claim found it standing: the answer's status (null while the
 * claim runs) and its body as JSON text (null for an answer without one). Text keeps the replay the
 * first answer byte for byte, whatever the store does to structured values.
 */
export interface StandingRecord {
  readonly requestHash: string;
  readonly status: number | null;
  readonly body: string | null;
}

/** The body of an answer as `StandingRecord` keeps it. */
export function bodyText(answer: IdempotentAnswer): string | null {
  return answer.body === undefined ? null : JSON.stringify(answer.body);
}

/** What a claim that found a standing record (live, and not taken over) tells its caller. */
export function verdictOn(record: StandingRecord, requestHash: string): Exclude<IdempotencyClaim, { outcome: 'claimed' }> {
  if (record.requestHash !== requestHash) return { outcome: 'mismatch' };
  if (record.status === null) return { outcome: 'in-progress' };
  const answer = record.body === null ? { status: record.status } : { status: record.status, body: JSON.parse(record.body) };
  return { outcome: 'answered', answer };
}

/** The moments a claim made at `now` sets, in milliseconds since the epoch. */
export function claimMoments(now: Date, policy: IdempotencyPolicy): { readonly leaseEndsAt: number; readonly expiresAt: number } {
  return { leaseEndsAt: now.getTime() + policy.leaseMs, expiresAt: now.getTime() + policy.retentionMs };
}
