import { DomainRuleError, NotFoundError, ValidationError } from '#kernel';
import { deciderSpec } from '#kernel/testing.js';
import type { ApiKeyCommand, IssueApiKey, RevokeApiKey, RotateApiKey } from './api-key.commands.js';
import {
  API_KEY_ALREADY_ISSUED,
  API_KEY_ALREADY_REVOKED,
  API_KEY_ALREADY_ROTATED,
  API_KEY_EXPIRED,
  API_KEY_REVOKED,
  API_KEY_WITHOUT_EMPLOYEE,
  apiKeyDecider,
  apiKeyStatusAt,
  type ApiKeyState,
} from './api-key.decider.js';
import type { ApiKeyEvent, ApiKeyIssued, ApiKeyRevoked, ApiKeyRotated } from './api-key.events.js';
import { PERSON_ROLES, ROLES } from './roles.js';

const { given } = deciderSpec(apiKeyDecider);

const keyId = '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e0f';
const successorKeyId = '0190f5c2-7b1e-7c3a-9d2f-5a4b3c2d1e10';
const keyHash = 'a'.repeat(64);
const issue: IssueApiKey = {
  type: 'IssueApiKey',
  keyId,
  name: 'care desk',
  roles: ['care-agent', 'care-lead'],
  employeeId: 'emp-0107',
  keyHash,
  expiresAt: '2026-09-02T09:00:00.000Z',
  at: '2026-03-02T09:00:00.000Z',
};
const revoke: RevokeApiKey = { type: 'RevokeApiKey', keyId, at: '2026-03-09T17:30:00.000Z' };
const rotate: RotateApiKey = {
  type: 'RotateApiKey',
  keyId,
  successorKeyId,
  expiresAt: '2027-03-09T09:00:00.000Z',
  graceEndsAt: '2026-03-10T10:00:00.000Z',
  at: '2026-03-09T09:00:00.000Z',
};
const issued: ApiKeyIssued = {
  type: 'ApiKeyIssued',
  data: {
    keyId,
    name: 'care desk',
    roles: ['care-agent', 'care-lead'],
    employeeId: 'emp-0107',
    keyHash,
    issuedAt: '2026-03-02T09:00:00.000Z',
    expiresAt: '2026-09-02T09:00:00.000Z',
  },
};
const revoked: ApiKeyRevoked = { type: 'ApiKeyRevoked', data: { keyId, keyHash, revokedAt: '2026-03-09T17:30:00.000Z' } };
const rotated: ApiKeyRotated = {
  type: 'ApiKeyRotated',
  data: { keyId, keyHash, successorKeyId, expiresAt: '2026-03-10T10:00:00.000Z', rotatedAt: '2026-03-09T09:00:00.000Z' },
};

function fieldsRejected(command: ApiKeyCommand, history: ApiKeyEvent[] = []): string[] {
  try {
    apiKeyDecider.decide(command, history.reduce(apiKeyDecider.evolve, apiKeyDecider.initialState()));
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors.map((e) => e.field);
  }
  throw new Error('expected the command to be rejected');
}

function stateAfter(history: ApiKeyEvent[]): ApiKeyState {
  return history.reduce(apiKeyDecider.evolve, apiKeyDecider.initialState());
}

