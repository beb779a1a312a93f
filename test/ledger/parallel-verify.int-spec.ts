import Database from 'better-sqlite3';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '#config';
import { CheckpointSigner, ManualClock, verifyLedger, type EventToAppend, type VerificationProgress } from '#kernel';
import { noteVerifierKey, signCheckpoint } from '#ledger';
import { EMBEDDED_STORE_FILE, parallelLeafCheck } from '#persistence';
import { SqliteEventStore } from '#stores/sqlite';

/** The worker as `npm run build` compiles it (`npm test` builds first): threads run compiled code, not the sources. */
const COMPILED_WORKER = pathToFileURL(join(process.cwd(), 'dist/libs/persistence/src/leaf-check.worker.js'));
const ORIGIN = 'quality-ledger.test/parallel';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const key = noteVerifierKey(ORIGIN, publicKey);

function newEvent(n: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'ThingHappened',
    data: { n },
    metadata: { occurredAt: '2026-03-02T10:00:00.000Z', actor: { id: 'tester', roles: [] }, correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
  };
}

const describeCompiled = existsSync(COMPILED_WORKER) ? describe : describe.skip;
if (!existsSync(COMPILED_WORKER)) process.stdout.write('verification in worker threads skipped: run npm run build first (npm test does)\n');

describeCompiled('verification with the leaves recomputed in worker threads', () => {
  let dataDir: string;
  const EVENTS = 480;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ql-parallel-'));
    const store = SqliteEventStore.open({ file: join(dataDir, EMBEDDED_STORE_FILE), durable: false });
    const signer = new CheckpointSigner({ ledger: store.ledger, origin: ORIGIN, sign: (c) => signCheckpoint(c, privateKey), clock: new ManualClock(), intervalMs: 1000 });
    for (let n = 1; n <= EVENTS; n++) {
      await store.append(`thing-${n % 9}`, [newEvent(n)]);
      if (n % 100 === 0) await signer.signNow();
    }
    await store.close();
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function verifyInWorkers(onProgress?: (progress: VerificationProgress) => void) {
    const checkLeaves = parallelLeafCheck(loadConfig({ DATA_DIR: dataDir }), { workers: 2, rangeLeaves: 64, script: COMPILED_WORKER })!;
    const store = SqliteEventStore.open({ file: join(dataDir, EMBEDDED_STORE_FILE), durable: false });
    try {
      return await verifyLedger(store.ledger, { key, checkLeaves, progressEvery: 50, ...(onProgress ? { onProgress } : {}) });
    } finally {
      await store.close();
    }
  }

  it('finds the log intact, every range and checkpoint checked, reporting progress up to the end', async () => {
    const progress: number[] = [];
    const report = await verifyInWorkers(({ checked }) => progress.push(checked));
    expect(report).toMatchObject({ intact: true, eventsChecked: EVENTS, treeSize: EVENTS, checkpointsChecked: 4 });
    expect(progress.at(-1)).toBe(EVENTS);
  });

  it('finds the first tampered position whichever range and worker meets it', async () => {
    const db = new Database(join(dataDir, EMBEDDED_STORE_FILE));
    db.prepare(`UPDATE events SET data = '{"n":0}' WHERE position IN (333, 77)`).run();
    db.close();
    expect((await verifyInWorkers()).tampering).toMatchObject({ kind: 'payload-changed', position: 77n });
  });
});
