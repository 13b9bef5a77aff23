import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_CODE, startTestRuntime, type TestRuntime } from '../../test/harness.ts';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(async () => {
  await runtime?.close();
});

const post = (url: string, payload: object) => runtime.app.inject({ method: 'POST', url, payload });

describe('rate limits on the auth routes', () => {
  it('answers the 4th login attempt of a minute from one address with 429, whatever the usernames', async () => {
    // Password spraying: one guess at each of many accounts.
    for (const username of ['k.mweene', 'f.katongo', 'k.bwalya']) {
      expect((await post('/api/auth/login', { username, password: 'Winter2025!' })).statusCode).toBe(401);
    }
    const limited = await post('/api/auth/login', { username: 'c.lungu', password: 'test' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(limited.json().detail).toContain('too many attempts');
    // Another address has its own budget.
    const elsewhere = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.9',
      payload: { username: 'c.lungu', password: 'test' },
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('limits code verification', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await post('/api/auth/verify', { nonce: 'nope', code: DEV_CODE })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
  });

  it('limits refresh', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await post('/api/auth/refresh', { refreshToken: 'nope' })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
  });

  it('leaves other routes alone', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await runtime.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).statusCode).toBe(200);
    }
  });
});
