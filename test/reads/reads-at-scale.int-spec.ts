import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId, ProjectionRunner, type EventToAppend, type Position, type ReadStore } from '#kernel';
import type { Stores } from '#persistence';
import { openDatabase, SqliteEventStore, SqliteReadStore, type SqliteDatabase } from '#stores/sqlite';
import { auditTrail } from '#projections/audit/index.js';
import { catalogueDocumentId, organisation, type EmployeeDocument } from '#projections/organisation/organisation.projection.js';
import { AuditTrailQueries } from '../../apps/api/src/audit/audit-trail-queries.service.js';
import type { AuditPageQuery } from '../../apps/api/src/audit/audit.dto.js';
import type { ResolvedAsOf } from '../../apps/api/src/platform/as-of.js';
import { readPage, type PagedList } from '../../apps/api/src/platform/keyset-pages.js';

/*
 * List pages, audit pages, audit export batches and reads as of a past position, on logs of 20,000
 * and 200,000 events: each read the api makes of the documents is an index search, never a scan nor
 * a sort, and visits exactly as many rows on the larger log as on the smaller one. Rows are counted,
 * not timed: the read store runs on a connection of this test's. There, each statement on the
 * documents has a condition put first in its WHERE, `visited(id)`, always true, which counts the rows
 * the search reaches, those the other conditions then refuse included; and its plan is read with
 * EXPLAIN QUERY PLAN.
 *
 * The logs are built in bulk through the stores: employees are hired in the first half of the log and
 * moved (or, one in seven, let go) in the second, a thousand events per append; the runners then
 * build the organisation catalogue and the audit trail. Every pattern in the data (ten hires a
 * minute, twenty sections, five actors) repeats with a period that divides the points the reads
 * start from, so both logs look the same from there.
 */

const SMALL_LOG = 20_000;
const LARGE_LOG = 200_000;
const SECTIONS = 20;
const ACTORS = 5;
const HIRES_PER_MINUTE = 10;
const EVENTS_PER_APPEND = 1_000;
const PAGE = 50;
const EXPORT_LINES = 1_500;
/** The period of the employees' data: ten hires a minute, twenty sections, one in seven let go. */
const PERIOD = 140;

interface Statement {
  readonly sql: string;
  readonly plan: readonly string[];
  readonly visited: number;
}

interface Measured {
  readonly statements: readonly Statement[];
  readonly visited: number;
}

type Read = (log: BuiltLog) => Promise<() => Promise<unknown>>;

interface BuiltLog {
  readonly reads: ReadStore;
  readonly trail: AuditTrailQueries;
  readonly employees: number;
  /** The last position: what a read without `asOf` is pinned to. */
  readonly head: Position;
  /** The last hire, before any move: a past moment, which reads the versions. */
  readonly lastHire: Position;
  measure(read: () => Promise<unknown>): Promise<Measured>;
  close(): Promise<void>;
}

const employeeId = (index: number) => `e${String(index).padStart(7, '0')}`;
const minute = (index: number) => new Date(Date.UTC(2020, 0, 1) + Math.floor(index / HIRES_PER_MINUTE) * 60_000).toISOString();

function employeeEvent(index: number, employees: number): EventToAppend {
  const actor = { id: `actor-${index % ACTORS}`, roles: ['hr'] };
  const metadata = { actor, correlationId: newId(), causationId: null, schemaVersion: 1 };
  if (index < employees) {
    const data = { employeeId: employeeId(index), name: `Employee ${index}`, positionId: 'p1', sectionId: `s${index % SECTIONS}`, hiredAt: minute(index) };
    return { eventId: newId(), type: 'EmployeeHired', data, metadata: { ...metadata, occurredAt: data.hiredAt } };
  }
  const employee = index - employees;
  const at = minute(employees + employee);
  if (employee % 7 === 0) {
    return { eventId: newId(), type: 'EmployeeLeft', data: { employeeId: employeeId(employee), leftAt: at }, metadata: { ...metadata, occurredAt: at } };
  }
  const data = {
    employeeId: employeeId(employee),
    positionId: 'p2',
    sectionId: `s${(employee + 1) % SECTIONS}`,
    previousPositionId: 'p1',
    previousSectionId: `s${employee % SECTIONS}`,
    movedAt: at,
  };
  return { eventId: newId(), type: 'EmployeeMoved', data, metadata: { ...metadata, occurredAt: at } };
}

