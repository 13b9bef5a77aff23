import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { withUserTables, type TokenPurpose, type UserTokensTable } from './tables.ts';

export type TokenRow = Selectable<UserTokensTable>;

/** Wrong codes allowed per token; then it is dead and the person asks again. */
export const MAX_TOKEN_ATTEMPTS = 5;

export interface IssuedToken {
  id: string;
  /** 256 random bits for the link; only its hash is stored. */
  token: string;
  /** Six digits the person types; only its hash is stored. */
  code: string;
  expiresAt: Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const codeHash = (id: string, code: string) => sha256(`${id}:${code}`);

/**
 * A new one-time token (link and code) in the caller's transaction. Earlier live tokens of the same user and
 * purpose are revoked: only the latest invitation or reset works. `userId` null stores a decoy that nothing can
 * use, so a request about an unknown account does the same work as a real one.
 */
export async function issueToken(
  trx: Db,
  userId: string | null,
  purpose: TokenPurpose,
  ttlMs: number,
): Promise<IssuedToken> {
  const now = new Date();
  if (userId) await revokeTokens(trx, userId, purpose, now);
  const issued: IssuedToken = {
    id: randomUUID(),
    token: randomBytes(32).toString('base64url'),
    code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
    expiresAt: new Date(now.getTime() + ttlMs),
  };
  await withUserTables(trx)
    .insertInto('user_tokens')
    .values({
      id: issued.id,
      user_id: userId,
      purpose,
      token_hash: sha256(issued.token),
      code_hash: codeHash(issued.id, issued.code),
      created_at: now,
      expires_at: issued.expiresAt,
    })
    .execute();
  return issued;
}

export async function revokeTokens(trx: Db, userId: string, purpose: TokenPurpose | null, at: Date): Promise<void> {
  let q = withUserTables(trx)
    .updateTable('user_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('consumed_at', 'is', null)
    .where('revoked_at', 'is', null);
  if (purpose) q = q.where('purpose', '=', purpose);
  await q.execute();
}

/** The token a link carries, locked for the rest of the transaction. */
export function lockTokenByLink(trx: Db, token: string): Promise<TokenRow | undefined> {
  return withUserTables(trx)
    .selectFrom('user_tokens')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .forUpdate()
    .executeTakeFirst();
}

export function lockTokenById(trx: Db, id: string): Promise<TokenRow | undefined> {
  return withUserTables(trx).selectFrom('user_tokens').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Why a token cannot be used now, or null when it can (the code is checked separately). */
export function tokenProblem(row: TokenRow | undefined, purpose: TokenPurpose, now = new Date()) {
  if (!row || row.purpose !== purpose || !row.user_id) return 'unknown' as const;
  if (row.consumed_at) return 'used' as const;
  if (row.revoked_at) return 'replaced' as const;
  if (row.attempts >= MAX_TOKEN_ATTEMPTS) return 'too-many-attempts' as const;
  if (row.expires_at.getTime() <= now.getTime()) return 'expired' as const;
  return null;
}

export function codeMatches(row: TokenRow, code: string): boolean {
  const given = Buffer.from(codeHash(row.id, code), 'hex');
  const stored = Buffer.from(row.code_hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Count a wrong code; returns the attempts so far. */
export async function countWrongCode(trx: Db, id: string): Promise<number> {
  const row = await withUserTables(trx)
    .updateTable('user_tokens')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

export async function consumeToken(trx: Db, id: string, at: Date): Promise<void> {
  await withUserTables(trx).updateTable('user_tokens').set({ consumed_at: at }).where('id', '=', id).execute();
}

/** The live invitation of each of these users (for "invitation sent, expires..." on the team page). */
export async function pendingInvitations(db: Db, userIds: string[]): Promise<Map<string, Date>> {
  if (userIds.length === 0) return new Map();
  const rows = await withUserTables(db)
    .selectFrom('user_tokens')
    .select(['user_id', 'expires_at'])
    .where('user_id', 'in', userIds)
    .where('purpose', '=', 'invitation')
    .where('consumed_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.user_id!, r.expires_at]));
}
