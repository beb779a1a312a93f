import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { hashFromBase64, sha256, toBase64, type Hash } from './hashing.js';

/**
 * Checkpoints in the C2SP tlog-checkpoint format (origin, tree size and root hash, one per line), as
 * signed notes (C2SP signed-note) with Ed25519: `— <key name> base64(key ID || signature)`.
 */

export interface Checkpoint {
  /** Who keeps the log: the first line of the note, and the name of the key that signs it. */
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Hash;
}

/** A note that does not follow the format, or whose signature does not verify. */
export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

const EM_DASH = '\u2014';
const SIGNATURE_TYPE_ED25519 = 0x01;
const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
/** Far above any honest checkpoint (a few hundred bytes), well below what would strain a server. */
export const MAX_NOTE_BYTES = 64 * 1024;

/** Key names, and so origins: non-empty, without Unicode spaces or plus (C2SP signed-note). */
const KEY_NAME = /^[^\s+]+$/u;

export function isKeyName(name: string): boolean {
  return KEY_NAME.test(name) && !hasControlCharacters(name);
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

/** The note text of a checkpoint: origin, tree size and base64 root hash, each ending in a newline. */
export function checkpointText(checkpoint: Checkpoint): string {
  if (!isKeyName(checkpoint.origin)) throw new NoteError(`origin ${JSON.stringify(checkpoint.origin)} is empty or holds spaces or +`);
  if (!Number.isSafeInteger(checkpoint.treeSize) || checkpoint.treeSize < 0) throw new NoteError('the tree size must be a whole number');
  return `${checkpoint.origin}\n${checkpoint.treeSize}\n${toBase64(checkpoint.rootHash)}\n`;
}

/** The checkpoint a note text states; extension lines are allowed and ignored, as the format says. */
export function parseCheckpointText(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new NoteError('a checkpoint has at least three lines, each ending in a newline');
  const [origin, size, root] = lines as [string, string, string];
  if (!isKeyName(origin)) throw new NoteError('the origin line is empty or holds spaces or +');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new NoteError('the tree size line is not a decimal number without leading zeroes');
  }
  const rootHash = hashFromBase64(root);
  if (rootHash === undefined) throw new NoteError('the root hash line is not the base64 of a SHA-256 digest');
  if (lines.slice(3, -1).some((line) => line === '')) throw new NoteError('extension lines must not be empty');
  return { origin, treeSize: Number(size), rootHash };
}

/** An Ed25519 note key: its name, its public key, and the key ID that signature lines carry. */
export interface NoteVerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: KeyObject;
}

/** The raw 32 bytes of an Ed25519 public key (RFC 8032 encoding). */
export function rawEd25519PublicKey(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType !== 'ed25519') throw new NoteError('the key is not an Ed25519 key');
  const jwk = key.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
}

/** C2SP signed-note: key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4], big-endian. */
export function ed25519KeyId(name: string, rawPublicKey: Uint8Array): number {
  const digest = sha256(Buffer.from(`${name}\n`, 'utf8'), Uint8Array.of(SIGNATURE_TYPE_ED25519), rawPublicKey);
  return Buffer.from(digest).readUInt32BE(0);
}

export function noteVerifierKey(name: string, publicKey: KeyObject): NoteVerifierKey {
  if (!isKeyName(name)) throw new NoteError(`key name ${JSON.stringify(name)} is empty or holds spaces or +`);
  return { name, keyId: ed25519KeyId(name, rawEd25519PublicKey(publicKey)), publicKey };
}

/** The verifier key as one line, `<name>+<key ID in hex>+base64(0x01 || public key)`, as transparency-log tools exchange it. */
export function verifierKeyText(key: NoteVerifierKey): string {
  const encoded = Buffer.concat([Uint8Array.of(SIGNATURE_TYPE_ED25519), rawEd25519PublicKey(key.publicKey)]).toString('base64');
  return `${key.name}+${key.keyId.toString(16).padStart(8, '0')}+${encoded}`;
}

