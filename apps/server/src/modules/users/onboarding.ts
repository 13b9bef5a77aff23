import { passwordProblems } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { badRequest, conflict, HttpError, notFound } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { hashPassword } from './passwords.ts';
import { findUserById, updateUser } from './repository.ts';
import {
  codeMatches,
  consumeToken,
  countWrongCode,
  lockTokenByLink,
  MAX_TOKEN_ATTEMPTS,
  tokenProblem,
  type TokenRow,
} from './token-repository.ts';

const gone = (detail: string) => new HttpError(410, 'Gone', detail);

function invitationError(problem: NonNullable<ReturnType<typeof tokenProblem>>, row?: TokenRow): HttpError {
  switch (problem) {
    case 'unknown':
      return notFound('this invitation link is not valid; check it was copied whole');
    case 'replaced':
      return gone('a newer invitation was sent: use the link of the latest message');
    case 'used':
      return conflict('this invitation was used already: log in with your username and password');
    case 'too-many-attempts':
      return gone('too many wrong codes: ask your system administrator to send a new invitation');
    case 'expired':
      return gone(
        `this invitation expired at ${row?.expires_at.toISOString()}: ask your system administrator to send a new one`,
      );
  }
}

/** Who an invitation link is for, so the activation page can greet them (the link itself is the secret). */
export async function inspectInvitation(ctx: AppContext, token: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockTokenByLink(trx, token);
    const problem = tokenProblem(row, 'invitation');
    if (problem) throw invitationError(problem, row);
    const user = (await findUserById(trx, row!.user_id!))!;
    if (user.status !== 'pending') throw invitationError('used');
    return {
      username: user.username,
      firstname: user.firstname,
      surname: user.surname,
      language: user.language ?? ctx.country.config.settings.defaultLanguage,
      expiresAt: row!.expires_at.toISOString(),
    };
  });
}

/**
 * Activate an account: the invitation's link and code, and a password of the policy. The account becomes active
 * and the invitation dies; the person then logs in as anyone does (password, then a code sent to their phone or
 * email, which confirms that address).
 */
export async function activateAccount(
  ctx: AppContext,
  input: { token: string; code: string; password: string; ip: string | null },
): Promise<{ username: string }> {
  const problems = passwordProblems(input.password, ctx.country.config.settings.passwordMinLength).map((message) => ({
    field: 'password',
    message,
  }));
  if (problems.length) throw badRequest('the password does not meet the password policy', problems);
  const passwordHash = await hashPassword(input.password);
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockTokenByLink(trx, input.token);
    const problem = tokenProblem(row, 'invitation');
    if (problem) throw invitationError(problem, row);
    const user = (await findUserById(trx, row!.user_id!))!;
    if (user.status !== 'pending') throw invitationError('used');
    if (!codeMatches(row!, input.code)) {
      const attempts = await countWrongCode(trx, row!.id);
      const left = MAX_TOKEN_ATTEMPTS - attempts;
      // Committed: the wrong code counts even though the request fails.
      return { ok: false as const, left };
    }
    await consumeToken(trx, row!.id, new Date());
    await updateUser(trx, user.id, {
      password_hash: passwordHash,
      status: 'active',
      must_change_password: false,
      failed_logins: 0,
      locked_until: null,
    });
    await appendAudit(trx, {
      stream: `user:${user.id}`,
      actorId: user.id,
      actorRole: user.role,
      action: 'user.activated',
      subjectType: 'user',
      subjectId: user.id,
      ip: input.ip,
    });
    return { ok: true as const, username: user.username };
  });
  if (!outcome.ok) {
    const message =
      outcome.left > 0
        ? `wrong code; ${outcome.left} ${outcome.left === 1 ? 'try' : 'tries'} left`
        : 'wrong code, too many times';
    throw badRequest('the code is wrong', [{ field: 'code', message }]);
  }
  return { username: outcome.username };
}
