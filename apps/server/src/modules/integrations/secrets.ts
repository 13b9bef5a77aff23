import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Client secrets start with this, so a leaked one is recognisable (e.g. by secret scanners). */
const SECRET_PREFIX = 'lls_';

/** A new client secret: 256 random bits. */
export function newClientSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * The stored form of a secret. A plain SHA-256 suffices (no slow password hash): the secret has 256 bits of
 * entropy, so there is nothing to guess, and the token endpoint stays cheap.
 */
export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `secret` is the one whose hash is stored, in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashClientSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
