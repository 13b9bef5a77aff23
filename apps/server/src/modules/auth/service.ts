import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { HttpError, unauthorized } from '../../lib/errors.ts';
import { configuredChannels, queueMessage, type DeliveryChannel } from '../notifications/index.ts';
import { hashPassword, verifyPassword } from '../users/passwords.ts';
import { auditAuth } from './audit.ts';
import { CODE_TTL_SECONDS, newOneTimeCode, type OneTimeCode } from './codes.ts';
import { trustedDevice } from './devices.ts';
import { countIpFailure, limitPerIp, refuseFailingIp } from './rate-limit.ts';
import {
  findLoginUser,
  insertChallenge,
  lockDevice,
  lockThrottle,
  retireOpenChallenges,
  saveDevice,
  saveThrottle,
  type LoginUser,
} from './repository.ts';
import { afterWrongPassword, isBlind, MAX_OPEN_CHALLENGES } from './throttle.ts';

export { verifyLoginCode } from './verify-code.ts';

/** One message for unknown users, deactivated users and wrong passwords, so answers reveal no usernames. */
export const WRONG_CREDENTIALS = 'wrong username or password';

export interface LoginChallenge {
  nonce: string;
  /** Seconds the one-time code stays valid. */
  expiresIn: number;
  channel: DeliveryChannel;
  /**
   * True while the username is being guessed at: the password is then confirmed only by the code, which is sent
   * only when the password was right (see throttle.ts). The same for every username, known or not.
   */
  deferred: boolean;
}

let dummyHash: Promise<string> | undefined;

/** A hash to verify against when the user does not exist, so that answer takes as long as a wrong password. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

type PasswordOutcome =
  | { kind: 'challenge'; user: LoginUser; code: OneTimeCode; deferred: boolean }
  | { kind: 'decoy'; nonce: string }
  | { kind: 'wrong' };

/**
 * Step one of login: check the password and send a one-time code. argon2 runs for every attempt (against a dummy
 * hash for unknown or inactive users), and the answer depends only on whether the password was right and whether
 * the username (or the known device) is blind, never on whether the user exists. Each outcome is audited in the
 * transaction that records it; the code is sent after commit.
 */
export async function startLogin(
  ctx: AppContext,
  input: { username: string; password: string; deviceToken?: string; ip: string | null },
): Promise<LoginChallenge> {
  const { ip, username } = input;
  await limitPerIp(ctx, 'login', ip);
  await refuseFailingIp(ctx, ip);
  const found = await findLoginUser(ctx.db, username);
  const account = found?.status === 'active' ? found : undefined;
  const device = await trustedDevice(ctx.db, account, input.deviceToken);
  const passwordOk = await verifyPassword(account?.password_hash ?? (await dummyPasswordHash()), input.password);

  const outcome = await ctx.db.transaction().execute(async (trx): Promise<PasswordOutcome> => {
    const now = new Date();
    // A known device has a counter of its own: strangers' guesses at the username never slow its owner.
    const deviceRow = device ? await lockDevice(trx, device.token_hash) : undefined;
    const throttle = deviceRow ? undefined : await lockThrottle(trx, username);
    const counter = deviceRow ?? throttle!;
    const blind = isBlind(counter, now);
    const challenge = async (userId: string | null, codeHash: string, decoy: boolean) => {
      const code = newOneTimeCode();
      await retireOpenChallenges(trx, username, MAX_OPEN_CHALLENGES - 1, now);
      await insertChallenge(trx, {
        nonce: code.nonce,
        user_id: userId,
        username,
        code_hash: decoy ? codeHash : code.codeHash,
        decoy,
        device_hash: deviceRow?.token_hash ?? null,
        created_at: now,
        expires_at: new Date(now.getTime() + CODE_TTL_SECONDS * 1000),
        attempts: 0,
        consumed_at: null,
      });
      return code;
    };

    if (account && passwordOk) {
      const code = await challenge(account.id, '', false);
      await auditAuth(trx, account, 'login.password-accepted', ip, {
        ...(blind ? { deferred: true } : {}),
        ...(deviceRow ? { knownDevice: true } : {}),
      });
      return { kind: 'challenge', user: account, code, deferred: blind };
    }

    const counted = afterWrongPassword(counter, now);
    if (deviceRow) await saveDevice(trx, { ...deviceRow, ...counted });
    else await saveThrottle(trx, { ...throttle!, ...counted });
    await countIpFailure(trx, ip, now);
    const details = { failures: counted.failures, ...(blind ? { deferred: true } : {}) };
    if (account) await auditAuth(trx, account, 'login.password-rejected', ip, details);
    else if (found) await auditAuth(trx, found, 'login.refused-inactive', ip, { status: found.status, ...details });
    else await auditAuth(trx, { username }, 'login.unknown-user', ip, details);
    if (!blind) return { kind: 'wrong' };
    // A decoy: the same answer as a right password, and no code will ever open it.
    const decoy = await challenge(null, randomBytes(32).toString('hex'), true);
    return { kind: 'decoy', nonce: decoy.nonce };
  });

  if (outcome.kind === 'wrong') throw unauthorized(WRONG_CREDENTIALS);
  if (outcome.kind === 'decoy') {
    return { nonce: outcome.nonce, expiresIn: CODE_TTL_SECONDS, channel: neutralChannel(ctx), deferred: true };
  }
  if (outcome.deferred) {
    // Not awaited, and the channel not told: neither may show a guesser that this password was the right one.
    void sendCode(ctx, outcome.user, outcome.code.code).catch(() => undefined);
    return { nonce: outcome.code.nonce, expiresIn: CODE_TTL_SECONDS, channel: neutralChannel(ctx), deferred: true };
  }
  const channel = await sendCode(ctx, outcome.user, outcome.code.code);
  return { nonce: outcome.code.nonce, expiresIn: CODE_TTL_SECONDS, channel, deferred: false };
}

/** The channel a deferred or decoy login answers with: the server's first, the same for every account. */
const neutralChannel = (ctx: AppContext): DeliveryChannel => configuredChannels(ctx.env)[0] ?? 'log';

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
