import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../modules/web/routes.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../test/harness.ts';

let runtime: TestRuntime;
let https: TestRuntime;
let agent: Tokens;

beforeAll(async () => {
  runtime = await startTestRuntime();
  https = await startTestRuntime({ PUBLIC_URL: 'https://crvs.farajaland.example' });
  agent = await login(runtime, 'f.katongo');
});
afterAll(async () => {
  await runtime?.close();
  await https?.close();
});

const get = (url: string, headers: Record<string, string> = {}, on = runtime) =>
  on.app.inject({ method: 'GET', url, headers });

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Map<string, string[]> {
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  const pages = ['/api/health', '/api/config', '/api/nope', '/.well-known/jwks.json', '/', '/workqueues'];

  it.each(pages)('%s: a CSP without inline scripts, no framing, nosniff, no referrer', async (url) => {
    const res = await get(url, bearer(agent));
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).not.toContain("'unsafe-inline'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('no HSTS on a plain-http deployment (it would lock browsers out of it), HSTS when PUBLIC_URL is https', async () => {
    expect((await get('/api/health')).headers['strict-transport-security']).toBeUndefined();
    const secure = await get('/api/health', {}, https);
    expect(secure.headers['strict-transport-security']).toMatch(/^max-age=31536000; includeSubDomains/);
    expect(directives(secure.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
  });

  it('the verification page keeps its own stricter policy (one inline style, no script) and cannot be framed', async () => {
    const res = await get('/verify/AAAAAAAAAAAAAAAAAAAAAA');
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.has('script-src')).toBe(false);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.body).not.toMatch(/<script/i);
  });

  it.runIf(existsSync(path.join(WEB_DIST, 'index.html')))(
    'the built web app has no inline script, so it runs under script-src self',
    () => {
      const html = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(attributes).toMatch(/\bsrc="\//);
        expect(body.trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+=/i);
    },
  );
});

describe('WWW-Authenticate on every 401', () => {
  it('without a token, with a garbage token, and on a wrong password', async () => {
    const none = await get('/api/users/me');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="lifeline"');
    const garbage = await get('/api/users/me', { authorization: 'Bearer not.a.token' });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.headers['www-authenticate']).toBe('Bearer realm="lifeline", error="invalid_token"');
    const wrong = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'f.katongo', password: 'wrong' },
      remoteAddress: '10.1.2.3',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer /);
  });
});

describe('wrong method, wrong media type, unknown paths', () => {
  it.each([
    ['POST', '/api/locations', 'GET, HEAD'],
    ['DELETE', '/api/config', 'GET, HEAD'],
    ['GET', '/api/auth/login', 'POST'],
    ['PUT', '/api/auth/login', 'POST'],
    ['PATCH', '/api/events/00000000-0000-4000-8000-000000000000/draft', 'GET, HEAD, PUT, DELETE'],
  ])('%s %s: 405 with Allow: %s', async (method, url, allow) => {
    const res = await runtime.app.inject({ method: method as 'GET', url, headers: bearer(agent) });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x'])(
    'a JSON operation sent %s: 415',
    async (type) => {
      const res = await runtime.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': type },
        payload: '{"username":"f.katongo","password":"test"}',
      });
      expect(res.statusCode).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
    },
  );

  it.each(['/api/nope', '/api/v2/events', '/metrics', '/healthz', '/.well-known/openid-configuration'])(
    '%s: a problem+json 404, even for a browser, never the web app',
    async (url) => {
      const res = await get(url, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 404, title: 'Not Found' });
    },
  );

  it.each(['/fhir/Patient/1', '/fhir'])('%s: a FHIR OperationOutcome 404, never the web app', async (url) => {
    const res = await get(url, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome' });
  });

  it.runIf(existsSync(path.join(WEB_DIST, 'index.html')))('the web app still answers its own routes', async () => {
    const res = await get('/records/123', { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
