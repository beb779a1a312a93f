import { performance } from 'node:perf_hooks';
import { startBenchApi } from './bench-api.js';
import { quantile, type Report } from './report.js';

const CLIENTS = 32;
const WARM_UP_CASES = 2 * CLIENTS;

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
  const api = await startBenchApi('http');
  try {
    const agentKey = await api.issueKey('bench care desk', ['care-agent'], 'bench-agent');

    await run(api.base, agentKey, WARM_UP_CASES, 'warm-up');
    const started = performance.now();
    const outcome = await run(api.base, agentKey, Math.ceil(commands / 2), 'bench');
    const seconds = (performance.now() - started) / 1000;

    const done = outcome.latencies.length;
    const sorted = [...outcome.latencies].sort((a, b) => a - b);
    report(`HTTP commands, ${CLIENTS} clients, open + resolve (${done} commands, durable)`, `${Math.round(done / seconds)} commands/s`, 'none set');
    report('HTTP command latency', `p50 ${quantile(sorted, 0.5)} ms, p99 ${quantile(sorted, 0.99)} ms`, 'none set');
    if (outcome.failures > 0) {
      report('HTTP commands that failed', `${outcome.failures} (first: ${outcome.firstFailure})`, '0');
    }
  } finally {
    await api.close();
  }
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
