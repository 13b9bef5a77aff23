import { randomUUID } from 'node:crypto';
import { hospitalBirth, IBOMBO_DISTRICT_HOSPITAL } from '@lifeline/fhir/testing/notifications';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startSecondCopy, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';

let runtime: TestRuntime;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime({ CLIENT_RATE_LIMIT_PER_MINUTE: '40' });
  for (const u of ['j.campbell', 'k.mweene']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

interface Created {
  id: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  status: string;
}

async function createClient(body: Record<string, unknown>, tokens = as['j.campbell']) {
  return runtime.app.inject({ method: 'POST', url: '/api/integrations', headers: bearer(tokens), payload: body });
}

async function healthSystem(): Promise<Created> {
  const res = await createClient({
    name: 'Ibombo hospital HMIS',
    type: 'HEALTH_SYSTEM',
    officeId: IBOMBO_DISTRICT_HOSPITAL,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function token(payload: string | object, headers: Record<string, string> = {}, on = runtime) {
  return on.app.inject({
    method: 'POST',
    url: '/api/auth/token',
    headers: {
      'content-type': typeof payload === 'string' ? 'application/x-www-form-urlencoded' : 'application/json',
      ...headers,
    },
    payload,
  });
}

async function accessToken(client: Created, scope?: string): Promise<string> {
  const res = await token(form({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }), {
    authorization: basic(client.clientId, client.clientSecret),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().access_token;
}

const notify = (accessTokenText: string, on = runtime) =>
  on.app.inject({
    method: 'POST',
    url: '/fhir/Bundle',
    headers: { ...bearer(accessTokenText), 'content-type': 'application/fhir+json' },
    payload: JSON.stringify(hospitalBirth({ identifier: randomUUID() })),
  });

describe('integration clients: managed by the national system administrator', () => {
  it('creates a client with default scopes, shows the secret once, lists it without', async () => {
    const client = await healthSystem();
    expect(client.clientSecret).toMatch(/^lls_[A-Za-z0-9_-]{43}$/);
    expect(client.scopes).toContain('record.notify[event=birth|death,jurisdiction=area]');
    const list = await runtime.app.inject({
      method: 'GET',
      url: '/api/integrations',
      headers: bearer(as['j.campbell']),
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(client.clientSecret);
    expect(list.json().results.map((c: Created) => c.id)).toContain(client.id);
    const stored = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', client.id)
      .execute();
    expect(stored).toEqual([{ action: 'client.CREATE', actor_id: expect.any(String) }]);
  });

  it('refuses anyone else, scopes no client may hold, and a health system without an office', async () => {
    expect((await createClient({ name: 'x', type: 'RECORD_SEARCH' }, as['k.mweene'])).statusCode).toBe(403);
    const register = await createClient({
      name: 'x',
      type: 'RECORD_SEARCH',
      scopes: ['record.register[jurisdiction=all]'],
    });
    expect([register.statusCode, register.json().errors[0].field]).toEqual([400, 'scopes.0']);
    const noOffice = await createClient({ name: 'x', type: 'HEALTH_SYSTEM' });
    expect([noOffice.statusCode, noOffice.json().errors[0].field]).toEqual([400, 'officeId']);
    const badType = await createClient({ name: 'x', type: 'MAINFRAME' });
    expect(badType.statusCode).toBe(400);
  });
});

describe('POST /api/auth/token (RFC 6749 §4.4)', () => {
  let client: Created;
  beforeAll(async () => {
    client = await healthSystem();
  });

  it('issues a Bearer token for Basic, form-body and JSON credentials', async () => {
    const viaBasic = await token(form({ grant_type: 'client_credentials' }), {
      authorization: basic(client.clientId, client.clientSecret),
    });
    expect(viaBasic.statusCode).toBe(200);
    expect(viaBasic.headers['cache-control']).toBe('no-store');
    expect(viaBasic.json()).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: client.scopes.join(' '),
    });
    const viaForm = await token(
      form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
    );
    expect(viaForm.statusCode).toBe(200);
    const viaJson = await token({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope: 'record.notify',
    });
    expect([viaJson.statusCode, viaJson.json().scope]).toEqual([
      200,
      'record.notify[event=birth|death,jurisdiction=area]',
    ]);
  });

  it('answers each mistake with its §5.2 error, never echoing the secret', async () => {
    const wrong = `${client.clientSecret.slice(0, -2)}xx`;
    const cases: Array<[string, Awaited<ReturnType<typeof token>>, number, string]> = [
      ['no credentials', await token(form({ grant_type: 'client_credentials' })), 401, 'invalid_client'],
      [
        'wrong secret',
        await token(form({ grant_type: 'client_credentials' }), { authorization: basic(client.clientId, wrong) }),
        401,
        'invalid_client',
      ],
      [
        'unknown client',
        await token(form({ grant_type: 'client_credentials', client_id: randomUUID(), client_secret: wrong })),
        401,
        'invalid_client',
      ],
      [
        'Bearer instead of Basic',
        await token(form({ grant_type: 'client_credentials' }), { authorization: `Bearer ${wrong}` }),
        401,
        'invalid_client',
      ],
      [
        'no grant_type',
        await token(form({}), { authorization: basic(client.clientId, client.clientSecret) }),
        400,
        'invalid_request',
      ],
      [
        'other grant',
        await token(form({ grant_type: 'password' }), { authorization: basic(client.clientId, client.clientSecret) }),
        400,
        'unsupported_grant_type',
      ],
      [
        'scope not held',
        await token(form({ grant_type: 'client_credentials', scope: 'record.register' }), {
          authorization: basic(client.clientId, client.clientSecret),
        }),
        400,
        'invalid_scope',
      ],
      [
        'parameter twice',
        await token('grant_type=client_credentials&grant_type=client_credentials', {
          authorization: basic(client.clientId, client.clientSecret),
        }),
        400,
        'invalid_request',
      ],
      [
        'two methods',
        await token(form({ grant_type: 'client_credentials', client_secret: client.clientSecret }), {
          authorization: basic(client.clientId, client.clientSecret),
        }),
        400,
        'invalid_request',
      ],
      ['malformed JSON', await token('{"grant_type":', { 'content-type': 'application/json' }), 400, 'invalid_request'],
    ];
    for (const [name, res, status, error] of cases) {
      expect([name, res.statusCode, res.json().error]).toEqual([name, status, error]);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).not.toContain(client.clientSecret);
      expect(res.body).not.toContain(wrong);
      if (status === 401) expect(res.headers['www-authenticate']).toMatch(/^Basic realm="lifeline"/);
    }
  });
});

describe('client tokens at work', () => {
  it('a health system notifies a birth: a NOTIFIED record, in history and audit as the client', async () => {
    const client = await healthSystem();
    const sent = await notify(await accessToken(client));
    expect(sent.statusCode, sent.body).toBe(201);
    const recordId = /Bundle\/([0-9a-f-]{36})/.exec(String(sent.headers.location))?.[1] ?? '';
    // The registrar of the district finds it: the record belongs to the hospital's jurisdiction.
    const seen = await runtime.app.inject({
      method: 'GET',
      url: `/api/events/${recordId}`,
      headers: bearer(as['k.mweene']),
    });
    expect(seen.statusCode, seen.body).toBe(200);
    const record = seen.json();
    expect(record.status).toBe('NOTIFIED');
    const notified = record.actions.find((a: { type: string }) => a.type === 'NOTIFY');
    expect([notified.createdBy, notified.createdByRole]).toEqual([client.id, 'client:HEALTH_SYSTEM']);
    const audit = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'actor_role'])
      .where('subject_id', '=', recordId)
      .where('actor_id', '=', client.id)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0].actor_role).toBe('client:HEALTH_SYSTEM');
    // The audit view names the client.
    const trail = await runtime.app.inject({
      method: 'GET',
      url: '/api/audit?action=client.TOKEN',
      headers: bearer(as['j.campbell']),
    });
    expect(trail.statusCode, trail.body).toBe(200);
    const entry = trail.json().results.find((e: { actorId: string }) => e.actorId === client.id);
    expect(entry.actorName).toBe('client: Ibombo hospital HMIS');
    // The record's history names it like staff (the web app looks actors up by id).
    const names = await runtime.app.inject({
      method: 'GET',
      url: `/api/users?ids=${client.id},${notified.createdBy}`,
      headers: bearer(as['k.mweene']),
    });
    expect(names.json()).toEqual([expect.objectContaining({ id: client.id, firstname: 'Ibombo hospital HMIS' })]);
  });

  it('a client is limited by its scopes, and by the scopes its token was issued with', async () => {
    const search = (await createClient({ name: 'Statistics office', type: 'RECORD_SEARCH' })).json() as Created;
    const searchToken = await accessToken(search);
    expect((await notify(searchToken)).statusCode).toBe(403);
    const admin = await runtime.app.inject({ method: 'GET', url: '/api/integrations', headers: bearer(searchToken) });
    expect(admin.statusCode).toBe(403);
    const found = await runtime.app.inject({
      method: 'POST',
      url: '/api/events/search',
      headers: bearer(searchToken),
      payload: { query: { type: 'quick', term: 'Banda' } },
    });
    expect(found.statusCode, found.body).toBe(200);

    const hospital = await healthSystem();
    // A token asked for the locations scope only cannot notify, though the client could.
    const narrow = await accessToken(hospital, 'organisation.read-locations');
    expect((await notify(narrow)).statusCode).toBe(403);
  });

  it('disabling a client stops its token at once, on every server copy', async () => {
    const client = await healthSystem();
    const live = await accessToken(client);
    const second = await startSecondCopy(runtime);
    try {
      expect((await notify(live, second)).statusCode).toBe(201);
      const disabled = await runtime.app.inject({
        method: 'DELETE',
        url: `/api/integrations/${client.id}`,
        headers: bearer(as['j.campbell']),
      });
      expect([disabled.statusCode, disabled.json().status]).toEqual([200, 'disabled']);
      expect((await notify(live)).statusCode).toBe(401);
      await expect.poll(async () => (await notify(live, second)).statusCode, { timeout: 5000 }).toBe(401);
      const again = await token(form({ grant_type: 'client_credentials' }), {
        authorization: basic(client.clientId, client.clientSecret),
      });
      expect([again.statusCode, again.json().error]).toEqual([401, 'invalid_client']);
    } finally {
      await second.close();
    }
  });

  it('rotating the secret stops the old secret and its tokens; the new one works', async () => {
    const client = await healthSystem();
    const old = await accessToken(client);
    const rotated = await runtime.app.inject({
      method: 'POST',
      url: `/api/integrations/${client.id}/secret`,
      headers: bearer(as['j.campbell']),
    });
    expect(rotated.statusCode).toBe(200);
    const renewed = rotated.json() as Created;
    expect(renewed.clientSecret).not.toBe(client.clientSecret);
    expect((await notify(old)).statusCode).toBe(401);
    const stale = await token(form({ grant_type: 'client_credentials' }), {
      authorization: basic(client.clientId, client.clientSecret),
    });
    expect(stale.statusCode).toBe(401);
    expect((await notify(await accessToken(renewed))).statusCode).toBe(201);
  });

  it('limits requests per client', async () => {
    const client = (await createClient({ name: 'Busy', type: 'RECORD_SEARCH' })).json() as Created;
    const tokenText = await accessToken(client);
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const res = await runtime.app.inject({
        method: 'GET',
        url: '/fhir/Location?_count=1',
        headers: bearer(tokenText),
      });
      statuses.push(res.statusCode);
    }
    // /fhir/Location is public: the token is not even looked at. An authenticated route is counted.
    const counted: number[] = [];
    for (let i = 0; i < 45; i++) {
      const res = await runtime.app.inject({ method: 'GET', url: '/api/saved-searches', headers: bearer(tokenText) });
      counted.push(res.statusCode);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(counted.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});
