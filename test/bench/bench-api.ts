import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../apps/api/src/app.module.js';
import { APPLICATION_OPTIONS, configureApplication, createHttpAdapter } from '../../apps/api/src/platform/http-application.js';
import { loadConfig } from '#libs/config/src/index.js';
import { PersistenceOverridesModule } from '#libs/persistence/src/index.js';

const ADMIN_KEY = 'ql_bench-bootstrap-admin-key-not-secret';

export interface BenchApi {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  /** A new API key with these roles (and the employee it belongs to, for a role of a person): the secret to send as `Authorization: Bearer <key>`. */
  issueKey(name: string, roles: readonly string[], employeeId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The api as `main.ts` builds it, listening on 127.0.0.1 with the durable embedded store in a
 * temporary folder and its projections running inline.
 */
export async function startBenchApi(label: string): Promise<BenchApi> {
  const dir = mkdtempSync(join(tmpdir(), `quality-ledger-bench-${label}-`));
  // The limits stay on, at a height the bench never reaches: it measures the api, not its doorman.
  const config = loadConfig({
    DATA_DIR: dir,
    DURABLE_COMMIT: 'true',
    LOG_LEVEL: 'silent',
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    RATE_LIMIT_PER_MINUTE: '100000000',
    FEED_MAX_CONNECTIONS: '1000',
    FEED_MAX_CONNECTIONS_PER_KEY: '1000',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    { imports: [PersistenceOverridesModule.use({ config }), AppModule] },
    createHttpAdapter(config),
    APPLICATION_OPTIONS,
  );
  await configureApplication(app, config);
  const close = async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await close();
    throw error;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return { base, issueKey: (name, roles, employeeId) => issueKey(base, name, roles, employeeId), close };
}

async function issueKey(base: string, name: string, roles: readonly string[], employeeId: string | undefined): Promise<string> {
  const response = await fetch(`${base}/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, roles, employeeId }),
  });
  if (response.status !== 201) throw new Error(`issuing the bench's API key failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { key: string }).key;
}
