import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { verifyLogs } from '../audit/verify.ts';
import { reindex } from './service.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
let registrar: Tokens;
const ids: string[] = [];

const snapshot = async () =>
  (await sql<Record<string, unknown>>`SELECT * FROM event_index ORDER BY event_id`.execute(runtime.ctx.db)).rows.map(
    (r) => ({ ...r, updated_at: String(r.updated_at), created_at: String(r.created_at) }),
  );

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  registrar = await login(runtime, 'k.mweene');
  for (let i = 0; i < 25; i++) {
    const record = (await api.create(registrar, 'birth')).json();
    ids.push(record.id);
    const type = i % 3 === 0 ? 'DECLARE' : 'REGISTER';
    expect((await api.act(registrar, record.id, type, { declaration: birthDeclaration() })).statusCode).toBe(200);
  }
  // A deleted record must stay out of the rebuilt projection.
  const deleted = (await api.create(registrar, 'birth')).json();
  await api.call(registrar, 'DELETE', `/api/events/${deleted.id}`);
});
afterAll(() => runtime?.close());

describe('lifeline reindex', () => {
  it('rebuilds exactly the projection the writes produced, repairing a damaged one', async () => {
    const before = await snapshot();
    await sql`UPDATE event_index SET title = 'damaged', names = '' WHERE event_id = ${ids[1]}`.execute(runtime.ctx.db);
    const result = await reindex(runtime.ctx);
    expect(result).toMatchObject({ records: 26, completed: true });
    expect(await snapshot()).toEqual(before);
    expect((await verifyLogs(runtime.ctx.db)).problems).toEqual([]);
  });

  it('resumes an interrupted rebuild, and catches up records written meanwhile', async () => {
    const first = await reindex(runtime.ctx, { stopAfter: 10 });
    expect(first.completed).toBe(false);
    // A write between the two runs, to a record the first run already copied or not: both must end up current.
    const res = await api.act(registrar, ids[0], 'REGISTER');
    expect(res.statusCode, res.body).toBe(200);
    const created = (await api.create(registrar, 'birth')).json();
    const second = await reindex(runtime.ctx);
    expect(second.completed).toBe(true);
    expect(second.records).toBeLessThan(27);
    const row = (
      await sql<{ status: string }>`SELECT status FROM event_index WHERE event_id = ${ids[0]}`.execute(runtime.ctx.db)
    ).rows[0];
    expect(row.status).toBe('REGISTERED');
    const fresh = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_index WHERE event_id = ${created.id}`.execute(
        runtime.ctx.db,
      )
    ).rows[0];
    expect(fresh.n).toBe(1);
  });

  it('keeps search answering while it runs, and writes keep working after the swap', async () => {
    const search = () =>
      runtime.app.inject({
        method: 'POST',
        url: '/api/events/search',
        headers: bearer(registrar),
        payload: { query: { type: 'and', clauses: [{ eventType: 'birth' }] }, limit: 5 },
      });
    const totals: number[] = [];
    let running = true;
    const searching = (async () => {
      while (running) {
        const res = await search();
        expect(res.statusCode).toBe(200);
        totals.push(res.json().total);
      }
    })();
    await reindex(runtime.ctx);
    running = false;
    await searching;
    expect(totals.length).toBeGreaterThan(0);
    expect(Math.min(...totals)).toBeGreaterThanOrEqual(26);
    const record = (await api.create(registrar, 'birth')).json();
    expect((await api.act(registrar, record.id, 'REGISTER', { declaration: birthDeclaration() })).statusCode).toBe(200);
  });
});
