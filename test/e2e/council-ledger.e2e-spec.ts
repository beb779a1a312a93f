import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  eventLeaf,
  hashFromBase64,
  openCheckpoint,
  parseVerifierKeyText,
  verifyConsistency,
  verifyInclusion,
  type NoteVerifierKey,
} from '#ledger';
import { EMBEDDED_STORE_FILE } from '#persistence';
import { audit, hashes, storedEventOf } from '../../apps/cli/src/commands/audit.js';
import { employeeKey, keyWith, type Auth } from '../support/care-cases.js';
import { councilDesk } from '../support/council.js';
import { until } from '../support/until.js';
import { asAdmin, startTestApp, type TestApp } from '../support/test-app.js';

const MEETING = 'meeting-ledger';

/**
 * A printed set of minutes proves, later, that the log was not rewritten: the tree it carries is a
 * prefix of every later signed checkpoint, and it holds the meeting's decisions.
 */
describe('council minutes anchored in the ledger', () => {
  let api: TestApp;
  let auditor: Auth;
  let auditorKey: string;
  let key: NoteVerifierKey;
  let proposalId: string;
  let openedAt: string;
  let signedAt: string;

  async function checkpointNote(): Promise<string> {
    return (await api.http().get('/ledger/checkpoint').set(auditor).expect(200)).body.note;
  }

  beforeAll(async () => {
    api = await startTestApp({ env: { LEDGER_CHECKPOINT_INTERVAL_MS: '100' } });
    auditor = await keyWith(api, 'auditor');
    auditorKey = auditor.Authorization.slice('Bearer '.length);
    key = parseVerifierKeyText((await api.http().get('/ledger/public-key').expect(200)).body.verifierKey);

    const admin = councilDesk(api, asAdmin);
    const chair = councilDesk(api, await employeeKey(api, 'm1', 'council-chair'));
    const member = councilDesk(api, await employeeKey(api, 'm2', 'council-member'));
    for (const id of ['m1', 'm2']) await admin.appoint(id).expect(200);
    await admin.appointChair('m1').expect(200);
    await admin.setQuorum({ kind: 'count', count: 2 }).expect(200);
    await chair.schedule({ id: MEETING, day: '2026-03-04' }).expect(201);
    openedAt = (await chair.open(MEETING, ['m1', 'm2']).expect(200)).body.position;
    proposalId = (await member.propose(MEETING).expect(201)).body.id;
    await chair.vote(MEETING, proposalId, 'for').expect(200);
    await member.vote(MEETING, proposalId, 'for').expect(200);
    await chair.decide(MEETING, proposalId).expect(200);
    await chair.close(MEETING).expect(200);
    signedAt = (await chair.sign(MEETING).expect(200)).body.position;
    await until('a checkpoint covers the minutes', async () => ((await api.stores.ledger.latestCheckpoint())?.treeSize ?? 0) >= Number(signedAt));
  });

  afterAll(() => api.destroy());

  it('pins the pack to the ledger, carries the tree in the minutes, and proves the decision in both', async () => {
    const chair = councilDesk(api, auditor);
    const meeting = (await chair.read(`/meetings/${MEETING}`, { minPosition: signedAt }).expect(200)).body;
    // The opening appends `MeetingOpened` and then `MetricsPackRecorded`, whose position it answers.
    expect(meeting.packCheckpoint).toEqual({ treeSize: Number(openedAt) - 2, rootHash: expect.any(String) });
    expect(meeting.minutes.checkpoint.treeSize).toBe(Number(signedAt) - 1);

    const decision = (await api.http().get(`/audit/decisions/${proposalId}`).set(auditor).query({ minPosition: signedAt }).expect(200)).body;
    const proof = decision.ledger;
    const checkpoint = openCheckpoint(proof.checkpoint.note, key);
    const event = (await api.http().get(`/events/${proof.position}`).set(auditor).expect(200)).body;
    expect(event).toMatchObject({ type: 'DecisionAdopted', data: { proposalId } });
    const leaf = eventLeaf(storedEventOf(event)).leafHash;

    expect(verifyInclusion(proof.leafIndex, checkpoint.treeSize, leaf, hashes(proof.inclusionProof), checkpoint.rootHash)).toBeUndefined();
    const minutesRoot = hashFromBase64(meeting.minutes.checkpoint.rootHash)!;
    const minutesSize = meeting.minutes.checkpoint.treeSize;
    expect(proof.minutes).toMatchObject({ treeSize: minutesSize, rootHash: meeting.minutes.checkpoint.rootHash });
    expect(verifyInclusion(proof.leafIndex, minutesSize, leaf, hashes(proof.minutes.inclusionProof), minutesRoot)).toBeUndefined();
    expect(verifyConsistency(minutesSize, checkpoint.treeSize, minutesRoot, checkpoint.rootHash, hashes(proof.minutes.consistencyProof))).toBeUndefined();

    const packRoot = hashFromBase64(meeting.packCheckpoint.rootHash)!;
    const packToCheckpoint = (
      await api.http().get('/ledger/proofs/consistency').query({ from: meeting.packCheckpoint.treeSize, to: checkpoint.treeSize }).set(auditor).expect(200)
    ).body;
    expect(verifyConsistency(meeting.packCheckpoint.treeSize, checkpoint.treeSize, packRoot, checkpoint.rootHash, hashes(packToCheckpoint.proof))).toBeUndefined();
  });

  describe('the audit command, over HTTP with only the public key and a saved checkpoint', () => {
    let url: string;

    beforeAll(async () => {
      await api.app.listen(0, '127.0.0.1');
      url = await api.app.getUrl();
    });

    it('finds that the log extends the saved checkpoint and holds the decision', async () => {
      const savedCheckpoint = await checkpointNote();
      const findings = await audit({ url, apiKey: auditorKey, key, savedCheckpoint, decisionId: proposalId });
      expect(findings.map(({ holds, check }) => [holds, check])).toEqual([
        [true, expect.stringMatching(/^the log extends the saved checkpoint/)],
        [true, expect.stringMatching(new RegExp(`^decision ${proposalId} is the event at position`))],
        [true, expect.stringMatching(/^the minutes' tree of \d+ events holds the decision/)],
      ]);
    });

    it('finds a decision rewritten in the store, and refuses a checkpoint signed by another key', async () => {
      const savedCheckpoint = await checkpointNote();
      const position = (await api.http().get(`/audit/decisions/${proposalId}`).set(auditor).expect(200)).body.ledger.position;
      const db = new Database(join(api.dataDir, EMBEDDED_STORE_FILE));
      db.prepare(`UPDATE events SET data = replace(data, '"tally":{', '"tally":{"forged":1,') WHERE position = ?`).run(Number(position));
      db.close();

      const findings = await audit({ url, apiKey: auditorKey, key, savedCheckpoint, decisionId: proposalId });
      expect(findings.find((finding) => finding.check.startsWith(`decision ${proposalId}`))).toMatchObject({ holds: false });
      const otherKey = parseVerifierKeyText('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
      await expect(audit({ url, apiKey: auditorKey, key: otherKey, savedCheckpoint })).rejects.toThrow(/does not verify with the log's key/);
    });
  });
});
