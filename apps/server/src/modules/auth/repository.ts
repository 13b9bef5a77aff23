import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type {
  KnownDevicesTable,
  LoginChallengesTable,
  LoginSessionsTable,
  LoginThrottleTable,
  SessionsTable,
  UsersTable,
} from '../../db/schema.ts';

/** The columns of a user the login flow needs. */
export type LoginUser = Pick<
  Selectable<UsersTable>,
  | 'id'
  | 'username'
  | 'role'
  | 'primary_office_id'
  | 'mobile'
  | 'email'
  | 'status'
  | 'password_hash'
  | 'firstname'
  | 'surname'
  | 'language'
  | 'preferred_channel'
>;
export type ChallengeRow = Selectable<LoginChallengesTable>;
export type SessionRow = Selectable<SessionsTable>;
export type LoginSessionRow = Selectable<LoginSessionsTable>;
export type ThrottleRow = Selectable<LoginThrottleTable>;
export type DeviceRow = Selectable<KnownDevicesTable>;

const LOGIN_COLUMNS = [
  'id',
  'username',
  'role',
  'primary_office_id',
  'mobile',
  'email',
  'status',
  'password_hash',
  // Where and how to send the login code.
  'firstname',
  'surname',
  'language',
  'preferred_channel',
] as const;

export function findLoginUser(db: Db, username: string): Promise<LoginUser | undefined> {
  return db.selectFrom('users').select(LOGIN_COLUMNS).where('username', '=', username).executeTakeFirst();
}

export function findLoginUserById(db: Db, id: string): Promise<LoginUser | undefined> {
  return db.selectFrom('users').select(LOGIN_COLUMNS).where('id', '=', id).executeTakeFirst();
}

// ---- one-time-code challenges

export async function insertChallenge(trx: Db, row: Insertable<LoginChallengesTable>): Promise<void> {
  await trx.insertInto('login_challenges').values(row).execute();
}

/** End all but the `keep` newest open challenges of a username (they read as expired from then on). */
export async function retireOpenChallenges(trx: Db, username: string, keep: number, now: Date): Promise<void> {
  await sql`
    UPDATE login_challenges SET expires_at = ${now.toISOString()}::timestamptz
    WHERE nonce IN (
      SELECT nonce FROM login_challenges
      WHERE username = ${username} AND consumed_at IS NULL AND expires_at > ${now.toISOString()}::timestamptz
      ORDER BY created_at DESC OFFSET ${keep})`.execute(trx);
}

export function lockChallenge(trx: Db, nonce: string): Promise<ChallengeRow | undefined> {
  return trx.selectFrom('login_challenges').selectAll().where('nonce', '=', nonce).forUpdate().executeTakeFirst();
}

