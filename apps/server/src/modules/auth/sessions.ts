import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { unauthorized } from '../../lib/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { auditAuth } from './audit.ts';
import type { SigningKeys } from './keys.ts';
import { limitPerIp } from './rate-limit.ts';
import {
  countSibling,
  endLoginSession,
  findLoginUserById,
  insertLoginSession,
  insertSession,
  liveLoginSessionsOf,
  lockLoginSession,
  lockSessionByTokenHash,
  markSessionRotated,
  notify,
  revokeUserSessions,
  type LoginUser,
} from './repository.ts';
import { SESSIONS_CHANNEL } from './session-registry.ts';
import { ACCESS_TOKEN_SECONDS, signAccessToken } from './tokens.ts';

/**
 * A refresh token already exchanged may be exchanged again this long after, for a sibling of its successor: two
 * tabs (or a retry after a lost answer) refreshing with the same token both get a working pair. Later, a second
 * use means a copy of the token is in other hands, and the whole login ends.
 */
export const REFRESH_GRACE_SECONDS = 30;
/** At most this many siblings per exchanged token, however fast they are asked for. */
export const MAX_SIBLINGS = 2;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refresh token as the client holds it, and the login it belongs to. */
export interface IssuedSession {
  /** The refresh token's row. */
  tokenId: string;
  /** The login (`login_sessions.id`): access tokens carry it as `sid`; all its refresh tokens share it. */
  sessionId: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** Issued at a login from a device not known yet: send it with later logins from this device. */
  deviceToken?: string;
}

/** Refresh tokens are 32 random bytes; only their hash is stored, so a database leak yields no usable token. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Open a login for `userId` in the caller's transaction: its row, and its first refresh token. */
export async function openLogin(ctx: Pick<AppContext, 'env' | 'country'>, trx: Db, userId: string, now: Date) {
  const login = {
    id: randomUUID(),
    expiresAt: new Date(
      now.getTime() + (ctx.country.config.settings.sessionHours ?? ctx.env.authRefreshTokenHours) * 3600_000,
    ),
  };
  await insertLoginSession(trx, {
    id: login.id,
    user_id: userId,
    created_at: now,
    expires_at: login.expiresAt,
    ended_at: null,
    end_reason: null,
  });
  return issueRefreshToken(trx, userId, now, login);
}

/**
 * Store a new refresh token of a login in the caller's transaction. A rotated token keeps the login's end time,
 * so a login lasts at most AUTH_REFRESH_TOKEN_HOURS however often the client refreshes.
 */
export async function issueRefreshToken(
  trx: Db,
  userId: string,
  now: Date,
  login: { id: string; expiresAt: Date },
): Promise<IssuedSession> {
  const refreshToken = newRefreshToken();
  const tokenId = randomUUID();
  await insertSession(trx, {
    id: tokenId,
    user_id: userId,
    refresh_token_hash: hashRefreshToken(refreshToken),
    family_id: login.id,
    created_at: now,
    expires_at: login.expiresAt,
    revoked_at: null,
    replaced_by: null,
  });
  return { tokenId, sessionId: login.id, refreshToken, expiresAt: login.expiresAt };
}

export async function tokenPair(keys: SigningKeys, user: LoginUser, session: IssuedSession): Promise<TokenPair> {
  const accessToken = await signAccessToken(keys, {
    sub: user.id,
    username: user.username,
    role: user.role,
    office: user.primary_office_id,
    sid: session.sessionId,
  });
  return { accessToken, refreshToken: session.refreshToken, expiresIn: ACCESS_TOKEN_SECONDS };
}

/**
 * End one login in the caller's transaction: its row, its refresh tokens, and (once committed) its access tokens
 * on every server copy. Returns whether it was live until now.
 */
export async function endSession(
  ctx: Pick<AppContext, 'sessions'>,
  trx: Db,
  sessionId: string,
  reason: string,
): Promise<boolean> {
  ctx.sessions?.expect(`session:${sessionId}`);
  const ended = await endLoginSession(trx, sessionId, new Date(), reason);
  await notify(trx, SESSIONS_CHANNEL, `session:${sessionId}`);
  return ended;
}

/**
 * End every login of a user in the caller's transaction (all but `except`, e.g. the login that changed the
 * password): refresh tokens stop working at once, access tokens on every server copy as soon as the transaction
 * commits. Call it when deactivating a user, changing their role or office (a database trigger also does it
 * then), or resetting their password. Returns how many logins ended.
 */
export async function endUserSessions(
  ctx: Pick<AppContext, 'sessions'>,
  trx: Db,
  userId: string,
  reason: string,
  options: { except?: string } = {},
): Promise<number> {
  ctx.sessions?.expect(`user:${userId}`);
  const live = (await liveLoginSessionsOf(trx, userId)).filter((id) => id !== options.except);
  const now = new Date();
  for (const id of live) await endLoginSession(trx, id, now, reason);
  await notify(trx, SESSIONS_CHANNEL, `user:${userId}`);
  return live.length;
}

/** `endUserSessions` in a transaction of its own. */
export function endAllSessions(ctx: AppContext, userId: string, reason: string): Promise<number> {
  return ctx.db.transaction().execute((trx) => endUserSessions(ctx, trx, userId, reason));
}

const END_REASONS: Record<string, string> = {
  logout: 'logged out',
  'password-changed': 'the password was changed',
  'refresh-token-reused': 'a refresh token was used twice',
  'account-changed': 'the account was changed',
  inactive: 'the account is no longer active',
};

