import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppModule } from '../../apps/api/src/app.module.js';
import { APPLICATION_OPTIONS, configureApplication, createHttpAdapter } from '../../apps/api/src/platform/http-application.js';
import { loadConfig } from '#libs/config/src/index.js';
import { PersistenceOverridesModule } from '#libs/persistence/src/index.js';

export type Report = (measure: string, value: string, target: string) => void;

const CLIENTS = 32;
const WARM_UP_CASES = 2 * CLIENTS;
const ADMIN_KEY = 'ql_bench-bootstrap-admin-key-not-secret';

interface Outcome {
  readonly latencies: number[];
  failures: number;
  firstFailure?: string;
}

/**
 * Commands per second over HTTP: the api as `main.ts` builds it, listening on 127.0.0.1 with the
 * durable embedded store and its projections running inline, and 32 clients on keep-alive
 * connections, each opening a care case and resolving it (retention or refund) until `commands` are
 * done. Latency is per request, as the client sees it.
 */
export async function httpCommands(report: Report, commands: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'quality-ledger-bench-http-'));
  const config = loadConfig({ DATA_DIR: dir, DURABLE_COMMIT: 'true', LOG_LEVEL: 'silent', BOOTSTRAP_ADMIN_KEY: ADMIN_KEY });
  const app = await NestFactory.create<NestFastifyApplication>(
    { imports: [PersistenceOverridesModule.use({ config }), AppModule] },
    createHttpAdapter(config),
    APPLICATION_OPTIONS,
  );
  configureApplication(app);
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const agentKey = await issueKey(base);

    await run(base, agentKey, WARM_UP_CASES, 'warm-up');
    const started = performance.now();
    const outcome = await run(base, agentKey, Math.ceil(commands / 2), 'bench');
    const seconds = (performance.now() - started) / 1000;

    const done = outcome.latencies.length;
    const sorted = [...outcome.latencies].sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
    report(`HTTP commands, ${CLIENTS} clients, open + resolve (${done} commands, durable)`, `${Math.round(done / seconds)} commands/s`, 'none set');
    report('HTTP command latency', `p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`, 'none set');
    if (outcome.failures > 0) {
      report('HTTP commands that failed', `${outcome.failures} (first: ${outcome.firstFailure})`, '0');
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function issueKey(base: string): Promise<string> {
  const response = await fetch(`${base}/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench care desk', roles: ['care-agent'] }),
  });
  if (response.status !== 201) throw new Error(`issuing the bench's API key failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { key: string }).key;
}

/** `cases` cases shared out among the clients: each takes the next one until none is left. */
async function run(base: string, key: string, cases: number, label: string): Promise<Outcome> {
  const outcome: Outcome = { latencies: [], failures: 0 };
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const send = async (path: string, body: unknown) => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await response.text();
    outcome.latencies.push(performance.now() - started);
    if (response.status !== 201 && response.status !== 200) {
      outcome.failures += 1;
      outcome.firstFailure ??= `${response.status} ${text.slice(0, 200)}`;
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < cases) {
        const index = next++;
        const id = `${label}-${index}`;
        await send('/care-cases', { id, clientId: `client-${index % 5000}`, productId: 'course-copywriting', kind: 'refund-request' });
        const amount = { minor: 3_900_000, currency: 'RUB' };
        if (index % 5 < 3) {
          await send(`/care-cases/${id}/retention`, { method: 'discount', retained: amount });
        } else {
          await send(`/care-cases/${id}/refund`, { amount, full: true, reason: 'Asked for the money back' });
        }
      }
    }),
  );
  return outcome;
}
