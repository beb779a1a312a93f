import { Inject, Injectable } from '@nestjs/common';
import { newId, NotFoundError, type Clock, type CommandResult, type Position } from '#kernel';
import {
  API_KEY_CATEGORY,
  apiKeyDecider,
  issuedKeyStatusAt,
  MAX_API_KEY_LIFETIME_DAYS,
  type ApiKeyCommand,
  type ApiKeyEvent,
  type ApiKeyIssued,
  type ApiKeyState,
  type IssueApiKey,
  type Role,
} from '#domain/access/index.js';
import { CLOCK, STORES, type Stores } from '#persistence';
import { API_KEYS, type ApiKeyDocument } from '#projections/access/api-keys.projection.js';
import { CommandRunner, type CommandResponse, type RequestCommandContext } from '../platform/command-runner.service.js';
import type { AnswerExtension, EntityCommand, NoExtension } from '../platform/entity-commands.js';
import { EntityStreams } from '../platform/entity-streams.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';
import { generateApiKeySecret, hashApiKey } from './api-key-secret.js';
import type { ApiKeyView, IssuedApiKeyResponse, OwnApiKeyView, RotatedApiKeyResponse } from './api-keys.dto.js';
import type { Principal } from './principal.js';

/** The name the bootstrap admin key answers to, as its actor is `apiKey:bootstrap`. */
const BOOTSTRAP_KEY_NAME = 'bootstrap';

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

type ApiKeyBusCommand<X extends object = NoExtension> = EntityCommand<ApiKeyCommand, ApiKeyEvent, ApiKeyState, X>;

/** What issuing a key answers besides `CommandResponse`: its secret, shown this once, and what was issued. */
type IssuedKey = Omit<IssuedApiKeyResponse, keyof CommandResponse>;
type RotatedKey = Omit<RotatedApiKeyResponse, keyof CommandResponse>;

/**
 * Builds the commands that issue, rotate and revoke API keys for the command bus, and lists the keys.
 * A change holds for authentication as soon as it is appended (see `ApiKeyDirectory`); its answer also
 * waits (bounded) for the `apiKeys` read model, so that the list shows it once the change is answered.
 */
@Injectable()
export class ApiKeysService {
  private readonly keys: EntityStreams<ApiKeyCommand, ApiKeyEvent, ApiKeyState>;

  constructor(
    runner: CommandRunner,
    private readonly progress: ProjectionProgress,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.keys = new EntityStreams(runner, { decider: apiKeyDecider, category: API_KEY_CATEGORY, idOf: (command) => command.keyId });
  }

  issue(request: ApiKeyRequest, context: RequestCommandContext): ApiKeyBusCommand<IssuedKey> {
    const { command, answer } = this.issuing(newId(), request, this.now(), undefined);
    return this.keys.command(command, context).answering(answer);
  }

  /**
   * The rotation is the successor's claim: it is decided first, with both lifetimes, so that anything
   * wrong refuses it before an event is appended; the successor is then issued under the id the
   * rotation recorded, with the name, roles and employee of the key, which never change. Should the
   * store fail in between, the old key still works through its grace period, and a key issued with
   * `POST /api-keys` replaces the successor that was never shown.
   */
  async rotate(keyId: string, request: RotationRequest, context: RequestCommandContext): Promise<ApiKeyBusCommand<RotatedKey>> {
    const key = await this.keys.current(keyId);
    if (key.status === 'absent') throw new NotFoundError('API key', keyId);
    const at = this.now();
    const successorKeyId = newId();
    const expiresAt = request.expiresAt ?? longestLifeFrom(at);
    const graceEndsAt = new Date(Date.parse(at) + (request.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS) * 1000).toISOString();
    const rotation = this.keys.command({ type: 'RotateApiKey', keyId, successorKeyId, expiresAt, graceEndsAt, at }, context);
    const { name, roles, employeeId } = key;
    const successor = this.issuing(successorKeyId, { name, roles, employeeId, expiresAt }, at, keyId);
    // `If-Match` pins the rotated key; the successor's stream starts afresh.
    const { expectedRevision: _rotatedKeyRevision, ...issuing } = context;
    return this.keys.command(successor.command, issuing, rotation).answering(async (result) => ({
      ...(await successor.answer(result)),
      predecessorExpiresAt: await this.rotatedExpiry(keyId),
    }));
  }

  revoke(keyId: string, context: RequestCommandContext): ApiKeyBusCommand {
    return this.keys.command({ type: 'RevokeApiKey', keyId, at: this.now() }, context).answering(async (result) => {
      await this.untilListed(result.position);
      return {};
    });
  }

  /** The caller's own key; the bootstrap key, which lives in the configuration only, has no id and is named so. */
  async own(principal: Principal): Promise<OwnApiKeyView> {
    const { keyId, roles } = principal;
    const employeeId = principal.employeeId ?? null;
    if (keyId === undefined) return { id: null, name: BOOTSTRAP_KEY_NAME, roles, employeeId };
    const key = await this.keys.current(keyId);
    return { id: keyId, name: key.status === 'absent' ? keyId : key.name, roles, employeeId };
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

  /** The command that issues a key, and its answer: the secret, made here and recorded only as its hash. */
  private issuing(
    keyId: string,
    request: ApiKeyRequest,
    at: string,
    rotatedFrom: string | undefined,
  ): { readonly command: IssueApiKey; readonly answer: AnswerExtension<ApiKeyEvent, IssuedKey> } {
    const secret = generateApiKeySecret();
    const expiresAt = request.expiresAt ?? longestLifeFrom(at);
    const command = { type: 'IssueApiKey' as const, keyId, ...request, keyHash: hashApiKey(secret), expiresAt, rotatedFrom, at };
    const answer = async (result: CommandResult<ApiKeyEvent>): Promise<IssuedKey> => {
      await this.untilListed(result.position);
      const issued = issuedData(result);
      return {
        key: secret,
        name: issued.name,
        roles: issued.roles,
        employeeId: issued.employeeId ?? null,
        expiresAt: issued.expiresAt ?? null,
        rotatedFrom: issued.rotatedFrom ?? null,
      };
    };
    return { command, answer };
  }

  /** The expiry the rotation gave the key, which nothing changes after it. */
  private async rotatedExpiry(keyId: string): Promise<string> {
    const key = await this.keys.current(keyId);
    if (key.status === 'absent' || key.expiresAt === undefined) throw new Error(`API key ${keyId} has no expiry after its rotation`);
    return key.expiresAt;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Authentication does not need it; the list does, so that an answered change shows in it. */
  private async untilListed(position: Position | undefined): Promise<void> {
    if (position !== undefined) await this.progress.reached(position, [API_KEYS]);
  }
}

function longestLifeFrom(at: string): string {
  return new Date(Date.parse(at) + MAX_API_KEY_LIFETIME_DAYS * DAY_MS).toISOString();
}

function issuedData(result: CommandResult<ApiKeyEvent>): ApiKeyIssued['data'] {
  const issued = result.events.find((event) => event.type === 'ApiKeyIssued');
  if (issued?.type !== 'ApiKeyIssued') throw new Error('issuing an API key appended no ApiKeyIssued event');
  return issued.data;
}
