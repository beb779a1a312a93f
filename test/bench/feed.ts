import { get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startBenchApi } from './bench-api.js';
import { runLoad, summarise } from './load-client.js';
import { quantile, type Report } from './report.js';

const CONSUMERS = 200;
const WRITERS = 16;
const RSS_SAMPLE_MS = 50;
const MEBIBYTE = 1024 * 1024;

/** One downstream service following the care cases. */
interface Consumer {
  /** Milliseconds from each event's recordedAt to its arrival here. */
  readonly lags: number[];
  /** Resolves once `count` events arrived. */
  until(count: number): Promise<void>;
  close(): void;
}

/**
 * Delivery through `GET /feed`: 200 consumers follow the care cases while 16 writers, in a process
 * of their own, send `commands` commands over HTTP on the durable store (each case opened, then its
 * client retained: one event each). Lag runs from an event's `recordedAt` (the server clock, on this
 * machine) to its frame's arrival at a consumer. Consumers and api share this process, so the RSS
 * growth (its peak during the run over the RSS before the consumers connected) bounds the api's own.
 */
export async function feedConsumers(report: Report, commands: number): Promise<void> {
  const api = await startBenchApi('feed');
  const consumers: Consumer[] = [];
  try {
    const [serviceKey, agentKey] = await Promise.all([
      api.issueKey('bench downstream', ['service']),
      api.issueKey('bench care desk', ['care-agent'], 'bench-agent'),
    ]);
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), RSS_SAMPLE_MS);

    consumers.push(...(await Promise.all(Array.from({ length: CONSUMERS }, () => follow(api.base, serviceKey)))));
    const started = performance.now();
    const writes = summarise(await runLoad([{ role: 'writer', base: api.base, key: agentKey, clients: WRITERS, prefix: 'feed', cases: Math.ceil(commands / 2) }]), 'writer');
    const accepted = writes.requests - writes.failures;
    await Promise.all(consumers.map((consumer) => consumer.until(accepted)));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);

    const lags = consumers.flatMap((consumer) => consumer.lags).sort((a, b) => a - b);
    const label = `${CONSUMERS} consumers, ${accepted} commands`;
    report(`feed delivery lag (${label})`, `p50 ${quantile(lags, 0.5)} ms, p99 ${quantile(lags, 0.99)} ms`, 'none set');
    report(`feed events delivered (${label})`, `${Math.round(lags.length / seconds)} events/s`, 'none set');
    report(`feed RSS growth (${label})`, `${Math.round((rssPeak - rssBefore) / MEBIBYTE)} MB`, 'bounded: not growing with commands');
    if (writes.failures > 0) report('feed bench commands that failed', `${writes.failures} (first: ${writes.firstFailure})`, '0');
  } finally {
    for (const consumer of consumers) consumer.close();
    await api.close();
  }
}

/** Opens a feed connection and counts the frames as they come, reading each one's `recordedAt`. */
function follow(base: string, key: string): Promise<Consumer> {
  const lags: number[] = [];
  const waiting = new Set<() => void>();
  let buffer = '';
  return new Promise((resolve, reject) => {
    const request = get(`${base}/feed?category=careCase`, { headers: { authorization: `Bearer ${key}` } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`the feed answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (data === undefined) continue;
          const { metadata } = JSON.parse(data.slice('data: '.length)) as { metadata: { recordedAt: string } };
          lags.push(Date.now() - Date.parse(metadata.recordedAt));
        }
        for (const check of [...waiting]) check();
      });
      resolve({
        lags,
        until: (count) =>
          new Promise((done) => {
            const check = () => {
              if (lags.length < count) return;
              waiting.delete(check);
              done();
            };
            waiting.add(check);
            check();
          }),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
