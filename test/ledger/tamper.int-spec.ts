import Database from 'better-sqlite3';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CheckpointSigner,
  ManualClock,
  verifyLedger,
  type EventToAppend,
  type VerificationReport,
} from '#kernel';
import { noteVerifierKey, openCheckpoint, signCheckpoint } from '#ledger';
import { SqliteEventStore } from '#stores/sqlite';
import { runVerify, UnusableCheckpointError, VERIFY_EXIT } from '../../apps/cli/src/commands/verify.js';

const ORIGIN = 'quality-ledger.test/tamper';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const key = noteVerifierKey(ORIGIN, publicKey);
const EVENTS = 50;
/** Checkpoints are signed after these many events; the last one is also kept outside, as an auditor would. */
const CHECKPOINT_SIZES = [20, 35, 50];

function newEvent(n: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: n % 2 === 0 ? 'RefundIssued' : 'ClientRetained',
    data: { n, amount: { minor: 1000 + n, currency: 'EUR' } },
    metadata: { occurredAt: '2026-03-02T10:00:00.000Z', actor: { id: 'tester', roles: ['care-agent'] }, correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
  };
}

describe('verify against a SQLite file changed behind the store', () => {
  let dir: string;
  let file: string;
  let savedCheckpoint: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ql-tamper-'));
    file = join(dir, 'quality-ledger.sqlite');
    const store = SqliteEventStore.open({ file, durable: false });
    const signer = new CheckpointSigner({
      ledger: store.ledger,
      origin: ORIGIN,
      sign: (checkpoint) => signCheckpoint(checkpoint, privateKey),
      clock: new ManualClock(),
      intervalMs: 1000,
    });
    for (let n = 1; n <= EVENTS; n++) {
      await store.append(`careCase-${n % 7}`, [newEvent(n)]);
      if (CHECKPOINT_SIZES.includes(n)) savedCheckpoint = (await signer.signNow())!.note;
    }
    await store.close();
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Changes the file as someone with write access to it would, without the store. */
  function tamper(sql: string, ...parameters: unknown[]): void {
    const db = new Database(file);
    try {
      db.prepare(sql).run(...parameters);
    } finally {
      db.close();
    }
  }

  async function verify(withSavedCheckpoint = false): Promise<VerificationReport> {
    const store = SqliteEventStore.open({ file, durable: false });
    try {
      const trusted = withSavedCheckpoint ? { trusted: openCheckpoint(savedCheckpoint, key) } : {};
      return await verifyLedger(store.ledger, { key, ...trusted });
    } finally {
      await store.close();
    }
  }

  it('finds an untouched log intact, every checkpoint and the saved one included', async () => {
    const report = await verify(true);
    expect(report).toMatchObject({ intact: true, eventsChecked: EVENTS, treeSize: EVENTS, checkpointsChecked: 3 });
  });

  it('finds one payload byte changed, at its position', async () => {
    tamper(`UPDATE events SET data = replace(data, '"n":17', '"n":18') WHERE position = 17`);
    expect((await verify()).tampering).toMatchObject({ kind: 'payload-changed', position: 17n });
  });

  it('finds changed metadata, at its position', async () => {
    tamper(`UPDATE events SET metadata = replace(metadata, '"tester"', '"someone"') WHERE position = 23`);
    expect((await verify()).tampering).toMatchObject({ kind: 'metadata-changed', position: 23n });
  });

  it('finds a changed envelope field, at its position', async () => {
    tamper(`UPDATE events SET type = 'ClientRetained' WHERE position = 8`);
    expect((await verify()).tampering).toMatchObject({ kind: 'metadata-changed', position: 8n });
  });

  it('finds a deleted event in the middle, at its position', async () => {
    tamper('DELETE FROM events WHERE position = 25');
    expect((await verify()).tampering).toMatchObject({ kind: 'event-missing', position: 25n });
  });

  it('finds two swapped payloads, at the first of them', async () => {
    const db = new Database(file);
    const [ten, thirty] = [10, 30].map((position) => db.prepare('SELECT data FROM events WHERE position = ?').pluck().get(position));
    db.prepare('UPDATE events SET data = ? WHERE position = 10').run(thirty);
    db.prepare('UPDATE events SET data = ? WHERE position = 30').run(ten);
    db.close();
    expect((await verify()).tampering).toMatchObject({ kind: 'order-changed', position: 10n });
  });

  it('finds a changed checkpoint signature, at the checkpoint', async () => {
    const db = new Database(file);
    const note = db.prepare('SELECT note FROM ledger_checkpoints WHERE tree_size = 35').pluck().get() as string;
    const signatureStart = note.lastIndexOf(' ') + 8;
    const flipped = note.slice(0, signatureStart) + (note[signatureStart] === 'A' ? 'B' : 'A') + note.slice(signatureStart + 1);
    db.prepare('UPDATE ledger_checkpoints SET note = ? WHERE tree_size = 35').run(flipped);
    db.close();
    expect((await verify()).tampering).toMatchObject({ kind: 'checkpoint-invalid', position: 35n });
  });

  it('finds the last events deleted, by the leaves they left behind', async () => {
    tamper('DELETE FROM events WHERE position > 40');
    expect((await verify()).tampering).toMatchObject({ kind: 'log-truncated', position: 41n });
  });

  it('finds the last events deleted with every trace of them only against a saved checkpoint', async () => {
    const db = new Database(file);
    db.exec(`
      DELETE FROM events WHERE position > 40;
      DELETE FROM ledger_leaves WHERE leaf_index >= 40;
      DELETE FROM ledger_nodes WHERE (node_index + 1) * (1 << level) > 40;
      DELETE FROM ledger_checkpoints WHERE tree_size > 40;
    `);
    db.close();
    expect((await verify()).intact).toBe(true);
    expect((await verify(true)).tampering).toMatchObject({ kind: 'log-truncated', position: 41n });
  });

  it('finds an event rewritten together with the whole ledger, by the signed checkpoints', async () => {
    const db = new Database(file);
    db.exec(`UPDATE events SET data = replace(data, '"minor":1012', '"minor":9012') WHERE position = 12; DELETE FROM ledger_leaves; DELETE FROM ledger_nodes;`);
    db.close();
    const report = await verify();
    expect(report.tampering).toMatchObject({ kind: 'tree-mismatch', position: 20n });
  });

  it('finds an event slipped into the log without a leaf', async () => {
    tamper(
      `INSERT INTO events (event_id, stream_id, category, revision, type, data, metadata, recorded_at) VALUES (?, 'careCase-99', 'careCase', 0, 'RefundIssued', '{}', '{}', ?)`,
      randomUUID(),
      new Date().toISOString(),
    );
    expect((await verify()).tampering).toMatchObject({ kind: 'event-added', position: 51n });
  });

  it('verifies from a position on, trusting the tree before it', async () => {
    tamper(`UPDATE events SET data = replace(data, '"n":5', '"n":6') WHERE position = 5`);
    const store = SqliteEventStore.open({ file, durable: false });
    try {
      const report = await verifyLedger(store.ledger, { key, from: 30n });
      expect(report).toMatchObject({ intact: true, fromIndex: 29, eventsChecked: 21 });
    } finally {
      await store.close();
    }
  });

  describe('the verify command', () => {
    async function command(trustedCheckpoint?: string): Promise<{ code: number; lines: string[] }> {
      const store = SqliteEventStore.open({ file, durable: false });
      const lines: string[] = [];
      try {
        const code = await runVerify({ ledger: store.ledger, key, ...(trustedCheckpoint ? { trustedCheckpoint } : {}) }, (line) => lines.push(line));
        return { code, lines };
      } finally {
        await store.close();
      }
    }

    it('exits 0 on an intact log, also given the saved checkpoint as the JSON the api answers', async () => {
      expect((await command(savedCheckpoint)).code).toBe(VERIFY_EXIT.intact);
      const { code, lines } = await command(JSON.stringify({ treeSize: 50, note: savedCheckpoint }));
      expect(code).toBe(VERIFY_EXIT.intact);
      expect(lines[0]).toMatch(/^INTACT: 50 events recomputed/);
    });

    it('exits 1 and names the first position found wrong', async () => {
      tamper('DELETE FROM events WHERE position = 33');
      const { code, lines } = await command();
      expect(code).toBe(VERIFY_EXIT.tampered);
      expect(lines[0]).toBe('TAMPERED at position 33: event-missing');
    });

    it('refuses a saved checkpoint that does not verify with the log key', async () => {
      await expect(command(savedCheckpoint.replace('\n50\n', '\n49\n'))).rejects.toBeInstanceOf(UnusableCheckpointError);
      await expect(command('{not json')).rejects.toMatchObject({ exitCode: VERIFY_EXIT.error });
    });
  });
});
