import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventLeaf, openCheckpoint, parseVerifierKeyText, toBase64, verifyConsistency, verifyInclusion } from '#ledger';
import { EMBEDDED_STORE_FILE, GENERATED_LEDGER_KEY_FILE } from '#persistence';
import { hashes, storedEventOf } from '../../apps/cli/src/commands/audit.js';
import { until } from '../support/until.js';
import { asAdmin, bearer, newDataDir, startTestApp, type TestApp } from '../support/test-app.js';

const FAST_CHECKPOINTS = { LEDGER_CHECKPOINT_INTERVAL_MS: '100' };

describe('the ledger over HTTP', () => {
  let api: TestApp;
  let auditor: { Authorization: string };

  async function createSections(count: number): Promise<string[]> {
    const positions: string[] = [];
    for (let n = 0; n < count; n++) {
      const response = await api.http().post('/sections').set(asAdmin).send({ name: `Section ${n}`, valuableFinalProduct: 'Answers' }).expect(201);
      positions.push(response.body.position);
    }
    return positions;
  }

  async function checkpointCovering(size: number) {
    await until(`a checkpoint covers ${size} events`, async () => ((await api.stores.ledger.latestCheckpoint())?.treeSize ?? 0) >= size);
    return (await api.http().get('/ledger/checkpoint').set(auditor).expect(200)).body as { treeSize: number; rootHash: string; note: string; origin: string };
  }

  async function verifierKey() {
    return parseVerifierKeyText((await api.http().get('/ledger/public-key').expect(200)).body.verifierKey);
  }

  beforeAll(async () => {
    api = await startTestApp({ env: FAST_CHECKPOINTS });
    const issued = await api.http().post('/api-keys').set(asAdmin).send({ name: 'audit office', roles: ['auditor'] }).expect(201);
    auditor = bearer(issued.body.key);
  });

  afterAll(async () => {
    await api.destroy();
  });

  it('publishes its public key without a key, and signs checkpoints that open with it', async () => {
    await createSections(3);
    const published = (await api.http().get('/ledger/public-key').expect(200)).body;
    expect(published).toMatchObject({ algorithm: 'Ed25519', origin: expect.stringMatching(/^quality-ledger\/[0-9a-f]{16}$/) });
    expect(published.pem).toContain('BEGIN PUBLIC KEY');
    const size = await api.stores.ledger.size();
    const checkpoint = await checkpointCovering(size);
    expect(openCheckpoint(checkpoint.note, await verifierKey())).toMatchObject({ origin: published.origin, treeSize: checkpoint.treeSize });
    expect(checkpoint.note.startsWith(`${published.origin}\n${checkpoint.treeSize}\n${checkpoint.rootHash}\n\n— ${published.origin} `)).toBe(true);
  });

  it('lets an auditor recompute the leaf of an event and prove it in a checkpoint', async () => {
    const [position] = await createSections(1);
    const checkpoint = await checkpointCovering(await api.stores.ledger.size());

    const event = (await api.http().get(`/events/${position}`).set(auditor).expect(200)).body;
    const recomputed = eventLeaf(storedEventOf(event));
    expect(toBase64(recomputed.leafHash)).toBe(event.ledger.leafHash);
    expect(JSON.parse(event.ledger.storedPayload)).toEqual(event.data);

    const proof = (await api.http().get('/ledger/proofs/inclusion').query({ position, treeSize: checkpoint.treeSize }).set(auditor).expect(200)).body;
    const trusted = openCheckpoint(checkpoint.note, await verifierKey());
    expect(verifyInclusion(event.ledger.leafIndex, trusted.treeSize, recomputed.leafHash, hashes(proof.proof), trusted.rootHash)).toBeUndefined();
    const forged = eventLeaf({ ...storedEventOf(event), payload: Buffer.from(event.ledger.storedPayload.replace('Section', 'Sektion'), 'utf8') });
    expect(verifyInclusion(event.ledger.leafIndex, trusted.treeSize, forged.leafHash, hashes(proof.proof), trusted.rootHash)).toBeDefined();
  });

  it('proves an older checkpoint a prefix of a newer one, and pages through every checkpoint', async () => {
    const older = await checkpointCovering(await api.stores.ledger.size());
    await createSections(2);
    const newer = await checkpointCovering(older.treeSize + 2);
    const proof = (await api.http().get('/ledger/proofs/consistency').query({ from: older.treeSize, to: newer.treeSize }).set(auditor).expect(200)).body;
    const key = await verifierKey();
    const [first, second] = [openCheckpoint(older.note, key), openCheckpoint(newer.note, key)];
    expect(verifyConsistency(first.treeSize, second.treeSize, first.rootHash, second.rootHash, hashes(proof.proof))).toBeUndefined();

    const sizes: number[] = [];
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = (await api.http().get('/ledger/checkpoints').query({ limit: 1, ...(cursor ? { cursor } : {}) }).set(auditor).expect(200)).body;
      sizes.push(...page.items.map((item: { treeSize: number }) => item.treeSize));
      cursor = page.nextCursor;
    }
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes).toEqual(expect.arrayContaining([older.treeSize, newer.treeSize]));
  });

  it('verifies the whole log in the background and reports it on /health and /metrics', async () => {
    const started = await api.http().post('/ledger/verifications').set(auditor).expect(202);
    expect(started.body).toMatchObject({ state: expect.stringMatching(/running|intact/), requestedBy: expect.stringMatching(/^apiKey:/) });
    await until('the verification finished', async () => (await api.http().get(`/ledger/verifications/${started.body.id}`).set(auditor)).body.state !== 'running');
    const done = (await api.http().get(`/ledger/verifications/${started.body.id}`).set(auditor).expect(200)).body;
    expect(done).toMatchObject({ state: 'intact', result: { intact: true, tampering: null } });
    expect(done.result.eventsChecked).toBe(done.result.treeSize);

    const health = (await api.http().get('/health').expect(200)).body;
    expect(health.ledger).toMatchObject({ lastVerification: { id: started.body.id, state: 'intact' } });
    expect((await api.http().get('/metrics').set(asAdmin).expect(200)).text).toMatch(/^ledger_verification_intact 1$/m);
  });

  it('answers bad proof requests with problems, never a 500', async () => {
    const size = await api.stores.ledger.size();
    const cases: [Record<string, string>, number][] = [
      [{ position: 'x' }, 400],
      [{ position: '1', treeSize: '-1' }, 400],
      [{ position: '1', treeSize: String(size + 1) }, 400],
      [{ position: '99999999999999999999' }, 404],
      [{ position: '1', treeSize: '0' }, 400],
    ];
    for (const [query, status] of cases) {
      const response = await api.http().get('/ledger/proofs/inclusion').query(query).set(auditor);
      expect([query, response.status, response.headers['content-type']]).toEqual([query, status, expect.stringContaining('application/problem+json')]);
    }
    expect((await api.http().get('/ledger/proofs/consistency').query({ from: size, to: 1 }).set(auditor)).status).toBe(400);
    expect((await api.http().get('/events/99999999999999999999').set(auditor)).status).toBe(404);
    expect((await api.http().get('/ledger/verifications/00000000-0000-4000-8000-000000000000').set(auditor)).status).toBe(404);
  });

  it('lets the council and services read proofs, and nobody else', async () => {
    const agent = (await api.http().post('/api-keys').set(asAdmin).send({ name: 'care desk', roles: ['care-agent'], employeeId: 'emp-agent' }).expect(201)).body.key;
    const service = (await api.http().post('/api-keys').set(asAdmin).send({ name: 'mirror', roles: ['service'] }).expect(201)).body.key;
    expect((await api.http().get('/ledger/checkpoint').set(bearer(agent))).status).toBe(403);
    expect((await api.http().get('/ledger/checkpoint').set(bearer(service))).status).toBe(200);
    expect((await api.http().post('/ledger/verifications').set(bearer(service))).status).toBe(403);
    expect((await api.http().get('/ledger/checkpoint')).status).toBe(401);
  });

  it('finds a payload changed behind its back, at its position', async () => {
    const [position] = await createSections(1);
    const db = new Database(join(api.dataDir, EMBEDDED_STORE_FILE));
    db.prepare(`UPDATE events SET data = replace(data, '"name":"Section 0"', '"name":"Section O"') WHERE position = ?`).run(Number(position));
    db.close();
    const started = await api.http().post('/ledger/verifications').set(auditor).expect(202);
    await until('the verification finished', async () => (await api.http().get(`/ledger/verifications/${started.body.id}`).set(auditor)).body.state !== 'running');
    const done = (await api.http().get(`/ledger/verifications/${started.body.id}`).set(auditor)).body;
    expect(done).toMatchObject({ state: 'tampered', result: { intact: false, tampering: { kind: 'payload-changed', position } } });
    expect((await api.http().get('/metrics').set(asAdmin)).text).toMatch(/^ledger_verification_intact 0$/m);
  });
});

