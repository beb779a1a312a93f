import { sha256, textLeafHash, toHex, type Hash } from './hashing.js';

/**
 * What one event of the log contributes to the tree. The leaf is a canonical header, not the event
 * itself: the payload and the metadata take part only through the SHA-256 of their bytes exactly as
 * the store holds them, never parsed and re-serialised. So a payload may later hold ciphertext whose
 * key is destroyed, or be replaced by nothing but its hash, and every leaf, root and proof stays valid.
 */
export interface StoredEvent {
  readonly position: bigint;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly recordedAt: string;
  /** The metadata's bytes as stored. */
  readonly metadata: Uint8Array;
  /** The payload's bytes as stored. */
  readonly payload: Uint8Array;
}

/** The version of the header's layout, inside every leaf so that a later layout cannot be confused with this one. */
export const LEAF_FORMAT_VERSION = 1;

export interface LeafHeader {
  readonly position: bigint;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly recordedAt: string;
  readonly metadataHash: Hash;
  readonly payloadHash: Hash;
}

/** A leaf as the ledger keeps it: the leaf hash, and the two digests it was made of, to tell what changed. */
export interface EventLeaf {
  readonly position: bigint;
  readonly leafHash: Hash;
  readonly payloadHash: Hash;
  readonly metadataHash: Hash;
}

/**
 * The header as RFC 8785 canonical JSON: members sorted by name, no whitespace, strings as ECMAScript
 * serialises them. Written out by hand because this runs once per event on every append and verify;
 * a property test holds it equal to a general RFC 8785 implementation. The position is a decimal string
 * (it may exceed 2^53), the digests lowercase hex.
 */
export function leafHeaderJson(header: LeafHeader): string {
  for (const text of [header.eventId, header.streamId, header.type, header.recordedAt]) {
    if (!text.isWellFormed()) throw new TypeError('a leaf header holds text that is not well-formed Unicode');
  }
  if (!Number.isSafeInteger(header.revision) || header.revision < 0) throw new TypeError(`revision ${header.revision} is not a whole number`);
  return (
    `{"eventId":${JSON.stringify(header.eventId)}` +
    `,"metadataSha256":"${toHex(header.metadataHash)}"` +
    `,"payloadSha256":"${toHex(header.payloadHash)}"` +
    `,"position":"${header.position.toString()}"` +
    `,"recordedAt":${JSON.stringify(header.recordedAt)}` +
    `,"revision":${header.revision}` +
    `,"stream":${JSON.stringify(header.streamId)}` +
    `,"type":${JSON.stringify(header.type)}` +
    `,"v":${LEAF_FORMAT_VERSION}}`
  );
}

/** The leaf of a stored event: RFC 9162 leaf hash of its canonical header. */
export function eventLeaf(event: StoredEvent): EventLeaf {
  return leafOf({ ...event, payloadHash: sha256(event.payload), metadataHash: sha256(event.metadata) });
}

/** The leaf of a header whose digests are known already, as when an append hashed the bytes before taking the write lock. */
export function leafOf(header: LeafHeader): EventLeaf {
  const { position, payloadHash, metadataHash } = header;
  return { position, leafHash: textLeafHash(leafHeaderJson(header)), payloadHash, metadataHash };
}
