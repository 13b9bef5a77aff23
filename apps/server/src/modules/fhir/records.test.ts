import { randomUUID } from 'node:crypto';
import type { Bundle, Composition, OperationOutcome, Patient, Task } from 'fhir/r4';
import { fhirPath, validateR4 } from '@lifeline/fhir/testing';
import { hospitalBirth, IBOMBO_DISTRICT_HOSPITAL } from '@lifeline/fhir/testing/notifications';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, daysAgo, deathDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};
const BASE = 'http://localhost:3000/fhir';

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['k.bwalya', 'k.mweene', 'k.mwale', 'm.musonda', 'c.lungu']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

async function fhir(
  method: 'GET' | 'POST',
  url: string,
  tokens?: Tokens,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await runtime.app.inject({
    method,
    url,
    headers: {
      ...(tokens ? bearer(tokens) : {}),
      ...(payload ? { 'content-type': 'application/fhir+json' } : {}),
      ...headers,
    },
    ...(payload ? { payload: JSON.stringify(payload) } : {}),
  });
  expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
  return { status: res.statusCode, headers: res.headers, body: res.json() };
}

/** Validate a document with the independent R4 validator: structure, cardinality, bindings, references. */
function expectValidDocument(bundle: Bundle) {
  const report = validateR4(bundle, { references: true, serverBase: BASE });
  expect(report.errors).toEqual([]);
  expect(report.unchecked).toEqual([]);
}