const endedBecause = (reason: string | null) => END_REASONS[reason ?? 'logout'] ?? reason ?? 'logged out';

type RefreshOutcome = { ok: true; user: LoginUser; session: IssuedSession } | { ok: false; detail: string };

/**
 * Exchange a refresh token for a new pair, revoking the old token (rotation). A token exchanged once already is
 * exchanged again within REFRESH_GRACE_SECONDS for a sibling; after that, its use means a copy is in the wrong
 * hands and the whole login ends. Every refusal is committed (with its audit entry) before the caller answers 401.
 */
export async function refreshSession(
  ctx: AppContext,
  keys: SigningKeys,
  input: { refreshToken: string; ip: string | null },
): Promise<TokenPair> {
  await limitPerIp(ctx, 'refresh', input.ip);
  const hash = hashRefreshToken(input.refreshToken);
  const outcome = await ctx.db.transaction().execute(async (trx): Promise<RefreshOutcome> => {
    // The login first, then the token: the order logout and revocation lock them in.
    const found = await trx
      .selectFrom('sessions')
      .select('family_id')
      .where('refresh_token_hash', '=', hash)
      .executeTakeFirst();
    const login = found ? await lockLoginSession(trx, found.family_id) : undefined;
    const token = await lockSessionByTokenHash(trx, hash);
    if (!token || !login) return { ok: false, detail: 'the refresh token is unknown; log in again' };
    const user = await findLoginUserById(trx, token.user_id);
    const subject = { id: token.user_id, role: user?.role ?? 'unknown' };
    const now = new Date();
    const refuse = async (reason: string, detail: string, extra: Record<string, unknown> = {}) => {
      await auditAuth(trx, subject, 'session.refresh-refused', input.ip, { reason, familyId: login.id, ...extra });
      return { ok: false as const, detail };
    };
    if (login.ended_at)
      return refuse('ended', `this session has ended (${endedBecause(login.end_reason)}); log in again`);
    if (Math.min(login.expires_at.getTime(), token.expires_at.getTime()) <= now.getTime()) {
      return refuse('expired', 'this session has expired; log in again');
    }
    if (!user || user.status !== 'active') {
      await endSession(ctx, trx, login.id, 'inactive');
      return refuse('inactive', 'this account is no longer active');
    }
    if (token.replaced_by) {
      const since = (now.getTime() - (token.revoked_at?.getTime() ?? 0)) / 1000;
      if (since > REFRESH_GRACE_SECONDS || token.siblings >= MAX_SIBLINGS) {
        await endSession(ctx, trx, login.id, 'refresh-token-reused');
        return refuse(
          'reused',
          'this refresh token was already used, so a copy of it may be in the wrong hands: ' +
            'every session of this login has been ended; log in again',
        );
      }
      await countSibling(trx, token.id);
      const sibling = await issueRefreshToken(trx, user.id, now, { id: login.id, expiresAt: login.expires_at });
      await auditAuth(trx, subject, 'session.refreshed', input.ip, { familyId: login.id, sibling: true });
      return { ok: true, user, session: sibling };
    }
    if (token.revoked_at) return refuse('ended', 'this session has ended (logged out); log in again');
    const next = await issueRefreshToken(trx, user.id, now, { id: login.id, expiresAt: login.expires_at });
    await markSessionRotated(trx, token.id, next.tokenId, now);
    await auditAuth(trx, subject, 'session.refreshed', input.ip, { familyId: login.id });
    return { ok: true, user, session: next };
  });
  if (!outcome.ok) throw unauthorized(outcome.detail);
  return tokenPair(keys, outcome.user, outcome.session);
}

/**
 * Log out: end the login(s) named by a refresh token and/or an access token's `sid`. Unknown tokens are ignored,
 * so logging out twice is harmless. Returns how many logins ended.
 */
export async function endSessions(
  ctx: AppContext,
  input: { refreshToken?: string; sessionId?: string; ip: string | null },
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const logins = new Set<string>();
    if (input.refreshToken) {
      const token = await trx
        .selectFrom('sessions')
        .select('family_id')
        .where('refresh_token_hash', '=', hashRefreshToken(input.refreshToken))
        .executeTakeFirst();
      if (token) logins.add(token.family_id);
    }
    if (input.sessionId && UUID.test(input.sessionId)) logins.add(input.sessionId);
    let ended = 0;
    for (const id of logins) {
      const login = await lockLoginSession(trx, id);
      if (!login) continue;
      const live = await endSession(ctx, trx, id, 'logout');
      const user = await findLoginUserById(trx, login.user_id);
      await auditAuth(trx, { id: login.user_id, role: user?.role ?? 'unknown' }, 'logout', input.ip, {
        familyId: id,
        ended: live,
      });
      if (live) ended++;
    }
    return ended;
  });
}

/**
 * End every session of a user at once, in the caller's transaction (deactivation, a new role or office, a password
 * reset): their refresh tokens stop working and logins waiting for a code die. Audited on the user's stream with
 * the reason. Returns how many sessions ended.
 */
export async function endAllSessionsOfUser(
  ctx: Pick<AppContext, 'sessions'>,
  trx: Db,
  userId: string,
  reason: string,
): Promise<number> {
  // Logins waiting for their code die too; then every live login, its refresh tokens and access tokens, at once.
  await revokeUserSessions(trx, userId, new Date());
  const ended = await endUserSessions(ctx, trx, userId, 'account-changed');
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
