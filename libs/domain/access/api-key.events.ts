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
    /** Absent on keys that belong to no employee (services, admins, auditors) and on keys issued before keys could name one. */
    readonly employeeId?: string;
    readonly keyHash: string;
    readonly issuedAt: string;
    /** When the key stops working; absent on keys issued before keys expired (schema version 1), which never do. */
    readonly expiresAt?: string;
    /** The key this one succeeds, when a rotation issued it. */
    readonly rotatedFrom?: string;
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

/**
 * A key was handed over to its successor: it works until `expiresAt`, never longer than it would
 * have. Like a revocation it carries the hash, for the read side.
 */
export interface ApiKeyRotated {
  readonly type: 'ApiKeyRotated';
  readonly data: {
    readonly keyId: string;
    readonly keyHash: string;
    readonly successorKeyId: string;
    readonly expiresAt: string;
    readonly rotatedAt: string;
  };
}

export type ApiKeyEvent = ApiKeyIssued | ApiKeyRevoked | ApiKeyRotated;
