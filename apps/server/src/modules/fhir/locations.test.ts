import type { Bundle, CapabilityStatement, Location, OperationOutcome } from 'fhir/r4';
import { fhirPath, validateR4 } from '@lifeline/fhir/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { seedLocations } from '../locations/seed.ts';

let runtime: TestRuntime;
let admin: Tokens;
let registrar: Tokens;
const SYSTEM = 'http://farajaland.example/fhir';
const BASE = 'http://localhost:3000/fhir';
const IBOMBO = 'RNblUNSnSpQ';

beforeAll(async () => {
  runtime = await startTestRuntime();
  admin = await login(runtime, 'j.campbell');
  registrar = await login(runtime, 'k.mweene');
});
afterAll(() => runtime?.close());

async function fhir(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, tokens?: Tokens, payload?: unknown) {
  const res = await runtime.app.inject({
    method,
    url,
    headers: { ...(tokens ? bearer(tokens) : {}), ...(payload ? { 'content-type': 'application/fhir+json' } : {}) },
    ...(payload ? { payload: JSON.stringify(payload) } : {}),
  });
  expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
  const body = res.json();
  // Every answer, success or error, is a valid R4 resource.
  expect(validateR4(body).errors).toEqual([]);
  return { status: res.statusCode, headers: res.headers, body };
}

const facility = (over: Partial<Location> = {}): Location => ({
  resourceType: 'Location',
  name: 'Mwanza Mission Clinic',
  type: [{ coding: [{ system: `${SYSTEM}/CodeSystem/location-type`, code: 'HEALTH_FACILITY' }] }],
  partOf: { reference: `Location/${IBOMBO}` },
  ...over,
});

describe('GET /fhir/metadata', () => {
  it('describes exactly what is served', async () => {
    const { status, body } = await fhir('GET', '/fhir/metadata');
    expect(status).toBe(200);
    const rest = (body as CapabilityStatement).rest![0];
    expect(
      rest.resource!.map((r) => [
        r.type,
        r.interaction?.map((i) => i.code) ?? [],
        r.operation?.map((o) => o.name) ?? [],
      ]),
    ).toEqual([
      ['Location', ['read', 'search-type', 'create', 'update'], []],
      ['Composition', [], ['document']],
      ['Bundle', ['read', 'create'], []],
    ]);
    expect(rest.resource![0].searchParam!.map((p) => p.name)).toEqual(['_id', 'identifier', 'name', 'type', 'partof']);
  });
});

describe('the OpenAPI document', () => {
  it('lists the FHIR operations with their ids, public reads without a security requirement', async () => {
    const doc = (await runtime.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/fhir/metadata'].get).toMatchObject({ operationId: 'fhirCapabilities', security: [] });
    expect(doc.paths['/fhir/Location'].get.operationId).toBe('fhirSearchLocations');
    expect(doc.paths['/fhir/Composition/{id}/$document'].get.operationId).toBe('fhirCompositionDocument');
    expect(doc.paths['/fhir/Bundle'].post.operationId).toBe('fhirNotify');
    expect(doc.paths['/fhir/Bundle'].post.security).toBeUndefined();
  });
});

describe('GET /fhir/Location (public)', () => {
  it('pages a search with self and next links until the last page', async () => {
    const seen = new Set<string>();
    let url: string | undefined = `/fhir/Location?type=HEALTH_FACILITY&partof=Location/${IBOMBO}&_count=2`;
    let pages = 0;
    let total = 0;
    while (url) {
      const { status, body } = await fhir('GET', url);
      expect(status).toBe(200);
      const bundle = body as Bundle;
      expect(bundle.type).toBe('searchset');
      total = bundle.total!;
      for (const e of bundle.entry ?? []) {
        expect((e.resource as Location).partOf!.reference).toBe(`Location/${IBOMBO}`);
        seen.add(e.fullUrl!);
      }
      expect(bundle.link!.find((l) => l.relation === 'self')!.url).toContain('_count=2');
      const next = bundle.link!.find((l) => l.relation === 'next')?.url;
      url = next?.replace(BASE, '/fhir');
      pages += 1;
    }
    expect(total).toBeGreaterThan(2);
    expect(seen.size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 2));
  });

  it('searches by name (start, contains, exact), identifier, id and type', async () => {
    const names = async (query: string) =>
      ((await fhir('GET', `/fhir/Location?${query}`)).body as Bundle).entry?.map(
        (e) => (e.resource as Location).name,
      ) ?? [];
    expect((await names('name=ibombo')).every((n) => n!.toLowerCase().startsWith('ibombo'))).toBe(true);
    expect(await names('name:exact=Ibombo District Hospital')).toEqual(['Ibombo District Hospital']);
    expect((await names('name:contains=district hosp&_count=100')).length).toBeGreaterThan(5);
    expect(await names(`identifier=${SYSTEM}/id/location|t0qT1Vh8qi3`)).toEqual(['Ibombo District Hospital']);
    expect(await names('identifier=http://elsewhere.example|t0qT1Vh8qi3')).toEqual([]);
    expect(await names('_id=t0qT1Vh8qi3,xmJJAsGfSTn')).toEqual(['Ibombo District Hospital', 'Ibombo District Office']);
    expect(await names(`type=${SYSTEM}/CodeSystem/location-type|ADMIN_AREA&partof=${IBOMBO}&name=k`)).toEqual(['Klow']);
  });

  it('reads one location; errors are OperationOutcomes, never the web app', async () => {
    const { body } = await fhir('GET', '/fhir/Location/t0qT1Vh8qi3');
    expect(body).toMatchObject({
      resourceType: 'Location',
      name: 'Ibombo District Hospital',
      partOf: { reference: `Location/${IBOMBO}` },
    });
    expect((await fhir('GET', '/fhir/Location/nowhere')).status).toBe(404);
    const unknownParam = await fhir('GET', '/fhir/Location?_sort=name');
    expect(unknownParam.status).toBe(400);
    expect((unknownParam.body as OperationOutcome).issue[0].diagnostics).toContain('_sort');
    expect((await fhir('GET', '/fhir/Location?_count=0')).status).toBe(400);
    expect((await fhir('GET', '/fhir/Location?type=PLANET')).status).toBe(400);
    expect((await fhir('GET', '/fhir/Patient')).status).toBe(404);
    expect((await fhir('GET', '/fhir')).status).toBe(404);
    const notAllowed = await fhir('DELETE', '/fhir/Location/t0qT1Vh8qi3');
    expect([notAllowed.status, notAllowed.headers.allow]).toEqual([405, 'GET, PUT']);
  });
});

