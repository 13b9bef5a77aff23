import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash that starts every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the RFC 8785 canonical JSON of `value`, chained to `prevHash`. */
export function chainHash(prevHash: string, value: unknown): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalize(value) ?? 'null')
    .digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
