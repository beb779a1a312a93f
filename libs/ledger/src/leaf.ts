import { sha256, sha256Text, textLeafHash, toHex, type Hash } from './hashing.js';

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
  /** The metadata's bytes as stored, or the UTF-8 text a store keeps them as (whose UTF-8 bytes they are). */
  readonly metadata: StoredBytes;
  /** The payload's bytes as stored, or the UTF-8 text a store keeps them as. */
  readonly payload: StoredBytes;
}

/**
 * Bytes as a store holds them. A store that keeps JSON as UTF-8 text hands out the text: its UTF-8
 * encoding is the stored bytes, and hashing the text spares a copy into a buffer per event.
 */
export type StoredBytes = Uint8Array | string;

/** The version of the header's layout, inside every leaf so that a later layout cannot be confused with this one. */
export const LEAF_FORMAT_VERSION = 1;

/** The fields of an event's envelope its leaf commits to. */
export type LeafEnvelope = Pick<StoredEvent, 'position' | 'eventId' | 'streamId' | 'revision' | 'type' | 'recordedAt'>;

export interface LeafHeader extends LeafEnvelope {
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
export function leafHeaderJson(envelope: LeafEnvelope, payloadHash: Hash, metadataHash: Hash): string {
  const { eventId, streamId, type, recordedAt, revision } = envelope;
  if (!eventId.isWellFormed() || !streamId.isWellFormed() || !type.isWellFormed() || !recordedAt.isWellFormed()) {
    throw new TypeError('a leaf header holds text that is not well-formed Unicode');
  }
  if (!Number.isSafeInteger(revision) || revision < 0) throw new TypeError(`revision ${revision} is not a whole number`);
  return (
    `{"eventId":${JSON.stringify(eventId)}` +
    `,"metadataSha256":"${toHex(metadataHash)}"` +
    `,"payloadSha256":"${toHex(payloadHash)}"` +
    `,"position":"${envelope.position.toString()}"` +
    `,"recordedAt":${JSON.stringify(recordedAt)}` +
    `,"revision":${revision}` +
    `,"stream":${JSON.stringify(streamId)}` +
    `,"type":${JSON.stringify(type)}` +
    `,"v":${LEAF_FORMAT_VERSION}}`
  );
}

/** The leaf of a stored event: RFC 9162 leaf hash of its canonical header. */
export function eventLeaf(event: StoredEvent): EventLeaf {
  const payloadHash = digestOf(event.payload);
  const metadataHash = digestOf(event.metadata);
  return { position: event.position, leafHash: textLeafHash(leafHeaderJson(event, payloadHash, metadataHash)), payloadHash, metadataHash };
}

export function digestOf(bytes: StoredBytes): Hash {
  return typeof bytes === 'string' ? sha256Text(bytes) : sha256(bytes);
}

/** The leaf of a header whose digests are known already, as when an append hashed the bytes before taking the write lock. */
export function leafOf(header: LeafHeader): EventLeaf {
  const { position, payloadHash, metadataHash } = header;
  return { position, leafHash: textLeafHash(leafHeaderJson(header, payloadHash, metadataHash)), payloadHash, metadataHash };
}
