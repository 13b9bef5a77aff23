import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** How long a one-time code may be used after it is sent. */
export const CODE_TTL_SECONDS = 10 * 60;
/** Wrong codes allowed per login; the next one ends the login and the user starts again. */
export const MAX_CODE_ATTEMPTS = 5;

export interface OneTimeCode {
  /** Opaque handle the client sends back with the code. */
  nonce: string;
  /** Six digits, for the user's eyes only: never stored. */
  code: string;
  /** What is stored instead of the code. */
  codeHash: string;
}

export function newOneTimeCode(): OneTimeCode {
  const nonce = randomBytes(32).toString('base64url');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return { nonce, code, codeHash: hashCode(nonce, code) };
}

/** The code is hashed with its nonce so equal codes of different logins never hash alike. */
export function hashCode(nonce: string, code: string): string {
  return createHash('sha256').update(`${nonce}:${code}`).digest('hex');
}

/**
 * Which code `code` is: the one sent for `nonce`, the demo code (AUTH_DEV_CODE, never set in production, so
 * demos and tests can log in without reading the log), or neither.
 */
export function matchCode(nonce: string, codeHash: string, code: string, devCode?: string): 'sent' | 'dev' | null {
  const given = Buffer.from(hashCode(nonce, code), 'hex');
  const stored = Buffer.from(codeHash, 'hex');
  if (given.length === stored.length && timingSafeEqual(given, stored)) return 'sent';
  if (devCode !== undefined && code === devCode) return 'dev';
  return null;
}
