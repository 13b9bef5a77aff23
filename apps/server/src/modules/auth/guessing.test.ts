import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_CODE, startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { FIRST_BLIND_SECONDS, FREE_WRONG_PASSWORDS, MAX_WRONG_CODES_PER_HOUR } from './throttle.ts';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.close();
});

const post = (url: string, payload: object) => runtime.app.inject({ method: 'POST', url, payload });
const attempt = (username: string, password: string, deviceToken?: string) =>
  post('/api/auth/login', { username, password, ...(deviceToken ? { deviceToken } : {}) });
const verify = (nonce: string, code = DEV_CODE) => post('/api/auth/verify', { nonce, code });

/** Everything a client sees of an answer, with the random nonce and the date left out. */
function seen(response: LightMyRequestResponse) {
  const headers = { ...response.headers };
  delete headers.date;
  const body = response.json();
  if (typeof body.nonce === 'string') body.nonce = '<nonce>';
  return { status: response.statusCode, headers, body };
}

async function throttleRow(username: string) {
  return runtime.ctx.db
    .selectFrom('login_throttle')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
}

describe('guessing passwords', () => {
  it('gets the same answers for a known and an unknown username, before and after the free guesses', async () => {
    for (let i = 1; i <= FREE_WRONG_PASSWORDS + 4; i++) {
      const known = await attempt('m.zulu', `wrong-${i}`);
      const unknown = await attempt('nobody.zulu', `wrong-${i}`);
      expect(seen(unknown), `attempt ${i}`).toEqual(seen(known));
      if (i <= FREE_WRONG_PASSWORDS) {
        expect(known.statusCode).toBe(401);
        expect(known.json().detail).toBe('wrong username or password');
      } else {
        // Blind: a challenge for every password; these are decoys, which no code opens (not even the demo code).
        expect(known.json()).toMatchObject({ deferred: true, expiresIn: 600 });
        const a = await verify(known.json().nonce);
        const b = await verify(unknown.json().nonce);
        expect(seen(b)).toEqual(seen(a));
        expect(a.statusCode).toBe(401);
        expect(a.json().detail).toBe('wrong code; 4 tries left');
      }
    }
    // No 423, no lock: the owner's right password and code still open the account.
    const owner = await attempt('m.zulu', 'test');
    expect(owner.statusCode).toBe(200);
    expect(owner.json().deferred).toBe(true);
    expect((await verify(owner.json().nonce)).statusCode).toBe(200);
  });

  it('slows a guesser down exponentially: each wrong password after the free ones doubles the blind time', async () => {
    const windows: number[] = [];
    for (let i = 1; i <= FREE_WRONG_PASSWORDS + 3; i++) {
      await attempt('b.chimba', `wrong-${i}`);
      const row = await throttleRow('b.chimba');
      if (row.blind_until) windows.push((row.blind_until.getTime() - row.last_failure_at!.getTime()) / 1000);
    }
    expect(windows).toEqual([1, 2, 4, 8].map((m) => m * FIRST_BLIND_SECONDS));
    // While blind, a guess tells nothing: right and wrong passwords get the same answer.
    const right = await attempt('b.chimba', 'test');
    const wrong = await attempt('b.chimba', 'also-wrong');
    expect(seen(right)).toEqual(seen(wrong));
    // ...and the owner, who gets the code, is in; that clears the counter.
    expect((await verify(right.json().nonce)).statusCode).toBe(200);
    expect((await throttleRow('b.chimba')).failures).toBe(0);
  });

  it('does not slow the owner at a device they logged in from, however much a stranger guesses', async () => {
    const first = await attempt('l.ngandu', 'test');
    const { deviceToken } = (await verify(first.json().nonce)).json();
    expect(deviceToken).toEqual(expect.any(String));
    for (let i = 0; i < FREE_WRONG_PASSWORDS + 5; i++) await attempt('l.ngandu', `stranger-${i}`);
    expect((await attempt('l.ngandu', 'test')).json().deferred).toBe(true);

    const fromDevice = await attempt('l.ngandu', 'test', deviceToken);
    expect(fromDevice.json()).toMatchObject({ deferred: false });
    const tokens = (await verify(fromDevice.json().nonce)).json();
    expect(tokens).toHaveProperty('accessToken');
    expect(tokens).not.toHaveProperty('deviceToken'); // the device is known already
    // A mistyped password at the device counts for the device, and a device of someone else counts for nothing.
    expect((await attempt('l.ngandu', 'typo', deviceToken)).statusCode).toBe(401);
    expect((await attempt('m.chileshe', 'test', deviceToken)).json().deferred).toBe(false);
  });
});

