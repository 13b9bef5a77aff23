import type { InjectOptions } from 'fastify';
import type { ParsedMail } from 'mailparser';
import type { Runtime } from '../server.ts';
import { codeIn, type SmtpSink } from './message-sinks.ts';
import { bearer, type Tokens } from './harness.ts';

/** HTTP calls of the staff-management API, as a client would make them. */
export function staffClient(runtime: Pick<Runtime, 'app'>) {
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: Tokens | null, payload?: unknown) => {
    const options: InjectOptions = { method, url };
    if (who) options.headers = bearer(who);
    if (payload !== undefined) options.payload = payload as InjectOptions['payload'];
    return runtime.app.inject(options);
  };
  return {
    create: (who: Tokens, user: Record<string, unknown>) => call('POST', '/api/users', who, user),
    update: (who: Tokens, id: string, changes: Record<string, unknown>) =>
      call('PATCH', `/api/users/${id}`, who, changes),
    act: (who: Tokens, id: string, action: string, reason?: string) =>
      call('POST', `/api/users/${id}/${action}`, who, reason === undefined ? undefined : { reason }),
    list: (who: Tokens, query: Record<string, string> = {}) =>
      call('GET', `/api/users?${new URLSearchParams(query)}`, who),
    get: (who: Tokens, id: string) => call('GET', `/api/users/${id}`, who),
    audit: (who: Tokens, query: Record<string, string>) => call('GET', `/api/audit?${new URLSearchParams(query)}`, who),
    activate: (token: string, code: string, password: string) =>
      call('POST', '/api/auth/activate', null, { token, code, password }),
    refresh: (refreshToken: string) => call('POST', '/api/auth/refresh', null, { refreshToken }),
  };
}

/** The token of an activation or reset link in a message. */
export function linkTokenIn(text: string | undefined): string {
  const token = /[?&]token=([\w%-]+)/.exec(text ?? '')?.[1];
  if (!token) throw new Error(`no link with a token in: ${text}`);
  return decodeURIComponent(token);
}

/** A new staff member's details, varied by `n` so tests do not collide. */
export function newStaff(overrides: Record<string, unknown> = {}) {
  return {
    firstname: 'Nkandu',
    surname: 'Banda',
    role: 'REGISTRATION_AGENT',
    primaryOfficeId: 'xmJJAsGfSTn',
    email: 'nkandu.banda@example.com',
    ...overrides,
  };
}

/** The addresses a parsed email went to. */
export function recipientsOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((t) => t.value.map((v) => v.address ?? ''));
}

/** The next email to `address` after the first `after` messages of the sink. */
export async function nextMailTo(sink: SmtpSink, address: string, after: number, ms = 10_000): Promise<ParsedMail> {
  const deadline = Date.now() + ms;
  for (;;) {
    const mail = sink.messages.slice(after).find((m) => recipientsOf(m).includes(address));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no email to ${address} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Log in through both steps with the code that arrives by email (no demo code). */
export async function loginByEmail(
  runtime: Pick<Runtime, 'app'>,
  sink: SmtpSink,
  username: string,
  password: string,
  address: string,
): Promise<Tokens> {
  const after = sink.messages.length;
  const first = await runtime.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (first.statusCode !== 200) throw new Error(`login ${username}: ${first.statusCode} ${first.body}`);
  const mail = await nextMailTo(sink, address, after);
  const second = await runtime.app.inject({
    method: 'POST',
    url: '/api/auth/verify',
    payload: { nonce: first.json().nonce, code: codeIn(mail.text) },
  });
  if (second.statusCode !== 200) throw new Error(`verify ${username}: ${second.statusCode} ${second.body}`);
  return second.json() as Tokens;
}
