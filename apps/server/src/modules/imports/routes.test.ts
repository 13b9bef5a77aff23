import { randomUUID } from 'node:crypto';
import type { ImportView } from '@lifeline/domain';
import { hospitalBirth } from '@lifeline/fhir/testing/notifications';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import type { AuthUser } from '../auth/types.ts';
import { listImports } from './listing.ts';
import { withImports } from './tables.ts';
import { birthCsv, legacyBirth } from './testing.ts';

let runtime: TestRuntime;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  for (const user of ['j.campbell', 'k.mweene', 'c.lungu']) as[user] = await login(runtime, user);
}, 180_000);
afterAll(() => runtime?.close());

function post(user: string, body: string, query: string, contentType = 'text/csv') {
  return runtime.app.inject({
    method: 'POST',
    url: `/api/imports?${query}`,
    headers: { ...bearer(as[user]), 'content-type': contentType },
    payload: body,
  });
}

/** Poll the import until it is no longer running. */
async function finished(user: string, id: string): Promise<ImportView> {
  for (let i = 0; i < 200; i++) {
    const res = await runtime.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: bearer(as[user]) });
    expect(res.statusCode).toBe(200);
    const view = res.json() as ImportView;
    if (view.status !== 'running') return view;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import did not finish');
}

/** A registered birth as another registry's FHIR document: the notification's Bundle plus the registration Task. */
function registeredBirthBundle(n: number) {
  const bundle = hospitalBirth({
    identifier: randomUUID(),
    birthDate: '2016-05-04',
    childName: `Fhirchild${'abcdefgh'[n]}`,
  });
  bundle.entry!.push({
    fullUrl: `urn:uuid:0a7b8b8e-4b83-4f28-9d5c-00000000010${n}`,
    resource: {
      resourceType: 'Task',
      status: 'completed',
      intent: 'order',
      identifier: [
        { use: 'official', system: 'http://farajaland.example/fhir/id/registration-number', value: `FHIR/2016/${n}` },
      ],
      executionPeriod: { start: '2016-05-20T09:00:00Z' },
      location: { reference: 'Location/xmJJAsGfSTn' },
      owner: { display: 'M. Tembo' },
    },
  });
  return bundle;
}

describe('POST /api/imports', () => {
  it('needs record.import: a registrar without it is refused and nothing is read', async () => {
    const res = await post('k.mweene', birthCsv([legacyBirth(1)]), 'type=birth');
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('record.import');
  });

  it('imports a CSV in the background; progress and the report of refused rows are read back', async () => {
    const csv = birthCsv([legacyBirth(401), legacyBirth(402, { child_sex: 'Z' })]);
    const res = await post('j.campbell', csv, 'type=birth&name=ibombo-1998.csv');
    expect(res.statusCode).toBe(202);
    const started = res.json() as ImportView;
    expect(started).toMatchObject({ eventType: 'birth', format: 'csv', fileName: 'ibombo-1998.csv' });
    const done = await finished('j.campbell', started.id);
    expect(done).toMatchObject({ status: 'done', rows: 2, imported: 1, refused: 1 });

    const report = await runtime.app.inject({
      method: 'GET',
      url: `/api/imports/${started.id}/report`,
      headers: bearer(as['j.campbell']),
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.body).toMatch(/^row,registration_number,reasons\n2,IB\/1998\/00402,"?child\.gender/);

    // Someone without record.import learns nothing about it.
    const other = await runtime.app.inject({
      method: 'GET',
      url: `/api/imports/${started.id}`,
      headers: bearer(as['k.mweene']),
    });
    expect(other.statusCode).toBe(403);
    // The same file again: the same import, nothing added.
    const again = await post('j.campbell', csv, 'type=birth&name=ibombo-1998.csv');
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ id: started.id, status: 'done', imported: 1 });
  });

  it("applies the country's duplicate rules when asked, and lists the possible duplicates (kind=duplicates)", async () => {
    const copy = legacyBirth(452, {
      ...legacyBirth(451),
      registration_number: 'IB/1998/00452',
      child_first_name: 'Mutalle',
      child_date_of_birth: '1998-03-02',
    });
    const res = await post('j.campbell', birthCsv([legacyBirth(451), copy]), 'type=birth&duplicates=rules');
    expect(res.statusCode).toBe(202);
    const done = await finished('j.campbell', (res.json() as ImportView).id);
    expect(done).toMatchObject({ status: 'done', imported: 2, refused: 0, possibleDuplicates: 1 });
    const report = await runtime.app.inject({
      method: 'GET',
      url: `/api/imports/${done.id}/report?kind=duplicates`,
      headers: bearer(as['j.campbell']),
    });
    expect(report.statusCode).toBe(200);
    expect(report.body).toMatch(
      /^row,registration_number,matched_registration_number,matched_row,rules,score,matched_record_id\n2,IB\/1998\/00452,IB\/1998\/00451,1,[a-z -]*same-child-same-mother,/,
    );
    const bad = await post('j.campbell', birthCsv([legacyBirth(453)]), 'type=birth&duplicates=fuzzy');
    expect(bad.statusCode).toBe(400);
  });

  it('names what is wrong with the request', async () => {
    const unknown = await post('j.campbell', birthCsv([legacyBirth(1)]), 'type=wedding');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('unknown event type');
    const badQuery = await post('j.campbell', birthCsv([legacyBirth(1)]), 'type=birth&format=xml');
    expect(badQuery.statusCode).toBe(400);
  });

  it('imports FHIR R4 documents (NDJSON of Bundles) with their registration numbers', async () => {
    const ndjson = [registeredBirthBundle(1), registeredBirthBundle(2), { resourceType: 'Bundle' }, 'not json']
      .map((b) => (typeof b === 'string' ? b : JSON.stringify(b)))
      .join('\n');
    const res = await post('j.campbell', ndjson, 'type=birth', 'application/fhir+ndjson');
    expect(res.statusCode).toBe(202);
    const done = await finished('j.campbell', (res.json() as ImportView).id);
    const report = await runtime.app.inject({
      method: 'GET',
      url: `/api/imports/${done.id}/report`,
      headers: bearer(as['j.campbell']),
    });
    expect(done, report.body).toMatchObject({ format: 'fhir', status: 'done', rows: 4, imported: 2, refused: 2 });
    expect(report.body).toMatch(/\n4,,not JSON/);

    const search = await runtime.app.inject({
      method: 'POST',
      url: '/api/events/search',
      headers: bearer(as['c.lungu']),
      payload: { query: { type: 'quick', term: 'FHIR/2016/1' } },
    });
    const found = (search.json() as { results: Array<{ registrationNumber: string; flags: string[] }> }).results;
    expect(found.map((r) => r.registrationNumber)).toContain('FHIR/2016/1');
    expect(found.find((r) => r.registrationNumber === 'FHIR/2016/1')!.flags).toContain('imported');
  });
});

