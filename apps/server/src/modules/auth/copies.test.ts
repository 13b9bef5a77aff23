import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startSecondCopy, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';

/** Two server copies on one database, as behind a load balancer: what one copy revokes, the other refuses. */
let first: TestRuntime;
let second: TestRuntime;
/** Login attempts per address per minute in this file (other tests log in from 127.0.0.1, well below it). */
const LIMIT = 30;

beforeAll(async () => {
  first = await startTestRuntime({ AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  second = await startSecondCopy(first);
});
afterAll(async () => {
  await second?.close();
  await first?.close();
});

const me = (copy: TestRuntime, tokens: Tokens) =>
  copy.app.inject({ method: 'GET', url: '/api/users/me', headers: bearer(tokens) });
const sidOf = (tokens: Tokens): string =>
  JSON.parse(Buffer.from(tokens.accessToken.split('.')[1], 'base64url').toString()).sid;

/** Wait (at most 5 s) until the other copy's cache has dropped the session: the NOTIFY reached it. */
async function dropped(copy: TestRuntime, tokens: Tokens) {
  for (let i = 0; i < 500 && copy.ctx.sessions?.peek(sidOf(tokens)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return copy.ctx.sessions?.peek(sidOf(tokens)) === undefined;
}

describe('two server copies on one database', () => {
  it('a logout on one copy ends the access token on the other, which had it cached', async () => {
    const tokens = await login(first, 'k.mweene');
    expect((await me(second, tokens)).statusCode).toBe(200);
    expect(second.ctx.sessions?.peek(sidOf(tokens))).toBeDefined();

    const out = await first.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(tokens) });
    expect(out.statusCode).toBe(204);
    expect(await dropped(second, tokens)).toBe(true);
    expect((await me(second, tokens)).statusCode).toBe(401);
  });

  it('a password changed on one copy ends the other logins on the other copy', async () => {
    const mine = await login(first, 'f.katongo');
    const other = await login(second, 'f.katongo');
    expect((await me(second, other)).statusCode).toBe(200);
    const changed = await first.app.inject({
      method: 'POST',
      url: '/api/users/me/password',
      headers: bearer(mine),
      payload: { currentPassword: 'test', newPassword: 'Abcdefghijk1' },
    });
    expect(changed.statusCode).toBe(204);
    expect(await dropped(second, other)).toBe(true);
    expect((await me(second, other)).statusCode).toBe(401);
    expect((await me(second, mine)).statusCode).toBe(200);
  });

  it('a refresh token reused on one copy after rotation on the other ends the login everywhere', async () => {
    const tokens = await login(first, 'k.bwalya');
    const rotated = (
      await second.app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        payload: { refreshToken: tokens.refreshToken },
      })
    ).json() as Tokens;
    expect((await me(second, rotated)).statusCode).toBe(200);
    await first.ctx.db
      .updateTable('sessions')
      .set({ revoked_at: new Date(Date.now() - 3600_000) })
      .where('replaced_by', 'is not', null)
      .where('user_id', '=', (await me(first, rotated)).json().id)
      .execute();
    const replay = await first.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(replay.statusCode).toBe(401);
    expect(await dropped(second, rotated)).toBe(true);
    expect((await me(second, rotated)).statusCode).toBe(401);
  });

  it('shares the per-address login limit (it lives in the database)', async () => {
    const attempt = (runtime: TestRuntime, username: string) =>
      runtime.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.8.7',
        payload: { username, password: 'wrong' },
      });
    // Alternate copies and usernames: the attempt after the limit is refused wherever it lands.
    const answers = [];
    for (let i = 0; i <= LIMIT; i++) answers.push((await attempt(i % 2 ? second : first, `guess.${i}`)).statusCode);
    expect(answers.slice(0, LIMIT).every((s) => s === 401)).toBe(true);
    expect(answers[LIMIT]).toBe(429);
  });
});
