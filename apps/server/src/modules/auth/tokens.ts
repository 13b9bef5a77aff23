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

/** Verify signature, issuer, audience and expiry; throws on any failure. */
export async function verifyAccessToken(keys: SigningKeys, token: string): Promise<AccessClaims> {
  const { payload } = await jwtVerify(token, keys.publicKey, {
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
    algorithms: [TOKEN_ALGORITHM],
  });
  const { sub, username, role, office, sid } = payload;
  if (
    typeof sub !== 'string' ||
    typeof username !== 'string' ||
    typeof role !== 'string' ||
    typeof office !== 'string'
  ) {
    throw new Error('token lacks required claims');
  }
  return { sub, username, role, office, sid: typeof sid === 'string' ? sid : '' };
}
