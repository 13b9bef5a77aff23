import { passwordProblems } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { endAllSessionsOfUser } from '../auth/index.ts';
import { queueMessage } from '../notifications/index.ts';
import { linkTo } from './invitations.ts';
import { hashPassword } from './passwords.ts';
import { findUserById, findUserByUsername, findUsersByContact, updateUser, type UserRow } from './repository.ts';
import {
  codeMatches,
  consumeToken,
  countWrongCode,
  issueToken,
  lockTokenById,
  lockTokenByLink,
  revokeTokens,
  tokenProblem,
} from './token-repository.ts';

/** How long a code asked for from the login page works. */
export const SELF_RESET_MINUTES = 30;

/**
 * Every answer about an account takes at least AUTH_RECOVERY_FLOOR_MS, whether the account exists or not: together
 * with the same database work on both paths (a decoy token for an unknown account), timing does not tell them apart.
 */
async function withFloor<T>(ctx: AppContext, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    const left = ctx.env.authRecoveryFloorMs - (Date.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}

const isEmail = (text: string) => text.includes('@');

/** The one active account a username, email address or phone number names, if exactly one. */
async function accountNamed(ctx: AppContext, identifier: string): Promise<UserRow | null> {
  const text = identifier.trim();
  const byUsername = await findUserByUsername(ctx.db, text.toLowerCase());
  const matches = byUsername
    ? [byUsername]
    : await findUsersByContact(ctx.db, isEmail(text) ? { email: text } : { mobile: text });
  const active = matches.filter((u) => u.status === 'active');
  return active.length === 1 ? active[0] : null;
}

/**
 * "Forgot password": a code (and link) to the account's phone or email. The answer is the same whether or not an
 * account matches (a handle to send back with the code, and how long it lasts), in the same time.
 */
export async function requestPasswordReset(
  ctx: AppContext,
  input: { identifier: string; ip: string | null },
): Promise<{ nonce: string; expiresIn: number }> {
  return withFloor(ctx, async () => {
    const user = await accountNamed(ctx, input.identifier);
    const nonce = await ctx.db.transaction().execute(async (trx) => {
      const token = await issueToken(trx, user?.id ?? null, 'password-reset', SELF_RESET_MINUTES * 60_000);
      if (!user) {
        await appendAudit(trx, {
          stream: `login:${input.identifier.trim().toLowerCase()}`,
          actorId: null,
          actorRole: null,
          action: 'recovery.password-unknown-account',
          subjectType: 'username',
          subjectId: input.identifier.trim().toLowerCase(),
          ip: input.ip,
        });
        return token.id;
      }
      const queued = await queueMessage(
        ctx,
        trx,
        user,
        'passwordReset',
        { minutes: String(SELF_RESET_MINUTES) },
        {
          secrets: { code: token.code, link: linkTo(ctx, 'reset-password', token.token) },
          expiresAt: token.expiresAt,
        },
      );
      await appendAudit(trx, {
        stream: `user:${user.id}`,
        actorId: null,
        actorRole: null,
        action: 'recovery.password-reset-requested',
        subjectType: 'user',
        subjectId: user.id,
        ip: input.ip,
        details: { channel: queued?.channel ?? null },
      });
      return token.id;
    });
    ctx.outbox?.kick();
    return { nonce, expiresIn: SELF_RESET_MINUTES * 60 };
  });
}

const WRONG_CODE = 'the code is wrong or has expired; ask for a new one';

/**
 * Choose a new password with a reset code: sent with the handle from "forgot password" (`nonce`) or the link's
 * `token`. Every refusal says the same, whatever the reason, so a guess learns nothing. On success every session of
 * the account ends.
 */
export async function resetPassword(
  ctx: AppContext,
  input: { nonce?: string; token?: string; code: string; newPassword: string; ip: string | null },
): Promise<void> {
  const problems = passwordProblems(input.newPassword, ctx.country.config.settings.passwordMinLength).map(
    (message) => ({ field: 'newPassword', message }),
  );
  if (problems.length) throw badRequest('the new password does not meet the password policy', problems);
  const passwordHash = await hashPassword(input.newPassword);
  const done = await ctx.db.transaction().execute(async (trx) => {
    const row = input.token ? await lockTokenByLink(trx, input.token) : await lockTokenById(trx, input.nonce!);
    if (!row) return false;
    if (tokenProblem(row, 'password-reset') || !codeMatches(row, input.code)) {
      await countWrongCode(trx, row.id);
      return false;
    }
    const user = await findUserById(trx, row.user_id!);
    if (!user || user.status !== 'active') return false;
    const now = new Date();
    await consumeToken(trx, row.id, now);
    await revokeTokens(trx, user.id, 'password-reset', now);
    await updateUser(trx, user.id, {
      password_hash: passwordHash,
      must_change_password: false,
      failed_logins: 0,
      locked_until: null,
    });
    await appendAudit(trx, {
      stream: `user:${user.id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'user.password-reset',
      subjectType: 'user',
      subjectId: user.id,
      ip: input.ip,
    });
    await endAllSessionsOfUser(ctx, trx, user.id, 'password reset');
    return true;
  });
  if (!done) throw badRequest(WRONG_CODE, [{ field: 'code', message: WRONG_CODE }]);
}

/**
 * "Forgot username": the usernames of the accounts with this email address or phone number, sent there. The
 * answer is the same (and as slow) whether or not any account matches.
 */
export async function sendUsernameReminder(ctx: AppContext, input: { contact: string; ip: string | null }) {
  await withFloor(ctx, async () => {
    const contact = input.contact.trim();
    const byEmail = isEmail(contact);
    const users = (await findUsersByContact(ctx.db, byEmail ? { email: contact } : { mobile: contact })).filter(
      (u) => u.status === 'active',
    );
    await ctx.db.transaction().execute(async (trx) => {
      const first = users[0];
      if (first) {
        await queueMessage(ctx, trx, { ...first, preferred_channel: byEmail ? 'email' : 'sms' }, 'usernameReminder', {
          usernames: users.map((u) => u.username).join(', '),
        });
      }
      for (const user of users.length ? users : [null]) {
        await appendAudit(trx, {
          stream: user ? `user:${user.id}` : `login:${contact.toLowerCase()}`,
          actorId: null,
          actorRole: null,
          action: user ? 'recovery.username-sent' : 'recovery.username-unknown-contact',
          subjectType: user ? 'user' : 'contact',
          subjectId: user?.id ?? contact.toLowerCase(),
          ip: input.ip,
        });
      }
    });
    ctx.outbox?.kick();
  });
}
