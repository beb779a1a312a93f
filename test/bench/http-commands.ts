import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBenchApi, type BenchApi } from './bench-api.js';
import { runLoad, summarise, type LoadGroup } from './load-client.js';
import type { ProjectionsMode } from '#config';
import type { Report } from './report.js';

const CLIENTS = 32;
/** Client processes: the clients are shared out among them. */
const LOAD_GROUPS = 2;
/**
 * Cases opened and resolved before the measure: until V8 has optimised the command path, a command
 * costs about 1.7 times the CPU. After 64 cases, 3,000 measured commands ran at 896–929 /s and
 * 1,361–1,427 µs of CPU each; after 1,000 cases, at 1,321–1,475 /s and 728–827 µs.
 */
const WARM_UP_CASES = 1_000;
const LAG_POLL_MS = 10;

interface Setting {
  readonly label: string;
  readonly projections: ProjectionsMode;
  readonly throughputTarget: string;
  readonly latencyTarget: string;
}

const IN_PROCESS = { throughputTarget: '>= 4,000 commands/s', latencyTarget: 'p99 <= 25 ms' };
/** The api's default first; the main thread beside it shows what the worker thread wins. */
const SETTINGS: readonly Setting[] = [
  { label: 'projections in the api, on a worker thread', projections: 'worker', ...IN_PROCESS },
  { label: 'projections in the api, on its main thread', projections: 'inline', ...IN_PROCESS },
  { label: 'projections in apps/projector', projections: 'off', throughputTarget: '>= 8,000 commands/s', latencyTarget: 'none set' },
];

/**
 * Commands per second over HTTP: the api as `main.ts` builds it, listening on 127.0.0.1 with the
 * durable embedded store, and 32 clients on keep-alive connections in processes of their own, each
 * opening a care case and resolving it (retention or refund) until `commands` are done. Latency is
 * per request, as the client sees it; the api's CPU time per command is measured in its process, its
 * threads together. Once per place the projections can run: on the api's worker thread (the default),
 * on its main thread, and with `PROJECTIONS=off` in `apps/projector` on the same store. How long they
 * take to catch up after the load is timed as well.
 */
export async function httpCommands(report: Report, commands: number): Promise<void> {
  for (const setting of SETTINGS) {
    const api = await startBenchApi(`http-${setting.projections}`, setting.projections);
    try {
      if (setting.projections === 'off') await api.startProjector();
      await measureCommands(report, api, commands, setting);
      report(`projection catch-up after the load, ${setting.label}`, `${await caughtUp(api)} ms`, 'none set');
      if (setting.projections === 'worker') {
        report('read store bytes per byte of event log (every read model, after the commands)', api.readStoreRatio().toFixed(1), '<= 4');
      }
    } finally {
      await api.close();
    }
  }
}

/** Milliseconds until every projection and process manager has reached the head of the log. */
async function caughtUp(api: BenchApi): Promise<number> {
  const started = performance.now();
  while ((await api.projectionLag()) > 0n) await sleep(LAG_POLL_MS);
  return Math.round(performance.now() - started);
}

async function measureCommands(report: Report, api: BenchApi, commands: number, { label, throughputTarget, latencyTarget }: Setting): Promise<void> {
  const key = await api.issueKey('bench care desk', ['care-agent'], 'bench-agent');
  const groups = (prefix: string, cases: number): LoadGroup[] =>
    Array.from({ length: LOAD_GROUPS }, () => ({
      role: 'writer' as const,
      base: api.base,
      key,
      prefix,
      clients: CLIENTS / LOAD_GROUPS,
      cases: Math.ceil(cases / LOAD_GROUPS),
      refunds: true,
    }));
  await runLoad(groups('warm-up', WARM_UP_CASES));
  // The api's own CPU time per command: unlike the rate, it hardly depends on what else the machine runs.
  const cpuBefore = process.cpuUsage();
  const load = summarise(await runLoad(groups('bench', Math.ceil(commands / 2))), 'writer');
  const cpu = process.cpuUsage(cpuBefore);
  report(`HTTP commands, ${CLIENTS} clients, open + resolve, ${label} (${load.requests} commands, durable)`, `${load.perSecond} commands/s`, throughputTarget);
  report(`HTTP command latency, ${label}`, `p50 ${load.p50} ms, p99 ${load.p99} ms`, latencyTarget);
  report(`api CPU per HTTP command, ${label}`, `${Math.round((cpu.user + cpu.system) / load.requests)} µs`, 'none set');
  if (load.failures > 0) report(`HTTP commands that failed, ${label}`, `${load.failures} (first: ${load.firstFailure})`, '0');
}
