import { DomainRuleError, NotFoundError, type Decider } from '#kernel';
import { withoutAbsent } from '../shared/objects.js';
import {
  needsEmployee,
  validIssueApiKey,
  validRevokeApiKey,
  validRotateApiKey,
  type ApiKeyCommand,
  type IssueApiKey,
  type RevokeApiKey,
  type RotateApiKey,
} from './api-key.commands.js';
import type { ApiKeyEvent } from './api-key.events.js';
import type { Role } from './roles.js';

export interface IssuedApiKey {
  readonly status: 'issued' | 'revoked';
  readonly keyId: string;
  readonly keyHash: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly employeeId?: string;
  /** Absent on keys issued before keys expired. */
  readonly expiresAt?: string;
  /** Set once the key was handed over to a successor. */
  readonly successorKeyId?: string;
}

export type ApiKeyState = { readonly status: 'absent' } | IssuedApiKey;

/** Whether a key works at an instant: it was issued, is not revoked, and has not expired by then. */
export type ApiKeyStatus = 'absent' | 'active' | 'revoked' | 'expired';

export const API_KEY_ALREADY_ISSUED = 'API_KEY_ALREADY_ISSUED';
export const API_KEY_ALREADY_REVOKED = 'API_KEY_ALREADY_REVOKED';
export const API_KEY_REVOKED = 'API_KEY_REVOKED';
export const API_KEY_EXPIRED = 'API_KEY_EXPIRED';
export const API_KEY_ALREADY_ROTATED = 'API_KEY_ALREADY_ROTATED';
export const API_KEY_WITHOUT_EMPLOYEE = 'API_KEY_WITHOUT_EMPLOYEE';

/**
 * One API key per stream (`apiKey-<keyId>`): issued once with an expiry, revoked at most once, never
 * reactivated. A rotation hands the key over to a successor once, shortening its life to a grace
 * period; the successor is a key of its own, issued next.
 */
export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = {
  initialState: () => ({ status: 'absent' }),

  decide(command, state) {
    switch (command.type) {
      case 'IssueApiKey':
        return issue(validIssueApiKey(command), state);
      case 'RevokeApiKey':
        return revoke(validRevokeApiKey(command), state);
      case 'RotateApiKey':
        return rotate(validRotateApiKey(command), state);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ApiKeyIssued': {
        const { keyId, keyHash, name, roles, employeeId, expiresAt } = event.data;
        return withoutAbsent({ status: 'issued', keyId, keyHash, name, roles, employeeId, expiresAt });
      }
      case 'ApiKeyRevoked':
        return state.status === 'absent' ? state : { ...state, status: 'revoked' };
      case 'ApiKeyRotated':
        return state.status === 'absent' ? state : { ...state, expiresAt: event.data.expiresAt, successorKeyId: event.data.successorKeyId };
    }
  },
};

/** What a key is worth at `at`: expiry is read against the clock, so it needs no event of its own. */
export function apiKeyStatusAt(state: ApiKeyState, at: Date): ApiKeyStatus {
  if (state.status === 'absent') return 'absent';
  return issuedKeyStatusAt({ revoked: state.status === 'revoked', expiresAt: state.expiresAt }, at);
}

/** What an issued key is worth at `at`, from what any reader of its events knows of it. */
export function issuedKeyStatusAt(key: { readonly revoked: boolean; readonly expiresAt?: string | null }, at: Date): Exclude<ApiKeyStatus, 'absent'> {
  if (key.revoked) return 'revoked';
  return key.expiresAt != null && Date.parse(key.expiresAt) <= at.getTime() ? 'expired' : 'active';
}

function issue(command: IssueApiKey, state: ApiKeyState): ApiKeyEvent[] {
  if (state.status !== 'absent') {
    throw new DomainRuleError(API_KEY_ALREADY_ISSUED, `API key ${command.keyId} was already issued`);
  }
  const { keyId, name, roles, employeeId, keyHash, expiresAt, rotatedFrom, at } = command;
  return [{ type: 'ApiKeyIssued', data: withoutAbsent({ keyId, name, roles, employeeId, keyHash, issuedAt: at, expiresAt, rotatedFrom }) }];
}

function revoke(command: RevokeApiKey, state: ApiKeyState): ApiKeyEvent[] {
  if (state.status === 'absent') throw new NotFoundError('API key', command.keyId);
  if (state.status === 'revoked') {
    throw new DomainRuleError(API_KEY_ALREADY_REVOKED, `API key ${command.keyId} is already revoked`);
  }
  return [{ type: 'ApiKeyRevoked', data: { keyId: state.keyId, keyHash: state.keyHash, revokedAt: command.at } }];
}

/**
 * Only a working key is handed over, and once: a second successor would leave two keys where one was
 * meant. The successor repeats the key's roles and employee, so a key whose roles need an employee it
 * does not name (one issued before that rule) is replaced by issuing a new key instead.
 */
function rotate(command: RotateApiKey, state: ApiKeyState): ApiKeyEvent[] {
  const { keyId, at } = command;
  if (state.status === 'absent') throw new NotFoundError('API key', keyId);
  const status = apiKeyStatusAt(state, new Date(at));
  if (status === 'revoked') throw new DomainRuleError(API_KEY_REVOKED, `API key ${keyId} is revoked: it has nothing to hand over`);
  if (status === 'expired') throw new DomainRuleError(API_KEY_EXPIRED, `API key ${keyId} has expired: it has nothing to hand over`);
  if (state.successorKeyId !== undefined) {
    throw new DomainRuleError(API_KEY_ALREADY_ROTATED, `API key ${keyId} was already handed over to ${state.successorKeyId}`, {
      successorKeyId: state.successorKeyId,
    });
  }
  if (state.employeeId === undefined && needsEmployee(state.roles)) {
    throw new DomainRuleError(API_KEY_WITHOUT_EMPLOYEE, `API key ${keyId} holds roles of a person but names no employee: issue a new key with its employeeId`);
  }
  const expiresAt = earlier(command.graceEndsAt, state.expiresAt);
  return [{ type: 'ApiKeyRotated', data: { keyId, keyHash: state.keyHash, successorKeyId: command.successorKeyId, expiresAt, rotatedAt: at } }];
}

/** A grace period never lengthens a key's life. */
function earlier(instant: string, limit: string | undefined): string {
  return limit !== undefined && Date.parse(limit) < Date.parse(instant) ? limit : instant;
}
