import { parseScope, type Scope } from '@lifeline/domain';
import type { AppContext } from '../../context.ts';
import { unauthorized } from '../../lib/errors.ts';
import { factsOf } from '../auth/session-check.ts';
import type { ClientClaims } from '../auth/tokens.ts';
import type { AuthUser } from '../auth/types.ts';
import { CLIENT_SESSION_PREFIX } from './facts.ts';
import { limitPerClient } from './rate-limit.ts';

const parsed = new Map<string, Scope>();
/** Scope strings are few and fixed: parse each once. */
function scopeOf(text: string): Scope {
  let scope = parsed.get(text);
  if (!scope) parsed.set(text, (scope = parseScope(text)));
  return scope;
}

/**
 * The check of an integration client's token on every request (it has no login session): the client must
 * still exist and be enabled, and its secret must not have been rotated since the token was issued. From the
 * sessions cache, so as cheap as a user's check. The caller it yields acts under the token's scopes (as far as
 * the client still holds them), from its office, and is recorded as the client in history and audit.
 */
export async function authenticateClient(ctx: AppContext, claims: ClientClaims): Promise<AuthUser> {
  const facts = await factsOf(ctx, CLIENT_SESSION_PREFIX + claims.sub);
  if (!facts?.client) throw unauthorized('this integration client no longer exists');
  if (facts.status !== 'active') throw unauthorized('this integration client is disabled');
  if (facts.client.generation !== claims.generation) {
    throw unauthorized("this client's secret was rotated: request a new token with the new secret");
  }
  await limitPerClient(ctx, claims.sub);
  const held = facts.client.scopes;
  return {
    id: claims.sub,
    username: facts.client.name,
    role: facts.role,
    scopes: claims.scopes.filter((s) => held.includes(s)).map(scopeOf),
    primaryOfficeId: facts.officeId,
    client: { name: facts.client.name, fields: facts.client.fields ?? null },
  };
}
