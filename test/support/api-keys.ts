import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '#domain/access/index.js';
import { hashApiKey } from '../../apps/api/src/auth/api-key-secret.js';
import type { Auth } from './care-cases.js';
import { bearer, type TestApp } from './test-app.js';

/**
 * A key as one was issued before keys expired and before a role of a person required its employee:
 * an `ApiKeyIssued` of schema version 1, appended as it was then, without `expiresAt` and, unless
 * given, without `employeeId`. Such keys stay in the log and keep working; the rules must hold for them.
 */
export async function legacyKeyWith(api: TestApp, roles: readonly Role[], employeeId?: string): Promise<{ auth: Auth; keyId: string }> {
  const secret = `ql_${randomBytes(32).toString('base64url')}`;
  const keyId = randomUUID();
  const data = { keyId, name: `legacy ${roles.join(' and ')}`, roles, ...(employeeId !== undefined && { employeeId }), keyHash: hashApiKey(secret), issuedAt: new Date().toISOString() };
  const metadata = { occurredAt: data.issuedAt, actor: { id: 'apiKey:bootstrap', roles: ['admin'] }, correlationId: randomUUID(), causationId: null, schemaVersion: 1 };
  await api.stores.events.append(`apiKey-${keyId}`, [{ eventId: randomUUID(), type: 'ApiKeyIssued', data, metadata }], 'no_stream');
  return { auth: bearer(secret), keyId };
}
