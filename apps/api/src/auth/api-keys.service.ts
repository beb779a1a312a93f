import { Inject, Injectable } from '@nestjs/common';
import { newId, streamId, type Clock, type CommandResult, type Position } from '#libs/eventsourcing/src/index.js';
import {
  API_KEY_CATEGORY,
  apiKeyDecider,
  issuedKeyStatusAt,
  MAX_API_KEY_LIFETIME_DAYS,
  type ApiKeyEvent,
  type ApiKeyIssued,
  type Role,
} from '#libs/domain/access/index.js';
import { CLOCK, STORES, type Stores } from '#libs/persistence/src/index.js';
import { API_KEYS, type ApiKeyDocument } from '#projections/access/api-keys.projection.js';
import { CommandRunner, commandResponse, type RequestCommandContext } from '../platform/command-runner.js';
import { ProjectionProgress } from '../platform/projection-progress.js';
import { generateApiKeySecret, hashApiKey } from './api-key-secret.js';
import type { ApiKeyView, IssuedApiKeyResponse, RotatedApiKeyResponse } from './api-keys.dto.js';

export interface ApiKeyRequest {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly employeeId?: string;
  /** Default: the longest lifetime a key may have. */
  readonly expiresAt?: string;
}

export interface RotationRequest {
  /** How long the rotated key keeps working; default `DEFAULT_ROTATION_GRACE_SECONDS`. */
  readonly graceSeconds?: number;
  /** When the successor stops working; default the longest lifetime a key may have. */
  readonly expiresAt?: string;
}

/** An hour: long enough to deploy a rotated secret, short enough that a leaked one is soon worthless. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 3600;

const DAY_MS = 86_400_000;

/**
 * Issues, rotates, revokes and lists API keys. A change holds for authentication as soon as it is
 * appended (see `ApiKeyDirectory`); it also waits (bounded) for the `apiKeys` read model, so that the
 * list shows it once the change is answered.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly commands: CommandRunner,
    private readonly progress: ProjectionProgress,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  issue(request: ApiKeyRequest, context: RequestCommandContext): Promise<IssuedApiKeyResponse> {
    return this.issueAs(newId(), request, this.now(), context, undefined);
  }

  /**
   * The rotation is decided first, with both lifetimes, so that anything wrong refuses it before an
   * event is appended; the successor is then issued under the id the rotation recorded. Should the
   * store fail in between, the old key still works through its grace period, and a key issued with
   * `POST /api-keys` replaces the successor that was never shown.
   */
  async rotate(keyId: string, request: RotationRequest, context: RequestCommandContext): Promise<RotatedApiKeyResponse> {
    const at = this.now();
    const successorKeyId = newId();
    const expiresAt = request.expiresAt ?? longestLifeFrom(at);
    const graceEndsAt = new Date(Date.parse(at) + (request.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS) * 1000).toISOString();
    const rotation = { type: 'RotateApiKey' as const, keyId, successorKeyId, expiresAt, graceEndsAt, at };
    const rotated = await this.commands.run(apiKeyDecider, apiKeyStream(keyId), rotation, context);
    const key = await this.commands.currentState(apiKeyDecider, apiKeyStream(keyId));
    if (key.status === 'absent') throw new Error(`API key ${keyId} vanished while it was rotated`);
    const { name, roles, employeeId } = key;
    // `If-Match` pins the rotated key; the successor's stream starts afresh.
    const { expectedRevision: _rotatedKeyRevision, ...issuing } = context;
    const successor = await this.issueAs(successorKeyId, { name, roles, employeeId, expiresAt }, at, issuing, keyId);
    return { ...successor, predecessorExpiresAt: rotatedData(rotated).expiresAt };
  }

  async revoke(keyId: string, context: RequestCommandContext): Promise<CommandResult<ApiKeyEvent>> {
    const command = { type: 'RevokeApiKey' as const, keyId, at: this.now() };
    const result = await this.commands.run(apiKeyDecider, apiKeyStream(keyId), command, context);
    await this.untilListed(result.position);
    return result;
  }

  async list(): Promise<ApiKeyView[]> {
    const keys = await this.stores.reads.find<ApiKeyDocument>(API_KEYS, undefined, {
      sort: [{ field: 'issuedAt', direction: 'asc' }],
    });
    const now = this.clock.now();
    return keys.map(({ data }) => ({
      id: data.keyId,
      name: data.name,
      roles: data.roles,
      employeeId: data.employeeId,
      issuedAt: data.issuedAt,
      expiresAt: data.expiresAt,
      revokedAt: data.revokedAt,
      rotatedFrom: data.rotatedFrom,
      successorKeyId: data.successorKeyId,
      status: issuedKeyStatusAt({ revoked: data.revokedAt !== null, expiresAt: data.expiresAt }, now),
    }));
  }

  private async issueAs(
    keyId: string,
    request: ApiKeyRequest,
    at: string,
    context: RequestCommandContext,
    rotatedFrom: string | undefined,
  ): Promise<IssuedApiKeyResponse> {
    const secret = generateApiKeySecret();
    const expiresAt = request.expiresAt ?? longestLifeFrom(at);
    const command = { type: 'IssueApiKey' as const, keyId, ...request, keyHash: hashApiKey(secret), expiresAt, rotatedFrom, at };
    const result = await this.commands.run(apiKeyDecider, apiKeyStream(keyId), command, context);
    await this.untilListed(result.position);
    const issued = issuedData(result);
    return {
      ...commandResponse(keyId, result),
      key: secret,
      name: issued.name,
      roles: issued.roles,
      employeeId: issued.employeeId ?? null,
      expiresAt: issued.expiresAt ?? null,
      rotatedFrom: issued.rotatedFrom ?? null,
    };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Authentication does not need it; the list does, so that an answered change shows in it. */
  private async untilListed(position: Position | undefined): Promise<void> {
    if (position !== undefined) await this.progress.reached(position, [API_KEYS]);
  }
}

function apiKeyStream(keyId: string): string {
  return streamId(API_KEY_CATEGORY, keyId);
}

function longestLifeFrom(at: string): string {
  return new Date(Date.parse(at) + MAX_API_KEY_LIFETIME_DAYS * DAY_MS).toISOString();
}

function issuedData(result: CommandResult<ApiKeyEvent>): ApiKeyIssued['data'] {
  const issued = result.events.find((event) => event.type === 'ApiKeyIssued');
  if (issued?.type !== 'ApiKeyIssued') throw new Error('issuing an API key appended no ApiKeyIssued event');
  return issued.data;
}

function rotatedData(result: CommandResult<ApiKeyEvent>) {
  const rotated = result.events.find((event) => event.type === 'ApiKeyRotated');
  if (rotated?.type !== 'ApiKeyRotated') throw new Error('rotating an API key appended no ApiKeyRotated event');
  return rotated.data;
}
