import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, daysAgo } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { correctionAnnotation, recordsClient } from '../../test/records.ts';
import { expandWords } from './expand.ts';

let runtime: TestRuntime;
let registrar: Tokens;
const ids: Record<string, string> = {};

const search = async (query: unknown) => {
  const res = await runtime.app.inject({
    method: 'POST',
    url: '/api/events/search',
    headers: bearer(registrar),
    payload: { query, limit: 50 },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; results: Array<{ id: string; score: number }> };
};
const child = (term: string) => ({
  type: 'and',
  clauses: [{ eventType: 'birth', data: { 'child.name': { type: 'fuzzy', term } } }],
});
const found = async (query: unknown) => (await search(query)).results.map((r) => r.id);

beforeAll(async () => {
  runtime = await startTestRuntime();
  registrar = await login(runtime, 'k.mweene');
  const api = recordsClient(runtime);
  const register = async (key: string, childName: object, motherName: object, dob = daysAgo(12)) => {
    const created = (await api.create(registrar, 'birth')).json();
    const declaration = birthDeclaration({ 'child.name': childName, 'mother.name': motherName, 'child.dob': dob });
    const res = await api.act(registrar, created.id, 'REGISTER', { declaration });
    expect(res.statusCode, res.body).toBe(200);
    ids[key] = created.id;
  };
  await register('natasha', { firstname: 'Natasha', surname: 'Mwansa' }, { firstname: 'Grace', surname: 'Mwansa' });
  await register(
    'ngandu',
    { firstname: 'Chilufya', middlename: 'Joseph', surname: "Ng'andu" },
    { firstname: 'Ruth', surname: "Ng'andu" },
  );
  await register('philip', { firstname: 'Philip', surname: 'Tembo' }, { firstname: 'Mary', surname: 'Banda' });
  // A child whose mother, not the child, is called Natasha: a search for the child "Natasha Tembo" must not find it.
  await register('other', { firstname: 'Mutale', surname: 'Tembo' }, { firstname: 'Natasha', surname: 'Zulu' });
  await register('elise', { firstname: 'Élise', surname: 'Bwalya' }, { firstname: 'Mary', surname: 'Bwalya' });
});
afterAll(() => runtime?.close());

describe('fuzzy name search', () => {
  it('finds a name with one typo of each kind: wrong, missing, extra or swapped letter', async () => {
    for (const term of ['Natasha Mwanza', 'Natasha Mwasa', 'Natassha Mwansa', 'Ntaasha Mwansa']) {
      expect(await found(child(term)), term).toEqual([ids.natasha]);
    }
  });

  it('ignores accents, case, punctuation and word order, and a missing middle name', async () => {
    expect(await found(child('ELISE BWALYA'))).toEqual([ids.elise]);
    expect(await found(child('Bwalya Élise'))).toEqual([ids.elise]);
    expect(await found(child('Chilufya Ngandu'))).toEqual([ids.ngandu]);
    expect(await found(child("ng'andu chilufya joseph"))).toEqual([ids.ngandu]);
  });

  it('finds spellings that sound alike, and configured nicknames', async () => {
    expect(await found(child('Filip Tembo'))).toEqual([ids.philip]);
    expect(await found(child('Natacha Mwansa'))).toEqual([ids.natasha]);
    // joseph / josef / joe are one name in Farajaland's variants.
    expect(await found(child('Chilufya Joe Ngandu'))).toEqual([ids.ngandu]);
  });

  it('matches every searched word in the same person: the child field, or any one person for `name`', async () => {
    expect(await found(child('Natasha Tembo'))).toEqual([]);
    expect(await found({ type: 'and', clauses: [{ name: { type: 'fuzzy', term: 'Natasha Zulu' } }] })).toEqual([
      ids.other,
    ]);
    const mothers = await found({
      type: 'and',
      clauses: [{ data: { 'mother.name': { type: 'fuzzy', term: 'Mary Banda' } } }],
    });
    expect(mothers).toEqual([ids.philip]);
  });

  it('ranks the closest spelling first', async () => {
    const { results } = await search({ type: 'quick', term: 'Mary Bwalya' });
    expect(results.map((r) => r.id)).toEqual([ids.elise]);
    const ranked = await search({ type: 'and', clauses: [{ name: { type: 'fuzzy', term: 'Tembo' } }] });
    expect(ranked.results.map((r) => r.id).sort()).toEqual([ids.other, ids.philip].sort());
    expect(ranked.results[0].score).toBeGreaterThan(0.5);
  });

  it('pages ranked results and counts them all, also past the last page', async () => {
    const page = async (offset: number) => {
      const res = await runtime.app.inject({
        method: 'POST',
        url: '/api/events/search',
        headers: bearer(registrar),
        payload: { query: { type: 'and', clauses: [{ name: { type: 'fuzzy', term: 'Tembo' } }] }, limit: 1, offset },
      });
      return res.json() as { total: number; results: Array<{ id: string }> };
    };
    const [first, second, past] = [await page(0), await page(1), await page(5)];
    expect([first.total, second.total, past.total]).toEqual([2, 2, 2]);
    expect([...first.results, ...second.results].map((r) => r.id).sort()).toEqual([ids.other, ids.philip].sort());
    expect(past.results).toEqual([]);
  });

  it('leaves out a searched word nothing resembles, and finds nothing when no word is left', async () => {
    expect(await found(child('Natasha Qqqqqxz'))).toEqual([ids.natasha]);
    expect(await found(child('Qqqqqxz'))).toEqual([]);
    expect(await found(child('Zz'))).toEqual([]);
  });

  it('finds a record by the name a correction gave it, no longer by the old one', async () => {
    expect(await found(child('Philip Tembo'))).toEqual([ids.philip]);
    const res = await recordsClient(runtime).act(registrar, ids.philip, 'APPROVE_CORRECTION', {
      annotation: correctionAnnotation(),
      declaration: { 'child.name': { firstname: 'Phiri', surname: 'Kapembwa' } },
      content: { reason: 'CLERICAL_ERROR: wrong name' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await found(child('Phiri Kapembwa'))).toEqual([ids.philip]);
    expect(await found(child('Philip Tembo'))).toEqual([]);
    const lexicon = await sql<{ word: string }>`SELECT word FROM name_lexicon`.execute(runtime.ctx.db);
    expect(lexicon.rows.map((r) => r.word)).toEqual(expect.arrayContaining(['kapembwa', 'ngandu', 'elise']));
  });
});

describe('expandWords', () => {
  it('expands a word to the lexicon words one edit away, alike in sound, or configured variants', async () => {
    const variants = new Map([
      ['joe', 'joseph'],
      ['joseph', 'joseph'],
    ]);
    const out = await expandWords(runtime.ctx.db, ['mwanza', 'filip', 'joe', 'zzz', 'mwansa'], variants);
    expect(out.get('mwanza')).toEqual(['mwansa']);
    expect(out.get('filip')).toEqual(['philip']);
    expect(out.get('joe')).toEqual(['joseph']);
    expect(out.get('zzz')).toEqual([]);
    expect(out.get('mwansa')).toEqual(['mwansa']);
  });
});
