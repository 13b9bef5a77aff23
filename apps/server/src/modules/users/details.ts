import type { UserDetails, UserStatus } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { slowedUntil } from '../auth/index.ts';
import { lastLogins, type UserRow } from './repository.ts';
import { pendingInvitations } from './token-repository.ts';

/** A user row as administrators see it, with their last login and pending invitation. */
export function toDetails(
  ctx: AppContext,
  row: UserRow,
  lastLogin?: Date,
  invitation?: Date,
  slowedUntil?: Date,
): UserDetails {
  const now = Date.now();
  return {
    id: row.id,
    username: row.username,
    firstname: row.firstname,
    surname: row.surname,
    role: row.role,
    primaryOfficeId: row.primary_office_id,
    status: row.status as UserStatus,
    email: row.email,
    mobile: row.mobile,
    nid: row.nid,
    language: row.language ?? ctx.country.config.settings.defaultLanguage,
    preferredChannel:
      row.preferred_channel === 'email' || row.preferred_channel === 'sms' ? row.preferred_channel : null,
    // Wrong passwords slow a username down for a while (no account is ever locked): until when, if now.
    lockedUntil: slowedUntil && slowedUntil.getTime() > now ? slowedUntil.toISOString() : null,
    lastLoginAt: lastLogin?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    hasSignature: !!row.signature_file_id,
    invitation:
      row.status === 'pending' && invitation
        ? { expiresAt: invitation.toISOString(), expired: invitation.getTime() <= now }
        : null,
  };
}

export async function detailsOf(ctx: AppContext, rows: UserRow[]): Promise<UserDetails[]> {
  const ids = rows.map((r) => r.id);
  const [logins, invitations, slowed] = await Promise.all([
    lastLogins(ctx.db, ids),
    pendingInvitations(ctx.db, ids),
    slowedUntil(
      ctx.db,
      rows.map((r) => r.username),
    ),
  ]);
  return rows.map((row) => toDetails(ctx, row, logins.get(row.id), invitations.get(row.id), slowed.get(row.username)));
}
