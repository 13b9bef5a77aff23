import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { codeIn, startSmtpSink, type SmtpSink } from '../../test/message-sinks.ts';
import { loginByEmail, nextMailTo } from '../../test/staff.ts';

let runtime: TestRuntime;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  runtime = await startTestRuntime({
    NOTIFICATION_TRANSPORT: 'smtp',
    SMTP_URL: sink.url,
    NOTIFICATION_FROM: 'Farajaland CRVS <no-reply@crvs.farajaland.example>',
    OUTBOX_POLL_MS: '50',
    AUTH_DEV_CODE: '',
  });
});
afterAll(async () => {
  await runtime?.close();
  await sink?.close();
});

const post = (url: string, payload: Record<string, unknown>) => runtime.app.inject({ method: 'POST', url, payload });

/** Rows of the recovery tables, to compare the work done for known and unknown accounts. */
async function tokenCount() {
  const row = await runtime.ctx.db
    .selectFrom('user_tokens' as never)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('forgotten password', () => {
  it('answers the same for an account that exists and one that does not, storing a token either way', async () => {
    const answers = [];
    for (const identifier of ['k.mweene', 'nobody.here', 'k.mweene@example.com', 'nobody@example.com', '0923232323']) {
      const before = await tokenCount();
      const res = await post('/api/auth/forgot-password', { identifier });
      expect(res.statusCode, identifier).toBe(202);
      expect(await tokenCount()).toBe(before + 1);
      const body = res.json();
      answers.push({ keys: Object.keys(body).sort(), expiresIn: body.expiresIn, type: res.headers['content-type'] });
      expect(body.nonce).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    // Only the real account got messages: by username, email and phone, three codes to k.mweene.
    await expect.poll(() => sink.messages.filter((m) => m.subject === 'Reset your Lifeline password').length).toBe(3);
    expect(sink.messages.every((m) => !JSON.stringify(m.to).includes('nobody'))).toBe(true);
  });

  it('sets a new password with the code, refusing wrong codes and decoys alike; sessions end', async () => {
    const tokens = await loginByEmail(runtime, sink, 'f.katongo', 'test', 'f.katongo@example.com');
    const after = sink.messages.length;
    const real = (await post('/api/auth/forgot-password', { identifier: 'f.katongo' })).json().nonce;
    const decoy = (await post('/api/auth/forgot-password', { identifier: 'no.such.user' })).json().nonce;
    const mail = await nextMailTo(sink, 'f.katongo@example.com', after);
    const code = codeIn(mail.text);
    expect(mail.text).toMatch(/expires in 30 minutes/);

    const attempt = (nonce: string, c: string, newPassword = 'Brand-New-Pass-7') =>
      post('/api/auth/reset-password', { nonce, code: c, newPassword });
    const weak = await attempt(real, code, 'weak');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('newPassword');
    const wrong = await attempt(real, code === '111111' ? '222222' : '111111');
    const fake = await attempt(decoy, code);
    expect(wrong.statusCode).toBe(400);
    expect(fake.statusCode).toBe(400);
    expect(fake.json()).toEqual(wrong.json());

    expect((await attempt(real, code)).statusCode).toBe(204);
    expect((await attempt(real, code)).statusCode).toBe(400); // used
    const refreshed = await post('/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(refreshed.statusCode).toBe(401);
    const old = await post('/api/auth/login', { username: 'f.katongo', password: 'test' });
    expect(old.statusCode).toBe(401);
    await expect(
      loginByEmail(runtime, sink, 'f.katongo', 'Brand-New-Pass-7', 'f.katongo@example.com'),
    ).resolves.toHaveProperty('accessToken');
  });

  it('stops a code after five wrong tries', async () => {
    const after = sink.messages.length;
    const nonce = (await post('/api/auth/forgot-password', { identifier: 'k.bwalya' })).json().nonce;
    const code = codeIn((await nextMailTo(sink, 'k.bwalya@example.com', after)).text);
    const other = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++)
      await post('/api/auth/reset-password', { nonce, code: other, newPassword: 'Brand-New-Pass-7' });
    const late = await post('/api/auth/reset-password', { nonce, code, newPassword: 'Brand-New-Pass-7' });
    expect(late.statusCode).toBe(400);
  });
});

describe('forgotten username', () => {
  it('sends the username to the address given, and answers the same when none matches', async () => {
    const known = await post('/api/auth/forgot-username', { contact: 'K.Mweene@Example.com' });
    const unknown = await post('/api/auth/forgot-username', { contact: 'nobody@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const mail = await sink.waitFor((m) => m.subject === 'Your Lifeline username');
    expect(mail.text).toContain('It is: k.mweene');
  });
});

describe('rate limits', () => {
  it('refuse recovery requests over the limit per minute', async () => {
    const limited = await startTestRuntime({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) {
        codes.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: '/api/auth/forgot-username',
              payload: { contact: 'a@example.com' },
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([202, 202, 202, 429]);
    } finally {
      await limited.close();
    }
  });
});