export async function countWrongCode(trx: Db, nonce: string): Promise<number> {
  const row = await trx
    .updateTable('login_challenges')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('nonce', '=', nonce)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

export async function consumeChallenge(trx: Db, nonce: string, at: Date): Promise<void> {
  await trx.updateTable('login_challenges').set({ consumed_at: at }).where('nonce', '=', nonce).execute();
}

// ---- guessing limits per username and per known device

/** The username's counters, locked until the transaction ends (a row is made for any name typed). */
export async function lockThrottle(trx: Db, username: string): Promise<ThrottleRow> {
  await trx
    .insertInto('login_throttle')
    .values({ username, failures: 0, code_failures: 0 })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  return trx
    .selectFrom('login_throttle')
    .selectAll()
    .where('username', '=', username)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function saveThrottle(trx: Db, row: ThrottleRow): Promise<void> {
  const { username, ...values } = row;
  await trx.updateTable('login_throttle').set(values).where('username', '=', username).execute();
}

/** Until when each of these usernames is being slowed down after wrong passwords (only those still slowed). */
export async function slowedUntil(db: Db, usernames: readonly string[]): Promise<Map<string, Date>> {
  if (!usernames.length) return new Map();
  const rows = await db
    .selectFrom('login_throttle')
    .select(['username', 'blind_until'])
    .where('username', 'in', [...usernames])
    .where('blind_until', '>', new Date())
    .execute();
  return new Map(rows.map((r) => [r.username, r.blind_until as Date]));
}

/** Forget the wrong passwords and codes counted against a username (an administrator's "unlock"). */
export async function clearThrottle(trx: Db, username: string): Promise<void> {
  await trx
    .updateTable('login_throttle')
    .set({ failures: 0, blind_until: null, code_failures: 0, code_window_start: null })
    .where('username', '=', username)
    .execute();
}

export function findDevice(db: Db, tokenHash: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('known_devices').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function lockDevice(trx: Db, tokenHash: string): Promise<DeviceRow | undefined> {
  return trx.selectFrom('known_devices').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function saveDevice(trx: Db, row: DeviceRow): Promise<void> {
  const { token_hash, ...values } = row;
  await trx.updateTable('known_devices').set(values).where('token_hash', '=', token_hash).execute();
}

export async function insertDevice(trx: Db, row: Insertable<KnownDevicesTable>): Promise<void> {
  await trx.insertInto('known_devices').values(row).execute();
}

// ---- counters shared by every server copy

/** Count one hit of `key` in the window starting at `windowStart`; returns the hits of that window so far. */
export async function hitCounter(db: Db, key: string, windowStart: Date): Promise<number> {
  return hitCounterBy(db, key, windowStart, 1);
}

/** Add `hits` to a counter's window (a new window starts from them); returns the window's total. */
export async function hitCounterBy(db: Db, key: string, windowStart: Date, hits: number): Promise<number> {
  const start = windowStart.toISOString();
  const { rows } = await sql<{ hits: number }>`
    INSERT INTO auth_rate_limits (key, window_start, hits) VALUES (${key}, ${start}::timestamptz, ${hits})
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN auth_rate_limits.window_start = EXCLUDED.window_start
                  THEN auth_rate_limits.hits + EXCLUDED.hits ELSE EXCLUDED.hits END,
      window_start = EXCLUDED.window_start
    RETURNING hits`.execute(db);
  return Number(rows[0].hits);
}

/** The hits of `key` in the window starting at `windowStart` (0 when it is an older window). */
export async function readCounter(db: Db, key: string, windowStart: Date): Promise<number> {
  const row = await db
    .selectFrom('auth_rate_limits')
    .select('hits')
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return row?.hits ?? 0;
}

export async function sweepCounters(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('auth_rate_limits').where('window_start', '<', before).execute();
}

// ---- logins (login_sessions) and their refresh tokens (sessions)

export async function insertLoginSession(trx: Db, row: Insertable<LoginSessionsTable>): Promise<void> {
  await trx.insertInto('login_sessions').values(row).execute();
}

export function lockLoginSession(trx: Db, id: string): Promise<LoginSessionRow | undefined> {
  return trx.selectFrom('login_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** End a login and every refresh token of it; true when it was live until now. */
export async function endLoginSession(trx: Db, id: string, at: Date, reason: string): Promise<boolean> {
  const ended = await trx
    .updateTable('login_sessions')
    .set({ ended_at: at, end_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  await trx
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('family_id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  return Number(ended.numUpdatedRows) > 0;
}

export async function liveLoginSessionsOf(trx: Db, userId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('login_sessions')
    .select('id')
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export async function insertSession(trx: Db, row: Insertable<SessionsTable>): Promise<void> {
  await trx.insertInto('sessions').values(row).execute();
}

export function lockSessionByTokenHash(trx: Db, tokenHash: string): Promise<SessionRow | undefined> {
  return trx
    .selectFrom('sessions')
    .selectAll()
    .where('refresh_token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function markSessionRotated(trx: Db, id: string, replacedBy: string, at: Date): Promise<void> {
  await trx.updateTable('sessions').set({ revoked_at: at, replaced_by: replacedBy }).where('id', '=', id).execute();
}

export async function countSibling(trx: Db, id: string): Promise<void> {
  await trx
    .updateTable('sessions')
    .set({ siblings: sql<number>`siblings + 1` })
    .where('id', '=', id)
    .execute();
}

/** What every request checks about its login, with the user's account as it is now. */
export function sessionFacts(db: Db, sessionId: string) {
  return db
    .selectFrom('login_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.user_id',
      's.ended_at',
      's.expires_at',
      'u.status',
      'u.role',
      'u.primary_office_id',
      'u.must_change_password',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** Announce a change on a NOTIFY channel; delivered to every listener when the transaction commits. */
export async function notify(trx: Db, channel: string, payload: string): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${payload})`.execute(trx);
}

/** End every live session of a user and every login of theirs still waiting for its code; returns sessions ended. */
export async function revokeUserSessions(trx: Db, userId: string, at: Date): Promise<number> {
  await trx
    .updateTable('login_challenges')
    .set({ consumed_at: at })
    .where('user_id', '=', userId)
    .where('consumed_at', 'is', null)
    .execute();
  const result = await trx
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
