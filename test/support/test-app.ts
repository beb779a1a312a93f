import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module.js';
import { OPERATOR_CONSOLE, type OperatorConsole } from '../../apps/api/src/auth/first-admin-key.js';
import {
  APPLICATION_OPTIONS,
  configureApplication,
  createHttpAdapter,
} from '../../apps/api/src/platform/http-application.js';
import { loadConfig, type AppConfig } from '#libs/config/src/index.js';
import { APP_CONFIG, STORES, type Stores } from '#libs/persistence/src/index.js';

/** The admin key every test app accepts unless a test asks for a first start without one. */
export const TEST_ADMIN_KEY = 'ql_test-bootstrap-admin-key-for-e2e';

export interface TestAppOptions {
  /** Environment on top of the test defaults (silent logs, a temporary DATA_DIR, TEST_ADMIN_KEY). */
  readonly env?: NodeJS.ProcessEnv;
  /** Reuse a data folder, to restart on the same store. */
  readonly dataDir?: string;
  /** Extra controllers, for probing the platform with routes the product does not have. */
  readonly controllers?: readonly Type[];
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  readonly dataDir: string;
  readonly stores: Stores;
  /** What the app printed to the operator's console (stdout in production). */
  readonly printed: readonly string[];
  http(): ReturnType<typeof request>;
  /** Closes the app; the data folder stays, for a restart. */
  close(): Promise<void>;
  /** Closes the app and removes the data folder. */
  destroy(): Promise<void>;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'quality-ledger-e2e-'));
}

/** The api exactly as main.ts builds it (adapter, options, configuration), on a temporary store. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? newDataDir();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DURABLE_COMMIT: 'false',
    BOOTSTRAP_ADMIN_KEY: TEST_ADMIN_KEY,
    ...options.env,
    DATA_DIR: dataDir,
  });
  const printed: string[] = [];
  const operator: OperatorConsole = { print: (line) => printed.push(line) };

  const moduleRef = await Test.createTestingModule({ imports: [AppModule], controllers: [...(options.controllers ?? [])] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(OPERATOR_CONSOLE)
    .useValue(operator)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), APPLICATION_OPTIONS);
  configureApplication(app);
  try {
    await app.init();
  } catch (error) {
    await app.close();
    throw error;
  }
  await app.getHttpAdapter().getInstance().ready();

  const close = () => app.close();
  return {
    app,
    config,
    dataDir,
    stores: app.get<Stores>(STORES),
    printed,
    http: () => request(app.getHttpServer()),
    close,
    async destroy() {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function bearer(key: string): { Authorization: string } {
  return { Authorization: `Bearer ${key}` };
}

export const asAdmin = bearer(TEST_ADMIN_KEY);
