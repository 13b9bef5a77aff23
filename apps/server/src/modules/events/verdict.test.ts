import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration, daysAgo } from '../../test/declarations.ts';
import { login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';

/**
 * Work only when something changed: a declaration that passed validation and the duplicate check is not checked
 * again at VALIDATE, while any change to it is; REGISTER always checks for duplicates again (the legal act).
 * Seen from outside through a duplicate that arrives after the first record was declared: it is raised against
 * the first record when that one changes or is about to be registered.
 */
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
const checkedHash = async (id: string) =>
  (await runtime.ctx.db.selectFrom('events').select('checked_hash').where('id', '=', id).executeTakeFirstOrThrow())
    .checked_hash;

/** Two declarations of one child: the first declared, then the second (flagged against the first). */
async function declaredTwice(firstname: string, mother: { firstname: string; nid: string }) {
  const original = birthDeclaration({
    'child.name': { firstname, surname: 'Sinkala' },
    'mother.name': { firstname: mother.firstname, surname: 'Sinkala' },
    'mother.nid': mother.nid,
  });
  const declare = async (declaration: Json) => {
    const record = (await api.create(as['f.katongo'], 'birth')).json();
    const res = await api.act(as['f.katongo'], record.id, 'DECLARE', { declaration });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const first = await declare(original);
  expect(first.flags).toEqual([]);
  const second = await declare({ ...original, 'child.dob': daysAgo(9) });
  expect(second.flags).toEqual(['potential-duplicate']);
  return { first, original };
}

describe('checks run when the declaration changes, not on every action', () => {
  it('keeps the verdict on the record: VALIDATE of the unchanged declaration does not check again, REGISTER does', async () => {
    const { first } = await declaredTwice('Wezi', { firstname: 'Febby', nid: '5550001111' });
    const verdict = await checkedHash(first.id);
    expect(verdict).toMatch(/^[0-9a-f]{64}$/);
    const validated = await api.actFull(as['f.katongo'], first.id, 'VALIDATE');
    expect(validated.statusCode, validated.body).toBe(200);
    expect(validated.json().flags).toEqual(['validated']);
    expect(validated.json().actions.map((a: { type: string }) => a.type)).not.toContain('DUPLICATE_DETECTED');
    expect(await checkedHash(first.id)).toBe(verdict);
    // The second declaration of the same child, made since, is found at registration (as before the verdict).
    const registered = await api.actFull(as['k.mweene'], first.id, 'REGISTER');
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json().flags).toContain('potential-duplicate');
    expect(registered.json().actions.at(-1).type).toBe('DUPLICATE_DETECTED');
  });

  it('checks again when an action changes the declaration', async () => {
    const { first } = await declaredTwice('Yande', { firstname: 'Gloria', nid: '5550002222' });
    const before = await checkedHash(first.id);
    const res = await api.actFull(as['f.katongo'], first.id, 'VALIDATE', {
      declaration: { 'child.weightAtBirth': 3.9 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().flags).toContain('potential-duplicate');
    expect(res.json().actions.at(-1).type).toBe('DUPLICATE_DETECTED');
    const after = await checkedHash(first.id);
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
  });

  it('checks again when the record holds no verdict, or one for another declaration', async () => {
    for (const [name, nid, stored] of [
      ['Zikomo', '5550003333', null],
      ['Tiwonge', '5550004444', 'f'.repeat(64)],
    ] as const) {
      const { first } = await declaredTwice(name, { firstname: 'Idah', nid });
      await runtime.ctx.db.updateTable('events').set({ checked_hash: stored }).where('id', '=', first.id).execute();
      const res = await api.act(as['f.katongo'], first.id, 'VALIDATE');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().flags).toContain('potential-duplicate');
    }
  });

  it('still validates a changed declaration in full', async () => {
    const { first } = await declaredTwice('Hellen', { firstname: 'Olivia', nid: '5550005555' });
    const res = await api.act(as['f.katongo'], first.id, 'VALIDATE', { declaration: { 'child.dob': daysAgo(-3) } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('child.dob');
  });
});
