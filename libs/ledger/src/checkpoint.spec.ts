import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { leafHash, toBase64 } from './hashing.js';
import {
  checkpointText,
  NoteError,
  noteVerifierKey,
  openCheckpoint,
  openNote,
  parseCheckpointText,
  parseVerifierKeyText,
  signCheckpoint,
  signNote,
  verifierKeyText,
} from './checkpoint.js';

/** The signed-note test vector published with the note format's reference implementation. */
const VECTOR_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const VECTOR_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const VECTOR_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const VECTOR_NOTE = `${VECTOR_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
const OTHER_SIGNATURE = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

/** The Ed25519 seed of the vector's private key, as PKCS #8 (RFC 8410). */
function vectorPrivateKey() {
  const seed = Buffer.from(VECTOR_SKEY.split('+').slice(4).join('+'), 'base64').subarray(1);
  return createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
}

describe('signed notes (C2SP signed-note, Ed25519)', () => {
  it('signs the published vector exactly', () => {
    expect(signNote(VECTOR_TEXT, 'PeterNeumann', vectorPrivateKey())).toBe(VECTOR_NOTE);
  });

  it('derives the published key ID and verifier key line', () => {
    const key = parseVerifierKeyText(VECTOR_VKEY);
    expect(key.keyId).toBe(0xc74f20a3);
    expect(verifierKeyText(key)).toBe(VECTOR_VKEY);
    expect(verifierKeyText(noteVerifierKey('PeterNeumann', createPublicKey(vectorPrivateKey())))).toBe(VECTOR_VKEY);
  });

  it('opens the published note, ignoring a signature by a key it does not know', () => {
    const key = parseVerifierKeyText(VECTOR_VKEY);
    expect(openNote(VECTOR_NOTE, key)).toBe(VECTOR_TEXT);
    expect(openNote(VECTOR_NOTE + OTHER_SIGNATURE, key)).toBe(VECTOR_TEXT);
  });

  it.each([
    ['a changed text', VECTOR_NOTE.replace('cryptography', 'Cryptography')],
    ['a changed signature', VECTOR_NOTE.replace('x08go/ZJku', 'x08go/ZJkv')],
    ['no signature of the key', `${VECTOR_TEXT}\n${OTHER_SIGNATURE}`],
    ['no blank line', VECTOR_NOTE.replace('\n\n', '\n')],
    ['a control character', `\u0001${VECTOR_NOTE}`],
    ['a trailing line', `${VECTOR_NOTE}Unexpected line.\n`],
    ['a name with a space', VECTOR_NOTE.replace('— PeterNeumann', '— Peter Neumann')],
  ])('rejects %s', (_what, note) => {
    expect(() => openNote(note, parseVerifierKeyText(VECTOR_VKEY))).toThrow(NoteError);
  });

  it('rejects verifier keys whose key ID does not match', () => {
    expect(() => parseVerifierKeyText(VECTOR_VKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(NoteError);
    expect(() => parseVerifierKeyText('PeterNeumann+c74f20a3+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(NoteError);
  });
});

describe('checkpoints (C2SP tlog-checkpoint)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const checkpoint = { origin: 'quality-ledger.example/log', treeSize: 20852163, rootHash: leafHash(Buffer.from('x')) };

  it('is the origin, the tree size and the base64 root, one a line', () => {
    expect(checkpointText(checkpoint)).toBe(`quality-ledger.example/log\n20852163\n${toBase64(checkpoint.rootHash)}\n`);
    expect(parseCheckpointText(checkpointText(checkpoint))).toEqual(checkpoint);
  });

  it('reads a checkpoint with extension lines', () => {
    expect(parseCheckpointText(`${checkpointText(checkpoint)}extension\n`).treeSize).toBe(20852163);
  });

  it.each([
    ['a leading zero', 'log\n012\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n'],
    ['a short root', 'log\n12\nAAAA\n'],
    ['an origin with a space', 'a log\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n'],
    ['no final newline', 'log\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['an empty extension line', 'log\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\nx\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseCheckpointText(text)).toThrow(NoteError);
  });

  it('is signed by the key named like its origin and opens with that key only', () => {
    const note = signCheckpoint(checkpoint, privateKey);
    const key = noteVerifierKey(checkpoint.origin, publicKey);
    expect(openCheckpoint(note, key)).toEqual(checkpoint);
    expect(() => openCheckpoint(note, noteVerifierKey(checkpoint.origin, generateKeyPairSync('ed25519').publicKey))).toThrow(NoteError);
    expect(() => openCheckpoint(note.replace('20852163', '20852164'), key)).toThrow(NoteError);
  });
});
