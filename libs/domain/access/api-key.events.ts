import type { Role } from './roles.js';

export const API_KEY_CATEGORY = 'apiKey';

/**
 * A key was issued. Only the SHA-256 hash of the secret is recorded: the secret itself is shown
 * once to whoever asked for it and is never stored.
 */
export interface ApiKeyIssued {
  readonly type: 'ApiKeyIssued';
  readonly data: {
    readonly keyId: string;
    readonly name: string;
    readonly roles: readonly Role[];
    /** Absent on keys that belong to no employee (services, shared desks) and on keys issued before keys could name one. */
    readonly employeeId?: string;
    readonly keyHash: string;
    readonly issuedAt: string;
  };
}

/** A key was revoked; it carries the hash so that the read side, keyed by hash, needs no lookup. */
export interface ApiKeyRevoked {
  readonly type: 'ApiKeyRevoked';
  readonly data: {
    readonly keyId: string;
    readonly keyHash: string;
    readonly revokedAt: string;
  };
}

export type ApiKeyEvent = ApiKeyIssued | ApiKeyRevoked;