describe('guessing codes', () => {
  it('keeps at most three open challenges per account: a new one retires the oldest', async () => {
    const nonces = [];
    for (let i = 0; i < 4; i++) nonces.push((await attempt('h.katumbi', 'test')).json().nonce);
    const oldest = await verify(nonces[0]);
    expect(oldest.statusCode).toBe(401);
    expect(oldest.json().detail).toContain('expired');
    expect((await verify(nonces[3])).statusCode).toBe(200);
  });

  it('caps wrong codes per account over all its challenges, silently: then even the right code fails', async () => {
    const budget = [];
    for (let spent = 0; spent < MAX_WRONG_CODES_PER_HOUR;) {
      const nonce = (await attempt('a.tembo', 'test')).json().nonce;
      for (let i = 0; i < 5 && spent < MAX_WRONG_CODES_PER_HOUR; i++, spent++)
        budget.push(await verify(nonce, '111111'));
    }
    expect(budget.every((r) => r.statusCode === 401)).toBe(true);
    const nonce = (await attempt('a.tembo', 'test')).json().nonce;
    const right = await verify(nonce, DEV_CODE);
    const wrong = await verify((await attempt('a.tembo', 'test')).json().nonce, '222222');
    // The same answer as a wrong code: the cap tells a code guesser nothing.
    expect(seen(right)).toEqual(seen(wrong));
    expect(right.json().detail).toBe('wrong code; 4 tries left');

    // An hour later the owner gets in again.
    await runtime.ctx.db
      .updateTable('login_throttle')
      .set({ code_window_start: new Date(Date.now() - 2 * 3600_000) })
      .where('username', '=', 'a.tembo')
      .execute();
    expect((await verify(nonce, DEV_CODE)).statusCode).toBe(200);
  });

  it("does not let a stranger spend the owner's code budget with decoys", async () => {
    for (let i = 0; i < FREE_WRONG_PASSWORDS; i++) await attempt('a.simutowe', `wrong-${i}`);
    for (let n = 0; n < 4; n++) {
      const decoy = (await attempt('a.simutowe', `still-wrong-${n}`)).json().nonce;
      for (let i = 0; i < 5; i++) await verify(decoy, '333333');
    }
    const owner = await attempt('a.simutowe', 'test');
    expect((await verify(owner.json().nonce, DEV_CODE)).statusCode).toBe(200);
  });
});

describe('limits per address, across usernames', () => {
  let strict: TestRuntime;
  beforeAll(async () => {
    strict = await startTestRuntime({ AUTH_IP_FAILED_LOGINS_PER_HOUR: '3' });
  });
  afterAll(async () => {
    await strict?.close();
  });

  it('refuses an address that sprayed wrong passwords over several usernames, even for a right one', async () => {
    const login = (username: string, password: string) =>
      strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    for (const username of ['k.mweene', 'f.katongo', 'nobody.at.all']) {
      expect((await login(username, 'Winter2025!')).statusCode).toBe(401);
    }
    const refused = await login('k.bwalya', 'test');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json().detail).toContain('wrong passwords from this address');
    // Another address is not affected.
    const elsewhere = await strict.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.1.2.3',
      payload: { username: 'k.bwalya', password: 'test' },
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});
