import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module.js';
import { OPERATOR_CONSOLE, type OperatorConsole } from '../../apps/api/src/auth/first-admin-key.service.js';
import {
  APPLICATION_OPTIONS,
  configureApplication,
  createHttpAdapter,
} from '../../apps/api/src/platform/http-application.js';
import { loadConfig, type AppConfig } from '#config';
import type { Clock } from '#kernel';
import { APP_CONFIG, CLOCK, EMBEDDED_STORE_FILE, PersistenceOverridesModule, STORES, type Stores } from '#persistence';
import { openTempServerStores, testServers, type TempServerStores } from './temp-stores.js';

const UNLIMITED = '100000000';

/** The admin key every test app accepts unless a test asks for a first start without one. */
export const TEST_ADMIN_KEY = 'ql_test-bootstrap-admin-key-for-e2e';

export interface TestAppOptions {
  /** Environment on top of the test defaults (silent logs, a temporary DATA_DIR, TEST_ADMIN_KEY, the servers). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Reuse a data folder, to restart on the same store: the stores of the apps started on it before.
   * A folder no app started on, that a test filled with an embedded store itself, is opened as it is.
   */
  readonly dataDir?: string;
  /** Extra controllers, for probing the platform with routes the product does not have. */
  readonly controllers?: readonly Type[];
  /** The app's clock instead of the system's, for a test that moves time (a `ManualClock`). */
  readonly clock?: Clock;
  /** The worker script that runs the projections with `PROJECTIONS=worker`; without one, they run on the main thread (the sources have no compiled worker). */
  readonly projectionWorker?: URL;
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

const servers = testServers();
/** The server stores of each data folder an app was started on, until the folder is destroyed. */
const serverStoresByDataDir = new Map<string, TempServerStores>();
let announced = false;

/**
 * With `EVENTSTORE_URL` / `MONGODB_URL` set, apps run on those servers, each data folder on stores
 * of its own there; otherwise (and for a folder a test filled with an embedded store) on the
 * embedded store in the folder, as fast as ever.
 */
function serverStoresOf(dataDir: string): TempServerStores | undefined {
  if (!servers.eventStoreUrl && !servers.mongodbUrl) return undefined;
  const known = serverStoresByDataDir.get(dataDir);
  if (known) return known;
  if (existsSync(join(dataDir, EMBEDDED_STORE_FILE))) return undefined;
  if (!announced) {
    announced = true;
    const on = [servers.eventStoreUrl && 'EventStoreDB (a stream namespace per app)', servers.mongodbUrl && 'MongoDB (a database per app)'];
    process.stdout.write(`e2e apps run on ${on.filter(Boolean).join(' and ')}, as EVENTSTORE_URL / MONGODB_URL ask\n`);
  }
  const fresh = openTempServerStores(servers);
  serverStoresByDataDir.set(dataDir, fresh);
  return fresh;
}

/** The api exactly as main.ts builds it (adapter, options, configuration), on a temporary store. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? newDataDir();
  const serverStores = serverStoresOf(dataDir);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DURABLE_COMMIT: 'false',
    BOOTSTRAP_ADMIN_KEY: TEST_ADMIN_KEY,
    // Tests send bursts no client would; a test of the limits sets its own.
    RATE_LIMIT_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_FAILED_AUTH_PER_MINUTE: UNLIMITED,
    ...serverStores?.env,
    ...options.env,
    DATA_DIR: dataDir,
  });
  const printed: string[] = [];
  const operator: OperatorConsole = { print: (line) => printed.push(line) };

  const overrides = PersistenceOverridesModule.use({ projectionWorker: options.projectionWorker });
  const testingModule = Test.createTestingModule({ imports: [overrides, AppModule], controllers: [...(options.controllers ?? [])] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(OPERATOR_CONSOLE)
    .useValue(operator);
  if (options.clock) testingModule.overrideProvider(CLOCK).useValue(options.clock);
  const moduleRef = await testingModule.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), APPLICATION_OPTIONS);
  await configureApplication(app, config);
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
      serverStoresByDataDir.delete(dataDir);
      await serverStores?.drop();
    },
  };
}

export function bearer(key: string): { Authorization: string } {
  return { Authorization: `Bearer ${key}` };
}

export const asAdmin = bearer(TEST_ADMIN_KEY);
