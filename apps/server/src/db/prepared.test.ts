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

  it.runIf(testDatabaseKind() === 'postgres')('write every action with one statement text', async () => {
    const registrar = await login(runtime, 'k.mweene');
    for (let i = 0; i < 2; i++) {
      const record = (await api.create(agent, 'birth')).json();
      for (const [who, type, body] of [
        [agent, 'DECLARE', { declaration: birthDeclaration() }],
        [agent, 'VALIDATE', {}],
        [registrar, 'REGISTER', {}],
        [registrar, 'ASSIGN', {}],
      ] as const) {
        const res = await api.act(who, record.id, type, body);
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    // Every connection of the pool that wrote holds the same one or two texts (a new record's and the others'):
    // asked on all the pool's connections at once (each holds its own prepared statements).
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
    const rows = [...new Set(perConnection.flat())];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(2);
  });
});
