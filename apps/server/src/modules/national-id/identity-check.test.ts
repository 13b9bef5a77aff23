import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { startTestProvider, type ProviderAccount, type TestProvider } from '../../test/oidc-provider.ts';
import { recordsClient } from '../../test/records.ts';
import { withIdentityChecks } from './tables.ts';

let provider: TestProvider;
let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};

const MOTHER: ProviderAccount = {
  sub: 'psut-4f1c9a',
  given_name: 'Mutale',
  family_name: 'Banda',
  birthdate: '1994-03-17',
  gender: 'female',
  individual_id: '4455667788',
};

beforeAll(async () => {
  provider = await startTestProvider();
  runtime = await startTestRuntime({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URI: provider.redirectUri,
    OIDC_SCOPE: 'openid profile national_id',
  });
  api = recordsClient(runtime);
  for (const u of ['k.mweene', 'f.katongo']) as[u] = await login(runtime, u);
}, 180_000);
afterAll(async () => {
  await runtime?.close();
  await provider?.close();
});

const start = (tokens: Tokens, eventId: string, person = 'mother') =>
  runtime.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/identity-checks`,
    headers: bearer(tokens),
    payload: { person },
  });
const complete = (tokens: Tokens, callback: URLSearchParams | Record<string, string>) => {
  const params = callback instanceof URLSearchParams ? Object.fromEntries(callback) : callback;
  return runtime.app.inject({
    method: 'POST',
    url: '/api/identity-checks/complete',
    headers: bearer(tokens),
    payload: params,
  });
};

/** A new birth record and a check of its mother started by the registrar: the callback the browser comes back with. */
async function signedIn(account = MOTHER) {
  const record = (await api.create(as['k.mweene'], 'birth')).json();
  const started = await start(as['k.mweene'], record.id);
  expect(started.statusCode, started.body).toBe(201);
  provider.signInAs(account);
  const callback = await provider.browse(started.json().authorizationUrl);
  return { eventId: record.id as string, checkId: started.json().id as string, callback, started: started.json() };
}

describe('identity check with the national ID provider (OpenID Connect, code + PKCE)', () => {
  it('runs the whole code flow against a real provider: verified claims fill the fields, kept with the record', async () => {
    const { eventId, checkId, callback, started } = await signedIn();
    // The browser sees the PKCE challenge and the state, never the verifier.
    const authorization = new URL(started.authorizationUrl);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorization.searchParams.get('state')).toBe(callback.get('state'));
    expect(callback.get('code')).toBeTruthy();

    const done = await complete(as['k.mweene'], callback);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      id: checkId,
      eventId,
      person: 'mother',
      status: 'verified',
      claims: { givenName: 'Mutale', familyName: 'Banda', birthdate: '1994-03-17', nationalId: '4455667788' },
      fields: {
        'mother.name': { firstname: 'Mutale', surname: 'Banda' },
        'mother.dob': '1994-03-17',
        'mother.idType': 'NATIONAL_ID',
        'mother.nid': '4455667788',
      },
    });
    // The secrets of the exchange are gone once used; the check is audited on the record's stream.
    const row = await withIdentityChecks(runtime.ctx.db)
      .selectFrom('identity_checks')
      .selectAll()
      .where('id', '=', checkId)
      .executeTakeFirstOrThrow();
    expect([row.code_verifier, row.nonce, row.status]).toEqual([null, null, 'verified']);
    const audit = await runtime.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', eventId)
      .where('action', 'like', 'identity.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['identity.check-started', 'identity.verified']);

    // The same callback again is refused: a code and a state serve once.
    expect((await complete(as['k.mweene'], callback)).statusCode).toBe(400);

    // Declared with the verified values: accepted; the record shows the mother as verified.
    const fields = done.json().fields as Record<string, unknown>;
    const declared = await api.actFull(as['k.mweene'], eventId, 'DECLARE', {
      declaration: birthDeclaration({ ...fields, 'father.nid': '9988776655' }),
    });
    expect(declared.statusCode, declared.body).toBe(200);
    // The verification is on the record's hash-chained history, in the content of the action written after it.
    const stamped = declared
      .json()
      .actions.filter((a: { content: unknown }) => JSON.stringify(a.content ?? {}).includes('identityChecks'));
    expect(stamped).toEqual([
      expect.objectContaining({
        type: 'DECLARE',
        content: {
          identityChecks: [
            {
              id: checkId,
              person: 'mother',
              verifiedAt: expect.any(String),
              fields: expect.arrayContaining(['mother.name', 'mother.dob', 'mother.idType', 'mother.nid']),
            },
          ],
        },
      }),
    ]);
    const list = await runtime.app.inject({
      method: 'GET',
      url: `/api/events/${eventId}/identity-checks`,
      headers: bearer(as['k.mweene']),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().results).toEqual([
      expect.objectContaining({ id: checkId, person: 'mother', status: 'verified' }),
    ]);

    // The verified fields are locked: changing one is refused and changes nothing.
    const changed = await api.act(as['k.mweene'], eventId, 'VALIDATE', {
      declaration: { 'mother.name': { firstname: 'Mutale', surname: 'Mwanza' } },
    });
    expect(changed.statusCode, changed.body).toBe(400);
    expect(changed.json().errors).toEqual([expect.objectContaining({ field: 'declaration.mother.name' })]);
    const doc = (await api.get(as['k.mweene'], eventId)).json();
    expect(doc.declaration['mother.name']).toEqual({ firstname: 'Mutale', surname: 'Banda' });
    expect(doc.flags).not.toContain('validated');
    // Other fields stay free.
    const other = await api.actFull(as['k.mweene'], eventId, 'VALIDATE', {
      declaration: { 'child.weightAtBirth': 3.1 },
    });
    expect(other.statusCode, other.body).toBe(200);
    // Stamped once.
    expect(other.json().actions.at(-1).content).toBeNull();
  });

  it('refuses a tampered, unknown or foreign state', async () => {
    const { callback } = await signedIn({ ...MOTHER, sub: 'psut-2', individual_id: '4455667799' });
    const tampered = new URLSearchParams(callback);
    tampered.set('state', `${callback.get('state')}x`);
    const refused = await complete(as['k.mweene'], tampered);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'state' })]);
    // Another user cannot complete a check they did not start.
    expect((await complete(as['f.katongo'], callback)).statusCode).toBe(400);
    // The genuine callback still works for its starter.
    expect((await complete(as['k.mweene'], callback)).statusCode).toBe(200);
  });

  it('the PKCE verifier kept on the server is what the provider checks: a wrong one is refused', async () => {
    const { checkId, callback } = await signedIn({ ...MOTHER, sub: 'psut-3', individual_id: '4455667700' });
    await withIdentityChecks(runtime.ctx.db)
      .updateTable('identity_checks')
      .set({ code_verifier: 'x'.repeat(43) })
      .where('id', '=', checkId)
      .execute();
    const refused = await complete(as['k.mweene'], callback);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('checks only people of the form, on records the caller may declare', async () => {
    const record = (await api.create(as['k.mweene'], 'birth')).json();
    expect((await start(as['k.mweene'], record.id, 'grandmother')).statusCode).toBe(400);
    // Another user cannot see this never-submitted record, let alone check identities on it.
    expect((await start(as['f.katongo'], record.id)).statusCode).toBe(403);
  });
});
