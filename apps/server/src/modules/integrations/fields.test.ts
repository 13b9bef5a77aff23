import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

/** A RECORD_SEARCH client limited to some fields: nothing else of a record leaves the server to it. */
let runtime: TestRuntime;
const as: Record<string, Tokens> = {};
let recordId = '';
let trackingId = '';
let client: { id: string; clientId: string; clientSecret: string };
let token = '';

// Values only the hidden fields hold: none may appear in anything the client is answered.
const HIDDEN = ['Zebedaya', '7777777777', '1988-02-29', 'Teacher'];
const ALLOWED = ['child.name', 'child.dob', 'child.gender'];

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const asClient = (method: 'GET' | 'POST', url: string, payload?: object) =>
  runtime.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
const admin = (method: 'POST' | 'PUT', url: string, payload: object, who = 'j.campbell') =>
  runtime.app.inject({ method, url, headers: bearer(as[who]), payload });
const search = (clause: object) =>
  asClient('POST', '/api/events/search', { query: { type: 'and', clauses: [clause] } });

function expectNothingHidden(body: string) {
  for (const value of HIDDEN) expect(body).not.toContain(value);
}

beforeAll(async () => {
  runtime = await startTestRuntime();
  for (const u of ['k.mweene', 'j.campbell']) as[u] = await login(runtime, u);
  const api = recordsClient(runtime);
  const created = (await api.create(as['k.mweene'], 'birth')).json();
  const declaration = birthDeclaration({
    'child.name': { firstname: 'Mapalo', surname: 'Chisanga' },
    'mother.name': { firstname: 'Zebedaya', surname: 'Chisanga' },
    'mother.nid': '7777777777',
    'mother.dob': '1988-02-29',
    'mother.occupation': 'Teacher',
  });
  const res = await api.act(as['k.mweene'], created.id, 'REGISTER', { declaration });
  expect(res.statusCode, res.body).toBe(200);
  ({ id: recordId, trackingId } = res.json());
  const made = await admin('POST', '/api/integrations', {
    name: 'Statistics office',
    type: 'RECORD_SEARCH',
    fields: ALLOWED,
  });
  expect(made.statusCode, made.body).toBe(201);
  client = made.json();
  expect(made.json().fields).toEqual(ALLOWED);
  const issued = await runtime.app.inject({
    method: 'POST',
    url: '/api/auth/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basic(client.clientId, client.clientSecret),
    },
    payload: form({ grant_type: 'client_credentials' }),
  });
  token = issued.json().access_token;
}, 180_000);
afterAll(() => runtime?.close());

describe('a RECORD_SEARCH client limited to some fields', () => {
  it('finds the record and sees only its allowed fields in search results', async () => {
    const res = await search({ trackingId: { type: 'exact', term: trackingId } });
    expect(res.statusCode, res.body).toBe(200);
    const [hit] = res.json().results;
    expect(hit.id).toBe(recordId);
    expect(Object.keys(hit.declaration).sort()).toEqual([...ALLOWED].sort());
    expect(hit.title).toBe('Mapalo Chisanga');
    expect(hit.placeOfEvent).toBeNull();
    expectNothingHidden(res.body);
  });

  it('reads the record (GET) and its FHIR document with only those fields', async () => {
    const res = await asClient('GET', `/api/events/${recordId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(Object.keys(res.json().declaration).sort()).toEqual([...ALLOWED].sort());
    for (const action of res.json().actions) {
      expect(Object.keys(action.declaration ?? {}).every((f) => ALLOWED.includes(f))).toBe(true);
      expect(action.annotation).toBeNull();
    }
    expectNothingHidden(res.body);
    for (const url of [`/fhir/Composition/${recordId}/$document`, `/fhir/Bundle/${recordId}`]) {
      const fhir = await asClient('GET', url);
      expect(fhir.statusCode, fhir.body).toBe(200);
      expect(fhir.body).toContain('Mapalo');
      expectNothingHidden(fhir.body);
    }
  });

  it('may not search by a field it may not see, nor by every name', async () => {
    const byNid = await search({ data: { 'mother.nid': { type: 'exact', term: '7777777777' } } });
    expect(byNid.statusCode).toBe(403);
    expect(byNid.json().errors[0].field).toBe('query.clauses.0.data.mother.nid');
    const quick = await asClient('POST', '/api/events/search', { query: { type: 'quick', term: '7777777777' } });
    expect(quick.statusCode).toBe(403);
    expect((await search({ name: { type: 'fuzzy', term: 'Zebedaya' } })).statusCode).toBe(403);
    // Its own fields it may search by.
    const byName = await search({ data: { 'child.name': { type: 'fuzzy', term: 'Mapalo' } } });
    expect(byName.json().results.map((r: { id: string }) => r.id)).toEqual([recordId]);
  });

  it('is refused reads that hand out the whole record', async () => {
    const certificates = await asClient('GET', `/api/events/${recordId}/certificates`);
    expect(certificates.statusCode).toBe(403);
    expectNothingHidden(certificates.body);
  });

  it('sees more at once when the administrator widens its fields, everything with null', async () => {
    const bad = await admin('PUT', `/api/integrations/${client.id}/fields`, {
      fields: ['child.name', 'mother.shoeSize'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'fields.1', message: 'no form has a field "mother.shoeSize"' }]);
    const notAdmin = await admin('PUT', `/api/integrations/${client.id}/fields`, { fields: null }, 'k.mweene');
    expect(notAdmin.statusCode).toBe(403);

    const wider = await admin('PUT', `/api/integrations/${client.id}/fields`, { fields: [...ALLOWED, 'mother.nid'] });
    expect(wider.statusCode, wider.body).toBe(200);
    expect(wider.json().fields).toContain('mother.nid');
    const read = await asClient('GET', `/api/events/${recordId}`);
    expect(read.json().declaration['mother.nid']).toBe('7777777777');
    expect(read.body).not.toContain('Zebedaya');

    const all = await admin('PUT', `/api/integrations/${client.id}/fields`, { fields: null });
    expect(all.json().fields).toBeNull();
    expect((await asClient('GET', `/api/events/${recordId}`)).body).toContain('Zebedaya');
  });

  it('a client with an unknown field is not created', async () => {
    const res = await admin('POST', '/api/integrations', {
      name: 'x',
      type: 'RECORD_SEARCH',
      fields: ['child.name', 'nope'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'fields.1', message: 'no form has a field "nope"' }]);
  });
});
