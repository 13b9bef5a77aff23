import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, daysAgo, deathDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
const as: Record<string, Tokens> = {};

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  for (const u of ['f.katongo', 'k.mweene']) as[u] = await login(runtime, u);
});
afterAll(() => runtime?.close());

type Json = Record<string, unknown>;
const types = (doc: { actions: Array<{ type: string }> }) => doc.actions.map((a) => a.type);

async function register(declaration: Json, type = 'birth') {
  const record = (await api.create(as['k.mweene'], type)).json();
  const res = await api.actFull(as['k.mweene'], record.id, 'REGISTER', { declaration });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function declare(declaration: Json, type = 'birth') {
  const record = (await api.create(as['f.katongo'], type)).json();
  const res = await api.actFull(as['f.katongo'], record.id, 'DECLARE', { declaration });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A birth and a second declaration of the same child with the errors people make. */
function sameChildTwice(name: Json, retyped: Json, extra: Json = {}) {
  const original = birthDeclaration({ 'child.name': name, ...extra });
  const again = {
    ...original,
    'child.name': retyped,
    'child.dob': daysAgo(12),
    'mother.name': { firstname: 'Mwila', surname: 'Mulenga' },
  };
  return { original: { ...original, 'mother.name': { firstname: 'Mwila', surname: 'Mulenga' } }, again };
}

describe('duplicate detection', () => {
  it('flags a second declaration of a registered child despite a typo and swapped names, and blocks registration', async () => {
    const { original, again } = sameChildTwice(
      { firstname: 'Natasha', surname: 'Mwansa' },
      { firstname: 'Mwanza', surname: 'Natacha' },
    );
    const first = await register(original);
    const second = await declare(again);
    expect(second.flags).toEqual(['potential-duplicate']);
    expect(types(second)).toEqual(['CREATE', 'DECLARE', 'DUPLICATE_DETECTED']);
    const detected = second.actions.at(-1).content.duplicates;
    expect(detected).toHaveLength(1);
    expect(detected[0]).toMatchObject({ id: first.id, trackingId: first.trackingId });
    expect(detected[0].rules).toContain('same-child-same-mother');
    expect(detected[0].score).toBeGreaterThan(0.8);
    expect((await api.act(as['k.mweene'], second.id, 'REGISTER')).statusCode).toBe(409);
    expect((await api.act(as['f.katongo'], second.id, 'VALIDATE')).statusCode).toBe(409);
  });

  it('stops a one-step declare-and-register at the declaration when it finds a duplicate', async () => {
    const { original, again } = sameChildTwice(
      { firstname: 'Kondwani', surname: 'Banda' },
      { firstname: 'Kondwane', surname: 'Banda' },
    );
    await register(original);
    const record = (await api.create(as['k.mweene'], 'birth')).json();
    const res = await api.actFull(as['k.mweene'], record.id, 'REGISTER', { declaration: again });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'DECLARED', flags: ['potential-duplicate'], registrationNumber: null });
    expect(types(res.json())).toEqual(['CREATE', 'DECLARE', 'DUPLICATE_DETECTED']);
  });

  it('matches transliterated names from the config', async () => {
    const { original, again } = sameChildTwice(
      { firstname: 'Mohammed', surname: 'Phiri' },
      { firstname: 'Muhammad', surname: 'Phiri' },
    );
    await register(original);
    expect((await declare(again)).flags).toEqual(['potential-duplicate']);
  });

  it('does not flag a different child of another mother, nor twins with different names', async () => {
    await register(birthDeclaration({ 'child.name': { firstname: 'Bupe', surname: 'Lungu' } }));
    expect((await declare(birthDeclaration({ 'child.name': { firstname: 'Bupe', surname: 'Lungu' } }))).flags).toEqual(
      [],
    );
    const mother = { 'mother.name': { firstname: 'Ireen', surname: 'Kasonde' }, 'mother.nid': '3141592653' };
    await register(birthDeclaration({ ...mother, 'child.name': { firstname: 'Taonga', surname: 'Kasonde' } }));
    const twin = await declare(
      birthDeclaration({ ...mother, 'child.name': { firstname: 'Mapalo', surname: 'Kasonde' } }),
    );
    expect(twin.flags).toEqual([]);
  });

  it('flags the same death declared twice, but not another death with a different ID', async () => {
    const decl = deathDeclaration({
      'deceased.name': { firstname: 'Lazarus', surname: 'Mumba' },
      'deceased.nid': '2718281828',
    });
    await register(decl, 'death');
    const again = await declare(
      { ...decl, 'deceased.name': { firstname: 'Lazaros', surname: 'Mumba' }, 'eventDetails.date': daysAgo(3) },
      'death',
    );
    expect(again.flags).toEqual(['potential-duplicate']);
    const other = await declare({ ...decl, 'deceased.nid': '1618033988' }, 'death');
    expect(other.flags).toEqual([]);
  });
});

describe('reviewing a potential duplicate', () => {
  async function flagged() {
    const { original, again } = sameChildTwice(
      { firstname: 'Chipo', surname: 'Mbewe' },
      { firstname: 'Chippo', surname: 'Mbewe' },
    );
    const first = await register(original);
    const second = await declare(again);
    expect(second.flags).toEqual(['potential-duplicate']);
    return { first, second };
  }

  it('"not a duplicate" needs the review scope and a reason, then registration goes ahead without re-flagging', async () => {
    const { second } = await flagged();
    expect((await api.act(as['f.katongo'], second.id, 'MARK_AS_NOT_DUPLICATE', { reason: 'twins' })).statusCode).toBe(
      403,
    );
    expect((await api.act(as['k.mweene'], second.id, 'MARK_AS_NOT_DUPLICATE')).statusCode).toBe(400);
    const cleared = await api.actFull(as['k.mweene'], second.id, 'MARK_AS_NOT_DUPLICATE', {
      reason: 'Different child: twins',
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().flags).toEqual([]);
    expect(cleared.json().actions.at(-1).content.dismissed).toHaveLength(1);
    const registered = await api.act(as['k.mweene'], second.id, 'REGISTER');
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json().status).toBe('REGISTERED');
  });

  it('"duplicate of X" archives the record in the same transaction', async () => {
    const { first, second } = await flagged();
    const res = await api.actFull(as['k.mweene'], second.id, 'MARK_AS_DUPLICATE', {
      content: { duplicateOf: first.id, reason: 'Declared twice' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('ARCHIVED');
    expect(types(res.json()).slice(-2)).toEqual(['MARK_AS_DUPLICATE', 'ARCHIVE']);
    expect(res.json().actions.at(-2).content).toMatchObject({ duplicateOf: first.id });
  });

  it('"duplicate of X" can send the record back for updates instead', async () => {
    const { first, second } = await flagged();
    const res = await api.act(as['k.mweene'], second.id, 'MARK_AS_DUPLICATE', {
      content: { duplicateOf: first.id, resolution: 'REJECT', reason: 'Check with the family' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'DECLARED', flags: ['rejected'] });
  });

  it('refuses a verdict naming a record that was not detected, writing nothing', async () => {
    const { second } = await flagged();
    const other = await register(birthDeclaration());
    const res = await api.act(as['k.mweene'], second.id, 'MARK_AS_DUPLICATE', { content: { duplicateOf: other.id } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('content.duplicateOf');
    const now = (await api.get(as['k.mweene'], second.id)).json();
    expect(now.version).toBe(second.version);
    expect(now.flags).toEqual(['potential-duplicate']);
  });
});
