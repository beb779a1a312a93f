import { isUuid } from '#libs/eventsourcing/src/index.js';
import { withoutAbsent } from '../shared/objects.js';
import { invalid, optionalId, requireSha256Hex, requireText, requireUtcInstant } from '../shared/validation.js';
import { isRole, ROLES, type Role } from './roles.js';

/* `at` is the business time the command handler resolved from its clock; the decider reads no clock. */

export interface IssueApiKey {
  readonly type: 'IssueApiKey';
  readonly keyId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** The employee the key belongs to; required for the `employee` role, which acts for one person. */
  readonly employeeId?: string;
  readonly keyHash: string;
  readonly at: string;
}

export interface RevokeApiKey {
  readonly type: 'RevokeApiKey';
  readonly keyId: string;
  readonly at: string;
}

export type ApiKeyCommand = IssueApiKey | RevokeApiKey;

export const MAX_API_KEY_NAME_LENGTH = 100;

export function validIssueApiKey(command: IssueApiKey): IssueApiKey {
  const roles = requireRoles(command.roles);
  const employeeId = optionalId(command.employeeId, 'employeeId');
  if (employeeId === undefined && roles.includes('employee')) {
    throw invalid('employeeId', 'is required for the employee role: an employee key acts for one person, who sees their own plan and answers');
  }
  return withoutAbsent({
    type: command.type,
    keyId: requireKeyId(command.keyId),
    name: requireText(command.name, 'name', MAX_API_KEY_NAME_LENGTH).trim(),
    roles,
    employeeId,
    keyHash: requireSha256Hex(command.keyHash, 'keyHash'),
    at: requireUtcInstant(command.at, 'at'),
  });
}

export function validRevokeApiKey(command: RevokeApiKey): RevokeApiKey {
  return { type: command.type, keyId: requireKeyId(command.keyId), at: requireUtcInstant(command.at, 'at') };
}

function requireKeyId(value: unknown): string {
  if (typeof value !== 'string' || !isUuid(value)) throw invalid('keyId', 'must be a UUID');
  return value;
}

/** At least one known role; a repeated role is recorded once. */
function requireRoles(value: unknown): readonly Role[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('roles', 'must list at least one role');
  const unknown = value.find((role) => !isRole(role));
  if (unknown !== undefined) throw invalid('roles', `holds an unknown role ${JSON.stringify(unknown)}; known: ${ROLES.join(', ')}`);
  return [...new Set(value as Role[])];
}

