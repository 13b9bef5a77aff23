import { todayIn } from '@lifeline/domain';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysAgo } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { correctionAnnotation, recordsClient } from '../../test/records.ts';
import { AREAS, countBy, OFFICES, seed, type Registrar, type Seeded } from './testing.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as = {} as Record<Registrar | 'm.musonda' | 'f.katongo' | 'k.bwalya', Tokens>;
let seeded: Seeded[];
const FROM = daysAgo(500);
const TO = daysAgo(0);

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['k.mweene', 'm.owen', 'c.lungu', 'k.mwale', 'm.musonda', 'f.katongo', 'k.bwalya'] as const) {
    as[u] = await login(runtime, u);
  }
  seeded = await seed(api, as);
}, 180_000);
afterAll(() => runtime?.close());

const get = (tokens: Tokens, url: string) => runtime.app.inject({ method: 'GET', url, headers: bearer(tokens) });
const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).flatMap(([k, v]): Array<[string, string]> => (v === undefined ? [] : [[k, String(v)]])),
  );
async function registrations(params: Record<string, string | undefined>, tokens = as['m.musonda']) {
  const res = await get(tokens, `/api/statistics/registrations?${query({ from: FROM, to: TO, ...params })}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { rows: Array<{ key: string; count: number; label?: string }>; total: number };
}
const facts = (type: string) => seeded.filter((s) => s.fixture.type === type).map((s) => s.fixture);

describe('registrations', () => {
  it.each([
    ['month', (f: Seeded['fixture']) => f.month],
    ['sex', (f: Seeded['fixture']) => f.sex],
    ['timeliness', (f: Seeded['fixture']) => f.timeliness],
    ['placeOfOccurrence', (f: Seeded['fixture']) => f.placeType],
    ['office', (f: Seeded['fixture']) => f.office],
    ['area', (f: Seeded['fixture']) => f.province],
  ] as const)('groups births and deaths by %s, and the total is the sum of the rows', async (groupBy, key) => {
    for (const event of ['birth', 'death']) {
      const result = await registrations({ event, groupBy });
      const rows = result.rows.map(({ key: k, count }) => ({ key: k, count }));
      expect(rows, `${event} by ${groupBy}`).toEqual(countBy(facts(event), key));
      expect(result.total).toBe(facts(event).length);
      expect(result.total).toBe(result.rows.reduce((n, r) => n + r.count, 0));
    }
  });

  it('groups births by age of mother and deaths by age, in UN groups', async () => {
    const births = await registrations({ event: 'birth', groupBy: 'motherAgeGroup' });
    expect(births.rows).toEqual(countBy(facts('birth'), (f) => f.motherAgeGroup!));
    expect(births.rows.map((r) => r.key)).toEqual(expect.arrayContaining(['15-19', '50+']));
    const deaths = await registrations({ event: 'death', groupBy: 'ageGroup' });
    expect(deaths.rows).toEqual(countBy(facts('death'), (f) => f.ageGroup!));
    expect(deaths.rows.map((r) => r.key)).toEqual(expect.arrayContaining(['<1', '1-4', '85+']));
  });

  it('groups by registrar with their names, and by area one level below the area asked for', async () => {
    const byRegistrar = await registrations({ event: 'birth', groupBy: 'registrar' });
    const users = await runtime.ctx.db.selectFrom('users').select(['id', 'username', 'firstname', 'surname']).execute();
    const idOf = (username: string) => users.find((u) => u.username === username)!.id;
    expect(byRegistrar.rows.map(({ key, count }) => ({ key, count }))).toEqual(
      countBy(facts('birth'), (f) => idOf(f.registrar)),
    );
    expect(byRegistrar.rows.find((r) => r.key === idOf('k.mweene'))?.label).toBe('Kennedy Mweene');

    const central = await registrations({ event: 'birth', groupBy: 'area', areaId: AREAS.central });
    const inCentral = facts('birth').filter((f) => f.province === AREAS.central);
    expect(central.rows.map(({ key, count }) => ({ key, count }))).toEqual(countBy(inCentral, (f) => f.district));
    expect(central.rows.find((r) => r.key === AREAS.ibombo)?.label).toBe('Ibombo');
    const offices = await registrations({ event: 'birth', groupBy: 'office', areaId: AREAS.ibombo });
    expect(offices.rows.map(({ key, count }) => ({ key, count }))).toEqual(
      countBy(
        facts('birth').filter((f) => f.district === AREAS.ibombo),
        (f) => f.office,
      ),
    );
  });

  it('counts by the day of registration: a period excludes what was registered outside it', async () => {
    const from = daysAgo(100);
    const result = await registrations({ event: 'birth', groupBy: 'sex', from });
    const inPeriod = facts('birth').filter((f) => f.registeredOn >= from);
    expect(result.total).toBe(inPeriod.length);
    expect(result.rows).toEqual(countBy(inPeriod, (f) => f.sex));
  });
});

describe('jurisdiction', () => {
  it('limits a local registrar to their district by default, and refuses an area outside it', async () => {
    const mine = await registrations({ event: 'birth', groupBy: 'sex' }, as['k.mweene']);
    const ibombo = facts('birth').filter((f) => f.district === AREAS.ibombo);
    expect(mine.total).toBe(ibombo.length);
    expect(mine.rows).toEqual(countBy(ibombo, (f) => f.sex));
    const village = await registrations({ event: 'birth', groupBy: 'sex', areaId: AREAS.klow }, as['k.mweene']);
    expect(village.total).toBe(ibombo.filter((f) => f.place === AREAS.klow).length);
    for (const areaId of [AREAS.central, AREAS.ilanga]) {
      const res = await get(
        as['k.mweene'],
        `/api/statistics/registrations?${query({ event: 'birth', groupBy: 'sex', from: FROM, to: TO, areaId })}`,
      );
      expect(res.statusCode, res.body).toBe(403);
    }
    const completeness = await get(as['k.mweene'], `/api/statistics/completeness?event=birth&year=2026`);
    expect(completeness.json().areaId).toBe(AREAS.ibombo);
  });

  it('gives a provincial registrar their province, and nothing to roles without performance.read', async () => {
    const province = await registrations({ event: 'death', groupBy: 'area' }, as['m.owen']);
    expect(province.rows.map(({ key, count }) => ({ key, count }))).toEqual(
      countBy(
        facts('death').filter((f) => f.province === AREAS.central),
        (f) => f.district,
      ),
    );
    for (const user of ['f.katongo', 'k.bwalya'] as const) {
      const res = await get(
        as[user],
        `/api/statistics/registrations?${query({ event: 'birth', groupBy: 'sex', from: FROM, to: TO })}`,
      );
      expect(res.statusCode, res.body).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('bad input', () => {
  it.each([
    [{ event: 'birth', groupBy: 'colour' }, 'querystring.groupBy'],
    [{ event: 'marriage', groupBy: 'sex' }, 'querystring.event'],
    [{ event: 'birth', groupBy: 'sex', areaId: 'nowhere' }, 'querystring.areaId'],
    [{ event: 'birth', groupBy: 'sex', areaId: OFFICES.ibombo }, 'querystring.areaId'],
    [{ event: 'birth', groupBy: 'sex', from: '2025-02-30' }, 'querystring.from'],
    [{ event: 'birth', groupBy: 'sex', from: '2026-05-01', to: '2026-04-01' }, 'querystring.to'],
  ])('answers 400 naming the field for %j', async (params, field) => {
    const res = await get(as['m.musonda'], `/api/statistics/registrations?${query({ from: FROM, to: TO, ...params })}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

/** Population and crude birth rate of an area and year, read from the CSV here, not through the country loader. */
function statistics(areaId: string, year: number) {
  const rows = parse(
    readFileSync(new URL('../../../../../countries/farajaland/data/statistics.csv', import.meta.url)),
    {
      columns: true,
    },
  ) as Array<Record<string, string>>;
  const row = rows.find((r) => r.adminPcode === areaId)!;
  return { population: Number(row[`population_${year}`]), birthRate: Number(row[`crude_birth_rate_${year}`]) };
}

describe('completeness', () => {
  const today = () => todayIn('Africa/Lusaka');
  it.each(['birth', 'death'] as const)(
    'compares %ss of each province with population x rate, prorated this year',
    async (event) => {
      for (const year of [Number(today().slice(0, 4)) - 1, Number(today().slice(0, 4))]) {
        const res = await get(as['m.musonda'], `/api/statistics/completeness?event=${event}&year=${year}`);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        const statisticsYear = Math.min(year, 2025);
        const current = year === Number(today().slice(0, 4));
        const daysInYear = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
        const dayOfYear = (Date.parse(today()) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
        const fraction = current ? dayOfYear / daysInYear : 1;
        expect(body.method).toMatchObject({ year, statisticsYear, proratedTo: current ? today() : null });
        expect(body.method.fractionOfYear).toBeCloseTo(fraction, 5);
        expect(body.method.formula).toContain(event === 'birth' ? 'crude birth rate' : 'crude death rate');
        expect(body.rows.map((r: { name: string }) => r.name).sort()).toEqual([
          'Central',
          'Chuminga',
          'Pualula',
          'Sulaka',
        ]);
        for (const province of [AREAS.central, AREAS.sulaka]) {
          const occurred = facts(event).filter((f) => f.province === province && f.eventDate.startsWith(String(year)));
          const { population, birthRate } = statistics(province, statisticsYear);
          const rate = event === 'birth' ? birthRate : 8;
          const expectedCount = ((population * rate) / 1000) * fraction;
          const row = body.rows.find((r: { areaId: string }) => r.areaId === province);
          expect(row.registered).toBe(occurred.length);
          expect(row.registeredOnTime).toBe(occurred.filter((f) => f.timeliness === 'ON_TIME').length);
          expect(row.expected).toBeCloseTo(expectedCount, 0);
          expect(row.completeness).toBeCloseTo(occurred.length / expectedCount, 3);
        }
        expect(body.total.registered).toBe(facts(event).filter((f) => f.eventDate.startsWith(String(year))).length);
      }
    },
  );

  it('uses the latest statistics for a later year and says so', async () => {
    const body = (
      await get(as['m.musonda'], `/api/statistics/completeness?event=birth&year=2030&areaId=${AREAS.central}`)
    ).json();
    expect(body.method.statisticsYear).toBe(2025);
    expect(body.method.notes.join(' ')).toMatch(/latest year, 2025/);
    expect(body.rows.map((r: { areaId: string }) => r.areaId)).toContain(AREAS.ibombo);
    expect(body.level).toBe(2);
  });
});

describe('corrections and revocations move the counts', () => {
  it('moves a birth from female to male on correction, out on revocation and back on reinstatement', async () => {
    const target = seeded.find(
      (s) =>
        s.fixture.type === 'birth' &&
        s.fixture.sex === 'female' &&
        s.fixture.district === AREAS.ibombo &&
        s.fixture.registeredDaysAgo < 10,
    )!;
    const before = await registrations({ event: 'birth', groupBy: 'sex' });
    const count = (r: typeof before, key: string) => r.rows.find((row) => row.key === key)?.count ?? 0;
    const corrected = await api.act(as['k.mweene'], target.id, 'APPROVE_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.gender': 'male' },
      content: { reason: 'CLERICAL_ERROR: sex entered wrongly' },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const after = await registrations({ event: 'birth', groupBy: 'sex' });
    expect(count(after, 'female')).toBe(count(before, 'female') - 1);
    expect(count(after, 'male')).toBe(count(before, 'male') + 1);
    expect(after.total).toBe(before.total);

    const revoked = await api.act(as['c.lungu'], target.id, 'REVOKE', { reason: 'Registered twice by fraud' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const gone = await registrations({ event: 'birth', groupBy: 'sex' });
    expect(gone.total).toBe(before.total - 1);
    expect(count(gone, 'male')).toBe(count(before, 'male'));

    const reinstated = await api.act(as['c.lungu'], target.id, 'REINSTATE', { reason: 'Fraud claim withdrawn' });
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    expect(await registrations({ event: 'birth', groupBy: 'sex' })).toEqual(after);
    // The registrar is still known after the row was rewritten by actions that did not register.
    const byRegistrar = await registrations({ event: 'birth', groupBy: 'registrar' });
    expect(byRegistrar.rows.some((r) => r.key === 'NOT_STATED')).toBe(false);
  });
});

describe('office filter and the API description', () => {
  it('limits counts to one registering office when asked', async () => {
    // (By timeliness: a test above corrected one record's sex.)
    const ibombo = await registrations({ event: 'birth', groupBy: 'timeliness', officeId: OFFICES.ibombo });
    const registeredThere = facts('birth').filter((f) => f.office === OFFICES.ibombo);
    expect(ibombo.rows).toEqual(countBy(registeredThere, (f) => f.timeliness));
    const bad = await get(
      as['m.musonda'],
      `/api/statistics/registrations?${query({ event: 'birth', groupBy: 'sex', from: FROM, to: TO, officeId: AREAS.ibombo })}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('querystring.officeId');
  });

  it('describes every statistics route with an operationId, tags and its error responses', async () => {
    const spec = (await runtime.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = Object.entries(
      spec.paths as Record<string, { get: { operationId: string; tags: string[]; responses: object } }>,
    )
      .filter(([path]) => path.startsWith('/api/statistics'))
      .map(([path, item]) => ({ path, ...item.get }));
    expect(operations.map((o) => o.path)).toEqual(
      expect.arrayContaining([
        '/api/statistics/registrations',
        '/api/statistics/registrations.csv',
        '/api/statistics/registrations.xlsx',
        '/api/statistics/completeness',
        '/api/statistics/vital-statistics-export',
        '/api/statistics/tabulations/{table}',
        '/api/statistics/map',
      ]),
    );
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of operations) {
      expect(o.tags).toEqual(['statistics']);
      expect(Object.keys(o.responses)).toEqual(expect.arrayContaining(['200', '401']));
    }
  });
});
