import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_PREFIX = 'ql_';

/** `ql_` and 32 random bytes in base64url: 256 bits of entropy, recognisable in a leaked config file. */
export function generateApiKeySecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256, unsalted and fast, on purpose. Slow salted hashes (bcrypt, argon2) protect guessable
 * passwords; a 256-bit random secret cannot be guessed, so a fast hash loses nothing and lets a
 * request find its key with one lookup by hash instead of trying every key.
 */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two SHA-256 hex digests in constant time, so response times reveal nothing about either. */
export function sameHash(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
