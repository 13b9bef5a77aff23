import type { AppContext } from '../../context.ts';
import { appendAudit } from '../audit/index.ts';
import { certificateForVerification } from '../certificates/index.ts';
import { countVerificationMiss, latestRestore } from './repository.ts';
import { verifyCertificatePayload } from './signing.ts';

export type VerificationStatus = 'VALID' | 'SUPERSEDED' | 'REVOKED' | 'UNKNOWN' | 'TAMPERED' | 'ISSUED_AFTER_BACKUP';

export interface Verification {
  status: VerificationStatus;
  certificateId: string;
  /** Whether the signed payload given (the QR code's `c`) verified; NOT_GIVEN when only the id was checked. */
  signature: 'VALID' | 'INVALID' | 'NOT_GIVEN';
  checkedAt: string;
  /** Only for a VALID certificate: what anyone holding it can compare with the paper. */
  certificate: { registrationNumber: string; name: string; dateOfEvent: string | null; eventType: string } | null;
  /** For a superseded or revoked certificate: the registration to ask the registry about. */
  registrationNumber: string | null;
}

const CERTIFICATE_ID = /^[\w-]{8,64}$/;

/**
 * Is this certificate genuine and current? UNKNOWN: no such certificate. TAMPERED: the signed payload given does
 * not verify with our key or does not match the certificate, or the certificate's facts are not the record's as its
 * action log stood at the print (printed from a forged projection, or edited since). REVOKED: the registration is revoked. SUPERSEDED: the
 * record was corrected after the print. VALID otherwise. Every check of a real certificate is audited on its
 * stream; an unknown id is only counted (verification_misses), so strangers cannot fill the audit log.
 */
export async function verifyCertificate(
  ctx: AppContext,
  certificateId: string,
  jws: string | undefined,
  request: { ip: string; via: 'page' | 'api' },
): Promise<Verification> {
  const found = CERTIFICATE_ID.test(certificateId) ? await certificateForVerification(ctx, certificateId) : null;
  let signature: Verification['signature'] = 'NOT_GIVEN';
  let status: VerificationStatus;
  if (!found) status = (await signedAfterRestoredBackup(ctx, certificateId, jws)) ? 'ISSUED_AFTER_BACKUP' : 'UNKNOWN';
  else {
    const row = found.certificate;
    if (jws !== undefined) {
      const payload = await verifyCertificatePayload(ctx, jws);
      const matches =
        !!payload &&
        payload.cid === row.id &&
        payload.rn === row.registration_number &&
        payload.t === row.event_type &&
        payload.n === row.subject_name &&
        payload.d === row.date_of_event;
      signature = matches ? 'VALID' : 'INVALID';
    }
    // A certificate whose facts are not what the action log held at its print was made from forged data.
    if (signature === 'INVALID' || found.differsFromLog.length) status = 'TAMPERED';
    else if (found.standing.revoked) status = 'REVOKED';
    else if (found.standing.corrected) status = 'SUPERSEDED';
    else status = 'VALID';
  }
  const row = found?.certificate;
  const result: Verification = {
    status,
    certificateId,
    signature,
    checkedAt: new Date().toISOString(),
    certificate:
      status === 'VALID' && row
        ? {
            registrationNumber: row.registration_number,
            name: row.subject_name,
            dateOfEvent: row.date_of_event,
            eventType: row.event_type,
          }
        : null,
    registrationNumber: (status === 'SUPERSEDED' || status === 'REVOKED') && row ? row.registration_number : null,
  };
  if (!found) {
    await countVerificationMiss(ctx.db, request.via);
    return result;
  }
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `certificate:${certificateId.slice(0, 64)}`,
      actorId: null,
      actorRole: null,
      action: 'certificate.VERIFY',
      subjectType: 'certificate',
      subjectId: certificateId.slice(0, 64),
      ip: request.ip,
      details: { status, signature, via: request.via },
    }),
  );
  return result;
}

/** How far before a backup's snapshot a print may be signed and still miss it (signed before its commit). */
const SNAPSHOT_MARGIN_MS = 60_000;

/**
 * An unknown certificate whose QR payload carries our signature, made after the backup this register was restored
 * from: genuine paper the restore lost, not a forgery, and not a valid record here either.
 */
async function signedAfterRestoredBackup(ctx: AppContext, id: string, jws: string | undefined): Promise<boolean> {
  if (jws === undefined) return false;
  const payload = await verifyCertificatePayload(ctx, jws);
  if (!payload || payload.cid !== id || typeof payload.iat !== 'number') return false;
  const restore = await latestRestore(ctx.db);
  return !!restore && payload.iat * 1000 >= new Date(restore.backup_taken_at).getTime() - SNAPSHOT_MARGIN_MS;
}
