import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

const get = (url: string, tokens: Tokens) => runtime.app.inject({ method: 'GET', url, headers: bearer(tokens) });
const me = (tokens: Tokens) => get('/api/users/me', tokens);
const refresh = (tokens: Tokens) =>
  runtime.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: tokens.refreshToken } });
const changePassword = (tokens: Tokens, currentPassword: string, newPassword: string) =>
  runtime.app.inject({
    method: 'POST',
    url: '/api/users/me/password',
    headers: bearer(tokens),
    payload: { currentPassword, newPassword },
  });
const sidOf = (tokens: Tokens): string =>
  JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString()).sid;

/**
 * Change a user straight in the database, as any code (or a DBA) might, then wait for the database's message to
 * reach this server's cache: a trigger ends the user's logins and announces the change (NOTIFY).
 */
async function setUser(
  username: string,
  values: { status?: string; role?: string; must_change_password?: boolean },
  cached?: Tokens,
) {
  await runtime.ctx.db.updateTable('users').set(values).where('username', '=', username).execute();
  if (!cached) return;
  for (let i = 0; i < 500 && runtime.ctx.sessions?.peek(sidOf(cached)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(runtime.ctx.sessions?.peek(sidOf(cached))).toBeUndefined();
}

/** A login whose session is in this server's cache: the revocation must reach the cache, not just the table. */
async function cachedLogin(username: string): Promise<Tokens> {
  const tokens = await login(runtime, username);
  expect((await me(tokens)).statusCode).toBe(200);
  expect(runtime.ctx.sessions?.peek(sidOf(tokens))).toBeDefined();
  return tokens;
}

describe('an access token stops working at once', () => {
  it('after logout with the refresh token', async () => {
    const tokens = await cachedLogin('k.mweene');
    const out = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(out.statusCode).toBe(204);
    const after = await me(tokens);
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain('ended');
  });

  it('after a password change, for every other login of the user; the login that changed it goes on', async () => {
    const laptop = await cachedLogin('f.katongo');
    const phone = await cachedLogin('f.katongo');
    expect((await changePassword(laptop, 'test', 'Abcdefghijk1')).statusCode).toBe(204);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await refresh(phone)).statusCode).toBe(401);
    expect((await me(laptop)).statusCode).toBe(200);
    expect((await refresh(laptop)).statusCode).toBe(200);
    await expect(login(runtime, 'f.katongo', 'Abcdefghijk1')).resolves.toHaveProperty('accessToken');
  });

  it('after the account is deactivated, whatever code deactivates it', async () => {
    const tokens = await cachedLogin('k.bwalya');
    await setUser('k.bwalya', { status: 'deactivated' }, tokens);
    expect((await me(tokens)).statusCode).toBe(401);
    expect((await refresh(tokens)).statusCode).toBe(401);
    await setUser('k.bwalya', { status: 'active' });
    // Reactivating the account does not bring old logins back.
    expect((await me(tokens)).statusCode).toBe(401);
    expect((await refresh(tokens)).statusCode).toBe(401);
  });

  it('after a role change (the token would otherwise carry the old role for 15 minutes)', async () => {
    const tokens = await cachedLogin('c.tayali');
    await setUser('c.tayali', { role: 'HOSPITAL_CLERK' }, tokens);
    expect((await me(tokens)).statusCode).toBe(401);
    expect((await refresh(tokens)).statusCode).toBe(401);
    const again = await login(runtime, 'c.tayali');
    expect((await me(again)).json().role).toBe('HOSPITAL_CLERK');
  });

  it('after the user logs out from the Bearer token only', async () => {
    const tokens = await cachedLogin('d.sakala');
    const out = await runtime.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(tokens) });
    expect(out.statusCode).toBe(204);
    expect((await me(tokens)).statusCode).toBe(401);
  });
});

describe('must change password', () => {
  it('lets such a login only read its profile, change the password and log out', async () => {
    await setUser('k.simbaya', { must_change_password: true });
    const tokens = await login(runtime, 'k.simbaya');
    const profile = await me(tokens);
    expect(profile.statusCode).toBe(200);
    expect(profile.json().mustChangePassword).toBe(true);

    for (const url of ['/api/workqueues', '/api/config', '/api/saved-searches']) {
      const refused = await get(url, tokens);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().detail).toContain('new password');
    }
    const search = await runtime.app.inject({
      method: 'POST',
      url: '/api/events/search',
      headers: bearer(tokens),
      payload: { query: { type: 'quick', term: 'Banda' } },
    });
    expect(search.statusCode).toBe(403);
    // A refreshed token is no way around it.
    const refreshed = (await refresh(tokens)).json() as Tokens;
    expect((await get('/api/workqueues', refreshed)).statusCode).toBe(403);

    expect((await changePassword(refreshed, 'test', 'Abcdefghijk1')).statusCode).toBe(204);
    expect((await get('/api/workqueues', refreshed)).statusCode).toBe(200);
    expect((await me(refreshed)).json().mustChangePassword).toBe(false);
  });
});
