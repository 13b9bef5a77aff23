import type { AppContext } from '../../context.ts';
import { appendAudit } from '../audit/index.ts';
import type { SigningKeys } from '../auth/keys.ts';
import { limitPerIp } from '../auth/rate-limit.ts';
import { CLIENT_TOKEN_SECONDS, signClientToken } from '../auth/tokens.ts';
import { OAuthError } from './oauth-errors.ts';
import { findClient } from './repository.ts';
import { secretMatches } from './secrets.ts';

/** The parameters of a token request (form or JSON body); an array where a parameter came more than once. */
export type TokenParams = Record<string, unknown>;

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Said whatever failed (unknown client, wrong secret, disabled): the answer tells a guesser nothing. */
const AUTH_FAILED = 'client authentication failed';

function single(params: TokenParams, name: string): string | undefined {
  const value = params[name];
  // §3.2: parameters MUST NOT be included more than once.
  if (Array.isArray(value)) throw new OAuthError('invalid_request', `the ${name} parameter is sent more than once`);
  if (value !== undefined && typeof value !== 'string')
    throw new OAuthError('invalid_request', `${name} must be a string`);
  return value;
}

/** The credentials of §2.3.1: HTTP Basic (each part form-urlencoded) or client_id and client_secret in the body. */
function credentialsOf(authorization: string | undefined, params: TokenParams): { id: string; secret: string } {
  const bodyId = single(params, 'client_id');
  const bodySecret = single(params, 'client_secret');
  if (authorization !== undefined) {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
    if (!match) throw new OAuthError('invalid_client', 'authenticate with HTTP Basic (client_id:client_secret)');
    // §2.3: a client MUST NOT use more than one authentication method in a request.
    if (bodySecret !== undefined) {
      throw new OAuthError(
        'invalid_request',
        'send the client credentials either as HTTP Basic or in the body, not both',
      );
    }
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', AUTH_FAILED);
    try {
      const id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
      const secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      if (bodyId !== undefined && bodyId !== id)
        throw new OAuthError('invalid_request', 'client_id differs from the Basic credentials');
      return { id, secret };
    } catch (error) {
      if (error instanceof OAuthError) throw error;
      throw new OAuthError('invalid_client', AUTH_FAILED);
    }
  }
  if (bodyId === undefined || bodySecret === undefined) {
    throw new OAuthError('invalid_client', 'send client_id and client_secret (HTTP Basic or the body)');
  }
  return { id: bodyId, secret: bodySecret };
}

/** The granted scopes: all the client holds, or those asked for (each a scope string or name the client holds). */
function grantedScopes(held: string[], requested: string | undefined): string[] {
  if (requested === undefined || requested.trim() === '') return held;
  const granted = new Set<string>();
  for (const asked of requested.split(' ').filter(Boolean)) {
    const matching = held.filter((s) => s === asked || s.split('[')[0] === asked);
    if (!matching.length) {
      throw new OAuthError('invalid_scope', `this client does not hold the scope "${asked.slice(0, 100)}"`);
    }
    for (const s of matching) granted.add(s);
  }
  return [...granted];
}

/**
 * The client credentials grant (RFC 6749 §4.4): checks the request, authenticates the client, and issues an
 * access token carrying the granted `scope` and the client's identity. Audited, in the client's own stream.
 */
export async function issueClientToken(
  ctx: AppContext,
  keys: SigningKeys,
  request: { authorization: string | undefined; params: TokenParams; ip: string },
): Promise<TokenResponse> {
  const { params } = request;
  // Per address, as logins are: a secret of 256 bits cannot be guessed, but the endpoint should not be flooded.
  await limitPerIp(ctx, 'token', request.ip);
  const grantType = single(params, 'grant_type');
  if (grantType === undefined) throw new OAuthError('invalid_request', 'grant_type is required');
  const scope = single(params, 'scope');
  const { id, secret } = credentialsOf(request.authorization, params);
  if (!UUID.test(id)) throw new OAuthError('invalid_client', AUTH_FAILED);
  const client = await findClient(ctx.db, id);
  if (!client || client.disabled_at || !secretMatches(secret, client.secret_hash)) {
    throw new OAuthError('invalid_client', AUTH_FAILED);
  }
  if (grantType !== 'client_credentials') {
    throw new OAuthError('unsupported_grant_type', 'only grant_type=client_credentials is supported');
  }
  const scopes = grantedScopes(client.scopes, scope);
  const accessToken = await signClientToken(keys, { sub: client.id, scopes, generation: client.secret_generation });
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, {
      stream: `client:${client.id}`,
      actorId: client.id,
      actorRole: `client:${client.type}`,
      action: 'client.TOKEN',
      subjectType: 'system_client',
      subjectId: client.id,
      ip: request.ip,
      details: { scopes },
    }),
  );
  return { access_token: accessToken, token_type: 'Bearer', expires_in: CLIENT_TOKEN_SECONDS, scope: scopes.join(' ') };
}
