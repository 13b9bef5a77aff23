import { randomUUID } from 'node:crypto';
import type { NewUserInput, UserDetails, UserUpdateInput } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { clearThrottle, endAllSessionsOfUser, slowedUntil } from '../auth/index.ts';
import type { AuthUser } from '../auth/types.ts';
import { grantProblem, reachOf, requireManage } from './access.ts';
import { detailsOf } from './details.ts';
import { sendInvitation, sendPasswordReset } from './invitations.ts';
import { findUserById, insertUser, lockUserById, updateUser, type UserRow } from './repository.ts';
import { revokeTokens } from './token-repository.ts';
import { freeUsername } from './usernames.ts';
import { detailErrors, officeError } from './validation.ts';

/** The password of an account nobody can log in to yet (or any more): no argon2 hash ever equals it. */
export const NO_PASSWORD = '!';

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === UNIQUE_VIOLATION;

async function audit(trx: Db, actor: AuthUser, userId: string, action: string, details?: Record<string, unknown>) {
  await appendAudit(trx, {
    stream: `user:${userId}`,
    actorId: actor.id,
    actorRole: actor.role,
    action,
    subjectType: 'user',
    subjectId: userId,
    details: details ?? null,
  });
}

async function detailsById(ctx: AppContext, id: string): Promise<UserDetails> {
  return (await detailsOf(ctx, [(await findUserById(ctx.db, id))!]))[0];
}

/**
 * `POST /api/users`: a new member of staff, invited by email or SMS (link and code, 72 hours). The caller must
 * hold user.create over the office, and may only give a role they are allowed to give (see access.ts).
 */
export async function createStaff(ctx: AppContext, actor: AuthUser, input: NewUserInput): Promise<UserDetails> {
  // A caller who may not create staff (at that office) is refused before the details are judged.
  const office = officeError(ctx, input.primaryOfficeId);
  if (!office || !reachOf(ctx.country, actor, 'user.create')) {
    requireManage(ctx.country, actor, 'user.create', input.primaryOfficeId);
  }
  const errors = detailErrors(ctx, input);
  if (office) errors.push(office);
  if (errors.length) throw badRequest('the user cannot be created as given', errors);
  requireManage(ctx.country, actor, 'user.create', input.primaryOfficeId, { field: 'role', id: input.role });

  let id = '';
  for (let attempt = 0; ; attempt++) {
    id = randomUUID();
    const username = await freeUsername(ctx.db, input.firstname, input.surname);
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await insertUser(trx, {
          id,
          username,
          firstname: input.firstname,
          surname: input.surname,
          role: input.role,
          primary_office_id: input.primaryOfficeId,
          mobile: input.mobile ?? null,
          email: input.email ?? null,
          nid: input.nid ?? null,
          language: input.language ?? null,
          preferred_channel: input.preferredChannel ?? null,
          status: 'pending',
          password_hash: NO_PASSWORD,
          must_change_password: false,
          failed_logins: 0,
          locked_until: null,
          created_at: new Date(),
          created_by: actor.id,
        });
        await audit(trx, actor, id, 'user.created', {
          username,
          role: input.role,
          primaryOfficeId: input.primaryOfficeId,
        });
        const sent = await sendInvitation(ctx, trx, (await findUserById(trx, id))!);
        await audit(trx, actor, id, 'user.invitation-sent', { channel: sent.channel, expiresAt: sent.expiresAt });
      });
      break;
    } catch (error) {
      // Someone took the same username a moment ago: pick the next one.
      if (isUniqueViolation(error) && attempt < 5) continue;
      throw error;
    }
  }
  ctx.outbox?.kick();
  return detailsById(ctx, id);
}

/**
 * Lock a user the caller may act on with user.edit, in the caller's transaction: in their jurisdiction, holding a
 * role the caller could give (else a local administrator could take over a national one's account), not themselves
 * when `notSelf` says why not.
 */
async function lockManaged(ctx: AppContext, trx: Db, actor: AuthUser, id: string, notSelf?: string): Promise<UserRow> {
  const row = await lockUserById(trx, id);
  if (!row) throw notFound(`no user ${id}`);
  if (notSelf && row.id === actor.id) throw forbidden(`you cannot ${notSelf} yourself; ask another administrator`);
  const reach = requireManage(ctx.country, actor, 'user.edit', row.primary_office_id);
  const problem = grantProblem(ctx.country, actor, reach, row.role);
  if (problem) throw forbidden(`this user's role (${row.role}) is beyond what you may manage: ${problem}`);
  return row;
}

/**
 * `PATCH /api/users/{id}`: names, contact details, role, office. A new role or office ends the user's sessions (the
 * next login carries them); the caller must be able to give the new role in the new office.
 */
