import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { AllowedHosts, blockedReason, checkWebhookUrl, guardedAgent, type UrlPolicy } from './url-guard.ts';

const policy = (over: Partial<UrlPolicy> & { allow?: string[] } = {}): UrlPolicy => ({
  production: false,
  allowed: new AllowedHosts(over.allow ?? []),
  ...over,
});
const refusal = async (url: string, p: UrlPolicy) => {
  try {
    await checkWebhookUrl(url, p);
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

describe('which addresses webhooks may go to', () => {
  it('refuses loopback, private, link-local, metadata and other special addresses, in both IP versions', () => {
    for (const address of [
      '127.0.0.1',
      '10.20.30.40',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fd00:ec2::254',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::10.0.0.1',
    ]) {
      expect(blockedReason(address), address).not.toBeNull();
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])
      expect(blockedReason(address)).toBeNull();
  });

  it('checks every address a name resolves to', async () => {
    const resolve = async () => ['93.184.216.34', '10.0.0.7'];
    expect(await refusal('https://hooks.example.org/in', policy({ resolve }))).toMatch(
      /hooks\.example\.org resolves to 10\.0\.0\.7, a private address/,
    );
    expect(
      await refusal('https://hooks.example.org/in', policy({ resolve: async () => ['93.184.216.34'] })),
    ).toBeNull();
    expect(await refusal('http://metadata.google.internal/computeMetadata/v1/', policy())).toMatch(/metadata/);
  });

  it('lets the operator allow hosts, addresses and ranges', async () => {
    const resolve = async () => ['10.1.2.3'];
    expect(await refusal('http://hooks.intranet/in', policy({ resolve, allow: ['hooks.intranet'] }))).toBeNull();
    expect(await refusal('http://hooks.intranet/in', policy({ resolve, allow: ['10.1.0.0/16'] }))).toBeNull();
    expect(await refusal('http://hooks.intranet/in', policy({ resolve, allow: ['10.2.0.0/16'] }))).toMatch(/private/);
  });

  it('wants https in production, http or https elsewhere', async () => {
    const resolve = async () => ['93.184.216.34'];
    expect(await refusal('http://hooks.example.org/', policy({ resolve, production: true }))).toBe('must use https');
    expect(await refusal('https://hooks.example.org/', policy({ resolve, production: true }))).toBeNull();
    expect(await refusal('http://hooks.example.org/', policy({ resolve }))).toBeNull();
    expect(await refusal('https://user:pw@hooks.example.org/', policy({ resolve }))).toMatch(/user name or password/);
  });
});

describe('at delivery, the connection resolves through the same check (DNS rebinding)', () => {
  let sink: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    sink = createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    port = (sink.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => sink.close(resolve)));

  it('a name that now points at this machine cannot be connected to; allowed, it can', async () => {
    // `localhost` stands for a public name re-pointed after it was checked: only the connection sees the change.
    const refused = await fetch(`http://localhost:${port}/`, { dispatcher: guardedAgent(policy()) }).catch(
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(refused).toBe('EWEBHOOKADDRESS');
    expect(hits).toBe(0);
    const allowed = guardedAgent(policy({ allow: ['localhost'] }));
    expect((await fetch(`http://localhost:${port}/`, { dispatcher: allowed })).status).toBe(200);
    expect(hits).toBe(1);
  });
});

describe('POST /api/webhooks refuses such URLs with a 400 naming the problem', () => {
  let runtime: TestRuntime;
  let admin: Tokens;
  beforeAll(async () => {
    // No allow-list here (the test harness otherwise allows 127.0.0.1 for its subscribers).
    runtime = await startTestRuntime({ WEBHOOK_ALLOWED_HOSTS: '' });
    admin = await login(runtime, 'j.campbell');
  }, 120_000);
  afterAll(() => runtime?.close());

  const subscribe = (url: string) =>
    runtime.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: bearer(admin),
      payload: { url, events: ['birth.registered'] },
    });

  it.each([
    ['http://127.0.0.1:9/hook', /127\.0\.0\.1, a loopback address/],
    ['http://localhost:9/hook', /localhost resolves to .*loopback/],
    ['http://[::1]:9/hook', /::1, a loopback address/],
    ['http://169.254.169.254/latest/meta-data/', /link-local address \(cloud metadata/],
    ['http://10.0.0.5/hook', /10\.0\.0\.5, a private address/],
    ['http://[::ffff:192.168.0.1]/hook', /private address/],
    ['http://metadata.google.internal/', /cloud metadata service/],
  ])('%s', async (url, message) => {
    const res = await subscribe(url);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0].field).toBe('url');
    expect(res.json().errors[0].message).toMatch(message);
  });
});
