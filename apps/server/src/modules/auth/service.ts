import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { HttpError, unauthorized } from '../../lib/errors.ts';
import { queueMessage, type DeliveryChannel } from '../notifications/index.ts';
import { hashPassword, verifyPassword } from '../users/passwords.ts';
import { auditAuth } from './audit.ts';
import { CODE_TTL_SECONDS, MAX_CODE_ATTEMPTS, matchCode, newOneTimeCode, type OneTimeCode } from './codes.ts';
import type { SigningKeys } from './keys.ts';
import {
  clearWrongPasswords,
  consumeChallenge,
  countWrongCode,
  findLoginUser,
  findLoginUserById,
  insertChallenge,
  lockChallenge,
  lockLoginUser,
  recordWrongPassword,
  type LoginUser,
} from './repository.ts';
import { issueSession, newFamily, tokenPair, type IssuedSession, type TokenPair } from './sessions.ts';

/** Consecutive wrong passwords that lock an account, and for how long. */
export const MAX_WRONG_PASSWORDS = 5;
export const LOCKOUT_MINUTES = 15;

/** One message for unknown users, deactivated users and wrong passwords, so answers reveal no usernames. */
export const WRONG_CREDENTIALS = 'wrong username or password';

export interface LoginChallenge {
  nonce: string;
  /** Seconds the one-time code stays valid. */
  expiresIn: number;
  channel: DeliveryChannel;
}

let dummyHash: Promise<string> | undefined;

/** A hash to verify against when the user does not exist, so that answer takes as long as a wrong password. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

function lockedError(until: Date, now: Date): HttpError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new HttpError(
    423,
    'Locked',
    `this account is locked after ${MAX_WRONG_PASSWORDS} wrong passwords until ${until.toISOString()}; ` +
      'try again after that time or ask a system administrator',
    undefined,
    { 'retry-after': String(seconds) },
  );
}

const lockedUntil = (user: Pick<LoginUser, 'locked_until'>, now: Date) =>
  user.locked_until && user.locked_until.getTime() > now.getTime() ? user.locked_until : null;

type PasswordOutcome =
  | { kind: 'challenge'; user: LoginUser; code: OneTimeCode }
  | { kind: 'locked'; until: Date; now: Date }
  | { kind: 'wrong' };

/**
 * Step one of login: check the password and send a one-time code. Each outcome (code sent, wrong password,
 * locked, unknown or inactive user) is audited in the transaction that records it; the code is sent after commit.
 */
export async function startLogin(
  ctx: AppContext,
  input: { username: string; password: string; ip: string | null },
): Promise<LoginChallenge> {
  const { ip } = input;
  const found = await findLoginUser(ctx.db, input.username);
  if (!found || found.status !== 'active') {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await ctx.db
      .transaction()
      .execute((trx) =>
        found
          ? auditAuth(trx, found, 'login.refused-inactive', ip, { status: found.status })
          : auditAuth(trx, { username: input.username }, 'login.unknown-user', ip),
      );
    throw unauthorized(WRONG_CREDENTIALS);
  }
  // A locked account is refused before argon2 runs (null = not checked): no work spent, no oracle for the password.
  const passwordOk = lockedUntil(found, new Date()) ? null : await verifyPassword(found.password_hash, input.password);

  const outcome = await ctx.db.transaction().execute(async (trx): Promise<PasswordOutcome> => {
    const user = await lockLoginUser(trx, found.id);
    if (!user || user.status !== 'active') return { kind: 'wrong' };
    const now = new Date();
    const until = lockedUntil(user, now);
    if (until) {
      await auditAuth(trx, user, 'login.refused-locked', ip, { lockedUntil: until.toISOString() });
      return { kind: 'locked', until, now };
    }
    if (passwordOk === null) return { kind: 'wrong' }; // the lock ended while we waited: not counted, try again
    if (!passwordOk) {
      const lockEnd = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
      const counted = await recordWrongPassword(trx, user.id, MAX_WRONG_PASSWORDS, lockEnd);
      const nowLocked = lockedUntil(counted, now);
      await auditAuth(trx, user, 'login.password-rejected', ip, {
        failedLogins: nowLocked ? MAX_WRONG_PASSWORDS : counted.failed_logins,
        ...(nowLocked ? { lockedUntil: nowLocked.toISOString() } : {}),
      });
      return nowLocked ? { kind: 'locked', until: nowLocked, now } : { kind: 'wrong' };
    }
    await clearWrongPasswords(trx, user.id);
    const code = newOneTimeCode();
    await insertChallenge(trx, {
      nonce: code.nonce,
      user_id: user.id,
      code_hash: code.codeHash,
      created_at: now,
      expires_at: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
      attempts: 0,
      consumed_at: null,
    });
    await auditAuth(trx, user, 'login.password-accepted', ip);
    return { kind: 'challenge', user, code };
  });

  if (outcome.kind === 'locked') throw lockedError(outcome.until, outcome.now);
  if (outcome.kind === 'wrong') throw unauthorized(WRONG_CREDENTIALS);
  const channel = await sendCode(ctx, outcome.user, outcome.code.code);
  return { nonce: outcome.code.nonce, expiresIn: CODE_TTL_SECONDS, channel };
}