describe('the ledger signing key', () => {
  it('is generated into the data folder on a first start, readable by its owner only, and kept across restarts', async () => {
    const dataDir = newDataDir();
    const first = await startTestApp({ dataDir });
    const key = (await first.http().get('/ledger/public-key').expect(200)).body.verifierKey;
    await first.close();
    const file = join(dataDir, GENERATED_LEDGER_KEY_FILE);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
    const again = await startTestApp({ dataDir });
    try {
      expect((await again.http().get('/ledger/public-key').expect(200)).body.verifierKey).toBe(key);
    } finally {
      await again.destroy();
    }
  });

  it('is read from LEDGER_SIGNING_KEY_FILE, under LEDGER_ORIGIN, and a missing file stops the start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ql-ledger-key-'));
    try {
      const file = join(dir, 'ledger.pem');
      writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));
      const api = await startTestApp({ env: { LEDGER_SIGNING_KEY_FILE: file, LEDGER_ORIGIN: 'quality.example.com/ledger' } });
      try {
        expect((await api.http().get('/ledger/public-key').expect(200)).body.verifierKey).toMatch(/^quality\.example\.com\/ledger\+[0-9a-f]{8}\+/);
        expect(existsSync(join(api.dataDir, GENERATED_LEDGER_KEY_FILE))).toBe(false);
      } finally {
        await api.destroy();
      }
      await expect(startTestApp({ env: { LEDGER_SIGNING_KEY_FILE: join(dir, 'missing.pem') } })).rejects.toThrow(/LEDGER_SIGNING_KEY_FILE names .*missing\.pem, which does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
