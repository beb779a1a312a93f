import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '#libs/config/src/index.js';
import { APP_CONFIG, STORES, type Stores } from '#libs/persistence/src/index.js';
import { API_KEYS, type ApiKeyDocument } from '#projections/access/api-keys.projection.js';
import { hashApiKey, sameHash } from './api-key-secret.js';
import { subjectOfKey, type Principal } from './principal.js';

export const BOOTSTRAP_ADMIN: Principal = { subject: 'apiKey:bootstrap', roles: ['admin'] };

/**
 * Finds the principal behind a secret: the bootstrap admin key from the configuration, or an issued
 * key from the `apiKeys` read model (one lookup by hash).
 *
 * Revocations made by this process are also remembered here, so that a revoked key stops working in
 * this process the moment the revocation is appended, even while the read model is still behind.
 * Other api processes learn it from the shared read model, as soon as it has processed the revocation;
 * the revoking request waits for that (bounded) before it answers.
 */
@Injectable()
export class ApiKeyDirectory {
  private readonly bootstrapKeyHash: string | undefined;
  private readonly revokedHere = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(STORES) private readonly stores: Stores,
  ) {
    this.bootstrapKeyHash = config.bootstrapAdminKey === undefined ? undefined : hashApiKey(config.bootstrapAdminKey);
  }

  /**
   * The lookup by hash is not constant-time, and needs not be: timing could at most reveal something
   * about a hash, and a SHA-256 hash gives nothing away about its secret.
   */
  async authenticate(secret: string): Promise<Principal | undefined> {
    const keyHash = hashApiKey(secret);
    if (this.bootstrapKeyHash !== undefined && sameHash(keyHash, this.bootstrapKeyHash)) return BOOTSTRAP_ADMIN;
    if (this.revokedHere.has(keyHash)) return undefined;
    const key = await this.stores.reads.get<ApiKeyDocument>(API_KEYS, keyHash);
    if (!key || key.data.revokedAt !== null) return undefined;
    const { keyId, roles, employeeId } = key.data;
    return { subject: subjectOfKey(keyId), roles, ...(employeeId !== null && { employeeId }) };
  }

  rememberRevoked(keyHash: string): void {
    this.revokedHere.add(keyHash);
  }
}