/**
 * Queue the login code through the outbox (SMS or email per the user and NOTIFICATION_TRANSPORT, retried if the
 * gateway is down) and wake the worker. The code travels only as a job secret: never in a log outside demo mode.
 */
async function sendCode(ctx: AppContext, user: LoginUser, code: string): Promise<DeliveryChannel> {
  const expiresAt = new Date(Date.now() + CODE_TTL_SECONDS * 1000);
  const queued = await ctx.db
    .transaction()
    .execute((trx) =>
      queueMessage(
        ctx,
        trx,
        user,
        'loginCode',
        { minutes: String(CODE_TTL_SECONDS / 60) },
        { secrets: { code }, expiresAt },
      ),
    );
  if (!queued) {
    throw new HttpError(
      503,
      'Service Unavailable',
      'there is no phone number or email address to send your login code to; ask a system administrator',
    );
  }
  ctx.outbox?.kick();
  return queued.channel;
}

type CodeOutcome = { ok: true; user: LoginUser; session: IssuedSession } | { ok: false; detail: string };

/**
 * Step two of login: check the one-time code and open a session. A nonce dies when used, after
 * MAX_CODE_ATTEMPTS wrong codes, or CODE_TTL_SECONDS after it was issued.
 */
export async function verifyLoginCode(
  ctx: AppContext,
  keys: SigningKeys,
  input: { nonce: string; code: string; ip: string | null },
): Promise<TokenPair> {
  const { ip } = input;
  const outcome = await ctx.db.transaction().execute(async (trx): Promise<CodeOutcome> => {
    const challenge = await lockChallenge(trx, input.nonce);
    if (!challenge) return { ok: false, detail: 'this login is unknown or over; log in again' };
    const user = await findLoginUserById(trx, challenge.user_id);
    const subject = { id: challenge.user_id, role: user?.role ?? 'unknown' };
    const now = new Date();
    const refuse = async (reason: string, detail: string, extra: Record<string, unknown> = {}) => {
      await auditAuth(trx, subject, 'login.code-rejected', ip, { reason, ...extra });
      return { ok: false as const, detail };
    };
    if (challenge.consumed_at) return refuse('used', 'this code was already used; log in again');
    if (challenge.attempts >= MAX_CODE_ATTEMPTS) {
      return refuse('too-many-attempts', 'too many wrong codes for this login; log in again to get a new code');
    }
    if (challenge.expires_at.getTime() <= now.getTime()) {
      return refuse('expired', 'the code has expired; log in again to get a new one');
    }
    const match = matchCode(challenge.nonce, challenge.code_hash, input.code, ctx.env.authDevCode);
    if (!match) {
      const attempts = await countWrongCode(trx, challenge.nonce);
      const left = MAX_CODE_ATTEMPTS - attempts;
      return refuse(
        'wrong-code',
        left > 0
          ? `wrong code; ${left} ${left === 1 ? 'try' : 'tries'} left`
          : 'wrong code, too many times: log in again',
        { attempts },
      );
    }
    await consumeChallenge(trx, challenge.nonce, now);
    if (!user || user.status !== 'active') return refuse('inactive', 'this account is no longer active');
    const session = await issueSession(trx, user.id, now, newFamily(ctx, now));
    await auditAuth(trx, user, 'login.succeeded', ip, {
      familyId: session.familyId,
      ...(match === 'dev' ? { devCode: true } : {}),
    });
    return { ok: true, user, session };
  });
  if (!outcome.ok) throw unauthorized(outcome.detail);
  return tokenPair(keys, outcome.user, outcome.session);
}
