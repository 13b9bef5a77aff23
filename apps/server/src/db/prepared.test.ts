import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockRecord } from '../modules/events/repository.ts';
import { birthDeclaration } from '../test/declarations.ts';
import { login, startTestRuntime, testDatabaseKind, type TestRuntime, type Tokens } from '../test/harness.ts';
import { recordsClient } from '../test/records.ts';

/**
 * The write path's statements of constant text: the same SQL on both databases, and on PostgreSQL named prepared
 * statements, parsed once per connection (db/prepared.ts).
 */
let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
let agent: Tokens;

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  agent = await login(runtime, 'f.katongo');
});
afterAll(() => runtime?.close());

describe('the hot path statements', () => {
  it('lock the record and read its head, the projection and the replay check', async () => {
    const record = (await api.create(agent, 'birth')).json();
    const declared = await api.actFull(agent, record.id, 'DECLARE', { declaration: birthDeclaration() });
    expect(declared.statusCode, declared.body).toBe(200);
    const transactionId = declared.json().actions.at(-1).transactionId;
    await runtime.ctx.db.transaction().execute(async (trx) => {
      const locked = await lockRecord(trx, record.id, transactionId, 'DECLARE');
      expect(locked?.event).toMatchObject({ id: record.id, version: 1, last_seq: 2 });
      expect(locked?.event.checked_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(locked?.index.status).toBe('DECLARED');
      expect(locked?.replay).toBe(true);
      expect((await lockRecord(trx, record.id, transactionId, 'VALIDATE'))?.replay).toBe(false);
      expect(await lockRecord(trx, '00000000-0000-4000-8000-000000000000', transactionId, 'DECLARE')).toBeUndefined();
    });
  });

  it.runIf(testDatabaseKind() === 'postgres')('are named prepared statements on PostgreSQL, one per text', async () => {
    const record = (await api.create(agent, 'birth')).json();
    await runtime.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) await lockRecord(trx, record.id, `t${i}`, 'DECLARE');
      const { rows } = await sql<{ name: string; statement: string }>`
        SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '/*prepared*/%'`.execute(trx);
      const lock = rows.filter((r) => r.statement.includes('FOR UPDATE'));
      expect(lock).toHaveLength(1);
      expect(lock[0].name).toMatch(/^l[0-9a-f]{20}$/);
    });
  });

  it.runIf(testDatabaseKind() === 'postgres')(
    'write every action with a statement text that depends on its shape only, never on its values',
    async () => {
      const registrar = await login(runtime, 'k.mweene');
      // The write statements every connection of the pool holds, asked on all of them at once (each holds its own).
      const texts = async () => {
        const perConnection = await Promise.all(
          Array.from({ length: 12 }, () =>
            runtime.ctx.db.transaction().execute(async (trx) => {
              const { rows } = await sql<{ statement: string }>`
                SELECT statement FROM pg_prepared_statements, pg_sleep(0.2)
                WHERE statement LIKE '/*prepared*/%WITH appended%'`.execute(trx);
              return rows.map((r) => r.statement);
            }),
          ),
        );
        return new Set(perConnection.flat());
      };
      const ids: string[] = [];
      const workflow = async (name: string) => {
        const record = (await api.create(agent, 'birth')).json();
        ids.push(record.id);
        for (const [who, type, body] of [
          [
            agent,
            'DECLARE',
            { declaration: birthDeclaration({ 'child.name': { firstname: name, surname: 'Banda' } }) },
          ],
          [agent, 'VALIDATE', {}],
          [registrar, 'REGISTER', {}],
          [registrar, 'ASSIGN', {}],
        ] as const) {
          const res = await api.act(who, record.id, type, body);
          expect(res.statusCode, res.body).toBe(200);
        }
      };
      await workflow('Chanda');
      await workflow('Chanda');
      const first = await texts();
      // Other people, other values, the same shapes: no new text.
      await workflow('Mwila');
      await workflow('Natasha');
      const after = await texts();
      expect([...after].sort()).toEqual([...first].sort());
      // One text per shape (new record; declaration written; state only; with a registration's statistics...).
      expect(first.size).toBeGreaterThan(0);
      expect(first.size).toBeLessThanOrEqual(6);
      for (const text of after) for (const id of ids) expect(text).not.toContain(id);
    },
  );
});
