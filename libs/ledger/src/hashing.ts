import { hash } from 'node:crypto';

/** A SHA-256 digest: every leaf, node and root of the tree is one. */
export type Hash = Uint8Array;

export const HASH_BYTES = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** One-shot digests: an append hashes several small inputs per event, where a hash object per input costs more than the hashing. */
export function sha256(...parts: readonly Uint8Array[]): Hash {
  return hash('sha256', parts.length === 1 ? parts[0]! : Buffer.concat(parts), 'buffer');
}

/** The SHA-256 of a text's UTF-8 bytes, without copying them into a buffer first. */
export function sha256Text(text: string): Hash {
  return hash('sha256', text, 'buffer');
}

/** RFC 9162 §2.1.1: the hash of a leaf is SHA-256(0x00 || leaf). */
export function leafHash(leaf: Uint8Array): Hash {
  const input = Buffer.allocUnsafe(leaf.length + 1);
  input[0] = LEAF_PREFIX;
  input.set(leaf, 1);
  return hash('sha256', input, 'buffer');
}

/** The leaf hash of a text leaf: U+0000 is the single byte 0x00 in UTF-8, so this is SHA-256(0x00 || UTF-8 text). */
export function textLeafHash(leaf: string): Hash {
  return sha256Text(`\u0000${leaf}`);
}

/** RFC 9162 §2.1.1: an interior node is SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash('sha256', input, 'buffer');
}

/** RFC 9162 §2.1.1: the root of the empty tree is the hash of the empty string. */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

export function isHash(value: unknown): value is Hash {
  return value instanceof Uint8Array && value.length === HASH_BYTES;
}

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

export function toHex(hash: Uint8Array): string {
  return (Buffer.isBuffer(hash) ? hash : Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength)).toString('hex');
}

export function toBase64(hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('base64');
}

/** A hash from standard base64; undefined for anything that is not exactly one. */
export function hashFromBase64(text: string): Hash | undefined {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === HASH_BYTES ? new Uint8Array(bytes) : undefined;
}
