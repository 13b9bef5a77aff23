import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { startSmsSink, startSmtpSink, type SmsSink, type SmtpSink } from '../../test/message-sinks.ts';
import { recordsClient } from '../../test/records.ts';

let runtime: TestRuntime;
let sms: SmsSink;
let smtp: SmtpSink;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  sms = await startSmsSink();
  smtp = await startSmtpSink();
  runtime = await startTestRuntime({
    NOTIFICATION_TRANSPORT: 'smtp,http',
    SMTP_URL: smtp.url,
    NOTIFICATION_FROM: 'Farajaland CRVS <no-reply@crvs.farajaland.example>',
    SMS_GATEWAY_URL: sms.url,
    OUTBOX_POLL_MS: '50',
    OUTBOX_RETRY_BASE_MS: '100',
  });
  api = recordsClient(runtime);
  for (const u of ['k.mweene', 'f.katongo', 'j.campbell']) as[u] = await login(runtime, u);
}, 60_000);
afterAll(async () => {
  await runtime?.close();
  await sms?.close();
  await smtp?.close();
});

type Sent = { message: string; channel: string; status: string; error: string | null };
async function messagesOf(id: string, until: (m: Sent[]) => boolean, ms = 10_000): Promise<Sent[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const res = await runtime.app.inject({ url: `/api/events/${id}/messages`, headers: bearer(as['k.mweene']) });
    expect(res.statusCode, res.body).toBe(200);
    const messages = res.json() as Sent[];
    if (until(messages) || Date.now() > deadline) return messages;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const family = (phone: string, email: string) =>
  birthDeclaration({ 'informant.phoneNo': phone, 'informant.email': email });

describe('messages to families', () => {
  it('tells the informant by SMS and email that the birth is registered, with its number; the record shows "sent"', async () => {
    const record = (await api.create(as['k.mweene'], 'birth')).json();
    const res = await api.act(as['k.mweene'], record.id, 'REGISTER', {
      declaration: family('0971234567', 'amani.banda@example.com'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const { registrationNumber } = res.json();
    expect(registrationNumber).toMatch(/^B\d{4}\d{7}$/);

    const mail = await smtp.waitFor((m) => m.text?.includes(registrationNumber) ?? false);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('amani.banda@example.com');
    expect(mail.subject).toMatch(/is registered$/);
    const body = await sms.waitFor((b) => b.includes(registrationNumber));
    expect(JSON.parse(body)).toMatchObject({ to: '0971234567' });
    expect(JSON.parse(body).message).toContain('is registered');

    const shown = await messagesOf(record.id, (m) => m.length === 2 && m.every((x) => x.status === 'sent'));
    expect(shown.map((m) => [m.message, m.channel, m.status]).sort()).toEqual([
      ['registered', 'email', 'sent'],
      ['registered', 'sms', 'sent'],
    ]);
    // Only one message for a declaration registered at once: "registered", not "received" too.
    expect(JSON.stringify(shown)).not.toContain('0971234567');
  });

  it("writes in the informant's language when the form says it (French here), else the default language", async () => {
    const record = (await api.create(as['k.mweene'], 'birth')).json();
    const res = await api.act(as['k.mweene'], record.id, 'REGISTER', {
      declaration: { ...family('0971234568', 'chanda.mwale@example.com'), 'informant.language': 'fr' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { registrationNumber } = res.json();
    const mail = await smtp.waitFor((m) => m.text?.includes(registrationNumber) ?? false);
    expect(mail.subject).toMatch(/: naissance enregistré\(e\)$/);
    expect(mail.text).toContain('Bonjour');
    const body = JSON.parse(await sms.waitFor((b) => b.includes(registrationNumber)));
    expect(body.message).toMatch(/^État civil : naissance de .* enregistré\(e\), numéro /);
  });

  it('sends nothing for a switched-off message and says what to bring when on', async () => {
    const record = (await api.create(as['f.katongo'], 'birth')).json();
    const declared = await api.act(as['f.katongo'], record.id, 'DECLARE', {
      declaration: family('0977654321', 'mercy.zulu@example.com'),
    });
    expect(declared.statusCode, declared.body).toBe(200);
    await sms.waitFor((b) => b.includes(declared.json().trackingId) && b.includes('declared'));

    const off = await runtime.app.inject({
      method: 'PUT',
      url: '/api/config/settings',
      headers: bearer(as['j.campbell']),
      payload: { settings: { familyMessages: { rejected: { enabled: false } } }, reason: 'not yet' },
    });
    expect(off.statusCode, off.body).toBe(200);
    const rejected = await api.act(as['k.mweene'], record.id, 'REJECT', { reason: 'the mother’s national ID card' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const shown = await messagesOf(record.id, (m) => m.every((x) => x.status === 'sent'));
    expect(shown.map((m) => m.message)).toEqual(['declarationReceived', 'declarationReceived']);

    const on = await runtime.app.inject({
      method: 'PUT',
      url: '/api/config/settings',
      headers: bearer(as['j.campbell']),
      payload: { settings: { familyMessages: { rejected: { enabled: true } } }, reason: 'on again' },
    });
    expect(on.statusCode, on.body).toBe(200);
    const again = (await api.create(as['f.katongo'], 'birth')).json();
    const next = await api.act(as['f.katongo'], again.id, 'DECLARE', {
      declaration: family('0975550000', 'ruth.mwale@example.com'),
    });
    expect(next.statusCode, next.body).toBe(200);
    await api.act(as['k.mweene'], again.id, 'REJECT', { reason: 'the mother’s national ID card' });
    const told = await sms.waitFor((b) => b.includes(next.json().trackingId) && b.includes('bring'));
    expect(JSON.parse(told).message).toContain('Please bring: the mother’s national ID card');
  });

  it('refuses a message text with a placeholder it is not given, naming it', async () => {
    const res = await runtime.app.inject({
      method: 'PUT',
      url: '/api/config/settings',
      headers: bearer(as['j.campbell']),
      payload: {
        settings: { familyMessages: { registered: { sms: { en: 'Number {{number}}', fr: 'Numéro {{number}}' } } } },
        reason: 'shorter',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('settings.familyMessages.registered.sms.en');
  });

  it('shows "failed" with the reason when the gateway keeps refusing', async () => {
    sms.failNext(20, 503);
    const record = (await api.create(as['k.mweene'], 'birth')).json();
    const res = await api.act(as['k.mweene'], record.id, 'REGISTER', {
      declaration: family('0979999999', 'grace.tembo@example.com'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const shown = await messagesOf(
      record.id,
      (m) => m.some((x) => x.channel === 'sms' && x.status === 'failed'),
      15_000,
    );
    const text = shown.find((m) => m.channel === 'sms')!;
    expect(text.status).toBe('failed');
    expect(text.error).toContain('503');
    expect(shown.find((m) => m.channel === 'email')!.status).toBe('sent');
    sms.failNext(0, 503);
  });
});
