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

/**
 * Tokens already verified with these keys, until they expire: a client sends the same token with every request,
 * and its signature check cost ~0.1 ms of the server's one thread per request. Keyed by the keys too, so a key
 * rotation verifies afresh. Revocation does not depend on this: the session version is checked on every request.
 */
const verifiedTokens = new WeakMap<SigningKeys, Map<string, { claims: BearerClaims; expiresAt: number }>>();
const MAX_CACHED_TOKENS = 10_000;

const copy = (b: BearerClaims): BearerClaims =>
  b.kind === 'user'
    ? { kind: 'user', claims: { ...b.claims } }
    : { kind: 'client', claims: { ...b.claims, scopes: [...b.claims.scopes] } };

/** Verify a Bearer token (signature, issuer, audience, expiry) and tell a user's from a client's; throws on failure. */
export async function verifyBearerToken(keys: SigningKeys, token: string): Promise<BearerClaims> {
  let cache = verifiedTokens.get(keys);
  const hit = cache?.get(token);
  if (hit && Date.now() < hit.expiresAt) return copy(hit.claims);
  if (hit) cache?.delete(token);
  const { claims, expiresAt } = await verifyUncached(keys, token);
  if (!cache) verifiedTokens.set(keys, (cache = new Map()));
  // Oldest first out (Map keeps insertion order): a bound, not an LRU.
  if (cache.size >= MAX_CACHED_TOKENS) cache.delete(cache.keys().next().value as string);
  cache.set(token, { claims, expiresAt });
  return copy(claims);
}

async function verifyUncached(keys: SigningKeys, token: string): Promise<{ claims: BearerClaims; expiresAt: number }> {
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
    return {
      claims: { kind: 'client', claims: { sub, scopes: scope.split(' ').filter(Boolean), generation: gen } },
      expiresAt: expiryOf(payload.exp),
    };
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
  return {
    claims: { kind: 'user', claims: { sub, username, role, office, sid: typeof sid === 'string' ? sid : '' } },
    expiresAt: expiryOf(payload.exp),
  };
}

/** When a verified token stops being accepted (jwtVerify has checked `exp`; one without it is not cached long). */
const expiryOf = (exp: unknown) => (typeof exp === 'number' ? exp * 1000 : Date.now() + 60_000);

/** Verify a user's access token; throws on any failure, and for a client's token. */
export async function verifyAccessToken(keys: SigningKeys, token: string): Promise<AccessClaims> {
  const verified = await verifyBearerToken(keys, token);
  if (verified.kind !== 'user') throw new Error('not a user token');
  return verified.claims;
}
