import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '#config';
import { API_KEY_CATEGORY, apiKeyDecider, apiKeyStatusAt, type ApiKeyIssued, type ApiKeyStatus } from '#domain/access/index.js';
import { streamId, type Clock } from '#kernel';
import { APP_CONFIG, CLOCK, STORES, type Stores } from '#persistence';
import { API_KEYS, type ApiKeyDocument } from '#projections/access/api-keys.projection.js';
import { CommandRunner } from '../platform/command-runner.service.js';
import { UnauthenticatedError } from '../platform/http-errors.js';
import { ProjectionProgress } from '../platform/projection-progress.service.js';
import { hashApiKey, sameHash } from './api-key-secret.js';
import { subjectOfKey, type Principal } from './principal.js';

export const BOOTSTRAP_ADMIN: Principal = { subject: 'apiKey:bootstrap', roles: ['admin'] };

/** How many key hashes the directory remembers the key of: far more keys than callers use at once. */
const REMEMBERED_KEYS = 10_000;

const REFUSALS: Readonly<Record<Exclude<ApiKeyStatus, 'active'>, string>> = {
  absent: 'the API key is unknown',
  revoked: 'the API key was revoked',
  expired: 'the API key has expired',
};

/**
 * Finds the principal behind a secret, and fails closed: whatever process asks, a key is accepted
 * only as its own stream in the event log stands at that moment, so a revocation, a rotation or an
 * expiry holds in every api process from the instant it is appended, whatever the read models lag.
 *
 * The `apiKeys` read model serves only as the index from a hash to its key, which never changes once
 * issued: so the key of a hash, once found, is remembered, and a request reads the log only for the
 * events its key's stream gained since it was last folded (usually none). A hash the index does not
 * hold yet may belong to a key issued since its checkpoint: that part of the log is read for it, so a
 * new key works everywhere as soon as its 201 is sent. Unknown hashes are not remembered, since they
 * may be issued later.
 */
@Injectable()
export class ApiKeyDirectory {
  private readonly bootstrapKeyHash: string | undefined;
  private readonly keyIds = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandRunner,
    private readonly progress: ProjectionProgress,
  ) {
    this.bootstrapKeyHash = config.bootstrapAdminKey === undefined ? undefined : hashApiKey(config.bootstrapAdminKey);
  }

  /**
   * The principal of a working key; 401 for an unknown, revoked or expired one. The lookup by hash is
   * not constant-time, and needs not be: timing could at most reveal something about a hash, and a
   * SHA-256 hash gives nothing away about its secret.
   */
  async authenticate(secret: string): Promise<Principal> {
    const keyHash = hashApiKey(secret);
    if (this.bootstrapKeyHash !== undefined && sameHash(keyHash, this.bootstrapKeyHash)) return BOOTSTRAP_ADMIN;
    const keyId = await this.keyIdOf(keyHash);
    if (keyId === undefined) throw new UnauthenticatedError(REFUSALS.absent);
    return this.currentPrincipal(keyId);
  }

  /** The principal of an issued key as its stream stands now; 401 once the key no longer works. */
  async currentPrincipal(keyId: string): Promise<Principal> {
    const key = await this.commands.currentState(apiKeyDecider, streamId(API_KEY_CATEGORY, keyId));
    if (key.status === 'absent') throw new UnauthenticatedError(REFUSALS.absent);
    const status = apiKeyStatusAt(key, this.clock.now());
    if (status !== 'active') throw new UnauthenticatedError(REFUSALS[status]);
    return { subject: subjectOfKey(key.keyId), keyId: key.keyId, roles: key.roles, ...(key.employeeId !== undefined && { employeeId: key.employeeId }) };
  }

  /** The key a hash belongs to: remembered, or looked up and remembered when found. */
  private async keyIdOf(keyHash: string): Promise<string | undefined> {
    const remembered = this.keyIds.get(keyHash);
    if (remembered !== undefined) return remembered;
    const keyId = await this.lookUpKeyId(keyHash);
    if (keyId !== undefined) this.remember(keyHash, keyId);
    return keyId;
  }

  private remember(keyHash: string, keyId: string): void {
    this.keyIds.set(keyHash, keyId);
    if (this.keyIds.size > REMEMBERED_KEYS) this.keyIds.delete(this.keyIds.keys().next().value!);
  }

  /**
   * The checkpoint is read before the index is asked again, so that a key issued after the first look
   * is either in the index by then or in the log after the checkpoint.
   */
  private async lookUpKeyId(keyHash: string): Promise<string | undefined> {
    const indexed = await this.stores.reads.get<ApiKeyDocument>(API_KEYS, keyHash);
    if (indexed) return indexed.data.keyId;
    const checkpoint = await this.progress.committedCheckpoint(API_KEYS);
    const indexedMeanwhile = await this.stores.reads.get<ApiKeyDocument>(API_KEYS, keyHash);
    if (indexedMeanwhile) return indexedMeanwhile.data.keyId;
    for await (const event of this.stores.events.readAll({ after: checkpoint, filter: { types: ['ApiKeyIssued'] } })) {
      const issued = event.data as ApiKeyIssued['data'];
      if (issued.keyHash === keyHash) return issued.keyId;
    }
    return undefined;
  }
}
