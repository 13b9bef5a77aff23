import { Writable } from 'node:stream';
import { parse as parseQuery } from 'node:querystring';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../lib/env.ts';
import { startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { codeIn, startSmsSink, startSmtpSink, type SmsSink, type SmtpSink } from '../../test/message-sinks.ts';
import { nextMailTo } from '../../test/staff.ts';
import { createFirstAdmin } from '../users/service.ts';
import { updateUser } from '../users/repository.ts';
import { findJob } from '../outbox/repository.ts';
import { withOutbox } from '../outbox/tables.ts';
import { hashPassword } from '../users/passwords.ts';

const FAST_OUTBOX = { OUTBOX_POLL_MS: '50', OUTBOX_RETRY_BASE_MS: '100' };
const FROM = 'Farajaland CRVS <no-reply@crvs.farajaland.example>';

/** Every log line a runtime writes, to prove what never reaches the log. */
function logCollector() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

/** The outbox's jobs, newest first. */
function jobsOf(runtime: TestRuntime) {
  return withOutbox(runtime.ctx.db)
    .selectFrom('outbox')
    .select(['id', 'status', 'attempts', 'last_error', 'payload'])
    .orderBy('id', 'desc')
    .execute();
}

describe('production with SMTP: the first administrator logs in with a code sent by email', () => {
  let sink: SmtpSink;
  let runtime: TestRuntime;
  const log = logCollector();

  beforeAll(async () => {
    sink = await startSmtpSink();
    runtime = await startTestRuntime(
      {
        NODE_ENV: 'production',
        AUTH_DEV_CODE: '',
        NOTIFICATION_TRANSPORT: 'smtp',
        SMTP_URL: sink.url,
        NOTIFICATION_FROM: FROM,
        LOG_LEVEL: 'trace',
        ...FAST_OUTBOX,
      },
      { logStream: log.stream },
    );
  });
  afterAll(async () => {
    await runtime?.close();
    await sink?.close();
  });

  it('retries while the mail server refuses, delivers, and never writes the code to the log', async () => {
    const { password } = await createFirstAdmin(runtime.ctx, 'root.admin', { email: 'root@registry.example' });
    sink.refuse(2);
    const first = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'root.admin', password },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().channel).toBe('email');
    const mail = await nextMailTo(sink, 'root@registry.example', 0);
    expect(mail.subject).toBe('Your Lifeline login code');
    expect(mail.from?.text).toContain('no-reply@crvs.farajaland.example');
    const code = codeIn(mail.text);
    const [job] = await jobsOf(runtime);
    expect(job).toMatchObject({ status: 'sent', attempts: 3 });
    expect(job.payload).not.toHaveProperty('code');

    const verify = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/verify',
      payload: { nonce: first.json().nonce, code },
    });
    expect(verify.statusCode).toBe(200);
    // Log lines were written (the refusals, at warn), none with the code.
    expect(log.lines.some((l) => l.includes('will retry'))).toBe(true);
    expect(log.lines.filter((l) => l.includes(code))).toEqual([]);
  });

  it('sends in the user’s language, from the country’s templates', async () => {
    const admin = await runtime.ctx.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    await runtime.ctx.db.transaction().execute((trx) => updateUser(trx, admin.id, { language: 'fr' }));
    const after = sink.messages.length;
    // A password this test knows (the one-time password is the test above's).
    await runtime.ctx.db
      .transaction()
      .execute(async (trx) => updateUser(trx, admin.id, { password_hash: await hashPassword('Known-Password-1') }));
    await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'root.admin', password: 'Known-Password-1' },
    });
    const mail = await nextMailTo(sink, 'root@registry.example', after);
    expect(mail.subject).toBe('Votre code de connexion Lifeline');
    expect(mail.text).toMatch(/Votre code de connexion pour root\.admin est \d{6}/);
  });

  it("parks a message as failed, with the server's answer, after its last attempt", async () => {
    sink.refuse(100);
    await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'root.admin', password: 'Known-Password-1' },
    });
    const [job] = await jobsOf(runtime);
    // Shorten the wait: the remaining attempts come due at once.
    await sql`UPDATE outbox SET max_attempts = 3 WHERE id = ${job.id}`.execute(runtime.ctx.db);
    await expect.poll(async () => (await findJob(runtime.ctx.db, job.id))?.status, { timeout: 10_000 }).toBe('failed');
    const parked = (await findJob(runtime.ctx.db, job.id))!;
    expect(parked.attempts).toBe(3);
    expect(parked.last_error).toMatch(/451|busy/);
    sink.refuse(0);
  });
});

