import type { Projection } from '#kernel';
import { API_KEY_EVENT_TYPES, type ApiKeyEvent, type Role } from '#domain/access/index.js';

export const API_KEYS = 'apiKeys';

/**
 * One document per API key, keyed by the SHA-256 hash of its secret, so that a request finds its key
 * with one `get` by id. The hash is the document id only; the document itself holds no secret.
 */
export interface ApiKeyDocument {
  readonly keyId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** The employee the key belongs to; null for keys of no one person. */
  readonly employeeId: string | null;
  readonly issuedAt: string;
  /** When the key stops working; null for keys issued before keys expired. */
  readonly expiresAt: string | null;
  /** Null while the key is not revoked. */
  readonly revokedAt: string | null;
  /** The key this one succeeds, and the one that succeeds it; null when no rotation links them. */
  readonly rotatedFrom: string | null;
  readonly successorKeyId: string | null;
}

export const apiKeys: Projection<ApiKeyDocument, ApiKeyEvent> = {
  name: API_KEYS,
  version: 3,
  handles: API_KEY_EVENT_TYPES,
  documentId: (event) => event.data.keyHash,
  evolve(document, event) {
    switch (event.type) {
      case 'ApiKeyIssued': {
        const { keyId, name, roles, employeeId, issuedAt, expiresAt, rotatedFrom } = event.data;
        return {
          keyId,
          name,
          roles,
          employeeId: employeeId ?? null,
          issuedAt,
          expiresAt: expiresAt ?? null,
          revokedAt: null,
          rotatedFrom: rotatedFrom ?? null,
          successorKeyId: null,
        };
      }
      case 'ApiKeyRevoked':
        return document === null ? null : { ...document, revokedAt: event.data.revokedAt };
      case 'ApiKeyRotated':
        return document === null ? null : { ...document, expiresAt: event.data.expiresAt, successorKeyId: event.data.successorKeyId };
    }
  },
};
