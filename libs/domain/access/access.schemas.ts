import {
  definitionsOf,
  eventSchemaTable,
  eventType,
  eventTypesOf,
  id,
  instant,
  list,
  object,
  oneOf,
  sha256,
  text,
} from '../shared/fields.schemas.js';
import { API_KEY_CATEGORY, type ApiKeyEvent } from './api-key.events.js';
import { ROLES } from './roles.js';

const keyId = id('0196f3a0-5c1e-7cc2-9d1e-3f8a2b4c5d6e');
const successorKeyId = id('0196f3a1-0b2c-7d3e-8f4a-5b6c7d8e9f0a');
const issuedV1Required = { keyId, name: text('Payroll export'), roles: list(oneOf(ROLES), 1), keyHash: sha256(), issuedAt: instant() };
const issuedV1Optional = { employeeId: id('emp-anna') };

const API_KEY_TABLE = eventSchemaTable<ApiKeyEvent>()({
  ApiKeyIssued: {
    categories: [API_KEY_CATEGORY],
    description: 'An API key was issued with its roles and expiry. Only the SHA-256 hash of the secret is recorded.',
    versions: [
      { version: 1, schema: object(issuedV1Required, issuedV1Optional) },
      {
        version: 2,
        change: 'Adds `expiresAt`, which every key issued since carries, and `rotatedFrom` on a rotation\'s successor; version 1 keys never expire.',
        schema: object(issuedV1Required, { ...issuedV1Optional, expiresAt: instant(), rotatedFrom: keyId }),
        upcastFrom: (previous) => previous,
      },
    ],
  },
  ApiKeyRevoked: eventType(
    API_KEY_CATEGORY,
    'An API key was revoked; requests with it are refused from now on.',
    object({ keyId, keyHash: sha256(), revokedAt: instant() }),
  ),
  ApiKeyRotated: eventType(
    API_KEY_CATEGORY,
    'An API key was handed over to a successor; it works until `expiresAt`, the end of its grace period.',
    object({ keyId, keyHash: sha256(), successorKeyId, expiresAt: instant(), rotatedAt: instant() }),
  ),
});

export const API_KEY_EVENT_TYPES = eventTypesOf(API_KEY_TABLE);

export const ACCESS_SCHEMAS = definitionsOf(API_KEY_TABLE);
