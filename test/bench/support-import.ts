import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isPersonRole } from '#domain/access/index.js';
import { startBenchApi } from './bench-api.js';
import type { Report } from './report.js';

const LINES_PER_TICKET = 6;
const LAG_POLL_MS = 10;
const FIRST_DAY = Date.parse('2026-01-05T08:00:00Z');
const MINUTE = 60_000;

/**
 * The helpdesk import over HTTP: one NDJSON file of `lines` lines, tickets of six (opened, assigned,
 * first response, resolved, closed, rated), eight a minute, 40 clients on 6 topics, posted to
 * `/support/imports` of the api with its projections on their worker thread and the durable embedded store. Lines per
 * second until the answer, and until the read models hold them all.
 */
export async function supportImport(report: Report, lines: number): Promise<void> {
  const api = await startBenchApi('support-import');
  try {
    const role = 'support-lead';
    const key = await api.issueKey('bench support lead', [role], isPersonRole(role) ? 'bench-lead' : undefined);
    const file = helpdeskFile(Math.floor(lines / LINES_PER_TICKET));
    const sent = file.split('\n').length;
    const started = performance.now();
    const response = await fetch(`${api.base}/support/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: file,
    });
    const answered = performance.now();
    const body = (await response.json()) as { accepted?: unknown[]; rejected?: unknown[] };
    if (response.status !== 200 || body.rejected?.length !== 0 || body.accepted?.length !== sent) {
      throw new Error(`the bench's helpdesk import was not taken whole: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
    }
    while ((await api.projectionLag()) > 0n) await sleep(LAG_POLL_MS);
    const caughtUp = performance.now();
    const perSecond = (until: number) => `${Math.round(sent / ((until - started) / 1000))} lines/s`;
    report(`helpdesk import over HTTP, one file of ${sent} lines, projections in the api (durable)`, perSecond(answered), 'none set');
    report('helpdesk import, until the read models hold it', perSecond(caughtUp), 'none set');
  } finally {
    await api.close();
  }
}

/** Tickets of six lines each, in the order a helpdesk writes them: by time. */
function helpdeskFile(tickets: number): string {
  const lines: { at: number; text: string }[] = [];
  const line = (externalId: string, event: string, at: number, fields: object) =>
    lines.push({ at, text: JSON.stringify({ externalId, event, occurredAt: new Date(at).toISOString(), ...fields }) });
  for (let ticket = 0; ticket < tickets; ticket++) {
    const externalId = `BENCH-${ticket}`;
    const opened = FIRST_DAY + Math.floor(ticket / 8) * MINUTE + (ticket % 8) * 7_000;
    const agent = `agent-${ticket % 12}`;
    line(externalId, 'opened', opened, { clientId: `client-${ticket % 40}`, channel: 'chat', topic: `Topic ${ticket % 6}` });
    line(externalId, 'assigned', opened + 20_000, { employeeId: agent, line: 1 });
    line(externalId, 'first-response', opened + 30_000 + (ticket % 5) * 30_000, { employeeId: agent });
    line(externalId, 'resolved', opened + 40 * MINUTE, { employeeId: agent });
    line(externalId, 'closed', opened + 50 * MINUTE, {});
    line(externalId, 'rated', opened + 55 * MINUTE, { score: 3 + (ticket % 3) });
  }
  return lines
    .sort((a, b) => a.at - b.at)
    .map(({ text }) => text)
    .join('\n');
}
