import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { daysAgo } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { motherCollects } from '../certificates/testing.ts';
import { reindex } from '../reindex/service.ts';
import { AREAS, countBy, OFFICES, seed, type Registrar, type Seeded } from './testing.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as = {} as Record<Registrar | 'm.musonda' | 'k.mweene', Tokens>;
let seeded: Seeded[];
const FROM = daysAgo(500);
const TO = daysAgo(0);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['k.mweene', 'm.owen', 'c.lungu', 'k.mwale', 'm.musonda'] as const) as[u] = await login(runtime, u);
  seeded = await seed(api, as);
}, 180_000);
afterAll(() => runtime?.close());

const get = (tokens: Tokens, url: string, headers: Record<string, string> = {}) =>
  runtime.app.inject({ method: 'GET', url, headers: { ...bearer(tokens), ...headers } });
const facts = (type: string) => seeded.filter((s) => s.fixture.type === type).map((s) => s.fixture);
const exportsLogged = async () =>
  (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'statistics.EXPORT'`.execute(
      runtime.ctx.db,
    )
  ).rows[0].n;

/** Rows of a CSV export, read with an independent CSV parser (BOM stripped). */
const csvRows = (text: string) => parse(text, { bom: true, relax_column_count: true }) as string[][];

describe('CSV and XLSX exports', () => {
  it('gives the same numbers as the JSON, with a title row, the filters and totals, and audits each file', async () => {
    const params = `event=birth&groupBy=sex&from=${FROM}&to=${TO}&areaId=${AREAS.central}`;
    const json = (await get(as['m.musonda'], `/api/statistics/registrations?${params}`)).json();
    const logged = await exportsLogged();

    const bySuffix = await get(as['m.musonda'], `/api/statistics/registrations.csv?${params}`);
    const byAccept = await get(as['m.musonda'], `/api/statistics/registrations?${params}`, { accept: 'text/csv' });
    for (const res of [bySuffix, byAccept]) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain('registrations.csv');
      const rows = csvRows(res.body);
      expect(rows[0][0]).toBe(`Registrations of births by sex, registered ${FROM} to ${TO}`);
      expect(rows).toContainEqual(['event', 'birth']);
      expect(rows).toContainEqual(['areaId', `Central (${AREAS.central})`]);
      const header = rows.findIndex((r) => r[0] === 'key');
      expect(rows[header]).toEqual(['key', 'label', 'count']);
      const data = rows.slice(header + 1, -1);
      expect(data.map((r) => ({ key: r[0], count: Number(r[2]) }))).toEqual(
        json.rows.map((r: { key: string; count: number }) => ({ key: r.key, count: r.count })),
      );
      expect(data.find((r) => r[0] === 'female')?.[1]).toBe('Female');
      expect(rows.at(-1)).toEqual(['Total', '', String(json.total)]);
    }

    const xlsx = await get(as['m.musonda'], `/api/statistics/registrations.xlsx?${params}`);
    const xlsxByAccept = await get(as['m.musonda'], `/api/statistics/registrations?${params}`, { accept: XLSX_TYPE });
    for (const res of [xlsx, xlsxByAccept]) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      // Read back with SheetJS: an implementation of the format independent of the one that wrote it.
      const book = XLSX.read(res.rawPayload, { type: 'buffer' });
      const sheet = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], {
        header: 1,
        blankrows: true,
      });
      expect(sheet[0]).toEqual([`Registrations of births by sex, registered ${FROM} to ${TO}`]);
      const header = sheet.findIndex((r) => r[0] === 'key');
      const data = sheet.slice(header + 1, header + 1 + json.rows.length);
      expect(data.map((r) => r[2])).toEqual(json.rows.map((r: { count: number }) => r.count));
      expect(sheet[header + 1 + json.rows.length]).toEqual(['Total', '', json.total]);
    }
    expect(await exportsLogged()).toBe(logged + 4);
    const last = await sql<{ actor_id: string; subject_id: string; details: { format: string; filters: object } }>`
      SELECT actor_id, subject_id, details FROM audit_log WHERE action = 'statistics.EXPORT' ORDER BY id DESC LIMIT 1`.execute(
      runtime.ctx.db,
    );
    expect(last.rows[0]).toMatchObject({ subject_id: 'registrations', details: { format: 'xlsx' } });
    expect(last.rows[0].details.filters).toMatchObject({ areaId: AREAS.central, groupBy: 'sex' });
  });

  it('exports completeness with its method, and time to registration with medians by office', async () => {
    const year = Number(TO.slice(0, 4));
    const completeness = csvRows(
      (await get(as['m.musonda'], `/api/statistics/completeness.csv?event=birth&year=${year}`)).body,
    );
    expect(completeness[0][0]).toBe(`Completeness of birth registration, ${year}`);
    expect(completeness.some((r) => r[0]?.startsWith('Method: completeness = registered / expected'))).toBe(true);
    const total = completeness.find((r) => r[0] === 'Total')!;
    expect(Number(total[2])).toBe(facts('birth').filter((f) => f.eventDate.startsWith(String(year))).length);

    const time = (
      await get(as['m.musonda'], `/api/statistics/time-to-registration?event=birth&from=${FROM}&to=${TO}`)
    ).json();
    const ibombo = facts('birth').filter((f) => f.office === OFFICES.ibombo);
    const row = time.rows.find((r: { officeId: string }) => r.officeId === OFFICES.ibombo);
    expect(row.registered).toBe(ibombo.length);
    expect(row.eventToRegistrationDays).toEqual({
      median: percentile(
        ibombo.map((f) => f.eventDaysBeforeRegistration),
        0.5,
      ),
      p90: percentile(
        ibombo.map((f) => f.eventDaysBeforeRegistration),
        0.9,
      ),
    });
    expect(row.declarationToRegistrationDays).toEqual({
      median: percentile(
        ibombo.map((f) => f.declaredDaysBefore ?? 0),
        0.5,
      ),
      p90: percentile(
        ibombo.map((f) => f.declaredDaysBefore ?? 0),
        0.9,
      ),
    });
    expect(time.total.registered).toBe(facts('birth').length);
  });
});

/** The continuous percentile (as SQL's percentile_cont), rounded to one decimal as the API gives it. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  const value = sorted[low] + (at - low) * ((sorted[low + 1] ?? sorted[low]) - sorted[low]);
  return Math.round(value * 10) / 10;
}

describe('vital statistics export (microdata)', () => {
  it('has one line per registered event, and no name, identifier, exact date or place below the district', async () => {
    const logged = await exportsLogged();
    const res = await get(
      as['m.musonda'],
      `/api/statistics/vital-statistics-export.csv?event=birth&from=${FROM}&to=${TO}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const [header, ...lines] = csvRows(res.body);
    expect(lines).toHaveLength(facts('birth').length);
    expect(await exportsLogged()).toBe(logged + 1);
    const text = res.body;
    for (const s of seeded) {
      for (const secret of [s.id, s.trackingId, s.registrationNumber, s.fixture.eventDate, s.fixture.registeredOn]) {
        expect(text).not.toContain(secret);
      }
      const names = ['child.name', 'mother.name', 'father.name', 'deceased.name'].flatMap((f) => {
        const name = s.declaration[f] as Record<string, string> | undefined;
        return name ? Object.values(name) : [];
      });
      for (const word of names) expect(text).not.toMatch(new RegExp(`\\b${word}\\b`));
      for (const f of [
        'mother.nid',
        'father.nid',
        'informant.nid',
        'deceased.nid',
        'informant.phoneNo',
        'informant.email',
      ]) {
        if (s.declaration[f]) expect(text).not.toContain(String(s.declaration[f]));
      }
      // Places: facilities and villages never appear, districts and provinces may.
      expect(text).not.toContain(s.fixture.place);
    }
    for (const line of lines) {
      const row = Object.fromEntries(header.map((h, i) => [h, line[i]]));
      expect(row.registration_month).toMatch(/^\d{4}-\d{2}$/);
      expect(row.event_month).toMatch(/^\d{4}-\d{2}$/);
    }
    expect(countBy(lines, (l) => l[header.indexOf('district_id')])).toEqual(countBy(facts('birth'), (f) => f.district));
    expect(countBy(lines, (l) => l[header.indexOf('place_of_occurrence')])).toEqual(
      countBy(facts('birth'), (f) => (f.placeType === 'HEALTH_FACILITY' ? 'HEALTH_FACILITY' : 'HOME')),
    );
  });

  it('needs performance.vital-statistics-export', async () => {
    const res = await get(as['k.mweene'], `/api/statistics/vital-statistics-export?event=birth&from=${FROM}&to=${TO}`);
    expect(res.statusCode, res.body).toBe(403);
  });
});

