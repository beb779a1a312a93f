import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
    const worker = (await startProjectionWorker({ config, logLevels: ['error'] }, COMPILED_WORKER))!;
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

  it('refuses to start, with the reason, when the worker cannot open the stores', async () => {
    const notAFolder = join(dataDir, 'a-file');
    writeFileSync(notAFolder, '');
    await expect(startProjectionWorker({ config: { ...config, dataDir: notAFolder }, logLevels: ['error'] }, COMPILED_WORKER)).rejects.toThrow();
  });
});
