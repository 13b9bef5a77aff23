import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

/** Attacks on personal data across jurisdictions, each of which worked before the one access rule. */
let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['k.bwalya', 'f.katongo', 'k.mweene', 'k.mwale', 'c.tayali', 'c.lungu']) {
    as[u] = await login(runtime, u);
  }
});
afterAll(() => runtime?.close());

async function declared(by: string, declaration = birthDeclaration()) {
  const record = (await api.create(as[by], 'birth')).json();
  const res = await api.act(as[by], record.id, 'DECLARE', { declaration });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const userId = (username: string) =>
  JSON.parse(Buffer.from(as[username].accessToken.split('.')[1], 'base64url').toString()).sub as string;

describe('a hospital clerk searching the district', () => {
  it('finds only the records he may open, and the search is audited once, with what it returned', async () => {
    const surname = 'Kapembwa';
    const theirs = await declared('f.katongo', birthDeclaration({ 'mother.name': { firstname: 'Ruth', surname } }));
    const his = await declared('k.bwalya', birthDeclaration({ 'mother.name': { firstname: 'Agnes', surname } }));
    expect((await api.get(as['k.bwalya'], theirs.id)).statusCode).toBe(403);

    const before = await auditOf(userId('k.bwalya'), 'record.SEARCH');
    const search = await api.call(as['k.bwalya'], 'POST', '/api/events/search', {
      query: { type: 'quick', term: surname },
    });
    expect(search.statusCode, search.body).toBe(200);
    const found = (search.json().results as Array<{ id: string }>).map((r) => r.id);
    expect(found).toContain(his.id);
    expect(found).not.toContain(theirs.id);
    expect(JSON.stringify(search.json())).not.toContain('Ruth');

    const after = await auditOf(userId('k.bwalya'), 'record.SEARCH');
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)!.details).toMatchObject({ query: { type: 'quick', term: surname }, returned: found });

    // The registrar of the district finds both.
    const registrar = await api.call(as['k.mweene'], 'POST', '/api/events/search', {
      query: { type: 'quick', term: surname },
    });
    expect((registrar.json().results as Array<{ id: string }>).map((r) => r.id)).toEqual(
      expect.arrayContaining([his.id, theirs.id]),
    );
  });

  it("sees in his workqueues none of the district's records he may not open", async () => {
    const theirs = await declared('f.katongo');
    const his = await declared('k.bwalya');
    for (const r of [theirs, his]) {
      expect((await api.act(as['k.mweene'], r.id, 'REJECT', { reason: 'missing documents' })).statusCode).toBe(200);
    }
    const page = await api.call(as['k.bwalya'], 'GET', '/api/workqueues/requires-updates?limit=200');
    expect(page.statusCode, page.body).toBe(200);
    const rows = (page.json().results as Array<{ id: string }>).map((r) => r.id);
    expect(rows).toContain(his.id);
    expect(rows).not.toContain(theirs.id);
    const audit = await auditOf(userId('k.bwalya'), 'record.WORKQUEUE');
    expect(audit.at(-1)!.details).toMatchObject({ returned: rows });
  });
});

describe('duplicates in another district', () => {
  it('are shown as "a possible duplicate exists elsewhere", with nothing that identifies them', async () => {
    const declaration = birthDeclaration();
    const original = await api.create(as['k.mweene'], 'birth');
    const registered = await api.act(as['k.mweene'], original.json().id, 'REGISTER', { declaration });
    expect(registered.statusCode, registered.body).toBe(200);
    const { id, trackingId, registrationNumber } = registered.json();

    // The same child declared again in Ilanga (Sulaka province).
    const again = (await api.create(as['c.tayali'], 'birth')).json();
    const answer = await api.actFull(as['c.tayali'], again.id, 'DECLARE', { declaration });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().flags).toContain('potential-duplicate');

    for (const view of [answer, await api.get(as['k.mwale'], again.id)]) {
      const detected = view.json().actions.find((a: { type: string }) => a.type === 'DUPLICATE_DETECTED');
      expect(detected.content.duplicates).toEqual([{ restricted: true, score: expect.any(Number) }]);
      const text = JSON.stringify(view.json());
      for (const secret of [id, trackingId, registrationNumber]) expect(text).not.toContain(secret);
    }

    // The national registrar, who may read both, sees which record it is.
    const national = await api.get(as['c.lungu'], again.id);
    const detected = national.json().actions.find((a: { type: string }) => a.type === 'DUPLICATE_DETECTED');
    expect(detected.content.duplicates[0]).toMatchObject({ id, trackingId, registrationNumber, status: 'REGISTERED' });
  });
});

async function auditOf(userId: string, action: string) {
  return runtime.ctx.db
    .selectFrom('audit_log')
    .select(['details'])
    .where('stream', '=', `user:${userId}`)
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}