describe('GET /api/imports', () => {
  it("lists the caller's imports newest first, paged; without record.import it is refused", async () => {
    const first = await post('j.campbell', birthCsv([legacyBirth(501)]), 'type=birth&name=list-1.csv');
    const second = await post('j.campbell', birthCsv([legacyBirth(502)]), 'type=birth&name=list-2.csv');
    await finished('j.campbell', (first.json() as ImportView).id);
    await finished('j.campbell', (second.json() as ImportView).id);
    const list = (query: string, user = 'j.campbell') =>
      runtime.app.inject({ method: 'GET', url: `/api/imports?${query}`, headers: bearer(as[user]) });

    const page = await list('limit=1');
    expect(page.statusCode).toBe(200);
    const { results, total } = page.json() as { results: ImportView[]; total: number };
    expect(total).toBeGreaterThanOrEqual(2);
    expect(results.map((r) => r.fileName)).toEqual(['list-2.csv']);
    const next = (await list('limit=1&offset=1')).json() as { results: ImportView[] };
    expect(next.results[0]).toMatchObject({ fileName: 'list-1.csv', status: 'done', imported: 1 });

    expect((await list('', 'k.mweene')).statusCode).toBe(403);
    expect((await list('limit=0')).statusCode).toBe(400);
  });
});

describe('listImports', () => {
  it("shows others' imports only where the record.import scope reaches: event type and office", async () => {
    const res = await post('j.campbell', birthCsv([legacyBirth(601)]), 'type=birth&name=reach.csv');
    const started = res.json() as ImportView;
    await finished('j.campbell', started.id);
    const { started_at_office: office } = await withImports(runtime.ctx.db)
      .selectFrom('imports')
      .select('started_at_office')
      .where('id', '=', started.id)
      .executeTakeFirstOrThrow();
    const elsewhere = [...runtime.ctx.country.locations.all()].find(
      (l) => l.type === 'CRVS_OFFICE' && l.id !== office,
    )!.id;
    const importer = (primaryOfficeId: string, events: string[] | null): AuthUser => ({
      id: randomUUID(),
      username: 'someone',
      role: 'TEST',
      primaryOfficeId,
      scopes: [{ name: 'record.import', jurisdiction: 'office', events }],
    });
    const sees = async (user: AuthUser) =>
      (await listImports(runtime.ctx, user, { limit: 200, offset: 0 })).results.some((r) => r.id === started.id);
    expect(await sees(importer(office!, null))).toBe(true);
    expect(await sees(importer(office!, ['birth']))).toBe(true);
    expect(await sees(importer(office!, ['death']))).toBe(false);
    expect(await sees(importer(elsewhere, null))).toBe(false);
  });
});
