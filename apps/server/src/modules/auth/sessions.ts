import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { unauthorized } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { auditAuth } from './audit.ts';
import type { SigningKeys } from './keys.ts';
import {
  findFamilyOwner,
  findLoginUserById,
  insertSession,
  lockSessionByTokenHash,
  markSessionRotated,
  revokeFamily,
  revokeUserSessions,
  type LoginUser,
} from './repository.ts';
import { ACCESS_TOKEN_SECONDS, signAccessToken } from './tokens.ts';

/** A refresh token as the client holds it, and the session row it belongs to. */
export interface IssuedSession {
  sessionId: string;
  /** All refresh tokens of one login share a family; access tokens carry it as `sid`. */
  familyId: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** Refresh tokens are 32 random bytes; only their hash is stored, so a database leak yields no usable token. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Store a new refresh token for `userId` in the caller's transaction: a new family at login, the same family
 * (and the same end time) when rotating, so a login lasts at most AUTH_REFRESH_TOKEN_HOURS however often the
 * client refreshes.
 */
export async function issueSession(
  trx: Db,
  userId: string,
  now: Date,
  family: { id: string; expiresAt: Date },
): Promise<IssuedSession> {
  const refreshToken = newRefreshToken();
  const sessionId = randomUUID();
  await insertSession(trx, {
    id: sessionId,
    user_id: userId,
    refresh_token_hash: hashRefreshToken(refreshToken),
    family_id: family.id,
    created_at: now,
    expires_at: family.expiresAt,
    revoked_at: null,
    replaced_by: null,
  });
  return { sessionId, familyId: family.id, refreshToken, expiresAt: family.expiresAt };
}

export function newFamily(ctx: Pick<AppContext, 'env'>, now: Date) {
  return { id: randomUUID(), expiresAt: new Date(now.getTime() + ctx.env.authRefreshTokenHours * 3600_000) };
}

export async function tokenPair(keys: SigningKeys, user: LoginUser, session: IssuedSession): Promise<TokenPair> {
  const accessToken = await signAccessToken(keys, {
    sub: user.id,
    username: user.username,
    role: user.role,
    office: user.primary_office_id,
    sid: session.familyId,
  });
  return { accessToken, refreshToken: session.refreshToken, expiresIn: ACCESS_TOKEN_SECONDS };
}

type RefreshOutcome = { ok: true; user: LoginUser; session: IssuedSession } | { ok: false; detail: string };

/**
 * Exchange a refresh token for a new pair, revoking the old token (rotation). A token that was already
 * rotated is being replayed: either the client or a thief holds a copy, so the whole family ends.
 * Every refusal is committed (with its audit entry) before the caller answers 401.
 */
export async function refreshSession(
  ctx: AppContext,
  keys: SigningKeys,
  input: { refreshToken: string; ip: string | null },
): Promise<TokenPair> {
  const outcome = await ctx.db.transaction().execute(async (trx): Promise<RefreshOutcome> => {
    const session = await lockSessionByTokenHash(trx, hashRefreshToken(input.refreshToken));
    if (!session) return { ok: false, detail: 'the refresh token is unknown; log in again' };
    const user = await findLoginUserById(trx, session.user_id);
    const subject = { id: session.user_id, role: user?.role ?? 'unknown' };
    const now = new Date();
    const refuse = async (reason: string, detail: string, extra: Record<string, unknown> = {}) => {
      await auditAuth(trx, subject, 'session.refresh-refused', input.ip, {
        reason,
        familyId: session.family_id,
        ...extra,
      });
      return { ok: false as const, detail };
    };
    if (session.replaced_by) {
      const revoked = await revokeFamily(trx, session.family_id, now);
      return refuse(
        'reused',
        'this refresh token was already used, so a copy of it may be in the wrong hands: ' +
          'every session of this login has been ended; log in again',
        { revoked },
      );
    }
    if (session.revoked_at) return refuse('ended', 'this session has ended (logged out); log in again');
    if (session.expires_at.getTime() <= now.getTime())
      return refuse('expired', 'this session has expired; log in again');
    if (!user || user.status !== 'active') {
      await revokeFamily(trx, session.family_id, now);
      return refuse('inactive', 'this account is no longer active');
    }
    const next = await issueSession(trx, user.id, now, { id: session.family_id, expiresAt: session.expires_at });
    await markSessionRotated(trx, session.id, next.sessionId, now);
    await auditAuth(trx, subject, 'session.refreshed', input.ip, { familyId: session.family_id });
    return { ok: true, user, session: next };
  });
  if (!outcome.ok) throw unauthorized(outcome.detail);
  return tokenPair(keys, outcome.user, outcome.session);
}

/**
 * Log out: end every session of the login(s) named by a refresh token and/or an access token's `sid`.
 * Unknown tokens are ignored, so logging out twice is harmless. Returns how many sessions ended.
 */
export async function endSessions(
  ctx: AppContext,
  input: { refreshToken?: string; familyId?: string; ip: string | null },
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const families = new Map<string, string>();
    if (input.refreshToken) {
      const session = await lockSessionByTokenHash(trx, hashRefreshToken(input.refreshToken));
      if (session) families.set(session.family_id, session.user_id);
    }
    if (input.familyId && !families.has(input.familyId)) {
      const owner = await findFamilyOwner(trx, input.familyId);
      if (owner) families.set(input.familyId, owner.user_id);
    }
    const now = new Date();
    let ended = 0;
    for (const [familyId, userId] of families) {
      const revoked = await revokeFamily(trx, familyId, now);
      const user = await findLoginUserById(trx, userId);
      await auditAuth(trx, { id: userId, role: user?.role ?? 'unknown' }, 'logout', input.ip, { familyId, revoked });
      ended += revoked;
    }
    return ended;
  });
}

/**
 * End every session of a user at once, in the caller's transaction (deactivation, a new role or office, a password
 * reset): their refresh tokens stop working and logins waiting for a code die. Audited on the user's stream with
 * the reason. Returns how many sessions ended.
 */
export async function endAllSessionsOfUser(trx: Db, userId: string, reason: string): Promise<number> {
  const ended = await revokeUserSessions(trx, userId, new Date());
  // The system ends them; who asked (an administrator, the user) is in the entry the caller writes beside this one.
  await appendAudit(trx, {
    stream: `user:${userId}`,
    actorId: null,
    actorRole: null,
    action: 'session.ended-all',
    subjectType: 'user',
    subjectId: userId,
    details: { reason, ended },
  });
  return ended;
}
