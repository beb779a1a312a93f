import { newId, type EventToAppend } from '#kernel';
import type { Auth } from './care-cases.js';
import { everyPage } from './pages.js';
import type { TestApp } from './test-app.js';

export type AuditQuery = Record<string, string | number | readonly string[]>;

export interface AuditEntryBody {
  position: string;
  eventId: string;
  type: string;
  streamId: string;
  category: string;
  entityId: string;
  revision: number;
  actor: { id: string; roles: string[] };
  occurredAt: string;
  recordedAt: string;
  why: string | null;
  correlationId: string;
  causationId: string | null;
  references: Record<string, string | string[]>;
  schemaVersion: number;
  data: Record<string, unknown>;
  redacted?: string[];
}

export interface AuditPageBody {
  items: AuditEntryBody[];
  nextCursor: string | null;
  asOf: { position: string | null };
}

/** A fixture event as a command of some context would append it, by `actor`, dated `occurredAt`. */
export function fixtureEvent(type: string, data: Record<string, unknown>, actor: string, occurredAt: string): EventToAppend {
  return {
    eventId: newId(),
    type,
    data,
    metadata: { occurredAt, actor: { id: actor, roles: ['care-agent'] }, correlationId: newId(), causationId: null, schemaVersion: 1 },
  };
}

export function readAudit(api: TestApp, auth: Auth, query: AuditQuery = {}) {
  return api.http().get('/audit').set(auth).query(query);
}

/** Every page of a filtered trail, following `nextCursor`, `limit` at a time. */
export async function auditPages(api: TestApp, auth: Auth, query: AuditQuery, limit: number): Promise<AuditPageBody[]> {
  const pages = await everyPage((cursor) => readAudit(api, auth, { ...query, limit, ...cursor }).expect(200));
  return pages.map((page) => page.body as AuditPageBody);
}

export function positionsOf(entries: readonly AuditEntryBody[]): string[] {
  return entries.map((entry) => entry.position);
}

export interface NdjsonExport {
  readonly status: number;
  readonly contentType: string | undefined;
  /** The body as the chunks it arrived in. */
  readonly chunks: number;
  readonly lines: AuditEntryBody[];
}

/** `GET /audit/export`, its body kept as the chunks it arrived in, then split into its JSON lines. */
export async function exportAudit(api: TestApp, auth: Auth, query: AuditQuery = {}): Promise<NdjsonExport> {
  const response = await api
    .http()
    .get('/audit/export')
    .set(auth)
    .query(query)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, chunks));
    });
  const chunks = response.body as Buffer[];
  const text = Buffer.concat(chunks).toString('utf8');
  const lines = response.status === 200 ? text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as AuditEntryBody) : [];
  return { status: response.status, contentType: response.headers['content-type'], chunks: chunks.length, lines };
}
