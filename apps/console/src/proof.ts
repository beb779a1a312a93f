/**
 * The ledger's proofs checked in the browser with WebCrypto alone, trusting nothing the server computed:
 * the same bytes and rules as `libs/ledger` (RFC 9162 tree, C2SP signed notes with Ed25519), written
 * again here because the console shares no code with the server. `test/console/proof.spec.ts` holds
 * both implementations to the same vectors.
 */

/** The ledger's key as `GET /ledger/public-key` publishes it. */
export interface LedgerPublicKey {
  readonly origin: string;
  readonly keyId: string;
  /** The 32 raw bytes of the Ed25519 key, standard base64. */
  readonly publicKey: string;
}

/** What a checkpoint note states once its signature holds. */
interface OpenedCheckpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
}

/** An event as `GET /events/{position}` shows it: the envelope its leaf commits to and the stored bytes. */
export interface LedgeredEvent {
  readonly position: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly metadata: { readonly recordedAt: string };
  readonly ledger: { readonly storedPayload: string; readonly storedMetadata: string; readonly recomputable: boolean } | null;
}

/** An answer of `GET /ledger/proofs/inclusion`; only the index and the path are used, the rest is the server's claim. */
export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly proof: readonly string[];
}

export type ProofCheck =
  | { readonly holds: true; readonly treeSize: number; readonly origin: string; readonly leafIndex: number }
  | { readonly holds: false; readonly reason: string };

/** A check that failed, with the reason shown to the reader. */
class ProofFailure extends Error {}

const HASH_BYTES = 32;
const ED25519_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
const SIGNATURE_TYPE_ED25519 = 0x01;
const LEAF_FORMAT_VERSION = 1;
const EM_DASH = '\u2014';
/** The events that record a council decision, whose payload names it as `proposalId`. */
export const DECISION_EVENT_TYPES: readonly string[] = ['DecisionAdopted', 'ProposalRejected'];

const utf8 = new TextEncoder();

/** Bytes WebCrypto takes: over an ArrayBuffer, never a shared one. */
type Bytes = Uint8Array<ArrayBuffer>;

async function sha256(...parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const input = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    input.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', input));
}

/** RFC 9162 §2.1.1: an interior node is SHA-256(0x01 || left || right). */
function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(Uint8Array.of(0x01), left, right);
}

function base64Bytes(text: string): Bytes {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new ProofFailure('a value is not standard base64');
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** A SHA-256 digest from base64; anything of another length is refused rather than hashed on. */
export function hashFromBase64(text: string): Uint8Array {
  const bytes = base64Bytes(text);
  if (bytes.length !== HASH_BYTES) throw new ProofFailure('a hash is not a SHA-256 digest');
  return bytes;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** C2SP signed-note: key ID = SHA-256(key name || 0x0A || 0x01 || public key)[:4], big-endian. */
async function ed25519KeyId(name: string, rawPublicKey: Uint8Array): Promise<number> {
  const digest = await sha256(utf8.encode(`${name}\n`), Uint8Array.of(SIGNATURE_TYPE_ED25519), rawPublicKey);
  return new DataView(digest.buffer).getUint32(0);
}

/**
 * The checkpoint a signed note states, once a signature by the ledger's key verifies over the note's
 * text (everything up to and including the newline before the blank line), as `openCheckpoint` does.
 */
export async function openCheckpoint(note: string, key: LedgerPublicKey): Promise<OpenedCheckpoint> {
  const raw = base64Bytes(key.publicKey);
  if (raw.length !== ED25519_KEY_BYTES) throw new ProofFailure('the public key is not an Ed25519 key');
  const keyId = await ed25519KeyId(key.origin, raw);
  if (keyId.toString(16).padStart(8, '0') !== key.keyId) throw new ProofFailure("the key ID does not match the key's name and bytes");
  const split = note.lastIndexOf('\n\n');
  if (split === -1 || !note.endsWith('\n')) throw new ProofFailure('the checkpoint is not a signed note: a text, a blank line and signatures');
  const text = note.slice(0, split + 1);
  const signatures = note.slice(split + 2, -1).split('\n').map(signatureLine).filter((line) => line.name === key.origin && line.keyId === keyId);
  if (signatures.length === 0) throw new ProofFailure(`the checkpoint carries no signature by ${key.origin}`);
  const publicKey = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  for (const { signature } of signatures) {
    const holds =
      signature.length === ED25519_SIGNATURE_BYTES && (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature, utf8.encode(text)));
    if (!holds) throw new ProofFailure("the checkpoint's signature does not verify: the note was changed or signed by another key");
  }
  const checkpoint = checkpointOf(text);
  if (checkpoint.origin !== key.origin) throw new ProofFailure(`the checkpoint is of log ${checkpoint.origin}, not ${key.origin}`);
  return checkpoint;
}

function signatureLine(line: string): { name: string; keyId: number; signature: Bytes } {
  const match = new RegExp(`^${EM_DASH} ([^\\s+]+) ([A-Za-z0-9+/]+={0,2})$`).exec(line);
  if (!match) throw new ProofFailure('a signature line of the checkpoint is malformed');
  const bytes = base64Bytes(match[2]!);
  if (bytes.length < 4) throw new ProofFailure('a signature of the checkpoint holds no key ID');
  return { name: match[1]!, keyId: new DataView(bytes.buffer).getUint32(0), signature: bytes.subarray(4) };
}

/** C2SP tlog-checkpoint: origin, tree size and base64 root, each ending in a newline; extension lines follow. */
function checkpointOf(text: string): OpenedCheckpoint {
  const [origin, size, root] = text.split('\n');
  if (origin === undefined || size === undefined || root === undefined) throw new ProofFailure('the checkpoint lacks a line');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) throw new ProofFailure('the tree size line is not a number');
  return { origin, treeSize: Number(size), rootHash: hashFromBase64(root) };
}

