import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { LoginChallengesTable, SessionsTable, UsersTable } from '../../db/schema.ts';

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
  | 'locked_until'
  | 'firstname'
  | 'surname'
  | 'language'
  | 'preferred_channel'
>;
export type ChallengeRow = Selectable<LoginChallengesTable>;
export type SessionRow = Selectable<SessionsTable>;

const LOGIN_COLUMNS = [
  'id',
  'username',
  'role',
  'primary_office_id',
  'mobile',
  'email',
  'status',
  'password_hash',
  'locked_until',
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

/** Read and lock the user's row until the transaction ends, so concurrent logins count failures one by one. */
export function lockLoginUser(trx: Db, id: string): Promise<LoginUser | undefined> {
  return trx.selectFrom('users').select(LOGIN_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Count one more wrong password; at `maxFailures` lock the account until `lockUntil` and start counting again,
 * so an unlocked account gets the full number of tries.
 */
export async function recordWrongPassword(trx: Db, id: string, maxFailures: number, lockUntil: Date) {
  return trx
    .updateTable('users')
    .set({
      failed_logins: sql<number>`CASE WHEN failed_logins + 1 >= ${maxFailures} THEN 0 ELSE failed_logins + 1 END`,
      locked_until: sql<Date>`CASE WHEN failed_logins + 1 >= ${maxFailures} THEN CAST(${lockUntil.toISOString()} AS timestamptz) ELSE locked_until END`,
    })
    .where('id', '=', id)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
}

export async function clearWrongPasswords(trx: Db, id: string): Promise<void> {
  await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}

export async function insertChallenge(trx: Db, row: Insertable<LoginChallengesTable>): Promise<void> {
  await trx.insertInto('login_challenges').values(row).execute();
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

/** End every still-live session of a login (the refresh tokens of one family); returns how many ended. */
export async function revokeFamily(trx: Db, familyId: string, at: Date): Promise<number> {
  const result = await trx
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findFamilyOwner(db: Db, familyId: string): Promise<{ user_id: string } | undefined> {
  return db.selectFrom('sessions').select('user_id').where('family_id', '=', familyId).limit(1).executeTakeFirst();
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
