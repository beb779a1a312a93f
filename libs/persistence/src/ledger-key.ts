import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from '#config';
import {
  noteVerifierKey,
  rawEd25519PublicKey,
  sha256,
  signCheckpoint,
  toHex,
  type Checkpoint,
  type NoteVerifierKey,
} from '#ledger';

/** Where the signing key is generated when `LEDGER_SIGNING_KEY_FILE` names none. */
export const GENERATED_LEDGER_KEY_FILE = 'ledger-signing-key.pem';

/** The key that signs the log's checkpoints, with the log's origin, the name it signs under. */
export interface LedgerKey {
  readonly origin: string;
  readonly verifier: NoteVerifierKey;
  readonly file: string;
  /** True when this start generated the key: the operator must be told, once. */
  readonly generated: boolean;
  sign(checkpoint: Checkpoint): string;
}

export class LedgerKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerKeyError';
  }
}

function keyFileOf(config: AppConfig): string {
  return config.ledgerSigningKeyFile ?? join(config.dataDir, GENERATED_LEDGER_KEY_FILE);
}

/**
 * The signing key: read from `LEDGER_SIGNING_KEY_FILE` (an Ed25519 private key, PKCS #8 PEM), or from
 * the data folder, where it is generated on the first start without that variable. A named file that
 * is missing is an error: generating one there would sign with a key nobody kept.
 */
export function loadLedgerKey(config: AppConfig): LedgerKey {
  const file = keyFileOf(config);
  let generated = false;
  if (!existsSync(file)) {
    if (config.ledgerSigningKeyFile !== undefined) throw new LedgerKeyError(`LEDGER_SIGNING_KEY_FILE names ${file}, which does not exist`);
    writeNewKey(file);
    generated = true;
  }
  const privateKey = readPrivateKey(file);
  const origin = config.ledgerOrigin ?? defaultOrigin(createPublicKey(privateKey));
  return {
    origin,
    verifier: noteVerifierKey(origin, createPublicKey(privateKey)),
    file,
    generated,
    sign: (checkpoint) => signCheckpoint(checkpoint, privateKey),
  };
}

/** The public half only, for verifying: never generates a key. */
export function loadLedgerVerifier(config: AppConfig): NoteVerifierKey {
  const file = keyFileOf(config);
  if (!existsSync(file)) throw new LedgerKeyError(`no ledger signing key at ${file}: give the log's verifier key with --key`);
  const publicKey = createPublicKey(readPrivateKey(file));
  return noteVerifierKey(config.ledgerOrigin ?? defaultOrigin(publicKey), publicKey);
}

/** A name no other installation shares: the key's own fingerprint, stable for as long as the key is. */
function defaultOrigin(publicKey: KeyObject): string {
  return `quality-ledger/${toHex(sha256(rawEd25519PublicKey(publicKey))).slice(0, 16)}`;
}

function readPrivateKey(file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new LedgerKeyError(`${file} is not a private key in PEM: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new LedgerKeyError(`${file} holds a ${key.asymmetricKeyType} key; checkpoints are signed with Ed25519`);
  return key;
}

/** Readable by its owner only; `wx` so that two processes starting at once never overwrite each other's key. */
function writeNewKey(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  try {
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
