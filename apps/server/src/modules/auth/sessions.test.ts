import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { hashRefreshToken, REFRESH_GRACE_SECONDS } from './sessions.ts';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

const refresh = (refreshToken: string) =>
  runtime.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken } });
const me = (tokens: Tokens | string) =>
  runtime.app.inject({ method: 'GET', url: '/api/users/me', headers: bearer(tokens) });

/** Move the moment a refresh token was exchanged back beyond the grace window. */
async function pastGraceWindow(refreshToken: string) {
  await runtime.ctx.db
    .updateTable('sessions')
    .set({ revoked_at: new Date(Date.now() - (REFRESH_GRACE_SECONDS + 5) * 1000) })
    .where('refresh_token_hash', '=', hashRefreshToken(refreshToken))
    .execute();
}

function sessionRow(refreshToken: string) {
  return runtime.ctx.db
    .selectFrom('sessions')
    .selectAll()
    .where('refresh_token_hash', '=', hashRefreshToken(refreshToken))
    .executeTakeFirstOrThrow();
}

describe('refresh tokens', () => {
  it('are stored only as a hash, for 12 hours', async () => {
    const tokens = await login(runtime, 'k.mweene');
    expect(Buffer.from(tokens.refreshToken, 'base64url')).toHaveLength(32);
    const row = await sessionRow(tokens.refreshToken);
    expect(row.refresh_token_hash).not.toContain(tokens.refreshToken);
    expect((row.expires_at.getTime() - row.created_at.getTime()) / 3600_000).toBe(12);
  });

  it('rotate: the new pair works and the old refresh token is revoked and linked to its successor', async () => {
    const first = await login(runtime, 'f.katongo');
    const response = await refresh(first.refreshToken);
    expect(response.statusCode).toBe(200);
    const second = response.json();
    expect(second).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
    expect(second).not.toHaveProperty('deviceToken');
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second)).statusCode).toBe(200);

    const old = await sessionRow(first.refreshToken);
    const next = await sessionRow(second.refreshToken);
    expect(old.revoked_at).not.toBeNull();
    expect(old.replaced_by).toBe(next.id);
    expect(next.family_id).toBe(old.family_id);
    // The login keeps its end time: refreshing does not extend it.
    expect(next.expires_at.getTime()).toBe(old.expires_at.getTime());

    const third = await refresh(second.refreshToken);
    expect(third.statusCode).toBe(200);
  });

  it('reusing a rotated token after the grace window ends the whole family (theft detection)', async () => {
    const first = await login(runtime, 'c.tayali');
    const second = (await refresh(first.refreshToken)).json();
    await pastGraceWindow(first.refreshToken);

    const replay = await refresh(first.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(replay.headers['content-type']).toContain('application/problem+json');
    expect(replay.json().detail).toContain('already used');

    // The legitimate holder's newer token is dead too, and so is its access token, at once.
    const afterTheft = await refresh(second.refreshToken);
    expect(afterTheft.statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(401);
    const familyId = (await sessionRow(first.refreshToken)).family_id;
    const family = await runtime.ctx.db
      .selectFrom('sessions')
      .select(['revoked_at'])
      .where('family_id', '=', familyId)
      .execute();
    expect(family).toHaveLength(2);
    expect(family.every((s) => s.revoked_at !== null)).toBe(true);
    const loginRow = await runtime.ctx.db
      .selectFrom('login_sessions')
      .selectAll()
      .where('id', '=', familyId)
      .executeTakeFirstOrThrow();
    expect(loginRow.end_reason).toBe('refresh-token-reused');

    const user = await runtime.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'c.tayali')
      .executeTakeFirstOrThrow();
    const actions = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('stream', '=', `user:${user.id}`)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toContain('session.refreshed');
    expect(actions.find((a) => a.details?.reason === 'reused')).toBeDefined();
  });

  it('two tabs refreshing with the same token at once both get a working pair (grace window)', async () => {
    const tokens = await login(runtime, 'w.chileshe');
    const [a, b] = await Promise.all([refresh(tokens.refreshToken), refresh(tokens.refreshToken)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().refreshToken).not.toBe(b.json().refreshToken);
    for (const pair of [a.json(), b.json()]) {
      expect((await me(pair)).statusCode).toBe(200);
      expect((await refresh(pair.refreshToken)).statusCode).toBe(200);
    }
    // Both successors belong to the one login.
    const families = new Set(
      await Promise.all([a.json(), b.json()].map(async (p) => (await sessionRow(p.refreshToken)).family_id)),
    );
    expect(families.size).toBe(1);
  });

  it('gives at most two siblings per token, however fast they are asked for, then ends the login', async () => {
    const tokens = await login(runtime, 'k.nwale');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await refresh(tokens.refreshToken)).statusCode);
    expect(answers).toEqual([200, 200, 200, 401]);
  });

  it('another login of the same user is not affected by a family being revoked', async () => {
    const laptop = await login(runtime, 'd.sakala');
    const phone = await login(runtime, 'd.sakala');
    await refresh(laptop.refreshToken);
    await pastGraceWindow(laptop.refreshToken);
    await refresh(laptop.refreshToken); // replay: ends the laptop's family
    expect((await refresh(phone.refreshToken)).statusCode).toBe(200);
  });

  it('refuses an expired session and an unknown token', async () => {
    const tokens = await login(runtime, 'k.simbaya');
    await runtime.ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('refresh_token_hash', '=', hashRefreshToken(tokens.refreshToken))
      .execute();
    const expired = await refresh(tokens.refreshToken);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().detail).toContain('expired');
    expect((await refresh('not-a-token')).statusCode).toBe(401);
  });
});

describe('logout', () => {
  it('with the refresh token: 204, and the refresh token no longer works', async () => {
    const tokens = await login(runtime, 'k.bwalya');
    const response = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      payload: { refreshToken: tokens.refreshToken },
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const after = await refresh(tokens.refreshToken);
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain('logged out');
  });

  it('with only the Bearer token: ends that login (its sid) and no other', async () => {
    const mine = await login(runtime, 'm.mazoka');
    const other = await login(runtime, 'm.mazoka');
    const rotated = (await refresh(mine.refreshToken)).json();
    const response = await runtime.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(mine) });
    expect(response.statusCode).toBe(204);
    expect((await refresh(rotated.refreshToken)).statusCode).toBe(401);
    expect((await refresh(other.refreshToken)).statusCode).toBe(200);
  });

  it('is harmless twice, and refuses a call with neither token', async () => {
    const tokens = await login(runtime, 'b.chanda');
    for (let i = 0; i < 2; i++) {
      const response = await runtime.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        payload: { refreshToken: tokens.refreshToken },
      });
      expect(response.statusCode).toBe(204);
    }
    const none = await runtime.app.inject({ method: 'POST', url: '/api/auth/logout', payload: {} });
    expect(none.statusCode).toBe(401);
  });
});
