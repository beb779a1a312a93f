import type { EventTypeDefinition } from '#libs/eventsourcing/src/index.js';
import { eventType, id, instant, list, object, oneOf, sha256, text } from '../shared/fields.schemas.js';
import { API_KEY_CATEGORY } from './api-key.events.js';
import { ROLES } from './roles.js';

const keyId = id('0196f3a0-5c1e-7cc2-9d1e-3f8a2b4c5d6e');

export const ACCESS_SCHEMAS: readonly EventTypeDefinition[] = [
  eventType(
    'ApiKeyIssued',
    API_KEY_CATEGORY,
    'An API key was issued with its roles. Only the SHA-256 hash of the secret is recorded.',
    object(
      { keyId, name: text('Payroll export'), roles: list(oneOf(ROLES), 1), keyHash: sha256(), issuedAt: instant() },
      { employeeId: id('emp-anna') },
    ),
  ),
  eventType(
    'ApiKeyRevoked',
    API_KEY_CATEGORY,
    'An API key was revoked; requests with it are refused from now on.',
    object({ keyId, keyHash: sha256(), revokedAt: instant() }),
  ),
];