describe('API key decider', () => {
  describe('IssueApiKey', () => {
    it('records the key with its roles, employee, hash and expiry, never a secret', () => {
      given([]).when(issue).then([issued]);
    });

    it('requires the employee with every role of a person, and with no other role', () => {
      for (const role of PERSON_ROLES) {
        expect(fieldsRejected({ ...issue, roles: [role], employeeId: undefined })).toEqual(['employeeId']);
        expect(fieldsRejected({ ...issue, roles: ['admin', role], employeeId: undefined })).toEqual(['employeeId']);
      }
      for (const role of ROLES.filter((each) => !(PERSON_ROLES as readonly string[]).includes(each))) {
        const { employeeId: _none, ...withoutEmployee } = issued.data;
        given([])
          .when({ ...issue, roles: [role], employeeId: undefined })
          .then([{ type: 'ApiKeyIssued', data: { ...withoutEmployee, roles: [role] } }]);
      }
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

    it('takes an expiry in the future and within a year, nothing else', () => {
      given([])
        .when({ ...issue, expiresAt: '2027-03-02T09:00:00.000Z' })
        .then([{ type: 'ApiKeyIssued', data: { ...issued.data, expiresAt: '2027-03-02T09:00:00.000Z' } }]);
      expect(fieldsRejected({ ...issue, expiresAt: '2027-03-02T09:00:00.001Z' })).toEqual(['expiresAt']);
      expect(fieldsRejected({ ...issue, expiresAt: issue.at })).toEqual(['expiresAt']);
      expect(fieldsRejected({ ...issue, expiresAt: undefined as never })).toEqual(['expiresAt']);
    });

    it('records the key a rotation issued it to succeed', () => {
      given([])
        .when({ ...issue, keyId: successorKeyId, rotatedFrom: keyId })
        .then([{ type: 'ApiKeyIssued', data: { ...issued.data, keyId: successorKeyId, rotatedFrom: keyId } }]);
      expect(fieldsRejected({ ...issue, rotatedFrom: 'key-1' })).toEqual(['rotatedFrom']);
    });

    it('refuses to issue the same key twice', () => {
      given([issued]).when(issue).thenThrows(DomainRuleError, API_KEY_ALREADY_ISSUED);
    });
  });

  describe('RevokeApiKey', () => {
    it('revokes a key, carrying its hash for the read side', () => {
      given([issued]).when(revoke).then([revoked]);
      given([issued, rotated]).when(revoke).then([revoked]);
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

  describe('RotateApiKey', () => {
    it('hands a working key over, leaving it its grace period', () => {
      given([issued]).when(rotate).then([rotated]);
    });

    it('never lengthens the life of a key about to expire', () => {
      const soon: ApiKeyIssued = { type: 'ApiKeyIssued', data: { ...issued.data, expiresAt: '2026-03-09T12:00:00.000Z' } };
      given([soon])
        .when(rotate)
        .then([{ type: 'ApiKeyRotated', data: { ...rotated.data, expiresAt: '2026-03-09T12:00:00.000Z' } }]);
    });

    it('hands over a key issued before keys expired', () => {
      const { expiresAt: _none, ...neverExpiring } = issued.data;
      given([{ type: 'ApiKeyIssued', data: neverExpiring }]).when(rotate).then([rotated]);
    });

    it('hands over a key once, and never a revoked or expired one', () => {
      given([issued, rotated]).when({ ...rotate, successorKeyId: keyId.replace(/f$/, 'a') }).thenThrows(DomainRuleError, API_KEY_ALREADY_ROTATED);
      given([issued, revoked]).when(rotate).thenThrows(DomainRuleError, API_KEY_REVOKED);
      given([issued]).when({ ...rotate, at: issued.data.expiresAt!, graceEndsAt: issued.data.expiresAt! }).thenThrows(DomainRuleError, API_KEY_EXPIRED);
      given([]).when(rotate).thenThrows(NotFoundError);
    });

    it('refuses to hand over a key whose roles need an employee it does not name', () => {
      const { employeeId: _none, ...anonymousDesk } = issued.data;
      given([{ type: 'ApiKeyIssued', data: anonymousDesk }]).when(rotate).thenThrows(DomainRuleError, API_KEY_WITHOUT_EMPLOYEE);
    });

    it('takes a grace period of up to a week and a successor expiry within a year', () => {
      given([issued]).when({ ...rotate, graceEndsAt: rotate.at }).then([{ type: 'ApiKeyRotated', data: { ...rotated.data, expiresAt: rotate.at } }]);
      expect(fieldsRejected({ ...rotate, graceEndsAt: '2026-03-16T09:00:00.001Z' }, [issued])).toEqual(['graceEndsAt']);
      expect(fieldsRejected({ ...rotate, graceEndsAt: '2026-03-09T08:59:59.999Z' }, [issued])).toEqual(['graceEndsAt']);
      expect(fieldsRejected({ ...rotate, expiresAt: '2027-03-09T09:00:00.001Z' }, [issued])).toEqual(['expiresAt']);
      expect(fieldsRejected({ ...rotate, successorKeyId: keyId }, [issued])).toEqual(['successorKeyId']);
    });
  });

  describe('apiKeyStatusAt', () => {
    it('is active until the expiry, expired from then on, and revoked once revoked', () => {
      const key = stateAfter([issued]);
      expect(apiKeyStatusAt(key, new Date('2026-09-02T08:59:59.999Z'))).toBe('active');
      expect(apiKeyStatusAt(key, new Date('2026-09-02T09:00:00.000Z'))).toBe('expired');
      expect(apiKeyStatusAt(stateAfter([issued, rotated]), new Date('2026-03-10T10:00:00.000Z'))).toBe('expired');
      expect(apiKeyStatusAt(stateAfter([issued, revoked]), new Date('2026-03-02T10:00:00.000Z'))).toBe('revoked');
      expect(apiKeyStatusAt(stateAfter([]), new Date('2026-03-02T10:00:00.000Z'))).toBe('absent');
    });
  });
});