async function buildLog(size: number): Promise<BuiltLog> {
  const dir = mkdtempSync(join(tmpdir(), 'reads-at-scale-'));
  const file = join(dir, 'store.sqlite');
  const events = SqliteEventStore.open({ file, durable: false });
  const writes = SqliteReadStore.open({ file, durable: false });
  const employees = size / 2;
  let lastHire: Position = 0n;
  for (let first = 0; first < size; first += EVENTS_PER_APPEND) {
    const batch = Array.from({ length: EVENTS_PER_APPEND }, (_, offset) => employeeEvent(first + offset, employees));
    const appended = await events.append(`employee-b${first / EVENTS_PER_APPEND}`, batch, 'no_stream');
    if (first + EVENTS_PER_APPEND === employees) lastHire = appended.position;
  }
  for (const projection of [organisation, auditTrail]) {
    await new ProjectionRunner({ projection, events, reads: writes, batchSize: 5_000, retryDelayMs: 10 }).rebuild();
  }
  await writes.close();
  const head = (await events.headPosition())!;

  const counted = countingConnection(file);
  const reads = new SqliteReadStore(counted.db);
  const trail = new AuditTrailQueries({ events, reads } as unknown as Stores);
  return {
    reads,
    trail,
    employees,
    head,
    lastHire,
    measure: counted.measure,
    async close() {
      await reads.close();
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A connection whose reads of the documents count the rows they visit and keep their plans. */
function countingConnection(file: string): { db: SqliteDatabase; measure: BuiltLog['measure'] } {
  const db = openDatabase(file, { durable: false });
  let visited = 0;
  let statements: Statement[] | undefined;
  db.function('visited', { deterministic: false }, (_id: unknown) => {
    visited += 1;
    return 1;
  });
  const prepare = db.prepare.bind(db);
  const documentRead = /\bFROM (rm_documents|rm_document_history)( INDEXED BY "[^"]+")?\s+WHERE\s/;
  db.prepare = ((sql: string) => {
    if (!sql.startsWith('SELECT') || !documentRead.test(sql)) return prepare(sql);
    const counting = prepare(sql.replace(documentRead, 'FROM $1$2 WHERE visited(id) AND '));
    return observed(counting, (params, run) => {
      const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((row) => (row as { detail: string }).detail);
      const before = visited;
      const result = run();
      statements?.push({ sql, plan, visited: visited - before });
      return result;
    });
  }) as typeof db.prepare;
  return {
    db,
    async measure(read) {
      statements = [];
      const kept = statements;
      await read();
      statements = undefined;
      return { statements: kept, visited: kept.reduce((sum, statement) => sum + statement.visited, 0) };
    },
  };
}

/**
 * The statement, with its runs observed. Its builder methods return it, so they return the proxy,
 * and the store keeps the proxy.
 */
function observed<S extends object>(statement: S, onRun: (params: unknown[], run: () => unknown) => unknown): S {
  const proxy: S = new Proxy(statement, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const run = () => (value as (...a: unknown[]) => unknown).apply(target, args);
        const result = property === 'all' || property === 'get' ? onRun(args, run) : run();
        return result === target ? proxy : result;
      };
    },
  });
  return proxy;
}

const now = (log: BuiltLog): ResolvedAsOf => ({ position: log.head });
const pastMoment = (log: BuiltLog): ResolvedAsOf => ({ position: log.lastHire });

function employees(moment: ResolvedAsOf, filter: PagedList['filter'] = {}): PagedList {
  return { projection: organisation.name, filter: { entity: 'employee', ...filter }, orderBy: 'since', moment };
}

/** A page of the list from its `index`th item on, with the cursor the page before would give: found by reading up to there at once. */
async function pageInTheMiddle(log: BuiltLog, list: PagedList, index: number): Promise<() => Promise<unknown>> {
  const { nextCursor } = await readPage<EmployeeDocument>(log.reads, list, { limit: index });
  return () => readPage(log.reads, list, { cursor: nextCursor!, limit: PAGE });
}

/** The first employee of the second half of the hires, rounded down to the data's period. */
const middle = (log: BuiltLog) => Math.floor(log.employees / 2 / PERIOD) * PERIOD;

/** The first `count` lines of an export, as a consumer would read them before hanging up. */
async function exportHead(log: BuiltLog, query: AuditPageQuery, count: number): Promise<number> {
  let lines = 0;
  for await (const _line of log.trail.exportLines(query, now(log))) {
    lines += 1;
    if (lines === count) break;
  }
  return lines;
}

