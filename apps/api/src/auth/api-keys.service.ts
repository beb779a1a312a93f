import { Inject, Injectable, Logger } from '@nestjs/common';
import { newId, streamId, type Clock, type CommandResult, type Position } from '#libs/eventsourcing/src/index.js';
import { API_KEY_CATEGORY, apiKeyDecider, type ApiKeyEvent, type Role } from '#libs/domain/access/index.js';
import { CLOCK, STORES, type Stores } from '#libs/persistence/src/index.js';
import { API_KEYS, type ApiKeyDocument } from '#projections/access/api-keys.projection.js';
import { CommandRunner, commandResponse, type RequestCommandContext } from '../platform/command-runner.js';
import { ProjectionProgress } from '../platform/projection-progress.js';
import { ApiKeyDirectory } from './api-key-directory.js';
import { generateApiKeySecret, hashApiKey } from './api-key-secret.js';
import type { ApiKeyView, IssuedApiKeyResponse } from './api-keys.dto.js';

export interface ApiKeyRequest {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly employeeId?: string;
}

/**
 * Issues, revokes and lists API keys. Issuing and revoking wait (bounded) until the `apiKeys` read
 * model has the change, because that is where every api process authenticates: a key works as soon
 * as its 201 is received, and no longer works once its revocation's 204 is.
 */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    private readonly commands: CommandRunner,
    private readonly progress: ProjectionProgress,
    private readonly directory: ApiKeyDirectory,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(request: ApiKeyRequest, context: RequestCommandContext): Promise<IssuedApiKeyResponse> {
    const keyId = newId();
    const secret = generateApiKeySecret();
    const command = { type: 'IssueApiKey' as const, keyId, ...request, keyHash: hashApiKey(secret), at: this.now() };
    const result = await this.commands.run(apiKeyDecider, apiKeyStream(keyId), command, context);
    await this.untilAuthenticationSees(result.position);
    const { name, roles, employeeId } = issuedData(result);
    return { ...commandResponse(keyId, result), key: secret, name, roles, employeeId: employeeId ?? null };
  }

  async revoke(keyId: string, context: RequestCommandContext): Promise<CommandResult<ApiKeyEvent>> {
    const command = { type: 'RevokeApiKey' as const, keyId, at: this.now() };
    const result = await this.commands.run(apiKeyDecider, apiKeyStream(keyId), command, context);
    for (const event of result.events) {
      if (event.type === 'ApiKeyRevoked') this.directory.rememberRevoked(event.data.keyHash);
    }
    await this.untilAuthenticationSees(result.position);
    return result;
  }

  async list(): Promise<ApiKeyView[]> {
    const keys = await this.stores.reads.find<ApiKeyDocument>(API_KEYS, undefined, {
      sort: [{ field: 'issuedAt', direction: 'asc' }],
    });
    return keys.map(({ data }) => ({
      id: data.keyId,
      name: data.name,
      roles: data.roles,
      employeeId: data.employeeId,
      issuedAt: data.issuedAt,
      revokedAt: data.revokedAt,
      status: data.revokedAt === null ? 'active' : 'revoked',
    }));
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private async untilAuthenticationSees(position: Position | undefined): Promise<void> {
    if (position === undefined || (await this.progress.reached(position, [API_KEYS]))) return;
    this.logger.warn(
      `the ${API_KEYS} read model did not reach position ${position} within ${this.progress.timeoutMs} ms: ` +
        'other api processes will see this key change once it does',
    );
  }
}

function apiKeyStream(keyId: string): string {
  return streamId(API_KEY_CATEGORY, keyId);
}

function issuedData(result: CommandResult<ApiKeyEvent>) {
  const issued = result.events.find((event) => event.type === 'ApiKeyIssued');
  if (issued?.type !== 'ApiKeyIssued') throw new Error('issuing an API key appended no ApiKeyIssued event');
  return issued.data;
}
