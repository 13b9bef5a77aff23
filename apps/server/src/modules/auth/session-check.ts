import type { AppContext } from '../../context.ts';
import type { ListenHandlers, Unlisten } from '../../db/connect.ts';
import { clientFacts, CLIENT_SESSION_PREFIX } from '../integrations/facts.ts';
import { sessionFacts } from './repository.ts';
import { SESSIONS_CHANNEL, SessionRegistry, type SessionFacts } from './session-registry.ts';
import { UUID } from './sessions.ts';

/** Read a session's facts from the database (a cache miss). */
export async function loadSessionFacts(
  ctx: Pick<AppContext, 'db'>,
  sessionId: string,
): Promise<SessionFacts | undefined> {
  if (sessionId.startsWith(CLIENT_SESSION_PREFIX))
    return clientFacts(ctx.db, sessionId.slice(CLIENT_SESSION_PREFIX.length));
  if (!UUID.test(sessionId)) return undefined;
  const row = await sessionFacts(ctx.db, sessionId);
  if (!row) return undefined;
  return {
    userId: row.user_id,
    ended: row.ended_at !== null,
    expiresAt: new Date(row.expires_at).getTime(),
    status: row.status,
    role: row.role,
    officeId: row.primary_office_id,
    mustChangePassword: row.must_change_password,
  } satisfies SessionFacts;
}

/** A registry for this runtime, listening on the sessions channel; returns it and how to stop listening. */
export async function startSessionRegistry(
  ctx: Pick<AppContext, 'db' | 'log'>,
  listen: (channel: string, handlers: ListenHandlers) => Promise<Unlisten>,
): Promise<{ registry: SessionRegistry; stop: Unlisten }> {
  const registry = new SessionRegistry((sid) => loadSessionFacts(ctx, sid));
  const stop = await listen(SESSIONS_CHANNEL, {
    message: (payload) => registry.message(payload),
    listening: () => registry.listeningAgain(),
    lost: () => {
      ctx.log.warn('lost the sessions channel: every request reads its session from the database until it is back');
      registry.lost();
    },
  });
  return { registry, stop };
}

export type SessionVerdict = { ok: true; facts: SessionFacts } | { ok: false; reason: string };

/**
 * The revocation check every request makes: the token's login must be live, and the account the token speaks for
 * must still be active with the same role and office. From memory when cached (see SessionRegistry).
 */
export async function checkSession(
  ctx: Pick<AppContext, 'db' | 'sessions'>,
  claims: { sub: string; sid: string; role: string; office: string },
  now = Date.now(),
): Promise<SessionVerdict> {
  if (claims.sid.startsWith(CLIENT_SESSION_PREFIX))
    return { ok: false, reason: 'the session is unknown; log in again' };
  return judge(await factsOf(ctx, claims.sid), claims, now);
}

/** A session's facts: from this copy's cache (no I/O on a hit), else one indexed query. */
export async function factsOf(ctx: Pick<AppContext, 'db' | 'sessions'>, sessionId: string) {
  return ctx.sessions
    ? (ctx.sessions.peek(sessionId) ?? (await ctx.sessions.facts(sessionId)))
    : await loadSessionFacts(ctx, sessionId);
}

export function judge(
  facts: SessionFacts | undefined,
  claims: { sub: string; role: string; office: string },
  now: number,
): SessionVerdict {
  if (!facts || facts.userId !== claims.sub) return { ok: false, reason: 'the session is unknown; log in again' };
  if (facts.ended) return { ok: false, reason: 'this session has ended; log in again' };
  if (facts.expiresAt <= now) return { ok: false, reason: 'this session has expired; log in again' };
  if (facts.status !== 'active') return { ok: false, reason: 'this account is no longer active' };
  if (facts.role !== claims.role || facts.officeId !== claims.office) {
    return { ok: false, reason: 'your role or office has changed; log in again' };
  }
  return { ok: true, facts };
}
