import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiApp } from '../../app.ts';
import type { AppContext } from '../../context.ts';
import { unauthorized } from '../../lib/errors.ts';
import { certificateJwks } from '../verify/index.ts';
import type { SigningKeys } from './keys.ts';
import { Jwks, LoginBody, LoginResponse, LogoutBody, RefreshBody, TokenResponse, VerifyBody } from './schemas.ts';
import { dummyPasswordHash, startLogin, verifyLoginCode } from './service.ts';
import { checkSession } from './session-check.ts';
import { endSessions, refreshSession } from './sessions.ts';
import { verifyAccessToken } from './tokens.ts';

/**
 * Two-step login (password, then a one-time code), rotating refresh tokens, logout and the public keys. The
 * per-address limits are counted in PostgreSQL (modules/auth/rate-limit.ts), so they hold across server copies.
 */
export async function authRoutes(app: ApiApp, ctx: AppContext, keys: SigningKeys): Promise<void> {
  await dummyPasswordHash(); // computed once at start so the first unknown-user login is not faster

  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();

    scope.post(
      '/api/auth/login',
      {
        schema: {
          operationId: 'startLogin',
          tags: ['auth'],
          summary: 'Step 1: check username and password; sends a one-time code',
          security: [],
          body: LoginBody,
          response: { 200: LoginResponse },
        },
      },
      async (request) => startLogin(ctx, { ...request.body, ip: request.ip }),
    );

    scope.post(
      '/api/auth/verify',
      {
        schema: {
          operationId: 'verifyLoginCode',
          tags: ['auth'],
          summary: 'Step 2: check the one-time code; returns an access token and a refresh token',
          security: [],
          body: VerifyBody,
          response: { 200: TokenResponse },
        },
      },
      async (request) => verifyLoginCode(ctx, keys, { ...request.body, ip: request.ip }),
    );

    scope.post(
      '/api/auth/refresh',
      {
        schema: {
          operationId: 'refreshTokens',
          tags: ['auth'],
          summary: 'Exchange a refresh token for a new pair; the old refresh token stops working',
          security: [],
          body: RefreshBody,
          response: { 200: TokenResponse },
        },
      },
      async (request) => refreshSession(ctx, keys, { refreshToken: request.body.refreshToken, ip: request.ip }),
    );

    scope.post(
      '/api/auth/logout',
      {
        schema: {
          operationId: 'logout',
          tags: ['auth'],
          summary: 'End the login of a refresh token and/or of the Bearer access token',
          body: LogoutBody,
          response: { 204: z.null().describe('logged out') },
        },
      },
      async (request, reply) => {
        const sessionId = await sessionOfBearer(ctx, keys, request.headers.authorization);
        const refreshToken = request.body?.refreshToken;
        if (!refreshToken && !sessionId) {
          throw unauthorized('send the refresh token in the body or a valid access token as Bearer');
        }
        await endSessions(ctx, { refreshToken, sessionId, ip: request.ip });
        return reply.code(204).send(null);
      },
    );

    scope.get(
      '/.well-known/jwks.json',
      {
        schema: {
          operationId: 'getJwks',
          tags: ['auth'],
          summary: 'Public keys that verify access tokens (JWKS)',
          security: [],
          response: { 200: Jwks },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return { keys: [keys.publicJwk, ...(await certificateJwks(ctx))] };
      },
    );
  });
}

/** The login (`sid`) of a Bearer token whose login is still live, or undefined when there is none. */
async function sessionOfBearer(
  ctx: AppContext,
  keys: SigningKeys,
  header: string | undefined,
): Promise<string | undefined> {
  if (!header?.startsWith('Bearer ')) return undefined;
  try {
    const claims = await verifyAccessToken(keys, header.slice(7).trim());
    return (await checkSession(ctx, claims)).ok ? claims.sid : undefined;
  } catch {
    return undefined;
  }
}