/** Reads a verifier key line; its key ID must match its name and key. */
export function parseVerifierKeyText(text: string): NoteVerifierKey {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(text.trim());
  if (!match) throw new NoteError('a verifier key reads <name>+<8 hex digits>+<base64>');
  const [, name, keyIdHex, encoded] = match as unknown as [string, string, string, string];
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length !== 1 + ED25519_PUBLIC_KEY_BYTES || bytes[0] !== SIGNATURE_TYPE_ED25519) {
    throw new NoteError('the verifier key is not an Ed25519 key');
  }
  const raw = bytes.subarray(1);
  const key = noteVerifierKey(name, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' }));
  if (key.keyId !== Number.parseInt(keyIdHex, 16)) throw new NoteError('the key ID of the verifier key does not match its name and key');
  return key;
}

/** Signs a note text: the text, a blank line, and one signature line. */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  assertNoteText(text);
  const publicKey = createPublicKey(privateKey);
  const key = noteVerifierKey(name, publicKey);
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  const keyId = Buffer.alloc(4);
  keyId.writeUInt32BE(key.keyId);
  return `${text}\n${EM_DASH} ${name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
}

function assertNoteText(text: string): void {
  if (!text.endsWith('\n') || text.length === 0) throw new NoteError('a note text ends in a newline');
  if (hasControlCharacters(text)) throw new NoteError('a note holds no control characters but newlines');
  if (!text.isWellFormed()) throw new NoteError('a note is valid UTF-8');
}

interface SignatureLine {
  readonly name: string;
  readonly keyId: number;
  readonly signature: Buffer;
}

/**
 * The text of a note once a signature by `key` verifies (C2SP signed-note): signatures by other keys
 * are ignored, a failing one by `key` rejects the whole note, and so does having none by `key`.
 */
export function openNote(note: string, key: NoteVerifierKey): string {
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw new NoteError(`a note is at most ${MAX_NOTE_BYTES} bytes`);
  if (!note.isWellFormed() || hasControlCharacters(note)) throw new NoteError('a note is valid UTF-8 with no control characters but newlines');
  const split = note.lastIndexOf('\n\n');
  if (split === -1 || !note.endsWith('\n')) throw new NoteError('a note is a text, a blank line and signature lines');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n').map(parseSignatureLine);
  let verified = false;
  for (const line of lines) {
    if (line.name !== key.name || line.keyId !== key.keyId) continue;
    if (line.signature.length !== ED25519_SIGNATURE_BYTES || !verify(null, Buffer.from(text, 'utf8'), key.publicKey, line.signature)) {
      throw new NoteError(`the signature by ${key.name} does not verify: the note was changed or signed by another key`);
    }
    verified = true;
  }
  if (!verified) throw new NoteError(`the note carries no signature by ${key.name} with key ID ${key.keyId.toString(16).padStart(8, '0')}`);
  return text;
}

function parseSignatureLine(line: string): SignatureLine {
  const match = new RegExp(`^${EM_DASH} ([^\\s+]+) ([A-Za-z0-9+/]+={0,2})$`).exec(line);
  if (!match) throw new NoteError('a signature line reads "— <key name> <base64>"');
  const bytes = Buffer.from(match[2]!, 'base64');
  if (bytes.length < 4) throw new NoteError('a signature holds a 4-byte key ID and the signature itself');
  return { name: match[1]!, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
}

/** A checkpoint note as signed by the log. */
export function signCheckpoint(checkpoint: Checkpoint, privateKey: KeyObject): string {
  return signNote(checkpointText(checkpoint), checkpoint.origin, privateKey);
}

/** The checkpoint a note states, once its signature by `key` verifies and its origin is the key's name. */
export function openCheckpoint(note: string, key: NoteVerifierKey): Checkpoint {
  const checkpoint = parseCheckpointText(openNote(note, key));
  if (checkpoint.origin !== key.name) throw new NoteError(`the checkpoint is of log ${checkpoint.origin}, not ${key.name}`);
  return checkpoint;
}
