import { randomUUID } from 'node:crypto';
import { CLIENT_SCOPE_NAMES } from '@lifeline/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime } from '../../test/harness.ts';

/**
 * A client's token on every operation of the API, with the widest scopes a client may hold: routes written for
 * staff (their profile, drafts, passwords, signatures...) must refuse it or serve it, never fail on it.
 */
let runtime: TestRuntime;
let token: string;

beforeAll(async () => {
  runtime = await startTestRuntime();
  const admin = await login(runtime, 'j.campbell');
  const created = await runtime.app.inject({
    method: 'POST',
    url: '/api/integrations',
    headers: bearer(admin),
    payload: {
      name: 'everything a client may hold',
      type: 'RECORD_SEARCH',
      officeId: 't0qT1Vh8qi3',
      scopes: CLIENT_SCOPE_NAMES.map((s) => `${s}[jurisdiction=all]`),
    },
  });
  const { clientId, clientSecret } = created.json();
  token = (
    await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      headers: { 'content-type': 'application/json' },
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    })
  ).json().access_token;
});
afterAll(() => runtime?.close());

it('never answers a client with a 5xx', async () => {
  const document = (await runtime.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const failures: string[] = [];
  let calls = 0;
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const method of Object.keys(methods)) {
      if (method === 'options') continue;
      const url = path.replace(/\{type\}/g, 'DECLARE').replace(/\{[^}]+\}/g, randomUUID());
      for (const payload of [undefined, {}, { transactionId: randomUUID() }]) {
        if (method === 'get' && payload) continue;
        const res = await runtime.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          headers: bearer(token),
          ...(payload ? { payload } : {}),
        });
        calls++;
        if (res.statusCode >= 500)
          failures.push(`${method.toUpperCase()} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
  }
  expect(calls).toBeGreaterThan(100);
  expect(failures).toEqual([]);
}, 120_000);
