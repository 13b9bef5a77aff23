import { textIn } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { HttpError } from '../../lib/errors.ts';
import { queueMessage, type DeliveryChannel } from '../notifications/index.ts';
import type { UserRow } from './repository.ts';
import { issueToken } from './token-repository.ts';

/** How long an invitation (link and code) works. */
export const INVITATION_HOURS = 72;
/** How long a password reset sent by an administrator works (one the user asks for: see auth/recovery). */
export const ADMIN_RESET_HOURS = 24;

const undeliverable = () =>
  new HttpError(
    409,
    'Conflict',
    'this user has no email address or mobile number this server can send to (see NOTIFICATION_TRANSPORT)',
  );

/** The web app page a link opens, with its token. */
export const linkTo = (ctx: AppContext, page: 'activate' | 'reset-password', token: string) =>
  `${ctx.env.publicUrl}/${page}?token=${encodeURIComponent(token)}`;

/**
 * Issue a new invitation (the previous one stops working) and queue it to the user, in the caller's transaction.
 * The link and the code are job secrets: never stored in clear, never logged outside demo mode.
 */
export async function sendInvitation(
  ctx: AppContext,
  trx: Db,
  user: UserRow,
): Promise<{ channel: DeliveryChannel; expiresAt: Date }> {
  const token = await issueToken(trx, user.id, 'invitation', INVITATION_HOURS * 3600_000);
  const role = ctx.country.roles.get(user.role)?.role.label;
  const language = user.language ?? ctx.country.config.settings.defaultLanguage;
  const queued = await queueMessage(
    ctx,
    trx,
    user,
    'invitation',
    {
      hours: String(INVITATION_HOURS),
      role: role ? textIn(role, language) : user.role,
      office: ctx.country.locations.get(user.primary_office_id)?.name ?? user.primary_office_id,
    },
    { secrets: { code: token.code, link: linkTo(ctx, 'activate', token.token) }, expiresAt: token.expiresAt },
  );
  if (!queued) throw undeliverable();
  return { channel: queued.channel, expiresAt: token.expiresAt };
}

/** A password reset by link and code, in the caller's transaction. */
export async function sendPasswordReset(
  ctx: AppContext,
  trx: Db,
  user: UserRow,
  hours = ADMIN_RESET_HOURS,
): Promise<{ channel: DeliveryChannel; expiresAt: Date; tokenId: string }> {
  const token = await issueToken(trx, user.id, 'password-reset', hours * 3600_000);
  const queued = await queueMessage(
    ctx,
    trx,
    user,
    'passwordReset',
    { minutes: String(hours * 60) },
    { secrets: { code: token.code, link: linkTo(ctx, 'reset-password', token.token) }, expiresAt: token.expiresAt },
  );
  if (!queued) throw undeliverable();
  return { channel: queued.channel, expiresAt: token.expiresAt, tokenId: token.id };
}
