import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import type { AppContext } from '../../context.ts';
import { CERTIFICATE_ALGORITHM, certificateKeys } from './keys.ts';
import { revokedStatusIndexes, suspendedStatusIndexes } from './repository.ts';
import { issuerDid } from './signing.ts';

/** Entries per status list: 131,072 bits (16 KB), the minimum the StatusList2021 spec asks for herd privacy. */
export const STATUS_LIST_SIZE = 131_072;

/**
 * What a list's bits say: `revocation` (for good: the credential's facts were corrected) or `suspension` (while the
 * registration is revoked; lifted on reinstatement). StatusList2021 forbids turning a revocation bit off again.
 */
export type StatusPurpose = 'revocation' | 'suspension';

export const statusListUrl = (ctx: AppContext, list: number, purpose: StatusPurpose = 'revocation') =>
  `${ctx.env.publicUrl}/api/credentials/status/${list}${purpose === 'suspension' ? '/suspension' : ''}`;

/** Where credential number `n` (from the database sequence) sits: list 1 holds 0..131071, list 2 the next... */
export function statusPosition(n: number): { list: number; index: number } {
  return { list: Math.floor(n / STATUS_LIST_SIZE) + 1, index: n % STATUS_LIST_SIZE };
}

/** The bitstring, gzipped and base64url-encoded; bit 0 is the most significant bit of the first byte. */
export function encodeStatusList(revoked: number[]): string {
  const bits = Buffer.alloc(STATUS_LIST_SIZE / 8);
  for (const index of revoked) bits[index >> 3] |= 0x80 >> (index & 7);
  return gzipSync(bits).toString('base64url');
}

/**
 * A status list credential (StatusList2021, revocation or suspension) as a JWT signed by the issuer's key. It is
 * computed from the database on every request: revoking or correcting a record changes its credentials' bits at once.
 */
export async function statusListCredential(
  ctx: AppContext,
  list: number,
  purpose: StatusPurpose = 'revocation',
): Promise<string> {
  const from = (list - 1) * STATUS_LIST_SIZE;
  const indexes = purpose === 'revocation' ? revokedStatusIndexes : suspendedStatusIndexes;
  const revoked = await indexes(ctx.db, from, from + STATUS_LIST_SIZE);
  const keys = await certificateKeys(ctx);
  const did = issuerDid(ctx);
  const url = statusListUrl(ctx, list, purpose);
  const now = new Date();
  return new SignJWT({
    vc: {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1'],
      id: url,
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      issuer: did,
      issuanceDate: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      credentialSubject: {
        id: `${url}#list`,
        type: 'StatusList2021',
        statusPurpose: purpose,
        encodedList: encodeStatusList(revoked.map((n) => n - from)),
      },
    },
  })
    .setProtectedHeader({ alg: CERTIFICATE_ALGORITHM, kid: `${did}#${keys.kid}`, typ: 'JWT' })
    .setIssuer(did)
    .setSubject(url)
    .setIssuedAt(now)
    .setNotBefore(now)
    .sign(keys.privateKey);
}
