import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKeys, TOKEN_ALGORITHM, type SigningKeys } from './keys.ts';
import { signAccessToken, TOKEN_AUDIENCE, TOKEN_ISSUER, verifyAccessToken, verifyBearerToken } from './tokens.ts';

let keys: SigningKeys;
beforeAll(async () => {
  keys = await loadSigningKeys(null);
});

const claims = { sub: 'u1', username: 'f.katongo', role: 'AGENT', office: 'o1', sid: 's1' };

/** A user token that expires in `seconds`. */
const shortLived = (k: SigningKeys, seconds: number) =>
  new SignJWT({ username: 'f.katongo', role: 'AGENT', office: 'o1', sid: 's1' })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: k.kid, typ: 'JWT' })
    .setSubject('u1')
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
    .sign(k.privateKey);

describe('verified tokens are remembered until they expire', () => {
  it('answers the same claims again, each caller with its own copy', async () => {
    const token = await signAccessToken(keys, claims);
    const first = await verifyAccessToken(keys, token);
    first.role = 'NATIONAL_SYSTEM_ADMIN';
    expect(await verifyAccessToken(keys, token)).toEqual(claims);
  });

  it('refuses a remembered token once it has expired', async () => {
    const token = await shortLived(keys, 1);
    expect((await verifyBearerToken(keys, token)).kind).toBe('user');
    await new Promise((r) => setTimeout(r, 2100));
    await expect(verifyBearerToken(keys, token)).rejects.toThrow();
  });

  it('verifies afresh with other keys: a token of the old key is refused after a rotation', async () => {
    const token = await signAccessToken(keys, claims);
    await verifyAccessToken(keys, token);
    const rotated = await loadSigningKeys(null);
    await expect(verifyAccessToken(rotated, token)).rejects.toThrow();
  });

  it('refuses a token whose signature was altered after a good one was remembered', async () => {
    const token = await signAccessToken(keys, claims);
    await verifyAccessToken(keys, token);
    const [head, body, signature] = token.split('.');
    const forged = `${head}.${body}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    await expect(verifyAccessToken(keys, forged)).rejects.toThrow();
  });
});
