import { DomainRuleError, NotFoundError, ValidationError } from '#libs/eventsourcing/src/index.js';
import { deciderSpec } from '#libs/eventsourcing/src/testing.js';
import type { IssueApiKey, RevokeApiKey } from './api-key.commands.js';
import { API_KEY_ALREADY_ISSUED, API_KEY_ALREADY_REVOKED, apiKeyDecider } from './api-key.decider.js';
import type { ApiKeyIssued, ApiKeyRevoked } from './api-key.events.js';

const { given } = deciderSpec(apiKeyDecider);

const keyId = '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f';
const keyHash = 'a'.repeat(64);
const issue: IssueApiKey = {
  type: 'IssueApiKey',
  keyId,
  name: 'care desk',
  roles: ['care-agent', 'care-lead'],
  keyHash,
  at: '2026-03-02T09:00:00.000Z',
};
const revoke: RevokeApiKey = { type: 'RevokeApiKey', keyId, at: '2026-03-09T17:30:00.000Z' };
const issued: ApiKeyIssued = {
  type: 'ApiKeyIssued',
  data: { keyId, name: 'care desk', roles: ['care-agent', 'care-lead'], keyHash, issuedAt: '2026-03-02T09:00:00.000Z' },
};
const revoked: ApiKeyRevoked = { type: 'ApiKeyRevoked', data: { keyId, keyHash, revokedAt: '2026-03-09T17:30:00.000Z' } };

function fieldsRejected(command: IssueApiKey | RevokeApiKey): string[] {
  try {
    apiKeyDecider.decide(command, apiKeyDecider.initialState());
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors.map((e) => e.field);
  }
  throw new Error('expected the command to be rejected');
}

describe('API key decider', () => {
  describe('IssueApiKey', () => {
    it('records the key with its roles and hash, never a secret', () => {
      given([]).when(issue).then([issued]);
    });

    it('records the employee a key belongs to, and requires one for the employee role', () => {
      const employeeKey: IssueApiKey = { ...issue, roles: ['employee'], employeeId: 'emp-0107' };
      given([])
        .when(employeeKey)
        .then([{ type: 'ApiKeyIssued', data: { ...issued.data, roles: ['employee'], employeeId: 'emp-0107' } }]);
      expect(fieldsRejected({ ...issue, roles: ['employee', 'care-agent'] })).toEqual(['employeeId']);
      expect(fieldsRejected({ ...issue, employeeId: 'not an id' })).toEqual(['employeeId']);
    });

    it('trims the name and records a repeated role once', () => {
      given([])
        .when({ ...issue, name: '  care desk ', roles: ['care-agent', 'care-lead', 'care-agent'] })
        .then([issued]);
    });

    it('rejects an unknown role, an empty role list and a blank name, naming the field', () => {
      expect(fieldsRejected({ ...issue, roles: ['care-agent', 'superuser' as never] })).toEqual(['roles']);
      expect(fieldsRejected({ ...issue, roles: [] })).toEqual(['roles']);
      expect(fieldsRejected({ ...issue, name: '   ' })).toEqual(['name']);
    });

    it('rejects a key id that is not a UUID and a hash that is not SHA-256 hex', () => {
      expect(fieldsRejected({ ...issue, keyId: 'key-1' })).toEqual(['keyId']);
      expect(fieldsRejected({ ...issue, keyHash: 'not-a-hash' })).toEqual(['keyHash']);
    });

    it('refuses to issue the same key twice', () => {
      given([issued]).when(issue).thenThrows(DomainRuleError, API_KEY_ALREADY_ISSUED);
    });
  });

  describe('RevokeApiKey', () => {
    it('revokes an active key, carrying its hash for the read side', () => {
      given([issued]).when(revoke).then([revoked]);
    });

    it('refuses to revoke a key twice', () => {
      given([issued, revoked]).when(revoke).thenThrows(DomainRuleError, API_KEY_ALREADY_REVOKED);
    });

    it('does not know a key that was never issued', () => {
      given([]).when(revoke).thenThrows(NotFoundError);
    });

    it('does not reissue a revoked key', () => {
      given([issued, revoked]).when(issue).thenThrows(DomainRuleError, API_KEY_ALREADY_ISSUED);
    });
  });
});
