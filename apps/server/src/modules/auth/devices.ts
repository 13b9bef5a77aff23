import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { findDevice, insertDevice, type DeviceRow, type LoginUser } from './repository.ts';

/**
 * Devices that logged in before: after every login from a new device the client receives a device token and
 * sends it with later logins. Wrong passwords from a known device are counted for that device only, so a
 * stranger guessing at a username never slows its owner down at their own desk (OWASP "device cookies").
 */
export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(`device:${token}`).digest('hex');
}

/** The device row when `token` is a known device of this (active) account; otherwise undefined. */
export async function trustedDevice(
  db: Db,
  account: LoginUser | undefined,
  token: string | undefined,
): Promise<DeviceRow | undefined> {
  if (!account || !token) return undefined;
  const device = await findDevice(db, hashDeviceToken(token));
  return device?.user_id === account.id ? device : undefined;
}

/** Remember a new device of `userId`; returns the token the client keeps. */
export async function rememberDevice(trx: Db, userId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertDevice(trx, {
    token_hash: hashDeviceToken(token),
    user_id: userId,
    created_at: now,
    last_used_at: now,
    failures: 0,
    last_failure_at: null,
    blind_until: null,
  });
  return token;
}
