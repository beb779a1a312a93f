import { isUuid } from '#kernel';
import { withoutAbsent } from '../shared/objects.js';
import { invalid, optionalId, requireSha256Hex, requireText, requireUtcInstant } from '../shared/validation.js';
import { isPersonRole, isRole, ROLES, type Role } from './roles.js';

/* `at` is the business time the command handler resolved from its clock; the decider reads no clock. */

export interface IssueApiKey {
  readonly type: 'IssueApiKey';
  readonly keyId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** The employee the key belongs to; required with any role of a person (`PERSON_ROLES`). */
  readonly employeeId?: string;
  readonly keyHash: string;
  /** When the key stops working: after `at`, and at most `MAX_API_KEY_LIFETIME_DAYS` after it. */
  readonly expiresAt: string;
  /** The key this one succeeds, when a rotation issues it. */
  readonly rotatedFrom?: string;
  readonly at: string;
}

export interface RevokeApiKey {
  readonly type: 'RevokeApiKey';
  readonly keyId: string;
  readonly at: string;
}

/**
 * Hands a key over to a successor, issued next with the same name, roles and employee. The rotation
 * decides both lifetimes, so that it is refused before anything is appended when either is wrong.
 */
export interface RotateApiKey {
  readonly type: 'RotateApiKey';
  readonly keyId: string;
  readonly successorKeyId: string;
  /** When the successor stops working, as for any key issued. */
  readonly expiresAt: string;
  /** Until when the rotated key keeps working: its grace period, at most `MAX_ROTATION_GRACE_HOURS` after `at`. */
  readonly graceEndsAt: string;
  readonly at: string;
}

export type ApiKeyCommand = IssueApiKey | RevokeApiKey | RotateApiKey;

export const MAX_API_KEY_NAME_LENGTH = 100;
/** No key works longer than a year without being rotated: a leaked key stops working by itself. */
export const MAX_API_KEY_LIFETIME_DAYS = 365;
/** A rotation leaves the old key a week at most, enough to deploy its successor everywhere. */
export const MAX_ROTATION_GRACE_HOURS = 168;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function validIssueApiKey(command: IssueApiKey): IssueApiKey {
  const roles = requireRoles(command.roles);
  const at = requireUtcInstant(command.at, 'at');
  return withoutAbsent({
    type: command.type,
    keyId: requireKeyId(command.keyId, 'keyId'),
    name: requireText(command.name, 'name', MAX_API_KEY_NAME_LENGTH).trim(),
    roles,
    employeeId: requireEmployeeOfPerson(roles, optionalId(command.employeeId, 'employeeId')),
    keyHash: requireSha256Hex(command.keyHash, 'keyHash'),
    expiresAt: requireExpiry(command.expiresAt, 'expiresAt', at),
    rotatedFrom: command.rotatedFrom === undefined ? undefined : requireKeyId(command.rotatedFrom, 'rotatedFrom'),
    at,
  });
}

export function validRevokeApiKey(command: RevokeApiKey): RevokeApiKey {
  return { type: command.type, keyId: requireKeyId(command.keyId, 'keyId'), at: requireUtcInstant(command.at, 'at') };
}

export function validRotateApiKey(command: RotateApiKey): RotateApiKey {
  const at = requireUtcInstant(command.at, 'at');
  const keyId = requireKeyId(command.keyId, 'keyId');
  const successorKeyId = requireKeyId(command.successorKeyId, 'successorKeyId');
  if (successorKeyId === keyId) throw invalid('successorKeyId', 'must name another key than the one rotated');
  return {
    type: command.type,
    keyId,
    successorKeyId,
    expiresAt: requireExpiry(command.expiresAt, 'expiresAt', at),
    graceEndsAt: requireGraceEnd(command.graceEndsAt, at),
    at,
  };
}

/** Whether a key with these roles must name the employee it belongs to. */
export function needsEmployee(roles: readonly Role[]): boolean {
  return roles.some(isPersonRole);
}

function requireEmployeeOfPerson(roles: readonly Role[], employeeId: string | undefined): string | undefined {
  if (employeeId === undefined && needsEmployee(roles)) {
    const personal = roles.filter(isPersonRole).join(', ');
    throw invalid('employeeId', `is required with the roles of a person (${personal}): separation of duty needs to know who acts`);
  }
  return employeeId;
}

/** An expiry after `at` and within the longest lifetime of a key. */
function requireExpiry(value: unknown, field: string, at: string): string {
  const expiresAt = requireUtcInstant(value, field);
  if (Date.parse(expiresAt) <= Date.parse(at)) throw invalid(field, 'must lie in the future');
  if (Date.parse(expiresAt) > Date.parse(at) + MAX_API_KEY_LIFETIME_DAYS * DAY_MS) {
    throw invalid(field, `must lie at most ${MAX_API_KEY_LIFETIME_DAYS} days ahead`);
  }
  return expiresAt;
}

/** The end of a rotated key's grace period: from now (no grace) to `MAX_ROTATION_GRACE_HOURS` ahead. */
function requireGraceEnd(value: unknown, at: string): string {
  const graceEndsAt = requireUtcInstant(value, 'graceEndsAt');
  if (Date.parse(graceEndsAt) < Date.parse(at)) throw invalid('graceEndsAt', 'must not lie in the past');
  if (Date.parse(graceEndsAt) > Date.parse(at) + MAX_ROTATION_GRACE_HOURS * HOUR_MS) {
    throw invalid('graceEndsAt', `must lie at most ${MAX_ROTATION_GRACE_HOURS} hours ahead: a rotation is a hand-over, not a renewal`);
  }
  return graceEndsAt;
}

function requireKeyId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isUuid(value)) throw invalid(field, 'must be a UUID');
  return value;
}

/** At least one known role; a repeated role is recorded once. */
function requireRoles(value: unknown): readonly Role[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('roles', 'must list at least one role');
  const unknown = value.find((role) => !isRole(role));
  if (unknown !== undefined) throw invalid('roles', `holds an unknown role ${JSON.stringify(unknown)}; known: ${ROLES.join(', ')}`);
  return [...new Set(value as Role[])];
}