describe('data quality', () => {
  it('lists implausible mothers ages and birth weights by office, with links to the records', async () => {
    const res = await get(as['m.musonda'], `/api/statistics/data-quality?event=birth&from=${FROM}&to=${TO}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const mother = seeded.filter(
      (s) => s.fixture.type === 'birth' && typeof s.fixture.mother === 'number' && s.fixture.mother > 55,
    );
    const weight = seeded.filter(
      (s) => s.fixture.type === 'birth' && s.fixture.weight !== undefined && s.fixture.weight < 0.5,
    );
    expect(mother.length + weight.length).toBeGreaterThan(1);
    for (const [list, issue] of [
      [mother, 'MOTHER_AGE_IMPLAUSIBLE'],
      [weight, 'BIRTH_WEIGHT_IMPLAUSIBLE'],
    ] as const) {
      for (const s of list) {
        const listed = body.records.find((r: { eventId: string }) => r.eventId === s.id);
        expect(listed, issue).toMatchObject({ trackingId: s.trackingId, url: `/records/${s.id}` });
        expect(listed.issues).toContain(issue);
      }
    }
    // A mother aged 52 (declared by age) is plausible; 60 is not.
    expect(body.withIssues).toBe(mother.length + weight.length);
    expect(body.examined).toBe(facts('birth').length);
    const offices = countBy([...mother, ...weight], (s) => s.fixture.office);
    expect(
      body.byOffice
        .map((o: { officeId: string; records: number }) => ({ key: o.officeId, count: o.records }))
        .sort((a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1)),
    ).toEqual(offices);
  });
});

describe('UN tabulations', () => {
  it('tabulates births by month of occurrence and sex, and deaths by ICD-10 chapter of the underlying cause', async () => {
    const year = Number(TO.slice(0, 4)) - 1;
    const births = (
      await get(as['m.musonda'], `/api/statistics/tabulations/births-by-month-and-sex?year=${year}`)
    ).json();
    const occurred = facts('birth').filter((f) => f.eventDate.startsWith(String(year)));
    expect(births.totals.total).toBe(occurred.length);
    const female = births.columns.findIndex((c: { key: string }) => c.key === 'female');
    for (const row of births.rows) {
      const inMonth = occurred.filter((f) => f.eventDate.slice(5, 7) === row.key);
      expect(row.total, row.label).toBe(inMonth.length);
      expect(row.values[female]).toBe(inMonth.filter((f) => f.sex === 'female').length);
    }
    const all = facts('death');
    const causes = (year: number) =>
      get(as['m.musonda'], `/api/statistics/tabulations/deaths-by-cause?year=${year}`).then((r) => r.json());
    const chapters = new Map<string, number>();
    for (const y of new Set(all.map((f) => Number(f.eventDate.slice(0, 4))))) {
      for (const row of (await causes(y)).rows) chapters.set(row.key, (chapters.get(row.key) ?? 0) + row.total);
    }
    expect(Object.fromEntries([...chapters].filter(([, n]) => n > 0))).toEqual({ IX: 1, I: 1, XX: 1, NOT_STATED: 2 });

    const csv = csvRows(
      (await get(as['m.musonda'], `/api/statistics/tabulations/births-by-mother-age.csv?year=${year}`)).body,
    );
    expect(csv[0][0]).toBe(`Live births by age of mother and sex, ${year}`);
    expect(csv.find((r) => r[0] === 'Total')?.at(-1)).toBe(String(occurred.length));
    const urban = await get(as['m.musonda'], `/api/statistics/tabulations/births-by-urban-rural?year=${year}`);
    expect(urban.statusCode).toBe(409);
    const unknown = await get(as['m.musonda'], `/api/statistics/tabulations/births-by-colour?year=${year}`);
    expect(unknown.statusCode).toBe(400);
  });
});

describe('certificates and the map', () => {
  it('counts certificates printed and fees collected by office and month', async () => {
    const recent = seeded.filter((s) => s.fixture.type === 'birth' && s.fixture.registrar === 'k.mweene').slice(-2);
    let fees = 0;
    for (const s of recent) {
      const fee = s.fixture.timeliness === 'ON_TIME' ? 5 : s.fixture.timeliness === 'LATE' ? 7 : 15;
      fees += fee;
      const res = await api.act(as['k.mweene'], s.id, 'PRINT_CERTIFICATE', { annotation: motherCollects(s, fee) });
      expect(res.statusCode, res.body).toBe(200);
    }
    const body = (
      await get(as['m.musonda'], `/api/statistics/certificates?from=${FROM}&to=${TO}&areaId=${AREAS.ibombo}`)
    ).json();
    expect(body.rows).toEqual([
      {
        officeId: OFFICES.ibombo,
        name: 'Ibombo District Office',
        month: TO.slice(0, 7),
        printed: 2,
        feesCollected: fees,
      },
    ]);
    expect(body.total).toEqual({ printed: 2, feesCollected: fees });
    const elsewhere = (
      await get(as['m.musonda'], `/api/statistics/certificates?from=${FROM}&to=${TO}&areaId=${AREAS.sulaka}`)
    ).json();
    expect(elsewhere.total.printed).toBe(0);
  });

  it('draws the four provinces from the country package', async () => {
    const body = (await get(as['m.musonda'], '/api/statistics/map')).json();
    expect(body.level).toBe(1);
    expect(body.geojson.features.map((f: { properties: { name: string } }) => f.properties.name).sort()).toEqual([
      'Central',
      'Chuminga',
      'Pualula',
      'Sulaka',
    ]);
  });
});

describe('lifeline reindex', () => {
  it('rebuilds registration_facts exactly', async () => {
    const read = async () =>
      (await sql<Record<string, unknown>>`SELECT * FROM registration_facts ORDER BY event_id`.execute(runtime.ctx.db))
        .rows;
    const before = await read();
    expect(before).toHaveLength(seeded.length);
    await sql`TRUNCATE registration_facts`.execute(runtime.ctx.db);
    const result = await reindex(runtime.ctx, { batch: 5 });
    expect(result.completed).toBe(true);
    expect(await read()).toEqual(before);
    const again = (
      await get(as['m.musonda'], `/api/statistics/registrations?event=death&groupBy=sex&from=${FROM}&to=${TO}`)
    ).json();
    expect(again.total).toBe(facts('death').length);
  });
});
