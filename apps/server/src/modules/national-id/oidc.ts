import * as client from 'openid-client';
import type { OidcSettings } from '../../lib/env.ts';

/**
 * The country's OpenID Connect provider, discovered once per server copy (its metadata and keys change rarely;
 * a failed discovery is retried on the next check). Plain http is allowed only outside production (a provider
 * started by a test on 127.0.0.1).
 */
const configs = new Map<string, Promise<client.Configuration>>();

export function providerConfig(settings: OidcSettings, production: boolean): Promise<client.Configuration> {
  const key = `${settings.issuer}|${settings.clientId}`;
  let config = configs.get(key);
  if (!config) {
    const insecure = !production && new URL(settings.issuer).protocol === 'http:';
    config = client.discovery(
      new URL(settings.issuer),
      settings.clientId,
      undefined,
      client.ClientSecretPost(settings.clientSecret),
      insecure ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    );
    configs.set(key, config);
    config.catch(() => configs.delete(key));
  }
  return config;
}

/** A new authorization request: the URL to send the person to, and the secrets the callback needs. */
export async function authorizationRequest(settings: OidcSettings, config: client.Configuration) {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: settings.scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state, nonce, codeVerifier };
}

/**
 * The callback: exchange the code (with the PKCE verifier), check the ID token (issuer, audience, nonce) and read
 * the claims from it and from userinfo, for the same subject.
 */
export async function exchangeCode(
  settings: OidcSettings,
  config: client.Configuration,
  callback: { code: string; state: string; iss?: string },
  checks: { codeVerifier: string; nonce: string },
): Promise<Record<string, unknown>> {
  const url = new URL(settings.redirectUri);
  url.searchParams.set('code', callback.code);
  url.searchParams.set('state', callback.state);
  if (callback.iss) url.searchParams.set('iss', callback.iss);
  const tokens = await client.authorizationCodeGrant(config, url, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: callback.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('the provider sent no ID token');
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return { ...idClaims, ...userinfo };
}
