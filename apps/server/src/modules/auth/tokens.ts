import { SignJWT, jwtVerify } from 'jose';
import { TOKEN_ALGORITHM, type SigningKeys } from './keys.ts';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const TOKEN_ISSUER = 'lifeline';
export const TOKEN_AUDIENCE = 'lifeline-api';

export interface AccessClaims {
  /** User id. */
  sub: string;
  username: string;
  role: string;
  office: string;
  /** Session id (refresh-token family) the token belongs to. */
  sid: string;
}

export async function signAccessToken(keys: SigningKeys, claims: AccessClaims): Promise<string> {
  return new SignJWT({ username: claims.username, role: claims.role, office: claims.office, sid: claims.sid })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: keys.kid, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
    .sign(keys.privateKey);
}

/** Seconds an integration client's token lives (revoked at once by disabling the client or rotating its secret). */
export const CLIENT_TOKEN_SECONDS = 60 * 60;

/** The claims of an integration client's token (OAuth2 client credentials). */
export interface ClientClaims {
  /** The client's id (also `client_id`, RFC 9068). */
  sub: string;
  /** Granted scope strings, space-separated in the token's `scope` claim. */
  scopes: string[];
  /** The secret generation the token was issued under: a rotation stops older tokens. */
  generation: number;
}

export async function signClientToken(keys: SigningKeys, claims: ClientClaims): Promise<string> {
  return new SignJWT({ client_id: claims.sub, scope: claims.scopes.join(' '), gen: claims.generation })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: keys.kid, typ: 'at+jwt' })
    .setSubject(claims.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${CLIENT_TOKEN_SECONDS}s`)
    .sign(keys.privateKey);
}

export type BearerClaims = { kind: 'user'; claims: AccessClaims } | { kind: 'client'; claims: ClientClaims };

/** Verify a Bearer token (signature, issuer, audience, expiry) and tell a user's from a client's; throws on failure. */
export async function verifyBearerToken(keys: SigningKeys, token: string): Promise<BearerClaims> {
  const { payload } = await jwtVerify(token, keys.publicKey, {
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
    algorithms: [TOKEN_ALGORITHM],
  });
  if (payload.client_id !== undefined) {
    const { sub, client_id, scope, gen } = payload;
    if (typeof sub !== 'string' || client_id !== sub || typeof scope !== 'string' || typeof gen !== 'number') {
      throw new Error('token lacks required claims');
    }
    return { kind: 'client', claims: { sub, scopes: scope.split(' ').filter(Boolean), generation: gen } };
  }
  const { sub, username, role, office, sid } = payload;
  if (
    typeof sub !== 'string' ||
    typeof username !== 'string' ||
    typeof role !== 'string' ||
    typeof office !== 'string'
  ) {
    throw new Error('token lacks required claims');
  }
  return { kind: 'user', claims: { sub, username, role, office, sid: typeof sid === 'string' ? sid : '' } };
}

/** Verify a user's access token; throws on any failure, and for a client's token. */
export async function verifyAccessToken(keys: SigningKeys, token: string): Promise<AccessClaims> {
  const verified = await verifyBearerToken(keys, token);
  if (verified.kind !== 'user') throw new Error('not a user token');
  return verified.claims;
}
