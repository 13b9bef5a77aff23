import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, daysAgo, deathDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};
const records: Record<
  string,
  { id: string; trackingId: string; registrationNumber: string | null; declaration: Record<string, unknown> }
> = {};

const search = (who: string, body: unknown) =>
  runtime.app.inject({ method: 'POST', url: '/api/events/search', headers: bearer(as[who]), payload: body as object });
const ids = (res: { json(): { results: Array<{ id: string }> } }) => res.json().results.map((r) => r.id);

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['k.bwalya', 'f.katongo', 'k.mweene', 'k.mwale', 'c.lungu', 'j.campbell'])
    as[u] = await login(runtime, u);
  const register = async (key: string, type: string, declaration: Record<string, unknown>, by = 'k.mweene') => {
    const created = (await api.create(as[by], type)).json();
    const res = await api.act(as[by], created.id, 'REGISTER', { declaration });
    expect(res.statusCode, res.body).toBe(200);
    records[key] = res.json();
  };
  await register('chanda', 'birth', birthDeclaration());
  await register(
    'joseph',
    'birth',
    birthDeclaration({
      'child.name': { firstname: 'Joseph', surname: 'Mwansa' },
      'child.gender': 'male',
      'child.dob': daysAgo(20),
      'mother.name': { firstname: 'Esther', surname: 'Mwansa' },
      'mother.nid': '5555555555',
      'father.nid': '6666666666',
    }),
  );
  await register('death', 'death', deathDeclaration());
  // A declaration only (not registered), in Ibombo, by the agent.
  const declared = (await api.create(as['f.katongo'], 'birth')).json();
  const res = await api.act(as['f.katongo'], declared.id, 'DECLARE', {
    declaration: birthDeclaration({ 'child.name': { firstname: 'Thandiwe', surname: 'Zulu' } }),
  });
  records.thandiwe = res.json();
});
afterAll(() => runtime?.close());

