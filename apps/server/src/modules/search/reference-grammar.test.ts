import { randomUUID } from 'node:crypto';
import { hospitalBirth } from '@lifeline/fhir/testing/notifications';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, daysAgo, deathDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

/**
 * Queries an integration written for the reference 2.0 sends (shapes from its search tests, its country config's
 * workqueues and its REST API tests), sent unchanged by a RECORD_SEARCH client to both search paths.
 */
let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
let searchToken: string;
const as: Record<string, Tokens> = {};
interface Rec {
  id: string;
  trackingId: string;
  registrationNumber: string | null;
  createdBy: string;
}
const r: Record<string, Rec> = {};

/** Ibombo district (the Ibombo District Office and Hospital are in it); Isamba is another district. */
const IBOMBO = 'RNblUNSnSpQ';
const ISAMBA = 'Qxj1vERd9JJ';
const IBOMBO_OFFICE = 'xmJJAsGfSTn';
const today = () => new Date().toISOString().slice(0, 10);

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function clientToken(type: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await runtime.app.inject({
    method: 'POST',
    url: '/api/integrations',
    headers: bearer(as['j.campbell']),
    payload: { name: `${type} test client`, type, ...extra },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { clientId, clientSecret } = created.json();
  const res = await runtime.app.inject({
    method: 'POST',
    url: '/api/auth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(clientId, clientSecret) },
    payload: form({ grant_type: 'client_credentials' }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().access_token;
}

const post = (body: unknown, url = '/api/events/search') =>
  runtime.app.inject({ method: 'POST', url, headers: bearer(searchToken), payload: body as object });
/** The records (of this test's fixtures) a query finds, by their keys here, in the order answered. */
async function found(body: unknown, url?: string): Promise<string[]> {
  const res = await post(body, url);
  expect(res.statusCode, res.body).toBe(200);
  const byId = new Map(Object.entries(r).map(([key, rec]) => [rec.id, key]));
  return (res.json().results as Array<{ id: string }>).map((x) => byId.get(x.id) ?? x.id);
}
const and = (...clauses: unknown[]) => ({ query: { type: 'and', clauses } });
const sorted = (keys: string[]) => [...keys].sort();

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['k.mweene', 'f.katongo', 'm.owen', 'j.campbell']) as[u] = await login(runtime, u);
  const keep = async (key: string, res: { statusCode: number; body: string; json(): Rec }) => {
    expect(res.statusCode, res.body).toBe(200);
    r[key] = res.json();
  };
  const make = async (by: string, type: string) => (await api.create(as[by], type)).json().id as string;
  // Registered in Ibombo by the local registrar (declared, validated and registered in one step).
  const joseph = birthDeclaration({
    'child.name': { firstname: 'Joseph', surname: 'Mwansa' },
    'child.gender': 'male',
    'child.dob': daysAgo(20),
  });
  await keep(
    'registered',
    await api.act(as['k.mweene'], await make('k.mweene', 'birth'), 'REGISTER', { declaration: joseph }),
  );
  // Declared by the registration agent, then assigned to the registrar.
  await keep(
    'declared',
    await api.act(as['f.katongo'], await make('f.katongo', 'birth'), 'DECLARE', {
      declaration: birthDeclaration({ 'child.name': { firstname: 'Thandiwe', surname: 'Zulu' } }),
    }),
  );
  // Declared by the agent and sent back for updates by the registrar.
  const rejected = await make('f.katongo', 'birth');
  await api.act(as['f.katongo'], rejected, 'DECLARE', { declaration: birthDeclaration() });
  await keep('rejected', await api.act(as['k.mweene'], rejected, 'REJECT', { reason: 'The mother signs again' }));
  // A death registered in Ibombo.
  await keep(
    'death',
    await api.act(as['k.mweene'], await make('k.mweene', 'death'), 'REGISTER', { declaration: deathDeclaration() }),
  );
  // Registered at the Central Province Office, outside Ibombo district.
  await keep(
    'province',
    await api.act(as['m.owen'], await make('m.owen', 'birth'), 'REGISTER', { declaration: birthDeclaration() }),
  );
  // Notified by the hospital's health system (a system, not a person): incomplete.
  const hospital = await clientToken('HEALTH_SYSTEM', { officeId: 't0qT1Vh8qi3' });
  const notified = await runtime.app.inject({
    method: 'POST',
    url: '/fhir/Bundle',
    headers: { ...bearer(hospital), 'content-type': 'application/fhir+json' },
    payload: JSON.stringify(hospitalBirth({ identifier: randomUUID(), motherNid: '4444444444' })),
  });
  expect(notified.statusCode, notified.body).toBe(201);
  const notifiedId = String(notified.headers.location).split('/').pop()!;
  await keep('notified', await api.get(as['k.mweene'], notifiedId));
  await keep('declared', await api.act(as['k.mweene'], r.declared.id, 'ASSIGN'));
  searchToken = await clientToken('RECORD_SEARCH');
}, 180_000);
afterAll(() => runtime?.close());

describe('the reference 2.0 search grammar, as its integrations send it', () => {
  const BIRTHS = ['declared', 'notified', 'province', 'registered', 'rejected'];

  it('1. its REST API test: eventType, limit and offset, at its own path', async () => {
    expect(
      sorted(await found({ ...and({ eventType: 'birth' }), limit: 5, offset: 0 }, '/api/events/events/search')),
    ).toEqual(BIRTHS);
  });

  it('2. its documented default: status anyOf every status, updatedAt range, empty data', async () => {
    const query = and({
      eventType: 'birth',
      status: { type: 'anyOf', terms: ['CREATED', 'NOTIFIED', 'DECLARED', 'REGISTERED', 'ARCHIVED'] },
      updatedAt: { type: 'range', gte: daysAgo(7), lte: today() },
      data: {},
    });
    expect(sorted(await found(query))).toEqual(BIRTHS);
  });

  it('3. legalStatuses.REGISTERED.acceptedAt: registered today, not yesterday', async () => {
    const on = (day: string) => found(and({ 'legalStatuses.REGISTERED.acceptedAt': { type: 'exact', term: day } }));
    expect(sorted(await on(today()))).toEqual(['death', 'province', 'registered']);
    expect(await on(daysAgo(400))).toEqual([]);
  });

  it('4. legalStatuses.REGISTERED.createdAtLocation within a district (pending-certification)', async () => {
    const query = and({ 'legalStatuses.REGISTERED.createdAtLocation': { type: 'within', location: IBOMBO } });
    expect(sorted(await found(query))).toEqual(['death', 'registered']);
    const elsewhere = and({ 'legalStatuses.REGISTERED.createdAtLocation': { type: 'within', location: ISAMBA } });
    expect(await found(elsewhere)).toEqual([]);
  });

  it('5. legalStatuses.REGISTERED.registrationNumber', async () => {
    const query = and({
      'legalStatuses.REGISTERED.registrationNumber': { type: 'exact', term: r.registered.registrationNumber },
    });
    expect(await found(query)).toEqual(['registered']);
  });

  it('6. legalStatuses.DECLARED.createdByRole anyOf (its search test)', async () => {
    const byRole = (role: string) =>
      found(and({ eventType: 'birth', 'legalStatuses.DECLARED.createdByRole': { type: 'anyOf', terms: [role] } }));
    expect(sorted(await byRole('REGISTRATION_AGENT'))).toEqual(['declared', 'rejected']);
    expect(await byRole('OTHER_ROLE')).toEqual([]);
  });

  it('7. pending-validation: declared in my area, DECLARED, flags noneOf', async () => {
    const query = and({
      'legalStatuses.DECLARED.createdAtLocation': { type: 'within', location: IBOMBO },
      status: { type: 'exact', term: 'DECLARED' },
      flags: { noneOf: ['rejected', 'validated', 'potential-duplicate'] },
    });
    expect(await found(query)).toEqual(['declared']);
  });

  it('8. pending-updates: created in my area, flags anyOf rejected', async () => {
    const query = and({
      createdAtLocation: { type: 'within', location: IBOMBO },
      flags: { anyOf: ['rejected'] },
    });
    expect(await found(query)).toEqual(['rejected']);
  });

  it('9. requires-completion: flags anyOf incomplete noneOf rejected, updatedAtLocation within', async () => {
    const query = and({
      flags: { anyOf: ['incomplete'], noneOf: ['rejected'] },
      updatedAtLocation: { type: 'within', location: IBOMBO },
    });
    expect(await found(query)).toEqual(['notified']);
  });

  it('10. recent: updatedBy me within timePeriod last7Days', async () => {
    const query = and({
      updatedBy: { type: 'exact', term: r.declared.createdBy },
      updatedAt: { type: 'timePeriod', term: 'last7Days' },
    });
    expect(await found(query)).toEqual(['declared']);
  });

  it('11. createdByUserType system / user', async () => {
    expect(await found(and({ createdByUserType: { type: 'exact', term: 'system' } }))).toEqual(['notified']);
    const people = await found(and({ eventType: 'birth', createdByUserType: { type: 'exact', term: 'user' } }));
    expect(sorted(people)).toEqual(['declared', 'province', 'registered', 'rejected']);
  });

  it('12. id as a plain string', async () => {
    expect(await found(and({ id: r.death.id }))).toEqual(['death']);
  });

  it('13. query sent as JSON text', async () => {
    const query = JSON.stringify({
      type: 'and',
      clauses: [{ trackingId: { type: 'exact', term: r.rejected.trackingId } }],
    });
    expect(await found({ query })).toEqual(['rejected']);
  });

  it('14. sort [{field, direction}], also as JSON text', async () => {
    const asc = await found({ ...and({ eventType: 'birth' }), sort: [{ field: 'createdAt', direction: 'asc' }] });
    expect(asc).toEqual(['registered', 'declared', 'rejected', 'province', 'notified']);
    const desc = await found({
      ...and({ eventType: 'birth' }),
      sort: JSON.stringify([{ field: 'createdAt', direction: 'desc' }]),
    });
    expect(desc).toEqual([...asc].reverse());
    // Records not registered have no registration date: last, in either direction.
    const byRegistration = await found({
      ...and({ eventType: 'birth' }),
      sort: [{ field: 'legalStatuses.REGISTERED.acceptedAt', direction: 'desc' }],
    });
    expect(byRegistration.slice(0, 2)).toEqual(['province', 'registered']);
  });

  it('15. data: fuzzy name and exact date of birth (its search test)', async () => {
    const query = and({
      eventType: 'birth',
      data: { 'child.name': { type: 'fuzzy', term: 'Jozeph' }, 'child.dob': { type: 'exact', term: daysAgo(20) } },
    });
    expect(await found(query)).toEqual(['registered']);
  });

  it('16. or of fuzzy names over two fields (its search test)', async () => {
    const query = {
      query: {
        type: 'or',
        clauses: [
          { data: { 'child.name': { type: 'fuzzy', term: 'Thandiwe' } } },
          { data: { 'mother.name': { type: 'fuzzy', term: 'Thandiwe' } } },
        ],
      },
    };
    expect(await found(query)).toEqual(['declared']);
  });

  it('17. assigned-to-you: assignedTo exact', async () => {
    const registrar = (await api.get(as['k.mweene'], r.registered.id)).json().createdBy as string;
    expect(await found(and({ eventType: 'birth', assignedTo: { type: 'exact', term: registrar } }))).toEqual([
      'declared',
    ]);
  });

  it('18. status exact DECLARED', async () => {
    expect(sorted(await found(and({ eventType: 'birth', status: { type: 'exact', term: 'DECLARED' } })))).toEqual([
      'declared',
      'rejected',
    ]);
  });

  it('19. createdAt exact today, and a range long past', async () => {
    expect((await found(and({ createdAt: { type: 'exact', term: today() } }))).length).toBe(6);
    expect(await found(and({ createdAt: { type: 'range', gte: '2020-01-01', lte: '2022-01-01' } }))).toEqual([]);
  });

  it('20. a null location (its "anywhere"), an exact name word, an address as JSON, updatedByUserRole', async () => {
    const anywhere = and({ eventType: 'death', 'legalStatuses.DECLARED.createdAtLocation': null });
    expect(await found(anywhere)).toEqual(['death']);
    expect(await found(and({ data: { 'child.name': { type: 'exact', term: 'Joseph' } } }))).toEqual(['registered']);
    const address = JSON.stringify({ country: 'FAR', addressType: 'DOMESTIC', administrativeArea: 'IkYcYBUcyY2' });
    const byAddress = await found(
      and({ eventType: 'birth', data: { 'mother.address': { type: 'exact', term: address } } }),
    );
    expect(sorted(byAddress)).toEqual(['declared', 'province', 'registered', 'rejected']);
    const byRole = await found(
      and({ eventType: 'birth', updatedByUserRole: { type: 'exact', term: 'PROVINCIAL_REGISTRAR' } }),
    );
    expect(byRole).toEqual(['province']);
  });

  it('answers with legalStatuses, createdByUserType and updatedAtLocation', async () => {
    const res = await post(and({ id: r.registered.id }));
    const [hit] = res.json().results;
    expect(hit.legalStatuses.REGISTERED).toMatchObject({
      registrationNumber: r.registered.registrationNumber,
      createdByRole: 'LOCAL_REGISTRAR',
      createdByUserType: 'user',
      createdAtLocation: IBOMBO_OFFICE,
      createdBy: r.registered.createdBy,
    });
    expect(hit.legalStatuses.DECLARED).toMatchObject({
      createdByRole: 'LOCAL_REGISTRAR',
      createdAtLocation: IBOMBO_OFFICE,
    });
    expect(Date.parse(hit.legalStatuses.REGISTERED.acceptedAt)).toBeGreaterThan(Date.now() - 600_000);
    expect(hit).toMatchObject({
      createdByUserType: 'user',
      updatedAtLocation: IBOMBO_OFFICE,
      updatedByUserRole: 'LOCAL_REGISTRAR',
    });
    const notified = (await post(and({ id: r.notified.id }))).json().results[0];
    expect(notified).toMatchObject({
      createdByUserType: 'system',
      legalStatuses: { DECLARED: null, REGISTERED: null },
    });
  });

  it('the reference path pages 100 by default, ours 20', async () => {
    expect((await post(and({ eventType: 'birth' }), '/api/events/events/search')).statusCode).toBe(200);
    const many = { query: { type: 'and', clauses: [{ eventType: 'birth' }] } };
    const ours = await runtime.app.inject({
      method: 'POST',
      url: '/api/events/search',
      headers: bearer(searchToken),
      payload: { ...many, limit: 500 },
    });
    expect(ours.statusCode).toBe(400);
    expect(ours.json().errors[0].field).toBe('limit');
  });
});

describe('a 400 names the key that is wrong', () => {
  const fieldsOf = async (body: unknown) => {
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(400);
    return (res.json().errors as Array<{ field: string }>).map((e) => e.field);
  };

  it('an unknown key of a clause, however deep', async () => {
    expect(await fieldsOf(and({ eventType: 'birth', createdAtLocaton: { type: 'exact', term: 'x' } }))).toEqual([
      'query.clauses.0.createdAtLocaton',
    ]);
    expect(
      await fieldsOf(
        and({ type: 'or', clauses: [{ 'legalStatuses.VALIDATED.createdAt': { type: 'exact', term: '2025-01-01' } }] }),
      ),
    ).toEqual(['query.clauses.0.clauses.0.legalStatuses.VALIDATED.createdAt']);
  });

  it('a flag, a period, a sort field, a status that do not exist', async () => {
    expect(await fieldsOf(and({ flags: { anyOf: ['validated', 'escalated'] } }))).toEqual([
      'query.clauses.0.flags.anyOf.1',
    ]);
    expect(await fieldsOf(and({ updatedAt: { type: 'timePeriod', term: 'last8Days' } }))).toEqual([
      'query.clauses.0.updatedAt.term',
    ]);
    expect(
      await fieldsOf({ ...and({ eventType: 'birth' }), sort: [{ field: 'mother.name', direction: 'asc' }] }),
    ).toEqual(['sort.0.field']);
    expect(await fieldsOf(and({ status: { type: 'exact', term: 'VALIDATED' } }))).toEqual([
      'query.clauses.0.status.term',
    ]);
    expect(await fieldsOf(and({ createdByUserType: { type: 'exact', term: 'robot' } }))).toEqual([
      'query.clauses.0.createdByUserType.term',
    ]);
  });

  it('a query that is text but not JSON, and a declaration field no form has', async () => {
    expect(await fieldsOf({ query: '{"type": "and", "clauses": [' })).toEqual(['query']);
    expect(await fieldsOf(and({ data: { 'child.favouriteColour': { type: 'exact', term: 'blue' } } }))).toEqual([
      'query.data.child.favouriteColour',
    ]);
  });
});
