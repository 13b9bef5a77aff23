import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { tooManyRequests } from '../../lib/errors.ts';
import { hitCounter, readCounter, sweepCounters } from './repository.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const windowOf = (now: number, size: number) => new Date(Math.floor(now / size) * size);
const secondsLeft = (now: number, size: number) => Math.max(1, Math.ceil((size - (now % size)) / 1000));

/**
 * At most AUTH_RATE_LIMIT_PER_MINUTE calls of a login route per IP address per minute, whatever the username:
 * one address cannot spray passwords over every account. Counted in PostgreSQL, so the limit holds across
 * server copies. The window slides: the last minute's count weighs in by the share of it still inside the past
 * 60 s, so a burst straddling a minute boundary cannot get twice the limit.
 */
export type LimitedRoute =
  | 'login'
  | 'verify'
  | 'refresh'
  | 'token'
  | 'invitation'
  | 'activate'
  | 'forgot-password'
  | 'reset-password'
  | 'forgot-username';

export async function limitPerIp(
  ctx: Pick<AppContext, 'db' | 'env'>,
  route: LimitedRoute,
  ip: string | null,
): Promise<void> {
  const now = Date.now();
  const current = windowOf(now, MINUTE);
  const previous = new Date(current.getTime() - MINUTE);
  // Two alternating counters per address, one for each of the last two minutes.
  const slot = (window: Date) => `${route}:${ip ?? 'unknown'}:${(window.getTime() / MINUTE) % 2}`;
  const hits =
    (await hitCounter(ctx.db, slot(current), current)) +
    (await readCounter(ctx.db, slot(previous), previous)) * (1 - (now % MINUTE) / MINUTE);
  // Now and then, forget the windows that are over.
  if (Math.random() < 0.01) await sweepCounters(ctx.db, new Date(now - 2 * HOUR));
  const max = ctx.env.authRateLimitPerMinute;
  if (hits > max) {
    throw tooManyRequests(
      `too many attempts: at most ${max} per minute from one address; try again in ${secondsLeft(now, MINUTE)} s`,
      secondsLeft(now, MINUTE),
    );
  }
}

const failureKey = (ip: string | null) => `login-failures:${ip ?? 'unknown'}`;

/**
 * At most AUTH_IP_FAILED_LOGINS_PER_HOUR wrong passwords per IP address per hour, across usernames. Checked
 * before a password is looked at (the answer does not depend on the username or the password).
 */
export async function refuseFailingIp(ctx: Pick<AppContext, 'db' | 'env'>, ip: string | null): Promise<void> {
  const now = Date.now();
  const failures = await readCounter(ctx.db, failureKey(ip), windowOf(now, HOUR));
  const max = ctx.env.authIpFailedLoginsPerHour;
  if (failures >= max) {
    throw tooManyRequests(
      `too many wrong passwords from this address: at most ${max} an hour; try again in ${Math.ceil(
        secondsLeft(now, HOUR) / 60,
      )} minutes`,
      secondsLeft(now, HOUR),
    );
  }
}

/** Count one wrong password of an IP address (in the caller's transaction). */
export async function countIpFailure(trx: Db, ip: string | null, now: Date): Promise<void> {
  await hitCounter(trx, failureKey(ip), windowOf(now.getTime(), HOUR));
}
