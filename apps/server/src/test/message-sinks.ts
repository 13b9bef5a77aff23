import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server for tests (smtp-server), with a login, that keeps what it receives, parsed by an
 * independent parser (mailparser). `refuse(n)` makes it answer the next n messages with a temporary failure.
 */
export interface SmtpSink {
  url: string;
  port: number;
  messages: ParsedMail[];
  refuse(count: number): void;
  /** The first message (oldest first) matching, waiting for it up to `ms`. */
  waitFor(match: (m: ParsedMail) => boolean, ms?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export const SMTP_USER = 'lifeline';
export const SMTP_PASSWORD = 'smtp-test-password';

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('invalid username or password'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals -= 1;
          const error = new Error('mailbox busy, try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            messages.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    port,
    messages,
    refuse: (count) => {
      refusals = count;
    },
    waitFor: (match, ms = 10_000) => waitUntil(() => messages.find(match), ms, 'an email'),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An HTTP SMS gateway for tests: records each request (headers and raw body) and answers 200, or `failWith`. */
export interface SmsSink {
  url: string;
  requests: Array<{ headers: IncomingMessage['headers']; body: string }>;
  failNext(count: number, status: number): void;
  waitFor(match: (body: string) => boolean, ms?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startSmsSink(): Promise<SmsSink> {
  const requests: SmsSink['requests'] = [];
  let failures = 0;
  let failStatus = 503;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        response.writeHead(failStatus).end('gateway unavailable');
        return;
      }
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/send`,
    requests,
    failNext: (count, status) => {
      failures = count;
      failStatus = status;
    },
    waitFor: (match, ms = 10_000) => waitUntil(() => requests.find((r) => match(r.body))?.body, ms, 'an SMS'),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function waitUntil<T>(find: () => T | undefined, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} arrived within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The 6-digit code in a message. */
export function codeIn(text: string | undefined): string {
  const code = /\b(\d{6})\b/.exec(text ?? '')?.[1];
  if (!code) throw new Error(`no 6-digit code in: ${text}`);
  return code;
}
