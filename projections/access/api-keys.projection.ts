import type { Projection, RecordedEvent } from '#libs/eventsourcing/src/index.js';
import type { ApiKeyEvent, Role } from '#libs/domain/access/index.js';

export const API_KEYS = 'apiKeys';

/**
 * One document per API key, keyed by the SHA-256 hash of its secret, so that authenticating a request
 * is one `get` by id. The hash is the document id only; the document itself holds no secret.
 */
export interface ApiKeyDocument {
  readonly keyId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** The employee the key belongs to; null for keys of no one person. */
  readonly employeeId: string | null;
  readonly issuedAt: string;
  /** Null while the key works. */
  readonly revokedAt: string | null;
}

function apiKeyEvent(event: RecordedEvent): ApiKeyEvent {
  return { type: event.type, data: event.data } as ApiKeyEvent;
}

export const apiKeys: Projection<ApiKeyDocument> = {
  name: API_KEYS,
  version: 2,
  handles: ['ApiKeyIssued', 'ApiKeyRevoked'],
  documentId: (event) => apiKeyEvent(event).data.keyHash,
  evolve(document, recorded) {
    const event = apiKeyEvent(recorded);
    switch (event.type) {
      case 'ApiKeyIssued': {
        const { keyId, name, roles, employeeId, issuedAt } = event.data;
        return { keyId, name, roles, employeeId: employeeId ?? null, issuedAt, revokedAt: null };
      }
      case 'ApiKeyRevoked':
        return document === null ? null : { ...document, revokedAt: event.data.revokedAt };
    }
  },
};