const countEvents = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM events`.execute(runtime.ctx.db)).rows[0].n);

/** A notification unique to the test: its own identifier, child's date and mother. */
function notification(childName?: string) {
  const nid = String(3_000_000_000 + Math.floor(Math.random() * 999_999_999)).slice(0, 10);
  return hospitalBirth({ identifier: randomUUID(), birthDate: daysAgo(3), motherNid: nid, childName });
}

const recordIdOf = (outcome: OperationOutcome) =>
  outcome.issue[0].details!.coding!.find((c) => c.display === 'record id')!.code!.replace('urn:uuid:', '');

describe('notifications from health systems: POST /fhir/Bundle', () => {
  it("makes a NOTIFIED record in the facility's jurisdiction, which staff validate and register", async () => {
    const bundle = notification();
    const before = await countEvents();
    const sent = await fhir('POST', '/fhir/Bundle', as['k.bwalya'], bundle);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(validateR4(sent.body).errors).toEqual([]);
    const id = recordIdOf(sent.body);
    expect(sent.headers.location).toBe(`${BASE}/Bundle/${id}`);
    expect(sent.body.issue[0].details.coding[1]).toMatchObject({
      system: 'http://farajaland.example/fhir/id/tracking-id',
      code: expect.stringMatching(/^B/),
    });

    const record = (await api.get(as['k.mweene'], id)).json();
    expect(record).toMatchObject({ status: 'NOTIFIED', placeOfEvent: IBOMBO_DISTRICT_HOSPITAL });
    expect(record.declaration).toMatchObject({
      'child.gender': 'female',
      'child.weightAtBirth': 3.15,
      'mother.idType': 'NATIONAL_ID',
    });

    // The same Bundle.identifier again: the same record, nothing written.
    const again = await fhir('POST', '/fhir/Bundle', as['k.bwalya'], bundle);
    expect(again.status).toBe(200);
    expect(recordIdOf(again.body)).toBe(id);
    expect(await countEvents()).toBe(before + 1);

    // The notified record as a document (minimal data) passes the validator.
    const notified = await fhir('GET', `/fhir/Composition/${id}/$document`, as['k.mweene']);
    expect(notified.status).toBe(200);
    expectValidDocument(notified.body);
    expect((notified.body.entry[0].resource as Composition).status).toBe('preliminary');

    // The local registrar completes it and registers it through the records API.
    const complete = birthDeclaration({ ...record.declaration, 'child.dob': record.declaration['child.dob'] });
    const registered = await api.act(as['k.mweene'], id, 'REGISTER', { declaration: complete });
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json().status).toBe('REGISTERED');

    const document = await fhir('GET', `/fhir/Bundle/${id}`, as['k.mweene']);
    expectValidDocument(document.body);
    const resources = (document.body as Bundle).entry!.map((e) => e.resource!);
    const task = resources.find((r) => r.resourceType === 'Task') as Task;
    expect(task.status).toBe('completed');
    expect(task.identifier![1].value).toBe(registered.json().registrationNumber);
    const child = resources.find((r) => r.resourceType === 'Patient') as Patient;
    expect(child.identifier![0].value).toBe(registered.json().registrationNumber);
  });

  it('makes one record of the same Bundle sent twice at once', async () => {
    const bundle = notification();
    const before = await countEvents();
    const answers = await Promise.all([1, 2].map(() => fhir('POST', '/fhir/Bundle', as['k.bwalya'], bundle)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(new Set(answers.map((a) => recordIdOf(a.body))).size).toBe(1);
    expect(await countEvents()).toBe(before + 1);
  });

  it('answers the record as a document with Prefer: return=representation', async () => {
    const sent = await fhir('POST', '/fhir/Bundle', as['k.bwalya'], notification(), {
      prefer: 'return=representation',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.type).toBe('document');
    expectValidDocument(sent.body);
  });

  it('flags a notification that duplicates a record already there', async () => {
    const first = notification('Natasha');
    expect((await fhir('POST', '/fhir/Bundle', as['k.bwalya'], first)).status).toBe(201);
    const twin = structuredClone(first);
    twin.identifier!.value = randomUUID();
    const second = await fhir('POST', '/fhir/Bundle', as['k.bwalya'], twin);
    expect(second.status).toBe(201);
    expect((second.body as OperationOutcome).issue.map((i) => i.code)).toContain('duplicate');
    const record = (await api.get(as['k.mweene'], recordIdOf(second.body))).json();
    expect(record.flags).toContain('potential-duplicate');
  });

  it('refuses a malformed or unmappable Bundle with an OperationOutcome naming each element, writing nothing', async () => {
    const before = await countEvents();
    const bundle = notification() as unknown as { entry: Array<{ resource: Record<string, unknown> }> };
    bundle.entry[0].resource.gender = 'other';
    bundle.entry[2].resource.location = [{ location: { reference: 'Location/xmJJAsGfSTn' } }];
    const refused = await fhir('POST', '/fhir/Bundle', as['k.bwalya'], bundle);
    expect(refused.status).toBe(400);
    expect(validateR4(refused.body).errors).toEqual([]);
    const expressions = (refused.body as OperationOutcome).issue.map((i) => i.expression![0]);
    expect(expressions).toEqual(['Bundle.entry[0].resource.gender', 'Bundle.entry[2].resource.location[0].location']);
    for (const e of expressions) expect(fhirPath(e, bundle)).toHaveLength(1);

    // The form's own rules, named at the element the answer came from: the mother born after the child.
    const young = notification() as unknown as { entry: Array<{ resource: Record<string, unknown> }> };
    young.entry[1].resource.birthDate = daysAgo(1);
    const rule = await fhir('POST', '/fhir/Bundle', as['k.bwalya'], young);
    expect(rule.status).toBe(400);
    expect(rule.body.issue[0].expression).toEqual(['Bundle.entry[1].resource.birthDate']);

    const notBundle = await fhir('POST', '/fhir/Bundle', as['k.bwalya'], { resourceType: 'Patient' });
    expect([notBundle.status, notBundle.body.issue[0].expression]).toEqual([400, ['Bundle']]);
    expect(await countEvents()).toBe(before);
  });

  it('needs a token and the record.notify scope', async () => {
    const anonymous = await fhir('POST', '/fhir/Bundle', undefined, notification());
    expect([anonymous.status, anonymous.body.issue[0].code]).toEqual([401, 'login']);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    const manager = await fhir('POST', '/fhir/Bundle', as['m.musonda'], notification());
    expect([manager.status, manager.body.issue[0].code]).toEqual([403, 'forbidden']);
  });
});

describe('records as FHIR documents: GET /fhir/Composition/{id}/$document', () => {
  it('serves complete birth and death records, every resource valid R4', async () => {
    for (const [type, declaration] of [
      ['birth', birthDeclaration()],
      ['death', deathDeclaration()],
    ] as const) {
      const record = (await api.create(as['k.mweene'], type)).json();
      const registered = await api.act(as['k.mweene'], record.id, 'REGISTER', { declaration });
      expect(registered.statusCode, registered.body).toBe(200);
      const { status, body } = await fhir('GET', `/fhir/Composition/${record.id}/$document`, as['k.mweene']);
      expect(status).toBe(200);
      expectValidDocument(body);
      const composition = body.entry[0].resource as Composition;
      expect(composition.status).toBe('final');
      const sections = composition.section!.map((s) => s.code!.coding![0].code);
      expect(sections).toEqual(
        type === 'birth'
          ? [
              'child-details',
              'mother-details',
              'father-details',
              'informant-details',
              'birth-encounter',
              'registration',
            ]
          : ['deceased-details', 'spouse-details', 'informant-details', 'death-encounter', 'registration'],
      );
    }
  });

  it("is refused outside the reader's jurisdiction and without a token, and every read is audited", async () => {
    const record = (await api.create(as['k.mweene'], 'birth')).json();
    await api.act(as['k.mweene'], record.id, 'DECLARE', { declaration: birthDeclaration() });
    const elsewhere = await fhir('GET', `/fhir/Composition/${record.id}/$document`, as['k.mwale']);
    expect([elsewhere.status, elsewhere.body.issue[0].code]).toEqual([403, 'forbidden']);
    expect((await fhir('GET', `/fhir/Bundle/${record.id}`, as['k.mwale'])).status).toBe(403);
    expect((await fhir('GET', `/fhir/Bundle/${record.id}`)).status).toBe(401);
    expect((await fhir('GET', `/fhir/Bundle/${randomUUID()}`, as['c.lungu'])).status).toBe(404);
    expect((await fhir('GET', '/fhir/Bundle/not-a-uuid', as['c.lungu'])).status).toBe(400);

    expect((await fhir('GET', `/fhir/Bundle/${record.id}`, as['c.lungu'])).status).toBe(200);
    const reads = await runtime.ctx.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('subject_id', '=', record.id)
      .where('action', '=', 'record.READ')
      .execute();
    expect(reads).toHaveLength(1);
  });
});
