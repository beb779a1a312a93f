import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Database from 'better-sqlite3';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../apps/api/src/app.module.js';
import { APPLICATION_OPTIONS, configureApplication, createHttpAdapter } from '../../apps/api/src/platform/http-application.js';
import { ProjectionProgress } from '../../apps/api/src/platform/projection-progress.service.js';
import { loadConfig, type ProjectionsMode } from '#config';
import { EMBEDDED_STORE_FILE, PersistenceOverridesModule } from '#persistence';

const ADMIN_KEY = 'ql_bench-bootstrap-admin-key-not-secret';

export interface BenchApi {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  /** A new API key with these roles (and the employee it belongs to, for a role of a person): the secret to send as `Authorization: Bearer <key>`. */
  issueKey(name: string, roles: readonly string[], employeeId?: string): Promise<string>;
  /** The most positions any projection or process manager is behind the head of the log. */
  projectionLag(): Promise<bigint>;
  /** The bytes the read models fill per byte the event log fills (its `events` table and indexes, without the ledger beside it). */
  readStoreRatio(): number;
  /** Starts `apps/projector` on the api's store, for an api started with projections `off`. */
  startProjector(): Promise<ChildProcess>;
  close(): Promise<void>;
}

/**
 * The api as `main.ts` builds it, listening on 127.0.0.1 with the durable embedded store in a
 * temporary folder, its projections where `projections` says: by default on its worker thread.
 */
export async function startBenchApi(label: string, projections: ProjectionsMode = 'worker'): Promise<BenchApi> {
  const dir = mkdtempSync(join(tmpdir(), `quality-ledger-bench-${label}-`));
  const environment = { DATA_DIR: dir, DURABLE_COMMIT: 'true', LOG_LEVEL: 'silent', PROJECTIONS: projections };
  // The limits stay on, at a height the bench never reaches: it measures the api, not its doorman.
  const config = loadConfig({
    ...environment,
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
  const projectors: ChildProcess[] = [];
  const close = async () => {
    for (const projector of projectors) projector.kill();
    await Promise.all(projectors.map((projector) => projector.exitCode === null && once(projector, 'exit')));
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
  const progress = app.get(ProjectionProgress);
  return {
    base,
    issueKey: (name, roles, employeeId) => issueKey(base, name, roles, employeeId),
    projectionLag: async () => {
      const entries = [...(await progress.snapshot()), ...(await progress.processManagers())];
      return entries.reduce((most, entry) => (entry.lag > most ? entry.lag : most), 0n);
    },
    readStoreRatio: () => {
      const bytes = tableBytes(join(dir, EMBEDDED_STORE_FILE));
      const ofReadModels = [...bytes].reduce((sum, [table, size]) => (table.startsWith(READ_MODEL_TABLES) ? sum + size : sum), 0);
      return ofReadModels / (bytes.get('events') ?? 0);
    },
    startProjector: async () => {
      const projector = fork(new URL('../../apps/projector/src/main.js', import.meta.url), {
        env: { ...process.env, ...environment },
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      });
      projectors.push(projector);
      // Its first line says it runs; what it writes after is read and dropped, so that a full pipe never blocks it.
      const [line] = (await Promise.race([once(projector.stdout!, 'data'), once(projector, 'exit')])) as [Buffer | number];
      if (!Buffer.isBuffer(line)) throw new Error(`the projector exited with ${line}`);
      projector.stdout!.resume();
      return projector;
    },
    close,
  };
}

/** The embedded read store's tables share the file with the log; theirs start with this. */
const READ_MODEL_TABLES = 'rm_';

/** The bytes each table of a database file fills, with its indexes. */
function tableBytes(file: string): Map<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare<[], { table: string; bytes: number }>('SELECT m.tbl_name AS "table", SUM(d.pgsize) AS bytes FROM dbstat d JOIN sqlite_master m ON m.name = d.name GROUP BY m.tbl_name')
      .all();
    return new Map(rows.map((row) => [row.table, row.bytes]));
  } finally {
    db.close();
  }
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
