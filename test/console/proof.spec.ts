import { generateKeyPairSync } from 'node:crypto';
import {
  eventLeaf,
  inclusionRanges,
  nodeHash as serverNodeHash,
  noteVerifierKey,
  rangeHash,
  rawEd25519PublicKey,
  signCheckpoint,
  splitPoint,
  toBase64,
  type Hash,
  type NodeId,
  type StoredEvent,
} from '#ledger';
import {
  checkDecisionProof,
  eventLeafHash,
  hashFromBase64,
  openCheckpoint,
  verifyInclusion,
  type DecisionProofInputs,
  type LedgeredEvent,
  type LedgerPublicKey,
} from '../../apps/console/src/proof.js';

/**
 * The console's proof checks (WebCrypto) against vectors the server's own library (`libs/ledger`, over
 * `node:crypto`) produces: a leaf, a tree, an audit path and a signed checkpoint. Both must agree.
 */

const ORIGIN = 'quality-ledger/test';
/** Leaves beyond the signed tree, for proofs made for larger trees. */
const LEAVES = 16;
const TREE_SIZE = 11;
const DECISION_INDEX = 6;

function storedEvent(index: number): StoredEvent {
  const decision = index === DECISION_INDEX;
  return {
    position: BigInt(index * 3 + 1),
    eventId: `0190f5c2-7b1e-7c3a-9d2f-${index.toString().padStart(12, '0')}`,
    streamId: decision ? 'meeting-2026-01-05' : `careCase-case-${index}`,
    revision: index,
    type: decision ? 'DecisionAdopted' : 'RefundIssued',
    recordedAt: `2026-01-${(index + 1).toString().padStart(2, '0')}T10:00:00.000Z`,
    payload: decision ? '{"meetingId":"2026-01-05","proposalId":"proposal-ü-1","text":"Train the “new” team"}' : `{"amount":${index}}`,
    metadata: `{"actor":{"id":"apiKey:k","roles":["council-chair"]},"occurredAt":"2026-01-01T09:00:00.000Z","recordedAt":"2026-01-${(index + 1).toString().padStart(2, '0')}T10:00:00.000Z"}`,
  };
}

/** MTH of any perfect subtree, folded from the leaves as RFC 9162 §2.1.1 defines it. */
function perfectNodeLookup(leaves: readonly Hash[]) {
  const subtree = (start: number, end: number): Hash => {
    if (end - start === 1) return leaves[start]!;
    const k = splitPoint(end - start);
    return serverNodeHash(subtree(start, start + k), subtree(start + k, end));
  };
  return (node: NodeId) => subtree(node.index * 2 ** node.level, (node.index + 1) * 2 ** node.level);
}

function serverVectors() {
  const events = Array.from({ length: LEAVES }, (_, index) => storedEvent(index));
  const leaves = events.map((event) => eventLeaf(event).leafHash);
  const lookup = perfectNodeLookup(leaves);
  const proofOf = (index: number, size: number) => inclusionRanges(index, size).map((range) => toBase64(rangeHash(range, lookup)));
  const rootOf = (size: number) => rangeHash({ start: 0, end: size }, lookup);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const verifier = noteVerifierKey(ORIGIN, publicKey);
  const key: LedgerPublicKey = {
    origin: ORIGIN,
    keyId: verifier.keyId.toString(16).padStart(8, '0'),
    publicKey: Buffer.from(rawEd25519PublicKey(publicKey)).toString('base64'),
  };
  const note = signCheckpoint({ origin: ORIGIN, treeSize: TREE_SIZE, rootHash: rootOf(TREE_SIZE) }, privateKey);
  return { events, leaves, proofOf, rootOf, key, note };
}

/** The event as `GET /events/{position}` shows it. */
function shown(event: StoredEvent): LedgeredEvent {
  return {
    position: event.position.toString(),
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    metadata: { recordedAt: event.recordedAt },
    ledger: { storedPayload: event.payload as string, storedMetadata: event.metadata as string, recomputable: true },
  };
}

const vectors = serverVectors();

function decisionInputs(change: Partial<DecisionProofInputs> = {}): DecisionProofInputs {
  return {
    decisionId: 'proposal-ü-1',
    key: vectors.key,
    note: vectors.note,
    event: shown(vectors.events[DECISION_INDEX]!),
    proof: { leafIndex: DECISION_INDEX, treeSize: TREE_SIZE, proof: vectors.proofOf(DECISION_INDEX, TREE_SIZE) },
    ...change,
  };
}

/** One base64 hash with its first byte changed. */
function tampered(hash: string): string {
  const bytes = Buffer.from(hash, 'base64');
  bytes[0] ^= 0x01;
  return bytes.toString('base64');
}

