import { DomainRuleError, NotFoundError, type Decider } from '#libs/eventsourcing/src/index.js';
import { validIssueApiKey, validRevokeApiKey, type ApiKeyCommand, type IssueApiKey, type RevokeApiKey } from './api-key.commands.js';
import type { ApiKeyEvent } from './api-key.events.js';
import { withoutAbsent } from '../shared/objects.js';

export type ApiKeyState =
  | { readonly status: 'absent' }
  | { readonly status: 'active' | 'revoked'; readonly keyId: string; readonly keyHash: string };

export const API_KEY_ALREADY_ISSUED = 'API_KEY_ALREADY_ISSUED';
export const API_KEY_ALREADY_REVOKED = 'API_KEY_ALREADY_REVOKED';

/** One API key per stream (`apiKey-<keyId>`): issued once, revoked at most once, never reactivated. */
export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = {
  initialState: () => ({ status: 'absent' }),

  decide(command, state) {
    switch (command.type) {
      case 'IssueApiKey':
        return issue(validIssueApiKey(command), state);
      case 'RevokeApiKey':
        return revoke(validRevokeApiKey(command), state);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ApiKeyIssued':
        return { status: 'active', keyId: event.data.keyId, keyHash: event.data.keyHash };
      case 'ApiKeyRevoked':
        return state.status === 'absent' ? state : { ...state, status: 'revoked' };
    }
  },
};

function issue(command: IssueApiKey, state: ApiKeyState): ApiKeyEvent[] {
  if (state.status !== 'absent') {
    throw new DomainRuleError(API_KEY_ALREADY_ISSUED, `API key ${command.keyId} was already issued`);
  }
  const { keyId, name, roles, employeeId, keyHash, at } = command;
  return [{ type: 'ApiKeyIssued', data: withoutAbsent({ keyId, name, roles, employeeId, keyHash, issuedAt: at }) }];
}

function revoke(command: RevokeApiKey, state: ApiKeyState): ApiKeyEvent[] {
  if (state.status === 'absent') throw new NotFoundError('API key', command.keyId);
  if (state.status === 'revoked') {
    throw new DomainRuleError(API_KEY_ALREADY_REVOKED, `API key ${command.keyId} is already revoked`);
  }
  return [{ type: 'ApiKeyRevoked', data: { keyId: state.keyId, keyHash: state.keyHash, revokedAt: command.at } }];
}