/** Each read, made ready on a log (a cursor found, say) and then measured. */
const READS: readonly (readonly [string, Read])[] = [
  ['employees, the first page', async (log) => () => readPage(log.reads, employees(now(log)), { limit: PAGE })],
  ['employees, a page in the middle', (log) => pageInTheMiddle(log, employees(now(log)), middle(log))],
  ['employees of one section, a page in the middle', (log) => pageInTheMiddle(log, employees(now(log), { sectionId: 's3' }), middle(log) / SECTIONS)],
  ['employees still employed, a page in the middle', (log) => pageInTheMiddle(log, employees(now(log), { status: 'employed' }), (middle(log) / 7) * 6)],
  ['employees as of a past position, the first page', async (log) => () => readPage(log.reads, employees(pastMoment(log)), { limit: PAGE })],
  ['employees as of a past position, a page in the middle', (log) => pageInTheMiddle(log, employees(pastMoment(log)), middle(log))],
  [
    'one employee as of a past position',
    async (log) => () => log.reads.get(organisation.name, catalogueDocumentId('employee', employeeId(middle(log))), { asOf: log.lastHire }),
  ],
  ['audit, newest first, the first page', async (log) => () => log.trail.page({ limit: PAGE }, now(log))],
  ['audit, newest first, a page in the middle', async (log) => () => log.trail.page({ cursor: String(log.lastHire), limit: PAGE }, now(log))],
  ['audit, oldest first, a page in the middle', async (log) => () => log.trail.page({ order: 'oldest', cursor: String(log.lastHire), limit: PAGE }, now(log))],
  ['audit of one actor, a page in the middle', async (log) => () => log.trail.page({ actor: 'actor-2', cursor: String(log.lastHire), limit: PAGE }, now(log))],
  ['audit of one stream, the first page', async (log) => () => log.trail.page({ stream: 'employee-b3', limit: PAGE }, now(log))],
  ['audit export, oldest first, three batches', async (log) => () => exportHead(log, { order: 'oldest' }, EXPORT_LINES)],
  ['audit export, newest first, three batches', async (log) => () => exportHead(log, {}, EXPORT_LINES)],
];

describe(`reads on a log of ${SMALL_LOG} and of ${LARGE_LOG} events`, () => {
  const measured = new Map<string, Measured[]>();
  const logs: BuiltLog[] = [];

  beforeAll(async () => {
    for (const size of [SMALL_LOG, LARGE_LOG]) {
      const log = await buildLog(size);
      logs.push(log);
      for (const [name, ready] of READS) {
        const read = await ready(log);
        measured.set(name, [...(measured.get(name) ?? []), await log.measure(read)]);
      }
    }
  }, 300_000);

  afterAll(async () => {
    for (const log of logs) await log.close();
  });

  it.each(READS.map(([name]) => [name]))('%s: index searches only, no scan and no sort', (name) => {
    const [small, large] = measured.get(name)!;
    for (const { statements } of [small, large]) {
      expect(statements.length).toBeGreaterThan(0);
      for (const { plan, sql } of statements) {
        const onDocuments = plan.filter((detail) => /\b(rm_documents|rm_document_history)\b/.test(detail));
        expect({ sql, plan: onDocuments }).toEqual({ sql, plan: onDocuments.map(() => expect.stringMatching(/^SEARCH (rm_documents|rm_document_history) USING (COVERING )?(INDEX|PRIMARY KEY)/)) });
        expect({ sql, plan }).toEqual({ sql, plan: expect.not.arrayContaining([expect.stringMatching(/TEMP B-TREE/)]) });
      }
    }
  });

  it.each(READS.map(([name]) => [name]))('%s: as many rows visited on ten times the log', (name) => {
    const [small, large] = measured.get(name)!;

    expect(large.visited).toBe(small.visited);
    expect(large.statements.map(({ visited }) => visited)).toEqual(small.statements.map(({ visited }) => visited));
  });

  it('reads as many rows as a page holds, give or take the documents a filter or a past moment passes over', () => {
    const visited = Object.fromEntries([...measured].map(([name, [, large]]) => [name, large.visited]));

    expect(visited['employees, a page in the middle']).toBe(PAGE + 1);
    expect(visited['employees of one section, a page in the middle']).toBe(PAGE + 1);
    expect(visited['audit, oldest first, a page in the middle']).toBe(PAGE + 1);
    expect(visited['audit of one actor, a page in the middle']).toBe(PAGE + 1);
    expect(visited['audit export, oldest first, three batches']).toBe(EXPORT_LINES);
    for (const count of Object.values(visited)) expect(count).toBeLessThan(4 * EXPORT_LINES);
  });
});
