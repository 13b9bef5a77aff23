import { grantedJurisdiction } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { forbidden, HttpError, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { loadFile, storeFile } from '../files/service.ts';
import { visibleUser } from './directory.ts';
import { recordSignature, signatureAt, updateUser } from './repository.ts';

/** A signature is a small image: 1 MB is plenty for a drawn or scanned PNG. */
export const SIGNATURE_MAX_BYTES = 1024 * 1024;

/**
 * Store the caller's electronic signature (a PNG, drawn or uploaded). Only staff who sign certificates
 * (profile.electronic-signature) have one; each new signature applies to records registered from now on.
 */
export async function saveMySignature(ctx: AppContext, user: AuthUser, data: Buffer, contentType: string) {
  if (!grantedJurisdiction(user.scopes, 'profile.electronic-signature')) {
    throw forbidden(`your role (${user.role}) does not sign certificates (profile.electronic-signature)`);
  }
  if (contentType !== 'image/png') throw new HttpError(415, 'Unsupported Media Type', 'a signature is a PNG image');
  if (data.length === 0) throw new HttpError(415, 'Unsupported Media Type', 'the image is empty');
  return ctx.db.transaction().execute(async (trx) => {
    const fileId = await storeFile(trx, { data, contentType, createdBy: user.id });
    await recordSignature(trx, user.id, fileId, new Date());
    await appendAudit(trx, {
      stream: `user:${user.id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'user.signature-saved',
      subjectType: 'user',
      subjectId: user.id,
      details: { fileId, size: data.length },
    });
    return { fileId };
  });
}

/** A user's current signature image: for themselves and whoever may see them. */
export async function readSignature(ctx: AppContext, actor: AuthUser, id: string) {
  const row = await visibleUser(ctx, actor, id);
  if (!row.signature_file_id) throw notFound('this user has no signature');
  const file = await loadFile(ctx.db, row.signature_file_id);
  if (!file) throw notFound('this user has no signature');
  return file;
}

/** The end of onboarding (signature given if needed, tour seen): the web app stops showing it. */
export async function completeOnboarding(ctx: AppContext, user: AuthUser): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { onboarded_at: new Date() });
    await appendAudit(trx, {
      stream: `user:${user.id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'user.onboarded',
      subjectType: 'user',
      subjectId: user.id,
    });
  });
}

/** The file id of the signature `userId` had at `at` (the latest saved no later than then): what a certificate prints. */
export function signatureOf(ctx: Pick<AppContext, 'db'>, userId: string, at: Date): Promise<string | null> {
  return signatureAt(ctx.db, userId, at);
}