describe('POST and PUT /fhir/Location', () => {
  it('lets the national administrator create and rename a facility, audited, kept over the country files', async () => {
    const anonymous = await fhir('POST', '/fhir/Location', undefined, facility());
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await fhir('POST', '/fhir/Location', registrar, facility())).status).toBe(403);

    const created = await fhir(
      'POST',
      '/fhir/Location',
      admin,
      facility({ identifier: [{ system: `${SYSTEM}/id/location`, value: 'mwanza-clinic' }] }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${BASE}/Location/mwanza-clinic`);
    expect((await fhir('GET', '/fhir/Location/mwanza-clinic')).body).toMatchObject({ name: 'Mwanza Mission Clinic' });
    expect(runtime.ctx.country.locations.isWithin('mwanza-clinic', IBOMBO)).toBe(true);
    const again = await fhir(
      'POST',
      '/fhir/Location',
      admin,
      facility({ identifier: [{ system: `${SYSTEM}/id/location`, value: 'mwanza-clinic' }] }),
    );
    expect(again.status).toBe(409);

    const renamed = await fhir(
      'PUT',
      '/fhir/Location/mwanza-clinic',
      admin,
      facility({ id: 'mwanza-clinic', name: 'Mwanza Clinic' }),
    );
    expect([renamed.status, renamed.body.name]).toEqual([200, 'Mwanza Clinic']);
    // A configured location renamed through the API keeps its new name when the country files are seeded again.
    const hospital = (await fhir('GET', '/fhir/Location/t0qT1Vh8qi3')).body as Location;
    expect(
      (await fhir('PUT', '/fhir/Location/t0qT1Vh8qi3', admin, { ...hospital, name: 'Ibombo General Hospital' })).status,
    ).toBe(200);
    await seedLocations(runtime.ctx);
    expect((await fhir('GET', '/fhir/Location/t0qT1Vh8qi3')).body.name).toBe('Ibombo General Hospital');
    expect(runtime.ctx.country.locations.get('t0qT1Vh8qi3')!.name).toBe('Ibombo General Hospital');

    const audit = await runtime.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('subject_type', '=', 'location')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'location.CREATE', subject_id: 'mwanza-clinic' },
      { action: 'location.UPDATE', subject_id: 'mwanza-clinic' },
      { action: 'location.UPDATE', subject_id: 't0qT1Vh8qi3' },
    ]);
  });

  it('refuses what the registry cannot keep, naming each element', async () => {
    const bad = await fhir('POST', '/fhir/Location', admin, {
      resourceType: 'Location',
      name: '',
      type: [{ coding: [{ system: `${SYSTEM}/CodeSystem/location-type`, code: 'SPACEPORT' }] }],
      partOf: { reference: 'Location/t0qT1Vh8qi3' },
      identifier: [{ system: `${SYSTEM}/id/location`, value: 'has spaces' }],
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body as OperationOutcome).issue.map((i) => i.expression?.[0]);
    expect(paths).toEqual(['Location.name', 'Location.type', 'Location.partOf', 'Location.identifier[0].value']);
    const moved = await fhir(
      'PUT',
      '/fhir/Location/xmJJAsGfSTn',
      admin,
      facility({ id: 'xmJJAsGfSTn', name: 'Ibombo District Office' }),
    );
    expect((moved.body as OperationOutcome).issue.map((i) => i.expression?.[0])).toEqual(['Location.type']);
    const notJson = await runtime.app.inject({
      method: 'POST',
      url: '/fhir/Location',
      headers: { ...bearer(admin), 'content-type': 'application/xml' },
      payload: '<Location/>',
    });
    expect([notJson.statusCode, notJson.json().resourceType]).toEqual([415, 'OperationOutcome']);
    const broken = await runtime.app.inject({
      method: 'POST',
      url: '/fhir/Location',
      headers: { ...bearer(admin), 'content-type': 'application/fhir+json' },
      payload: '{"resourceType":',
    });
    expect([broken.statusCode, broken.json().resourceType]).toEqual([400, 'OperationOutcome']);
    // The expressions point at the elements (checked with Medplum's FHIRPath engine).
    expect(fhirPath('Location.partOf', { resourceType: 'Location', partOf: { reference: 'x' } })).toHaveLength(1);
  });
});