describe('SMS through an HTTP gateway', () => {
  let sms: SmsSink;
  let runtime: TestRuntime;

  beforeAll(async () => {
    sms = await startSmsSink();
    runtime = await startTestRuntime({
      NOTIFICATION_TRANSPORT: 'http',
      SMS_GATEWAY_URL: sms.url,
      SMS_GATEWAY_AUTH: 'Bearer gateway-secret',
      AUTH_DEV_CODE: '',
      ...FAST_OUTBOX,
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await sms?.close();
  });

  it('posts the filled body template with the auth header, retrying while the gateway is down', async () => {
    sms.failNext(2, 503);
    const first = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'k.mweene', password: 'test' },
    });
    expect(first.json().channel).toBe('sms');
    const body = await sms.waitFor((b) => b.includes('0923232323'));
    const request = sms.requests.find((r) => r.body === body)!;
    expect(request.headers.authorization).toBe('Bearer gateway-secret');
    expect(request.headers['content-type']).toBe('application/json');
    const sent = JSON.parse(body) as { to: string; message: string };
    expect(sent.to).toBe('0923232323');
    expect(sent.message).toMatch(/^Lifeline: your login code is \d{6} \(expires in 10 min\)\.$/);
    const verify = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/verify',
      payload: { nonce: first.json().nonce, code: codeIn(sent.message) },
    });
    expect(verify.statusCode).toBe(200);
    expect((await jobsOf(runtime))[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('parks at once what the gateway refuses as wrong (4xx): retrying cannot help', async () => {
    sms.failNext(1, 400);
    await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'k.mweene', password: 'test' },
    });
    await expect.poll(async () => (await jobsOf(runtime))[0]?.status).toBe('failed');
    expect((await jobsOf(runtime))[0]).toMatchObject({
      attempts: 1,
      last_error: 'the SMS gateway answered 400 Bad Request',
    });
  });
});

describe('a form-encoded gateway and both channels', () => {
  let sms: SmsSink;
  let sink: SmtpSink;
  let runtime: TestRuntime;

  beforeAll(async () => {
    sms = await startSmsSink();
    sink = await startSmtpSink();
    runtime = await startTestRuntime({
      NOTIFICATION_TRANSPORT: 'smtp,http',
      SMTP_URL: sink.url,
      NOTIFICATION_FROM: FROM,
      SMS_GATEWAY_URL: sms.url,
      SMS_GATEWAY_CONTENT_TYPE: 'application/x-www-form-urlencoded',
      SMS_GATEWAY_BODY: 'To={{to}}&Body={{text}}',
      SMS_GATEWAY_AUTH_HEADER: 'x-api-key',
      SMS_GATEWAY_AUTH: 'k-123',
      ...FAST_OUTBOX,
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await sms?.close();
    await sink?.close();
  });

  it("sends on each user's preferred channel, escaping values for the gateway's body", async () => {
    const user = await runtime.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'f.katongo')
      .executeTakeFirstOrThrow();
    await runtime.ctx.db.transaction().execute((trx) => updateUser(trx, user.id, { preferred_channel: 'email' }));
    const byEmail = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'f.katongo', password: 'test' },
    });
    expect(byEmail.json().channel).toBe('email');
    await nextMailTo(sink, 'f.katongo@example.com', 0);

    await runtime.ctx.db.transaction().execute((trx) => updateUser(trx, user.id, { preferred_channel: 'sms' }));
    const bySms = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'f.katongo', password: 'test' },
    });
    expect(bySms.json().channel).toBe('sms');
    const body = await sms.waitFor((b) => b.includes('0934343434'));
    const form = parseQuery(body);
    expect(form.To).toBe('0934343434');
    expect(form.Body).toMatch(/^Lifeline: your login code is \d{6} \(expires in 10 min\)\.$/);
    expect(sms.requests.at(-1)!.headers['x-api-key']).toBe('k-123');
  });
});

describe('the transport settings', () => {
  it('refuse the log transport in production, and a transport without its settings', () => {
    expect(() => readEnv({ NODE_ENV: 'production' })).toThrow(/NOTIFICATION_TRANSPORT is not set/);
    expect(() => readEnv({ NODE_ENV: 'production', NOTIFICATION_TRANSPORT: 'log' })).toThrow(/refusing to start/);
    expect(() => readEnv({ NOTIFICATION_TRANSPORT: 'smtp' })).toThrow(/SMTP_URL and NOTIFICATION_FROM/);
    expect(() => readEnv({ NOTIFICATION_TRANSPORT: 'http' })).toThrow(/SMS_GATEWAY_URL/);
    expect(() => readEnv({ NOTIFICATION_TRANSPORT: 'pigeon' })).toThrow(/unknown/);
    expect(readEnv({}).notificationTransport).toEqual(['log']);
    expect(
      readEnv({
        NOTIFICATION_TRANSPORT: 'smtp,http',
        SMTP_URL: 'smtp://x',
        NOTIFICATION_FROM: 'a@b',
        SMS_GATEWAY_URL: 'http://g',
      }).notificationTransport,
    ).toEqual(['smtp', 'http']);
  });
});
