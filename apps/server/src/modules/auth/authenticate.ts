import type { FastifyRequest } from 'fastify';
import type { Country } from '../../country.ts';
import { unauthorized } from '../../lib/errors.ts';
import type { SigningKeys } from './keys.ts';
import { verifyAccessToken } from './tokens.ts';
import type { AuthUser } from './types.ts';

/**
 * Builds the pre-handler that turns a Bearer access token into `request.user`. Scopes come from the role in
 * the country config at request time, so a role change applies within one token lifetime.
 */
export function createAuthenticator(keys: SigningKeys, country: Country) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw unauthorized('send an access token: Authorization: Bearer <token>');
    let claims;
    try {
      claims = await verifyAccessToken(keys, header.slice(7).trim());
    } catch {
      throw unauthorized('the access token is invalid or has expired; refresh it or log in again');
    }
    const role = country.roles.get(claims.role);
    if (!role) throw unauthorized(`the token's role "${claims.role}" no longer exists`);
    const user: AuthUser = {
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      scopes: role.scopes,
      primaryOfficeId: claims.office,
    };
    request.user = user;
  };
}
