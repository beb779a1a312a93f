import { setTimeout as sleep } from 'node:timers/promises';
import { startBenchApi } from './bench-api.js';
import { runLoad, summarise, type LoadGroup } from './load-client.js';
import type { Report } from './report.js';

const WRITERS = 6;
const READERS = 3;
const MEBIBYTE = 1024 * 1024;

/** The reads a council or an auditor makes: a year's weekly metric now and as known at the start, then pages of cases, audit and events. */
function readPaths(asOf: string): string[] {
  const year = new Date().getUTCFullYear();
  const metric = `/metrics/refund-retention?from=${year}-01-01&to=${year + 1}-01-01&groupBy=week`;
  return [metric, `${metric}&asOf=${encodeURIComponent(asOf)}`, '/care-cases?limit=50', '/audit?limit=50', '/events?limit=50'];
}

/**
 * A day at the office, compressed: 6 writers open a case and retain its client, 3 readers cycle
 * through metrics (with and without `asOf`), pages of cases, of the audit trail and of events, and one
 * consumer follows `/feed`, for `durationMs` against the api with its projections on their worker thread. The api's
 * RSS and V8 heap are read at the start, the middle and the end: they must stay flat.
 */
export async function mixedLoad(report: Report, durationMs: number): Promise<void> {
  const api = await startBenchApi('mixed');
  try {
    const [writerKey, readerKey, feedKey] = await Promise.all([
      api.issueKey('bench care desk', ['care-agent'], 'bench-agent'),
      api.issueKey('bench auditor', ['auditor']),
      api.issueKey('bench downstream', ['service']),
    ]);
    const common = { base: api.base, durationMs };
    const groups: LoadGroup[] = [
      { ...common, role: 'writer', key: writerKey, clients: WRITERS, prefix: 'mixed' },
      { ...common, role: 'reader', key: readerKey, clients: READERS, readPaths: readPaths(new Date().toISOString()) },
      { ...common, role: 'feed', key: feedKey, clients: 1 },
    ];
    // After a collection, when the bench runs with --expose-gc: what is still held, not what awaits collecting.
    const memory = () => {
      globalThis.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      return `${Math.round(rss / MEBIBYTE)} (heap ${Math.round(heapUsed / MEBIBYTE)})`;
    };
    const sampled = [memory()];
    const load = runLoad(groups);
    await sleep(durationMs / 2);
    sampled.push(memory());
    const outcomes = await load;
    sampled.push(memory());

    const label = `${Math.round(durationMs / 1000)} s`;
    const writes = summarise(outcomes, 'writer');
    const reads = summarise(outcomes, 'reader');
    report(`mixed load writes (${WRITERS} writers, ${label})`, `${writes.perSecond} /s, p50 ${writes.p50} ms, p99 ${writes.p99} ms`, '>= 1,000 /s');
    report(`mixed load reads (${READERS} readers, ${label})`, `${reads.perSecond} /s, p50 ${reads.p50} ms, p99 ${reads.p99} ms`, '>= 1,000 /s');
    report(`mixed load events through /feed (${label})`, String(summarise(outcomes, 'feed').events), 'none set');
    report(`mixed load api RSS at start / middle / end (${label})`, `${sampled.join(' / ')} MB`, 'flat');
    for (const [role, summary] of [['writes', writes], ['reads', reads]] as const) {
      if (summary.failures > 0) report(`mixed load ${role} that failed (${label})`, `${summary.failures} (first: ${summary.firstFailure})`, '0');
    }
  } finally {
    await api.close();
  }
}
