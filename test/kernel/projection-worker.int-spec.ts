import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Logger } from '@nestjs/common';
import { loadConfig, type AppConfig } from '#config';
import { streamId, type EventToAppend, type Position } from '#kernel';
import { SUPPORT_TICKET_CATEGORY } from '#domain/support/index.js';
import { openStores, startProjectionWorker, type Stores } from '#persistence';
import { AUDIT_TRAIL } from '#projections/audit/index.js';
import { supportTickets } from '#projections/support/support-tickets.projection.js';

/** The worker as `npm run build` compiles it (`npm test` builds first): threads run compiled code, not the sources. */
const COMPILED_WORKER = pathToFileURL(join(process.cwd(), 'dist/libs/persistence/src/projection.worker.js'));
const WAIT_MS = 60_000;

const describeCompiled = existsSync(COMPILED_WORKER) ? describe : describe.skip;
if (!existsSync(COMPILED_WORKER)) process.stdout.write('projections on a worker thread skipped: run npm run build first (npm test does)\n');

function ticketOpened(n: number): EventToAppend {
  const openedAt = new Date(Date.UTC(2026, 2, 2, 9, n)).toISOString();
  return {
    eventId: randomUUID(),
    type: 'SupportTicketOpened',
    data: { ticketId: `ticket-${n}`, clientId: `client-${n}`, channel: 'chat', topic: 'login', openedAt },
    metadata: { occurredAt: openedAt, actor: { id: 'tester', roles: [] }, correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
  };
}

async function openTickets(stores: Stores, from: number, to: number): Promise<Position> {
  for (let n = from; n < to; n++) await stores.events.append(streamId(SUPPORT_TICKET_CATEGORY, `ticket-${n}`), [ticketOpened(n)]);
  return (await stores.events.headPosition())!;
}

/** Resolves once the projections' stored checkpoints reach `position`: what a thread that does not host them can see. */
async function storedCheckpointsReach(stores: Stores, position: Position, projections: readonly string[]): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const checkpoints = await Promise.all(projections.map(async (name) => (await stores.reads.generations(name)).find((g) => g.status === 'active')?.checkpoint));
    if (checkpoints.every((checkpoint) => checkpoint !== undefined && checkpoint >= position)) return;
    if (Date.now() > deadline) throw new Error(`the projections did not reach ${position}: ${checkpoints.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeCompiled('projections on a worker thread', () => {
  let dataDir: string;
  let config: AppConfig;
  let stores: Stores;

  // The worker's lease lines come here; only errors are worth printing.
  beforeAll(() => Logger.overrideLogger(['error']));

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ql-projection-worker-'));
    config = { ...loadConfig({ DATA_DIR: dataDir }), durable: false };
    stores = await openStores(config);
  });

  afterEach(async () => {
    await stores.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('projects the log on its own connections, follows what this thread appends after it started, and stops cleanly', async () => {
    const before = await openTickets(stores, 0, 40);
    const worker = (await startProjectionWorker({ config }, COMPILED_WORKER))!;
    try {
      await storedCheckpointsReach(stores, before, [supportTickets.name, AUDIT_TRAIL]);
      expect(await stores.reads.count(supportTickets.name)).toBe(40);

      const after = await openTickets(stores, 40, 65);
      await storedCheckpointsReach(stores, after, [supportTickets.name, AUDIT_TRAIL]);
      expect(await stores.reads.count(supportTickets.name)).toBe(65);
      expect(await stores.reads.count(AUDIT_TRAIL)).toBe(65);
    } finally {
      await worker.stop();
    }
    // Stopped, it projects no more: what is appended now stays beyond its checkpoints.
    const head = await openTickets(stores, 65, 66);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await stores.reads.generations(supportTickets.name)).find((g) => g.status === 'active')?.checkpoint).toBeLessThan(head);
  });

  it('answers how far its runners are: waits for a position, gives up after the bound, refuses an unknown name, and reports their health', async () => {
    const head = await openTickets(stores, 0, 10);
    const worker = (await startProjectionWorker({ config }, COMPILED_WORKER))!;
    try {
      await expect(worker.waitFor(head, undefined, WAIT_MS)).resolves.toBe(true);
      await expect(worker.waitFor(head, [supportTickets.name], WAIT_MS)).resolves.toBe(true);
      await expect(worker.waitFor(head + 1_000n, [supportTickets.name], 50)).resolves.toBe(false);
      await expect(worker.waitFor(head, ['noSuchProjection'], 50)).rejects.toThrow('no projection is named noSuchProjection');
      const health = await worker.health();
      expect(health).toContainEqual(expect.objectContaining({ name: supportTickets.name, state: 'live', checkpoint: head, lag: 0n }));
    } finally {
      await worker.stop();
    }
  });

  it("hears this thread's commits at once, not at its next poll of the log", async () => {
    const worker = (await startProjectionWorker({ config: { ...config, logPollIntervalMs: 60_000 } }, COMPILED_WORKER))!;
    try {
      await worker.waitFor((await openTickets(stores, 0, 1)), undefined, WAIT_MS);
      const head = await openTickets(stores, 1, 3);
      // Polling alone would find these appends a minute later; the bound is a fraction of that.
      await expect(worker.waitFor(head, [supportTickets.name], 10_000)).resolves.toBe(true);
    } finally {
      await worker.stop();
    }
  });

  it("writes its runners' log lines through this thread's logger, with their context", async () => {
    const lines: string[] = [];
    const capture = (level: string) => (message: unknown, ...params: unknown[]) => lines.push(`${level} [${String(params.at(-1))}] ${String(message)}`);
    Logger.overrideLogger({ log: capture('log'), error: capture('error'), warn: capture('warn'), debug: capture('debug'), verbose: capture('verbose') });
    const worker = (await startProjectionWorker({ config }, COMPILED_WORKER))!;
    try {
      await worker.waitFor(await openTickets(stores, 0, 1), undefined, WAIT_MS);
    } finally {
      await worker.stop();
      Logger.overrideLogger(['error']);
    }
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^log \\[Projections\\] ${supportTickets.name}: lease taken by .+, running$`)));
  });

  it('refuses to start, with the reason, when the worker cannot open the stores', async () => {
    const notAFolder = join(dataDir, 'a-file');
    writeFileSync(notAFolder, '');
    await expect(startProjectionWorker({ config: { ...config, dataDir: notAFolder } }, COMPILED_WORKER)).rejects.toThrow();
  });
});
