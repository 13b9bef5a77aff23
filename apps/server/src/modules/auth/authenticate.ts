import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { forbidden, unauthorized } from '../../lib/errors.ts';
import type { SigningKeys } from './keys.ts';
import { authenticateClient } from '../integrations/authenticate-client.ts';
import { checkSession } from './session-check.ts';
import { verifyBearerToken } from './tokens.ts';
import type { AuthUser } from './types.ts';

/**
 * Builds the pre-handler that turns a Bearer access token into `request.user`: a valid signature, then the
 * revocation check (the token's login is live and the account unchanged), then "must change password" (such a
 * login may only reach routes marked `config: { duringPasswordChange: true }`, and log out). Scopes come from the
 * role in the country config at request time. An integration client's token has its own check (see
 * authenticateClient).
 */
export function createAuthenticator(keys: SigningKeys, ctx: AppContext) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw unauthorized('send an access token: Authorization: Bearer <token>');
    let verified;
    try {
      verified = await verifyBearerToken(keys, header.slice(7).trim());
    } catch {
      throw unauthorized('the access token is invalid or has expired; refresh it or log in again');
    }
    if (verified.kind === 'client') {
      request.user = await authenticateClient(ctx, verified.claims);
      return;
    }
    const claims = verified.claims;
    const verdict = await checkSession(ctx, claims);
    if (!verdict.ok) throw unauthorized(verdict.reason);
    const role = ctx.country.roles.get(claims.role);
    if (!role) throw unauthorized(`the token's role "${claims.role}" no longer exists`);
    if (verdict.facts.mustChangePassword && !request.routeOptions.config.duringPasswordChange) {
      throw forbidden(PASSWORD_CHANGE_REQUIRED);
    }
    const user: AuthUser = {
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      scopes: role.scopes,
      primaryOfficeId: claims.office,
      sessionId: claims.sid,
    };
    request.user = user;
  };
}

/** The answer to anything but changing the password (and logging out) while a new password is due. */
export const PASSWORD_CHANGE_REQUIRED =
  'you must choose a new password before doing anything else: POST /api/users/me/password';
