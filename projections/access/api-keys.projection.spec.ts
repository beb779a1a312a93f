import { projectionSpec, recorded } from '#libs/eventsourcing/src/testing.js';
import type { ApiKeyIssued, ApiKeyRevoked } from '#libs/domain/access/index.js';
import { apiKeys } from './api-keys.projection.js';

const keyId = '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f';
const keyHash = 'b'.repeat(64);
const issued: ApiKeyIssued = {
  type: 'ApiKeyIssued',
  data: { keyId, name: 'auditors', roles: ['auditor'], keyHash, issuedAt: '2026-03-02T09:00:00.000Z' },
};
const revoked: ApiKeyRevoked = { type: 'ApiKeyRevoked', data: { keyId, keyHash, revokedAt: '2026-03-09T17:30:00.000Z' } };
const streamId = `apiKey-${keyId}`;

describe('apiKeys projection', () => {
  it('keeps an issued key under its hash, without the hash inside', () => {
    projectionSpec(apiKeys)
      .given([recorded(issued, { streamId })])
      .thenDocuments({
        [keyHash]: { keyId, name: 'auditors', roles: ['auditor'], employeeId: null, issuedAt: '2026-03-02T09:00:00.000Z', revokedAt: null },
      });
  });

  it('keeps the employee a key belongs to', () => {
    const employeeKey: ApiKeyIssued = { type: 'ApiKeyIssued', data: { ...issued.data, roles: ['employee'], employeeId: 'emp-0107' } };
    projectionSpec(apiKeys)
      .given([recorded(employeeKey, { streamId })])
      .thenDocument(keyHash, {
        keyId,
        name: 'auditors',
        roles: ['employee'],
        employeeId: 'emp-0107',
        issuedAt: '2026-03-02T09:00:00.000Z',
        revokedAt: null,
      });
  });

  it('marks a revoked key with the time it was revoked', () => {
    projectionSpec(apiKeys)
      .given([recorded(issued, { streamId }), recorded(revoked, { streamId, revision: 1 })])
      .thenDocument(keyHash, {
        keyId,
        name: 'auditors',
        roles: ['auditor'],
        employeeId: null,
        issuedAt: '2026-03-02T09:00:00.000Z',
        revokedAt: '2026-03-09T17:30:00.000Z',
      });
  });

  it('ignores the events of other streams', () => {
    projectionSpec(apiKeys)
      .given([recorded({ type: 'CareCaseOpened', data: { keyHash } })])
      .thenDocuments({});
  });
});
