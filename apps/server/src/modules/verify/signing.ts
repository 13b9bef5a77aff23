import { CompactSign, compactVerify } from 'jose';
import type { AppContext } from '../../context.ts';
import { CERTIFICATE_ALGORITHM, certificateKeys } from './keys.ts';

/** What a certificate's QR code carries, signed: enough for an offline check against the paper. */
export interface CertificatePayload {
  /** Certificate id. */
  cid: string;
  /** Registration number. */
  rn: string;
  /** Event type (birth, death). */
  t: string;
  /** Name of the person the certificate is about. */
  n: string;
  /** Date of the event, YYYY-MM-DD. */
  d: string | null;
  /** When it was printed, seconds since 1970. */
  iat: number;
}

const encoder = new TextEncoder();

/** A compact JWS (EdDSA) over the payload, with the key's id in the header. */
export async function signCertificatePayload(ctx: AppContext, payload: CertificatePayload): Promise<string> {
  const keys = await certificateKeys(ctx);
  return new CompactSign(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: CERTIFICATE_ALGORITHM, kid: keys.kid })
    .sign(keys.privateKey);
}

/** The payload of a JWS made by this server's certificate key, or null when it does not verify. */
export async function verifyCertificatePayload(ctx: AppContext, jws: string): Promise<CertificatePayload | null> {
  const keys = await certificateKeys(ctx);
  try {
    const { payload, protectedHeader } = await compactVerify(jws, keys.publicKey, {
      algorithms: [CERTIFICATE_ALGORITHM],
    });
    if (protectedHeader.kid !== keys.kid) return null;
    const value = JSON.parse(new TextDecoder().decode(payload)) as Partial<CertificatePayload>;
    if (typeof value.cid !== 'string' || typeof value.rn !== 'string') return null;
    return value as CertificatePayload;
  } catch {
    return null;
  }
}

/** The URL a certificate's QR code holds: the public verification page, with the signed payload. */
export function certificateQrUrl(ctx: AppContext, certificateId: string, jws: string): string {
  return `${verifyPageUrl(ctx, certificateId)}?c=${jws}`;
}

/** The public verification page of a certificate (short enough to type from the paper). */
export function verifyPageUrl(ctx: AppContext, certificateId: string): string {
  return `${ctx.env.publicUrl}/verify/${certificateId}`;
}

/** The server's DID (did:web): the host (and port) of PUBLIC_URL. */
export function issuerDid(ctx: AppContext): string {
  const url = new URL(ctx.env.publicUrl);
  return `did:web:${encodeURIComponent(url.host)}`;
}
