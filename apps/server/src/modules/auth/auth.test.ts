import { SignJWT, createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEV_CODE, bearer, login, startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { TOKEN_ALGORITHM } from './keys.ts';
import { ACCESS_TOKEN_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER } from './tokens.ts';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

const post = (url: string, payload: unknown) => runtime.app.inject({ method: 'POST', url, payload: payload as object });
const startLogin = (username: string, password = 'test') => post('/api/auth/login', { username, password });
const verify = (nonce: string, code: string) => post('/api/auth/verify', { nonce, code });

async function nonceFor(username: string): Promise<string> {
  const response = await startLogin(username);
  expect(response.statusCode).toBe(200);
  return response.json().nonce;
}

async function userRow(username: string) {
  return runtime.ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
}

async function auditActions(stream: string): Promise<string[]> {
  const rows = await runtime.ctx.db
    .selectFrom('audit_log')
    .select('action')
    .where('stream', '=', stream)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('login with password and one-time code', () => {
  it('logs k.mweene in and /api/users/me answers with the token', async () => {
    const first = await startLogin('k.mweene');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ nonce: expect.any(String), expiresIn: 600, channel: 'log', deferred: false });

    const second = await verify(first.json().nonce, DEV_CODE);
    expect(second.statusCode).toBe(200);
    const tokens = second.json();
    expect(tokens).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      deviceToken: expect.any(String),
    });

    const me = await runtime.app.inject({ method: 'GET', url: '/api/users/me', headers: bearer(tokens) });
    expect(me.statusCode).toBe(200);
    const user = await userRow('k.mweene');
    expect(me.json()).toMatchObject({
      id: user.id,
      username: 'k.mweene',
      name: 'Kennedy Mweene',
      role: 'LOCAL_REGISTRAR',
      primaryOfficeId: user.primary_office_id,
      mustChangePassword: false,
    });
    expect(me.json().scopes).toEqual(runtime.ctx.country.roles.get('LOCAL_REGISTRAR')!.role.scopes);
    expect(me.json().scopes.length).toBeGreaterThan(0);
  });

  it('stores the code only as a hash, with a 10-minute expiry', async () => {
    const nonce = await nonceFor('f.katongo');
    const row = await runtime.ctx.db
      .selectFrom('login_challenges')
      .selectAll()
      .where('nonce', '=', nonce)
      .executeTakeFirstOrThrow();
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    const minutes = (row.expires_at.getTime() - row.created_at.getTime()) / 60_000;
    expect(minutes).toBe(10);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await startLogin('k.bwalya', 'not-the-password');
    const unknown = await startLogin('nobody.here', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().detail).toBe('wrong username or password');
  });

  it('spends about as long on an unknown user as on a wrong password (verifies against a dummy hash)', async () => {
    const timed = async (username: string) => {
      const started = performance.now();
      expect((await startLogin(username, 'not-the-password')).statusCode).toBe(401);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await timed(i % 2 ? 'm.chikwanda' : 't.nkhoma')); // two users, so neither goes blind
      unknown.push(await timed(`nobody.${i}`));
    }
    // argon2 is most of the work: without the dummy check an unknown user answers several times faster.
    // Minimums, because load on the machine only ever adds time.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.5);
  });

  it('refuses a deactivated user with the same 401, even with the right password', async () => {
    await runtime.ctx.db
      .updateTable('users')
      .set({ status: 'deactivated' })
      .where('username', '=', 'g.phiri')
      .execute();
    const response = await startLogin('g.phiri');
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('wrong username or password');
  });

  it('rejects bad input with 400 naming the field', async () => {
    const response = await post('/api/auth/login', { username: 'k.mweene' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const badCode = await verify('whatever', '12ab');
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });
});

