import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { UsersTable } from '../../db/schema.ts';
import { withUserTables } from './tables.ts';

export type UserRow = Selectable<UsersTable>;

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Insert users, skipping usernames that already exist (seeding is re-run at every start). */
export async function insertUsersIfAbsent(db: Db, users: Insertable<UsersTable>[]): Promise<number> {
  if (users.length === 0) return 0;
  const result = await db
    .insertInto('users')
    .values(users)
    .onConflict((oc) => oc.column('username').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Db, user: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

/** Lock the user's row for the rest of the transaction (password changes must not interleave). */
export function lockUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange })
    .where('id', '=', id)
    .execute();
}

/** Usernames taken that start with `base` (to find the next free "base", "base1", "base2"...). */
export async function usernamesStartingWith(db: Db, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where('username', 'like', `${base.replace(/[\\%_]/g, '\\$&')}%`)
    .execute();
  return rows.map((r) => r.username);
}

export interface UserSearch {
  /** Only users of offices under this materialised path ("/province/district/"), or of `ownOffice`. */
  withinPath?: string;
  /** Only users of this office (also the fallback of a reach limited to one office). */
  officeId?: string;
  role?: string;
  status?: string;
  q?: string;
  limit: number;
  offset: number;
}

export async function searchUsers(db: Db, search: UserSearch): Promise<{ rows: UserRow[]; total: number }> {
  let q = db.selectFrom('users');
  if (search.officeId) q = q.where('primary_office_id', '=', search.officeId);
  if (search.withinPath) {
    const path = search.withinPath;
    q = q.where('primary_office_id', 'in', (eb) =>
      eb
        .selectFrom('locations')
        .select('id')
        .where('path', 'like', `${path.replace(/[\\%_]/g, '\\$&')}%`),
    );
  }
  if (search.role) q = q.where('role', '=', search.role);
  if (search.status) q = q.where('status', '=', search.status);
  if (search.q) {
    const words = search.q.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
    for (const word of words) {
      const pattern = `%${word.replace(/[\\%_]/g, '\\$&')}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['firstname']), 'like', pattern),
          eb(eb.fn('lower', ['surname']), 'like', pattern),
          eb('username', 'like', pattern),
          eb(eb.fn('lower', ['email']), 'like', pattern),
          eb('mobile', 'like', pattern),
        ]),
      );
    }
  }
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('surname')
      .orderBy('firstname')
      .orderBy('username')
      .limit(search.limit)
      .offset(search.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** When each user last logged in (their latest `login.succeeded` audit entry). */
export async function lastLogins(db: Db, ids: string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: string; at: Date | null }>`
    SELECT u.id, (SELECT a.at FROM audit_log a
                   WHERE a.stream = 'user:' || u.id::text AND a.action = 'login.succeeded'
                   ORDER BY a.id DESC LIMIT 1) AS at
      FROM users u
     WHERE u.id IN (${sql.join(ids)})`.execute(db);
  return new Map(rows.rows.filter((r) => r.at).map((r) => [r.id, new Date(r.at!)]));
}

export async function updateUser(trx: Db, id: string, changes: Updateable<UsersTable>): Promise<void> {
  await trx.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** Users with this email address (any case) or mobile number, for the username reminder. */
export function findUsersByContact(db: Db, contact: { email?: string; mobile?: string }): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll().where('status', '!=', 'deactivated');
  if (contact.email) q = q.where(sql<string>`lower(email)`, '=', contact.email.toLowerCase());
  else if (contact.mobile) q = q.where('mobile', '=', contact.mobile);
  else return Promise.resolve([]);
  return q.orderBy('username').limit(10).execute();
}

export async function recordSignature(trx: Db, userId: string, fileId: string, at: Date): Promise<void> {
  await withUserTables(trx)
    .insertInto('user_signatures')
    .values({ user_id: userId, file_id: fileId, created_at: at })
    .execute();
  await trx.updateTable('users').set({ signature_file_id: fileId }).where('id', '=', userId).execute();
}

/** The signature a user had at `at` (the latest given no later than then), or null. */
export async function signatureAt(db: Db, userId: string, at: Date): Promise<string | null> {
  const row = await withUserTables(db)
    .selectFrom('user_signatures')
    .select('file_id')
    .where('user_id', '=', userId)
    .where('created_at', '<=', at)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.file_id ?? null;
}
