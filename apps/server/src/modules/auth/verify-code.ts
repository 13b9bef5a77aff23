import type { AppContext } from '../../context.ts';
import { unauthorized } from '../../lib/errors.ts';
import { auditAuth, type AuthSubject } from './audit.ts';
import { MAX_CODE_ATTEMPTS, matchCode } from './codes.ts';
import { rememberDevice } from './devices.ts';
import type { SigningKeys } from './keys.ts';
import { limitPerIp } from './rate-limit.ts';
import {
  consumeChallenge,
  countWrongCode,
  findLoginUserById,
  lockChallenge,
  lockDevice,
  lockThrottle,
  saveDevice,
  saveThrottle,
  type LoginUser,
} from './repository.ts';
import { openLogin, tokenPair, type IssuedSession, type TokenPair } from './sessions.ts';
import { afterWrongCode, cleared, codesExhausted } from './throttle.ts';

type CodeOutcome =
  { ok: true; user: LoginUser; session: IssuedSession; deviceToken?: string } | { ok: false; detail: string };

/**
 * Step two of login: check the one-time code and open a login. A nonce dies when used, after MAX_CODE_ATTEMPTS
 * wrong codes, or CODE_TTL_SECONDS after it was issued; a decoy (see throttle.ts) answers like a real nonce and
 * never opens. Past the account's wrong-code budget even the right code is refused, with the same answer.
 */
export async function verifyLoginCode(
  ctx: AppContext,
  keys: SigningKeys,
  input: { nonce: string; code: string; ip: string | null },
): Promise<TokenPair> {
  const { ip } = input;
  await limitPerIp(ctx, 'verify', ip);
  const outcome = await ctx.db.transaction().execute(async (trx): Promise<CodeOutcome> => {
    // The username's counters first, then the challenge: the order a login locks them in.
    const peek = await trx
      .selectFrom('login_challenges')
      .select('username')
      .where('nonce', '=', input.nonce)
      .executeTakeFirst();
    const throttle = peek?.username ? await lockThrottle(trx, peek.username) : undefined;
    const challenge = await lockChallenge(trx, input.nonce);
    if (!challenge) return { ok: false, detail: 'this login is unknown or over; log in again' };
    const user = challenge.user_id ? await findLoginUserById(trx, challenge.user_id) : undefined;
    const subject: AuthSubject = user
      ? { id: user.id, role: user.role }
      : challenge.user_id
        ? { id: challenge.user_id, role: 'unknown' }
        : { username: challenge.username ?? 'unknown' };
    const now = new Date();
    const refuse = async (reason: string, detail: string, extra: Record<string, unknown> = {}) => {
      await auditAuth(trx, subject, 'login.code-rejected', ip, {
        reason,
        ...(challenge.decoy ? { decoy: true } : {}),
        ...extra,
      });
      return { ok: false as const, detail };
    };
    if (challenge.consumed_at) return refuse('used', 'this code was already used; log in again');
    if (challenge.attempts >= MAX_CODE_ATTEMPTS) {
      return refuse('too-many-attempts', 'too many wrong codes for this login; log in again to get a new code');
    }
    if (challenge.expires_at.getTime() <= now.getTime()) {
      return refuse('expired', 'the code has expired; log in again to get a new one');
    }
    const exhausted = !challenge.decoy && !!throttle && codesExhausted(throttle, now);
    const match =
      challenge.decoy || exhausted
        ? null
        : matchCode(challenge.nonce, challenge.code_hash, input.code, ctx.env.authDevCode);
    if (!match) {
      const attempts = await countWrongCode(trx, challenge.nonce);
      // Decoys spend nothing of the account's budget: a stranger cannot use them to lock its owner out.
      if (!challenge.decoy && throttle) await saveThrottle(trx, afterWrongCode(throttle, now));
      const left = MAX_CODE_ATTEMPTS - attempts;
      return refuse(
        exhausted ? 'account-code-limit' : 'wrong-code',
        left > 0
          ? `wrong code; ${left} ${left === 1 ? 'try' : 'tries'} left`
          : 'wrong code, too many times: log in again',
        { attempts },
      );
    }
    await consumeChallenge(trx, challenge.nonce, now);
    if (!user || user.status !== 'active') return refuse('inactive', 'this account is no longer active');
    const session = await openLogin(ctx, trx, user.id, now);
    // The owner proved both factors: the counter they logged in through starts again.
    let deviceToken: string | undefined;
    const device = challenge.device_hash ? await lockDevice(trx, challenge.device_hash) : undefined;
    if (device) {
      await saveDevice(trx, { ...cleared(device), last_used_at: now });
      // The username's password counter holds strangers' guesses: it is not theirs to clear.
      if (throttle) await saveThrottle(trx, { ...throttle, code_failures: 0, code_window_start: null });
    } else {
      if (throttle) await saveThrottle(trx, { ...cleared(throttle), code_failures: 0, code_window_start: null });
      deviceToken = await rememberDevice(trx, user.id, now);
    }
    await auditAuth(trx, user, 'login.succeeded', ip, {
      familyId: session.sessionId,
      ...(match === 'dev' ? { devCode: true } : {}),
      ...(device ? { knownDevice: true } : { newDevice: true }),
    });
    return { ok: true, user, session, deviceToken };
  });
  if (!outcome.ok) throw unauthorized(outcome.detail);
  const pair = await tokenPair(keys, outcome.user, outcome.session);
  return outcome.deviceToken ? { ...pair, deviceToken: outcome.deviceToken } : pair;
}
