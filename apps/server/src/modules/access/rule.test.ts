import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, deathDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import type { AuthUser } from '../auth/types.ts';
import { accessFactsOf } from './repository.ts';
import { canRead, readableSql } from './rule.ts';

/**
 * The access rule has two forms, one record in memory (GET, files, certificates) and many in SQL (search,
 * workqueues): both must say the same for every role, which a user can only see through the API. Here: every
 * demo role (and a few more users) against records declared at and about places all over the country.
 */
let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};
const records: Array<{ id: string; label: string }> = [];

/** One user of every role, and others where the place makes a difference. */
const READERS = [
  'k.bwalya', // hospital clerk, Ibombo District Hospital
  'g.phiri', // community leader, Klow village
  'f.katongo', // registration agent, Ibombo district
  'k.mweene', // local registrar, Ibombo district
  'm.owen', // provincial registrar, Central province
  'c.lungu', // national registrar
  'b.moreau', // embassy official
  'e.mayuka', // local system admin
  'j.campbell', // national system admin
  'm.musonda', // performance manager
  'k.mwale', // local registrar, Ilanga district (Sulaka)
  'm.mazoka', // hospital clerk, Ilanga District Hospital
  'k.cwalya', // hospital clerk, Klow Village Hospital
  'm.chikwanda', // provincial registrar, Sulaka
];
const ISAMBA_HOSPITAL = 'R2i8nqg83Y0'; // Central province, not Ibombo
const KLOW_HOSPITAL = 'QmAyxAJkxiJ'; // Ibombo district, Klow village

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of [...READERS, 'c.tayali', 'd.sakala']) as[u] = await login(runtime, u);
  const add = async (label: string, by: string, type: 'birth' | 'death', step: string, declaration?: object) => {
    const created = await api.create(as[by], type);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    if (declaration) {
      const acted = await api.act(as[by], id, step, { declaration });
      expect(acted.statusCode, `${label}: ${acted.body}`).toBe(200);
    }
    records.push({ id, label });
  };
  const born = (place: string) => birthDeclaration({ 'child.birthLocation': place });
  await add('clerk at Ibombo hospital, born there', 'k.bwalya', 'birth', 'DECLARE', birthDeclaration());
  await add('Ibombo office, born at Ibombo hospital', 'f.katongo', 'birth', 'DECLARE', birthDeclaration());
  await add('Ibombo office, death', 'f.katongo', 'death', 'DECLARE', deathDeclaration());
  await add('Ibombo office, never declared', 'f.katongo', 'birth', 'DECLARE');
  await add('Ilanga office, born in Isamba (Central)', 'c.tayali', 'birth', 'DECLARE', born(ISAMBA_HOSPITAL));
  await add('Ilanga office, born in Ibombo', 'c.tayali', 'birth', 'DECLARE', birthDeclaration());
  await add('Ilanga hospital, born in Isamba', 'm.mazoka', 'birth', 'DECLARE', born(ISAMBA_HOSPITAL));
  await add('Irundu office (Sulaka), death', 'd.sakala', 'death', 'REGISTER', deathDeclaration());
  await add('HQ, born at Klow hospital', 'c.lungu', 'birth', 'REGISTER', born(KLOW_HOSPITAL));
  await add('embassy, born at Ibombo hospital', 'b.moreau', 'birth', 'DECLARE', birthDeclaration());
  await add('Klow village office, notified', 'g.phiri', 'birth', 'NOTIFY', { 'child.gender': 'male' });
  await add('Klow hospital clerk, born there', 'k.cwalya', 'birth', 'DECLARE', born(KLOW_HOSPITAL));
});
afterAll(() => runtime?.close());

function authUser(username: string): AuthUser {
  const claims = JSON.parse(Buffer.from(as[username].accessToken.split('.')[1], 'base64url').toString());
  return {
    id: claims.sub,
    username,
    role: claims.role,
    scopes: runtime.ctx.country.roles.get(claims.role)!.scopes,
    primaryOfficeId: claims.office,
  };
}

const ids = (list: Array<{ id: string }>) => list.map((r) => r.id).sort();

describe('one access rule', () => {
  it('the SQL filter and the per-record check agree for every reader and every record', async () => {
    const facts = await accessFactsOf(
      runtime.ctx.db,
      records.map((r) => r.id),
    );
    for (const username of READERS) {
      const user = authUser(username);
      const inMemory = records.filter((r) => canRead(runtime.ctx.country, user, facts.get(r.id)!));
      const inSql = await runtime.ctx.db
        .selectFrom('event_index')
        .select('event_id as id')
        .where('event_id', 'in', ids(records))
        .where((eb) => readableSql(eb, runtime.ctx.country, user))
        .execute();
      expect(ids(inSql), username).toEqual(ids(inMemory));
    }
  });

  it('search returns exactly the records GET lets the reader open, and workqueues nothing else', async () => {
    const everything = { query: { type: 'or', clauses: [{ eventType: 'birth' }, { eventType: 'death' }] }, limit: 200 };
    let differentAnswers = 0;
    for (const username of READERS) {
      const opened = [];
      for (const r of records) {
        const res = await api.get(as[username], r.id);
        expect([200, 403], `${username} GET ${r.label}`).toContain(res.statusCode);
        if (res.statusCode === 200) opened.push(r);
      }
      const search = await api.call(as[username], 'POST', '/api/events/search', everything);
      if (search.statusCode === 403) {
        expect(authUser(username).scopes.some((s) => s.name === 'record.search' || s.name === 'record.read')).toBe(
          false,
        );
      } else {
        expect(search.statusCode, search.body).toBe(200);
        const found = (search.json().results as Array<{ id: string }>).filter((r) =>
          records.some((x) => x.id === r.id),
        );
        expect(ids(found), username).toEqual(ids(opened));
      }
      const queues = (await api.call(as[username], 'GET', '/api/workqueues')).json() as Array<{ slug: string }>;
      for (const q of queues) {
        const page = await api.call(as[username], 'GET', `/api/workqueues/${q.slug}?limit=200`);
        expect(page.statusCode, `${username} ${q.slug}: ${page.body}`).toBe(200);
        for (const row of page.json().results as Array<{ id: string }>) {
          expect(
            opened.map((o) => o.id),
            `${username} ${q.slug}`,
          ).toContain(row.id);
        }
      }
      if (opened.length !== records.length && opened.length) differentAnswers++;
    }
    // The spread really separates readers: most see some records and not others.
    expect(differentAnswers).toBeGreaterThan(6);
  });
});