/**
 * The leaf of an event: SHA-256(0x00 || header), the header being RFC 8785 canonical JSON of the
 * envelope and the SHA-256 of the stored payload and metadata bytes (docs/LEDGER.md, `leafHeaderJson`).
 * Members are written in their sorted order by hand, as the server does.
 */
export async function eventLeafHash(event: LedgeredEvent): Promise<Uint8Array> {
  if (event.ledger === null) throw new ProofFailure('the ledger has not reached the event yet');
  if (!event.ledger.recomputable) throw new ProofFailure('the event is shown redacted: its leaf cannot be recomputed from what is shown');
  const payloadHash = await sha256(utf8.encode(event.ledger.storedPayload));
  const metadataHash = await sha256(utf8.encode(event.ledger.storedMetadata));
  const header =
    `{"eventId":${JSON.stringify(event.eventId)}` +
    `,"metadataSha256":"${toHex(metadataHash)}"` +
    `,"payloadSha256":"${toHex(payloadHash)}"` +
    `,"position":"${event.position}"` +
    `,"recordedAt":${JSON.stringify(event.metadata.recordedAt)}` +
    `,"revision":${event.revision}` +
    `,"stream":${JSON.stringify(event.streamId)}` +
    `,"type":${JSON.stringify(event.type)}` +
    `,"v":${LEAF_FORMAT_VERSION}}`;
  return sha256(Uint8Array.of(0x00), utf8.encode(header));
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * RFC 9162 §2.1.3.2, step by step: every element of the path takes part, and the walk must end exactly
 * at the root (`sn` = 0). Comparing the ends alone, or stopping early, would accept forged entries.
 * Undefined when the proof holds, else why not.
 */
export async function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<string | undefined> {
  if (!isCount(leafIndex) || !isCount(treeSize)) return 'the leaf index and tree size must be whole numbers';
  if ([leaf, root, ...proof].some((hash) => hash.length !== HASH_BYTES)) return 'a hash is not a SHA-256 digest';
  // Step 1.
  if (leafIndex >= treeSize) return `leaf ${leafIndex} is not in a tree of ${treeSize} leaves`;
  // Steps 2-3.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  // Step 4.
  for (const p of proof) {
    if (sn === 0) return 'the proof is longer than the path from the leaf to the root';
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      // Right-shift both until the lowest bit of fn is set or fn is 0.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5.
  if (sn !== 0) return 'the proof is shorter than the path from the leaf to the root';
  return sameBytes(r, root) ? undefined : "the proof leads to another root than the checkpoint's";
}

export interface DecisionProofInputs {
  readonly decisionId: string;
  readonly key: LedgerPublicKey;
  /** The signed note of a checkpoint. */
  readonly note: string;
  readonly event: LedgeredEvent;
  readonly proof: InclusionProof;
}

/**
 * Whether the decision's event is in the tree the ledger signed: the note's signature, the event's
 * payload naming the decision, the leaf recomputed from the stored bytes, and the audit path walked to
 * the signed root at the signed tree size (not the size the proof answer claims).
 */
export async function checkDecisionProof(inputs: DecisionProofInputs): Promise<ProofCheck> {
  try {
    const checkpoint = await openCheckpoint(inputs.note, inputs.key);
    assertRecordsDecision(inputs.event, inputs.decisionId);
    const leaf = await eventLeafHash(inputs.event);
    const path = inputs.proof.proof.map(hashFromBase64);
    const failure = await verifyInclusion(inputs.proof.leafIndex, checkpoint.treeSize, leaf, path, checkpoint.rootHash);
    if (failure !== undefined) return { holds: false, reason: failure };
    return { holds: true, treeSize: checkpoint.treeSize, origin: checkpoint.origin, leafIndex: inputs.proof.leafIndex };
  } catch (error) {
    if (error instanceof ProofFailure) return { holds: false, reason: error.message };
    throw error;
  }
}

/** The proven leaf must be the decision's own event: its type, and its stored payload naming the decision. */
function assertRecordsDecision(event: LedgeredEvent, decisionId: string): void {
  if (!DECISION_EVENT_TYPES.includes(event.type)) throw new ProofFailure(`the event at ${event.position} is a ${event.type}, not a decision`);
  if (storedPayloadOf(event).proposalId !== decisionId) throw new ProofFailure(`the event at ${event.position} records another decision`);
}

function storedPayloadOf(event: LedgeredEvent): { proposalId?: unknown } {
  try {
    return JSON.parse(event.ledger?.storedPayload ?? '{}') as { proposalId?: unknown };
  } catch {
    throw new ProofFailure(`the stored payload of the event at ${event.position} is not JSON`);
  }
}