describe("the console's proof checks agree with the server's library", () => {
  it('recomputes every leaf exactly as the server does', async () => {
    for (const [index, event] of vectors.events.entries()) {
      expect(Buffer.from(await eventLeafHash(shown(event))).toString('hex')).toBe(Buffer.from(vectors.leaves[index]!).toString('hex'));
    }
  });

  it("opens the server's signed checkpoint with WebCrypto's Ed25519", async () => {
    const opened = await openCheckpoint(vectors.note, vectors.key);
    expect({ ...opened, rootHash: toBase64(opened.rootHash) }).toEqual({ origin: ORIGIN, treeSize: TREE_SIZE, rootHash: toBase64(vectors.rootOf(TREE_SIZE)) });
  });

  it("verifies the server's audit path of every leaf in trees of every size", async () => {
    for (let size = 1; size <= TREE_SIZE; size++) {
      for (let index = 0; index < size; index++) {
        const path = vectors.proofOf(index, size).map(hashFromBase64);
        expect(await verifyInclusion(index, size, vectors.leaves[index]!, path, vectors.rootOf(size))).toBeUndefined();
      }
    }
  });

  it('holds for a decision in the signed tree, and names the tree size', async () => {
    expect(await checkDecisionProof(decisionInputs())).toEqual({ holds: true, treeSize: TREE_SIZE, origin: ORIGIN, leafIndex: DECISION_INDEX });
  });

  it('holds for the single leaf of a tree of one, whose path is empty', async () => {
    expect(await verifyInclusion(0, 1, vectors.leaves[0]!, [], vectors.leaves[0]!)).toBeUndefined();
  });
});

describe('the console refuses what does not prove the decision', () => {
  const path = vectors.proofOf(DECISION_INDEX, TREE_SIZE);
  const leaf = vectors.leaves[DECISION_INDEX]!;
  const root = vectors.rootOf(TREE_SIZE);

  it('a proof with one sibling hash changed', async () => {
    for (const at of path.keys()) {
      const changed = path.map((hash, i) => (i === at ? tampered(hash) : hash));
      const check = await checkDecisionProof(decisionInputs({ proof: { leafIndex: DECISION_INDEX, treeSize: TREE_SIZE, proof: changed } }));
      expect(check).toEqual({ holds: false, reason: "the proof leads to another root than the checkpoint's" });
    }
  });

  it('a changed root', async () => {
    const changedRoot = hashFromBase64(tampered(toBase64(root)));
    expect(await verifyInclusion(DECISION_INDEX, TREE_SIZE, leaf, path.map(hashFromBase64), changedRoot)).toMatch(/another root/);
  });

  it('a checkpoint whose root was changed, even re-encoded correctly: its signature no longer holds', async () => {
    const note = vectors.note.replace(toBase64(root), tampered(toBase64(root)));
    expect(await checkDecisionProof(decisionInputs({ note }))).toEqual({ holds: false, reason: expect.stringMatching(/signature does not verify/) });
  });

  it('a proof made for another tree size', async () => {
    for (const size of [TREE_SIZE - 1, TREE_SIZE + 5]) {
      const check = await checkDecisionProof(decisionInputs({ proof: { leafIndex: DECISION_INDEX, treeSize: size, proof: vectors.proofOf(DECISION_INDEX, size) } }));
      expect(check.holds).toBe(false);
    }
    // The signed tree's own path, walked as if the tree were smaller: the decision is its last leaf there, with a shorter path.
    expect(await verifyInclusion(DECISION_INDEX, DECISION_INDEX + 1, leaf, path.map(hashFromBase64), root)).toMatch(/longer/);
    expect(await verifyInclusion(DECISION_INDEX, DECISION_INDEX, leaf, path.map(hashFromBase64), root)).toMatch(/not in a tree/);
  });

  it('a path that ends at the right root but is too short or too long for the tree size and index', async () => {
    const hashes = path.map(hashFromBase64);
    expect(await verifyInclusion(DECISION_INDEX, TREE_SIZE, leaf, hashes.slice(0, -1), root)).toMatch(/shorter/);
    expect(await verifyInclusion(DECISION_INDEX, TREE_SIZE, leaf, [...hashes, root], root)).toMatch(/longer/);
    // The root itself as a "leaf" with an empty path: only a check of the ends would take it.
    expect(await verifyInclusion(DECISION_INDEX, TREE_SIZE, root, [], root)).toMatch(/shorter/);
  });

  it('a signature by another key, or a changed signature', async () => {
    const other = generateKeyPairSync('ed25519');
    const forged = signCheckpoint({ origin: ORIGIN, treeSize: TREE_SIZE, rootHash: root }, other.privateKey);
    expect(await checkDecisionProof(decisionInputs({ note: forged }))).toEqual({ holds: false, reason: expect.stringMatching(/no signature by/) });
    const [text, signature] = vectors.note.split(`\n\u2014 ${ORIGIN} `) as [string, string];
    const flipped = `${text}\n\u2014 ${ORIGIN} ${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(await checkDecisionProof(decisionInputs({ note: flipped }))).toEqual({ holds: false, reason: expect.stringMatching(/signature does not verify/) });
  });

  it('a public key whose key ID does not match it', async () => {
    const key = { ...vectors.key, keyId: '00000000' };
    expect(await checkDecisionProof(decisionInputs({ key }))).toEqual({ holds: false, reason: expect.stringMatching(/key ID/) });
  });

  it('an event whose stored bytes changed, or that records another decision', async () => {
    const event = shown(vectors.events[DECISION_INDEX]!);
    const changed = { ...event, ledger: { ...event.ledger!, storedPayload: event.ledger!.storedPayload.replace('new', 'old') } };
    expect(await checkDecisionProof(decisionInputs({ event: changed }))).toEqual({ holds: false, reason: expect.stringMatching(/another root/) });
    expect(await checkDecisionProof(decisionInputs({ decisionId: 'proposal-2' }))).toEqual({ holds: false, reason: expect.stringMatching(/another decision/) });
  });

  it('another event than a decision', async () => {
    const check = await checkDecisionProof(decisionInputs({ event: shown(vectors.events[0]!) }));
    expect(check).toEqual({ holds: false, reason: expect.stringMatching(/not a decision/) });
  });
});