export async function updateStaff(
  ctx: AppContext,
  actor: AuthUser,
  id: string,
  changes: UserUpdateInput,
): Promise<UserDetails> {
  await ctx.db.transaction().execute(async (trx) => {
    const movesRoleOrOffice = changes.role !== undefined || changes.primaryOfficeId !== undefined;
    const row = await lockManaged(ctx, trx, actor, id, movesRoleOrOffice ? 'change the role or office of' : undefined);
    const next = {
      role: changes.role ?? row.role,
      primaryOfficeId: changes.primaryOfficeId ?? row.primary_office_id,
      email: changes.email === undefined ? row.email : changes.email,
      mobile: changes.mobile === undefined ? row.mobile : changes.mobile,
      nid: changes.nid === undefined ? row.nid : changes.nid,
      language: changes.language ?? row.language,
    };
    const errors = detailErrors(ctx, next);
    const office = changes.primaryOfficeId !== undefined && officeError(ctx, changes.primaryOfficeId);
    if (office) errors.push(office);
    if (errors.length) throw badRequest('the user cannot be changed as given', errors);
    if (movesRoleOrOffice) {
      requireManage(ctx.country, actor, 'user.edit', next.primaryOfficeId, { field: 'role', id: next.role });
    }
    await updateUser(trx, id, {
      ...(changes.firstname !== undefined ? { firstname: changes.firstname } : {}),
      ...(changes.surname !== undefined ? { surname: changes.surname } : {}),
      role: next.role,
      primary_office_id: next.primaryOfficeId,
      email: next.email,
      mobile: next.mobile,
      nid: next.nid,
      language: next.language,
      ...(changes.preferredChannel !== undefined ? { preferred_channel: changes.preferredChannel } : {}),
    });
    const changed = Object.keys(changes);
    await audit(trx, actor, id, 'user.updated', {
      fields: changed,
      ...(changes.role !== undefined && changes.role !== row.role
        ? { role: { from: row.role, to: changes.role } }
        : {}),
      ...(changes.primaryOfficeId !== undefined && changes.primaryOfficeId !== row.primary_office_id
        ? { primaryOfficeId: { from: row.primary_office_id, to: changes.primaryOfficeId } }
        : {}),
    });
    const moved = next.role !== row.role || next.primaryOfficeId !== row.primary_office_id;
    if (moved) await endAllSessionsOfUser(ctx, trx, id, 'role or office changed');
  });
  return detailsById(ctx, id);
}

/** Deactivate: the user can no longer log in, their sessions end at once and their pending links stop working. */
export async function deactivateStaff(ctx: AppContext, actor: AuthUser, id: string, reason: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockManaged(ctx, trx, actor, id, 'deactivate');
    if (row.status === 'deactivated') throw conflict('this user is already deactivated');
    await updateUser(trx, id, { status: 'deactivated' });
    await revokeTokens(trx, id, null, new Date());
    await audit(trx, actor, id, 'user.deactivated', { reason, previousStatus: row.status });
    await endAllSessionsOfUser(ctx, trx, id, 'deactivated');
  });
  return detailsById(ctx, id);
}

/** Reactivate: back to active, or to pending (with a new invitation to send) if they had never activated. */
export async function reactivateStaff(ctx: AppContext, actor: AuthUser, id: string, reason: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockManaged(ctx, trx, actor, id);
    if (row.status !== 'deactivated') throw conflict(`this user is ${row.status}, not deactivated`);
    const status = row.password_hash === NO_PASSWORD ? 'pending' : 'active';
    await updateUser(trx, id, { status, failed_logins: 0, locked_until: null });
    await audit(trx, actor, id, 'user.reactivated', { reason, status });
  });
  return detailsById(ctx, id);
}

/** Unlock: forget the wrong passwords and codes that slow a username's logins down. */
export async function unlockStaff(ctx: AppContext, actor: AuthUser, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockManaged(ctx, trx, actor, id);
    const slowed = (await slowedUntil(trx, [row.username])).get(row.username);
    await clearThrottle(trx, row.username);
    await audit(trx, actor, id, 'user.unlocked', { wasSlowedUntil: slowed?.toISOString() ?? null });
  });
  return detailsById(ctx, id);
}

/**
 * Reset the password: the old one stops working and every session ends at once; the user gets a link and a code
 * (24 hours) to choose a new one.
 */
export async function resetStaffPassword(ctx: AppContext, actor: AuthUser, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockManaged(ctx, trx, actor, id);
    if (row.status !== 'active') {
      throw conflict(
        `this user is ${row.status}: ${row.status === 'pending' ? 'resend the invitation' : 'reactivate them'} instead`,
      );
    }
    await updateUser(trx, id, { password_hash: NO_PASSWORD, must_change_password: false });
    const sent = await sendPasswordReset(ctx, trx, row);
    await audit(trx, actor, id, 'user.password-reset-sent', { channel: sent.channel, expiresAt: sent.expiresAt });
    await endAllSessionsOfUser(ctx, trx, id, 'password reset by an administrator');
  });
  ctx.outbox?.kick();
  return detailsById(ctx, id);
}

/** A new invitation for a user who has not activated yet (the previous link and code stop working). */
export async function resendInvitation(ctx: AppContext, actor: AuthUser, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockManaged(ctx, trx, actor, id);
    if (row.status !== 'pending')
      throw conflict(`this user is ${row.status}: only users who have not activated get invitations`);
    const sent = await sendInvitation(ctx, trx, row);
    await audit(trx, actor, id, 'user.invitation-sent', {
      channel: sent.channel,
      expiresAt: sent.expiresAt,
      resent: true,
    });
  });
  ctx.outbox?.kick();
  return detailsById(ctx, id);
}

/**
 * Reset the second factor. Codes go to the user's phone or email, so the factor is that address: after correcting it
 * (PATCH), this ends every session and every login waiting for a code sent to the old one.
 */
export async function resetSecondFactor(ctx: AppContext, actor: AuthUser, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    await lockManaged(ctx, trx, actor, id);
    await audit(trx, actor, id, 'user.second-factor-reset');
    await endAllSessionsOfUser(ctx, trx, id, 'second factor reset');
  });
  return detailsById(ctx, id);
}