describe('one-time codes', () => {
  it('answers a wrong code with 401 and still accepts the right one', async () => {
    const nonce = await nonceFor('c.tayali');
    const wrong = await verify(nonce, '123456');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toBe('wrong code; 4 tries left');
    expect((await verify(nonce, DEV_CODE)).statusCode).toBe(200);
  });

  it('kills the nonce after 5 wrong codes', async () => {
    const nonce = await nonceFor('k.mwale');
    for (let i = 0; i < 5; i++) expect((await verify(nonce, '111111')).statusCode).toBe(401);
    const dead = await verify(nonce, DEV_CODE);
    expect(dead.statusCode).toBe(401);
    expect(dead.json().detail).toContain('log in again');
  });

  it('refuses a nonce that was already used', async () => {
    const nonce = await nonceFor('d.sakala');
    expect((await verify(nonce, DEV_CODE)).statusCode).toBe(200);
    const again = await verify(nonce, DEV_CODE);
    expect(again.statusCode).toBe(401);
    expect(again.json().detail).toBe('this code was already used; log in again');
  });

  it('refuses an expired code', async () => {
    const nonce = await nonceFor('k.simbaya');
    await runtime.ctx.db
      .updateTable('login_challenges')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('nonce', '=', nonce)
      .execute();
    const expired = await verify(nonce, DEV_CODE);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().detail).toBe('the code has expired; log in again to get a new one');
  });

  it('refuses an unknown nonce', async () => {
    const response = await verify('no-such-nonce', DEV_CODE);
    expect(response.statusCode).toBe(401);
  });

  it('audits logins and code checks on the user stream and unknown names on the login stream', async () => {
    const user = await userRow('e.kavindele');
    const nonce = await nonceFor('e.kavindele');
    await verify(nonce, '999999');
    await verify(nonce, DEV_CODE);
    await startLogin('e.kavindele', 'wrong');
    expect(await auditActions(`user:${user.id}`)).toEqual([
      'login.password-accepted',
      'login.code-rejected',
      'login.succeeded',
      'login.password-rejected',
    ]);
    await startLogin('ghost.user', 'whatever');
    expect(await auditActions('login:ghost.user')).toEqual(['login.unknown-user']);
    const succeeded = await runtime.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('stream', '=', `user:${user.id}`)
      .where('action', '=', 'login.succeeded')
      .executeTakeFirstOrThrow();
    expect(succeeded.ip).toBe('127.0.0.1');
    expect(succeeded.actor_id).toBe(user.id);
  });
});

describe('the code that was sent', () => {
  let strict: TestRuntime;
  beforeAll(async () => {
    strict = await startTestRuntime({ AUTH_DEV_CODE: '' });
  });
  afterAll(async () => {
    await strict?.close();
  });

  it('is written to the log by the log transport, works, and is the only code accepted without AUTH_DEV_CODE', async () => {
    const info = vi.spyOn(strict.ctx.log, 'info');
    const first = await strict.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'k.mweene', password: 'test' },
    });
    expect(first.statusCode).toBe(200);
    // Sent through the outbox by the background worker, a moment after the answer.
    const loggedLine = () =>
      info.mock.calls.map((call) => call.map(String).join(' ')).find((line) => line.includes('login code'));
    await expect.poll(loggedLine).toBeDefined();
    const logged = loggedLine();
    info.mockRestore();
    const code = /\b(\d{6})\b/.exec(logged ?? '')?.[1];
    expect(code).toBeDefined();
    const { nonce } = first.json();
    const viaDevCode = await strict.app.inject({
      method: 'POST',
      url: '/api/auth/verify',
      payload: { nonce, code: code === DEV_CODE ? '000001' : DEV_CODE },
    });
    expect(viaDevCode.statusCode).toBe(401);
    const viaCode = await strict.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { nonce, code } });
    expect(viaCode.statusCode).toBe(200);
  });
});

describe('access tokens', () => {
  it('refuses a tampered token', async () => {
    const { accessToken } = await login(runtime, 'h.katumbi');
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'NATIONAL_SYSTEM_ADMIN' })).toString('base64url');
    const response = await runtime.app.inject({
      method: 'GET',
      url: '/api/users/me',
      headers: bearer(`${header}.${forged}.${signature}`),
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses an expired token', async () => {
    const user = await userRow('a.tembo');
    const past = Math.floor(Date.now() / 1000) - ACCESS_TOKEN_SECONDS - 60;
    const expired = await new SignJWT({
      username: user.username,
      role: user.role,
      office: user.primary_office_id,
      sid: 'x',
    })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: runtime.keys.kid })
      .setSubject(user.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(past)
      .setExpirationTime(past + ACCESS_TOKEN_SECONDS)
      .sign(runtime.keys.privateKey);
    const response = await runtime.app.inject({ method: 'GET', url: '/api/users/me', headers: bearer(expired) });
    expect(response.statusCode).toBe(401);
  });

  it('refuses a request without a token', async () => {
    expect((await runtime.app.inject({ method: 'GET', url: '/api/users/me' })).statusCode).toBe(401);
  });

  it('verify against the published JWKS', async () => {
    const response = await runtime.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    const jwks = response.json();
    // The token key, then the certificate signing key (modules/verify).
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: runtime.keys.kid, alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const { accessToken } = await login(runtime, 'b.kapiri');
    const { payload } = await jwtVerify(accessToken, createLocalJWKSet(jwks), {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
    expect(payload).toMatchObject({ username: 'b.kapiri', role: 'COMMUNITY_LEADER', sid: expect.any(String) });
  });
});

describe('OpenAPI', () => {
  it('documents the auth routes with their bodies', async () => {
    const spec = (await runtime.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/auth/login', '/api/auth/verify', '/api/auth/refresh', '/api/auth/logout']) {
      expect(spec.paths[path].post.tags).toEqual(['auth']);
      expect(spec.paths[path].post.requestBody).toBeDefined();
    }
    expect(spec.paths['/.well-known/jwks.json'].get.tags).toEqual(['auth']);
    expect(spec.paths['/api/users/me'].get.tags).toEqual(['users']);
  });
});
