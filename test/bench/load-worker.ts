import { Agent, request, get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { LatencyHistogram, type LoadGroup, type LoadOutcome } from './load-client.js';

/**
 * One group of load clients, in a process of its own (see `runLoad`): it receives its `LoadGroup`
 * from the parent, runs it, and sends back a `LoadOutcome`.
 */

interface Answer {
  readonly status: number;
  readonly body: string;
}

function send(agent: Agent, base: string, key: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const outgoing = request(`${base}${path}`, { method, agent, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

const AMOUNT = { minor: 3_900_000, currency: 'RUB' };

/** The requests of one case: open it, then retain the client or, with refunds on, refund 2 cases in 5. */
function caseRequests(group: LoadGroup, index: number): { path: string; body: unknown }[] {
  const id = `${group.prefix}-${index}`;
  const open = { path: '/care-cases', body: { id, clientId: `client-${index % 5000}`, productId: 'course-copywriting', kind: 'refund-request' } };
  const resolution =
    group.refunds && index % 5 >= 3
      ? { path: `/care-cases/${id}/refund`, body: { amount: AMOUNT, full: true, reason: 'Asked for the money back' } }
      : { path: `/care-cases/${id}/retention`, body: { method: 'discount', retained: AMOUNT } };
  return [open, resolution];
}

async function runClients(group: LoadGroup): Promise<LoadOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: group.clients });
  const histogram = new LatencyHistogram();
  const deadline = group.durationMs === undefined ? Infinity : performance.now() + group.durationMs;
  let failures = 0;
  let firstFailure: string | undefined;
  let nextCase = 0;
  let nextRead = 0;

  const timed = async (method: string, path: string, body?: unknown) => {
    const started = performance.now();
    const answer = await send(agent, group.base, group.key, method, path, body);
    histogram.record(performance.now() - started);
    if (answer.status >= 300) {
      failures += 1;
      firstFailure ??= `${method} ${path}: ${answer.status} ${answer.body.slice(0, 200)}`;
    }
  };
  const more = () => performance.now() < deadline && (group.cases === undefined || nextCase < group.cases);
  const client = async () => {
    while (more()) {
      if (group.role === 'writer') {
        for (const { path, body } of caseRequests(group, nextCase++)) await timed('POST', path, body);
      } else {
        const paths = group.readPaths ?? [];
        await timed('GET', paths[nextRead++ % paths.length]!);
      }
    }
  };

  const started = performance.timeOrigin + performance.now();
  await Promise.all(Array.from({ length: group.clients }, client));
  const ended = performance.timeOrigin + performance.now();
  agent.destroy();
  return { role: group.role, started, ended, histogram: histogram.entries(), failures, firstFailure, events: 0 };
}

/** Follows `GET /feed` until the group's time is up, counting the events it delivers. */
function followFeed(group: LoadGroup): Promise<LoadOutcome> {
  const started = performance.timeOrigin + performance.now();
  return new Promise((resolve, reject) => {
    let events = 0;
    const feed = get(`${group.base}/feed?category=careCase`, { headers: { authorization: `Bearer ${group.key}` } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`the feed answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let tail = '';
      response.on('data', (chunk: string) => {
        const frames = (tail + chunk).split('\n\n');
        tail = frames.pop()!;
        events += frames.filter((frame) => frame.includes('\ndata: ') || frame.startsWith('data: ')).length;
      });
    });
    feed.on('error', (error) => (feed.destroyed ? undefined : reject(error)));
    setTimeout(() => {
      feed.destroy();
      resolve({ role: 'feed', started, ended: performance.timeOrigin + performance.now(), histogram: [], failures: 0, events });
    }, group.durationMs ?? 0);
  });
}

process.once('message', (group: LoadGroup) => {
  (group.role === 'feed' ? followFeed(group) : runClients(group)).then(
    (outcome) => process.send!(outcome, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