describe('search clauses', () => {
  it('finds a child by a misspelt name (fuzzy), best match first', async () => {
    const res = await search('k.mweene', {
      query: {
        type: 'and',
        clauses: [{ eventType: 'birth', data: { 'child.name': { type: 'fuzzy', term: 'Chandah Mulenga' } } }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(ids(res)[0]).toBe(records.chanda.id);
    expect(ids(res)).not.toContain(records.joseph.id);
    expect(res.json().results[0].score).toBeGreaterThan(0.4);
  });

  it('matches exact declaration values, status anyOf, flags and event type', async () => {
    const res = await search('k.mweene', {
      query: {
        type: 'and',
        clauses: [
          {
            status: { type: 'anyOf', terms: ['REGISTERED'] },
            data: { 'mother.nid': { type: 'exact', term: '5555555555' } },
          },
        ],
      },
    });
    expect(ids(res)).toEqual([records.joseph.id]);
    const declared = await search('k.mweene', {
      query: { type: 'and', clauses: [{ status: { type: 'exact', term: 'DECLARED' } }] },
    });
    expect(ids(declared)).toEqual([records.thandiwe.id]);
    const deaths = await search('k.mweene', { query: { type: 'and', clauses: [{ eventType: 'death' }] } });
    expect(ids(deaths)).toEqual([records.death.id]);
  });

  it('filters by date ranges of the event and of the declaration data', async () => {
    const recent = await search('k.mweene', {
      query: { type: 'and', clauses: [{ eventType: 'birth', dateOfEvent: { type: 'range', gte: daysAgo(15) } }] },
    });
    expect(ids(recent)).toEqual(expect.arrayContaining([records.chanda.id, records.thandiwe.id]));
    expect(ids(recent)).not.toContain(records.joseph.id);
    const data = await search('k.mweene', {
      query: { type: 'and', clauses: [{ data: { 'child.dob': { type: 'range', lte: daysAgo(15) } } }] },
    });
    expect(ids(data)).toEqual([records.joseph.id]);
  });

  it('finds records within an area (place of event and everything under it)', async () => {
    const ibombo = await search('c.lungu', {
      query: { type: 'and', clauses: [{ placeOfEvent: { type: 'within', location: 'RNblUNSnSpQ' } }] },
    });
    expect(ibombo.json().total).toBe(4);
    const elsewhere = await search('c.lungu', {
      query: { type: 'and', clauses: [{ placeOfEvent: { type: 'within', location: 'EdAHjSJkuLb' } }] },
    });
    expect(elsewhere.json().total).toBe(0);
  });

  it('combines clauses with or, and finds by tracking id and registration number', async () => {
    const res = await search('k.mweene', {
      query: {
        type: 'or',
        clauses: [
          { trackingId: { type: 'exact', term: records.thandiwe.trackingId } },
          { registrationNumber: { type: 'exact', term: records.death.registrationNumber! } },
        ],
      },
    });
    expect(ids(res).sort()).toEqual([records.thandiwe.id, records.death.id].sort());
  });

  it('answers the quick search box by tracking id, registration number, national ID or name', async () => {
    const q = (term: string) => search('k.mweene', { query: { type: 'quick', term } });
    expect(ids(await q(records.joseph.trackingId.toLowerCase()))).toEqual([records.joseph.id]);
    expect(ids(await q(records.chanda.registrationNumber!))).toEqual([records.chanda.id]);
    expect(ids(await q(records.death.declaration['deceased.nid'] as string))).toEqual([records.death.id]);
    expect(ids(await q('thandiwe zulu'))[0]).toBe(records.thandiwe.id);
  });

  it('refuses unknown fields and malformed queries with 400', async () => {
    const unknown = await search('k.mweene', {
      query: { type: 'and', clauses: [{ data: { 'child.shoeSize': { type: 'exact', term: '3' } } }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('query.data.child.shoeSize');
    expect((await search('k.mweene', { query: { type: 'xor', clauses: [] } })).statusCode).toBe(400);
    const badDate = await search('k.mweene', {
      query: { type: 'and', clauses: [{ updatedAt: { type: 'range', gte: 'yesterday' } }] },
    });
    expect(badDate.statusCode).toBe(400);
  });
});

describe('search respects scopes and jurisdiction', () => {
  it('shows a registrar of another district nothing from Ibombo', async () => {
    const res = await search('k.mwale', { query: { type: 'and', clauses: [{ eventType: 'birth' }] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
  });

  it('shows the national registrar everything', async () => {
    const res = await search('c.lungu', {
      query: { type: 'or', clauses: [{ eventType: 'birth' }, { eventType: 'death' }] },
    });
    expect(res.json().total).toBe(4);
  });

  it('refuses roles that cannot search', async () => {
    expect((await search('j.campbell', { query: { type: 'quick', term: 'chanda' } })).statusCode).toBe(403);
  });
});

describe('workqueues', () => {
  it("lists the role's queues with counts that follow the records", async () => {
    const queues = await runtime.app.inject({ method: 'GET', url: '/api/workqueues', headers: bearer(as['k.mweene']) });
    expect(queues.statusCode, queues.body).toBe(200);
    const bySlug = Object.fromEntries(queues.json().map((q: { slug: string; count: number }) => [q.slug, q.count]));
    expect(bySlug['ready-for-review']).toBe(1);
    expect(bySlug['ready-to-print']).toBe(3);

    const page = await runtime.app.inject({
      method: 'GET',
      url: '/api/workqueues/ready-to-print?limit=2',
      headers: bearer(as['k.mweene']),
    });
    expect(page.json().total).toBe(3);
    expect(page.json().results).toHaveLength(2);

    await api.act(as['k.mweene'], records.thandiwe.id, 'REJECT', { reason: 'Signature missing' });
    const agentQueues = await runtime.app.inject({
      method: 'GET',
      url: '/api/workqueues',
      headers: bearer(as['f.katongo']),
    });
    const agentCounts = Object.fromEntries(
      agentQueues.json().map((q: { slug: string; count: number }) => [q.slug, q.count]),
    );
    expect(agentCounts['requires-updates']).toBe(1);
    expect(agentCounts['ready-for-review']).toBe(0);
  });

  it('answers 404 for a queue the role does not have', async () => {
    const res = await runtime.app.inject({
      method: 'GET',
      url: '/api/workqueues/sent-for-review',
      headers: bearer(as['k.mweene']),
    });
    expect(res.statusCode).toBe(404);
  });
});
