import { projectionSpec, recorded } from '#kernel/testing.js';
import type { ApiKeyIssued, ApiKeyRevoked, ApiKeyRotated } from '#domain/access/index.js';
import { apiKeys, type ApiKeyDocument } from './api-keys.projection.js';

const keyId = '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f';
const successorKeyId = '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e10';
const keyHash = 'b'.repeat(64);
const issued: ApiKeyIssued = {
  type: 'ApiKeyIssued',
  data: { keyId, name: 'auditors', roles: ['auditor'], keyHash, issuedAt: '2026-03-02T09:00:00.000Z', expiresAt: '2027-03-02T09:00:00.000Z' },
};
const revoked: ApiKeyRevoked = { type: 'ApiKeyRevoked', data: { keyId, keyHash, revokedAt: '2026-03-09T17:30:00.000Z' } };
const rotated: ApiKeyRotated = {
  type: 'ApiKeyRotated',
  data: { keyId, keyHash, successorKeyId, expiresAt: '2026-03-09T18:30:00.000Z', rotatedAt: '2026-03-09T17:30:00.000Z' },
};
const streamId = `apiKey-${keyId}`;
const document: ApiKeyDocument = {
  keyId,
  name: 'auditors',
  roles: ['auditor'],
  employeeId: null,
  issuedAt: '2026-03-02T09:00:00.000Z',
  expiresAt: '2027-03-02T09:00:00.000Z',
  revokedAt: null,
  rotatedFrom: null,
  successorKeyId: null,
};

describe('apiKeys projection', () => {
  it('keeps an issued key under its hash, without the hash inside', () => {
    projectionSpec(apiKeys)
      .given([recorded(issued, { streamId })])
      .thenDocuments({ [keyHash]: document });
  });

  it('keeps the employee a key belongs to, and the key a rotation issued it to succeed', () => {
    const successor: ApiKeyIssued = { type: 'ApiKeyIssued', data: { ...issued.data, roles: ['employee'], employeeId: 'emp-0107', rotatedFrom: successorKeyId } };
    projectionSpec(apiKeys)
      .given([recorded(successor, { streamId })])
      .thenDocument(keyHash, { ...document, roles: ['employee'], employeeId: 'emp-0107', rotatedFrom: successorKeyId });
  });

  it('shows a key issued before keys expired as never expiring', () => {
    const { expiresAt: _none, ...neverExpiring } = issued.data;
    projectionSpec(apiKeys)
      .given([recorded({ type: 'ApiKeyIssued', data: neverExpiring }, { streamId })])
      .thenDocument(keyHash, { ...document, expiresAt: null });
  });

  it('marks a revoked key with the time it was revoked', () => {
    projectionSpec(apiKeys)
      .given([recorded(issued, { streamId }), recorded(revoked, { streamId, revision: 1 })])
      .thenDocument(keyHash, { ...document, revokedAt: '2026-03-09T17:30:00.000Z' });
  });

  it('shortens a rotated key to its grace period and names its successor', () => {
    projectionSpec(apiKeys)
      .given([recorded(issued, { streamId }), recorded(rotated, { streamId, revision: 1 })])
      .thenDocument(keyHash, { ...document, expiresAt: '2026-03-09T18:30:00.000Z', successorKeyId });
  });

  it('ignores the events of other streams', () => {
    projectionSpec(apiKeys)
      .given([recorded({ type: 'CareCaseOpened', data: { keyHash } })])
      .thenDocuments({});
  });
});
