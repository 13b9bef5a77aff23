import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { bearer, login, startTestRuntime, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { verifyLogs } from '../audit/verify.ts';
import { PROJECTION_VERSION } from '../events/projection.ts';
import { reindex } from './service.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
let registrar: Tokens;
const ids: string[] = [];

const rows = async (query: RawBuilder<Record<string, unknown>>) => (await query.execute(runtime.ctx.db)).rows;

/** event_index's columns, constraints and indexes, as the catalog has them. */
const shape = async () => ({
  columns: await rows(sql`
    SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
    WHERE table_name = 'event_index' AND table_schema = current_schema() ORDER BY ordinal_position`),
  constraints: await rows(sql`
    SELECT conname, contype, convalidated, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = 'event_index'::regclass ORDER BY conname`),
  indexes: await rows(sql`
    SELECT indexname, indexdef FROM pg_indexes
    WHERE tablename = 'event_index' AND schemaname = current_schema() ORDER BY indexname`),
});
let migrated: Awaited<ReturnType<typeof shape>>;

const recordCount = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(runtime.ctx.db)).rows[0].n;

/** The lexicon's rows, whatever its columns, in one order. */
const lexicon = async () => (await rows(sql`SELECT * FROM name_lexicon`)).map((r) => JSON.stringify(r)).sort();

const snapshot = async () =>
  (await sql<Record<string, unknown>>`SELECT * FROM event_index ORDER BY event_id`.execute(runtime.ctx.db)).rows.map(
    (r) => ({ ...r, updated_at: String(r.updated_at), created_at: String(r.created_at) }),
  );

beforeAll(async () => {
  runtime = await startTestRuntime();
  migrated = await shape();
  api = recordsClient(runtime);
  registrar = await login(runtime, 'k.mweene');
  for (let i = 0; i < 25; i++) {
    const record = (await api.create(registrar, 'birth')).json();
    ids.push(record.id);
    const type = i % 3 === 0 ? 'DECLARE' : 'REGISTER';
    expect((await api.act(registrar, record.id, type, { declaration: birthDeclaration() })).statusCode).toBe(200);
  }
  // Step by step: VALIDATE and REGISTER keep the declaration, so they write only the projection's state columns.
  for (let i = 0; i < 3; i++) {
    const record = (await api.create(registrar, 'birth')).json();
    ids.push(record.id);
    for (const [type, body] of [
      ['DECLARE', { declaration: birthDeclaration() }],
      ['VALIDATE', {}],
      ['REGISTER', {}],
    ]) {
      const res = await api.act(registrar, record.id, type as string, body as Record<string, unknown>);
      expect(res.statusCode, res.body).toBe(200);
    }
  }
  // Characters that arrays and JSON escape, through the rebuild's JSON parameter: declared, then changed in part at
  // registration, so that its declaration is no one action's and goes as text.
  const odd = (await api.create(registrar, 'birth')).json();
  ids.push(odd.id);
  const name = { firstname: 'Zoë', middlename: "O'Brien", surname: 'Ñúñez-Mulenga' };
  const declared = await api.act(registrar, odd.id, 'DECLARE', {
    declaration: birthDeclaration({ 'child.name': name }),
  });
  expect(declared.statusCode, declared.body).toBe(200);
  const partial = { declaration: { 'mother.occupation': 'Teacher "head" \\ {a,b} \u2028 🙂' } };
  const registered = await api.act(registrar, odd.id, 'REGISTER', partial);
  expect(registered.statusCode, registered.body).toBe(200);
  // A deleted record must stay out of the rebuilt projection.
  const deleted = (await api.create(registrar, 'birth')).json();
  await api.call(registrar, 'DELETE', `/api/events/${deleted.id}`);
});
afterAll(() => runtime?.close());

describe('lifeline reindex', () => {
  it('rebuilds exactly the projection the writes produced, repairing a damaged one', async () => {
    const before = await snapshot();
    const words = await lexicon();
    expect(words.length).toBeGreaterThan(10);
    await sql`UPDATE event_index SET title = 'damaged', names = '', name_words = '{}' WHERE event_id = ${ids[1]}`.execute(
      runtime.ctx.db,
    );
    await sql`DELETE FROM name_lexicon`.execute(runtime.ctx.db);
    await sql`DELETE FROM projection_state`.execute(runtime.ctx.db);
    const result = await reindex(runtime.ctx);
    expect(result).toMatchObject({ records: await recordCount(), completed: true });
    expect(await snapshot()).toEqual(before);
    // The rebuild put back every word its rows hold: the lexicon the writes had built.
    expect(await lexicon()).toEqual(words);
    expect(await rows(sql`SELECT id, version FROM projection_state`)).toEqual([{ id: 1, version: PROJECTION_VERSION }]);
    expect((await verifyLogs(runtime.ctx.db)).problems).toEqual([]);
  });

  it('leaves event_index with the columns, constraints and indexes of a migrated database', async () => {
    await reindex(runtime.ctx);
    expect(await shape()).toEqual(migrated);
    // (PostgreSQL 18, PGlite's, also lists NOT NULL constraints: compared above.)
    expect(migrated.constraints.filter((c) => c.contype !== 'n').map((c) => c.conname)).toEqual([
      'event_index_event_id_fkey',
      'event_index_pkey',
      'event_index_registration_number_key',
      'event_index_tracking_id_key',
    ]);
    expect(
      await rows(sql`SELECT to_regclass('event_index_rebuild') AS t, to_regclass('reindex_progress') AS p`),
    ).toEqual([{ t: null, p: null }]);
  });

  it('resumes an interrupted rebuild, and catches up records written meanwhile', async () => {
    const first = await reindex(runtime.ctx, { stopAfter: 10, batch: 5 });
    expect(first).toMatchObject({ records: 10, completed: false });
    // A write between the two runs, to a record the first run already copied or not: both must end up current.
    const res = await api.act(registrar, ids[0], 'REGISTER');
    expect(res.statusCode, res.body).toBe(200);
    const created = (await api.create(registrar, 'birth')).json();
    const live = await snapshot();
    const second = await reindex(runtime.ctx, { batch: 5 });
    expect(second.completed).toBe(true);
    // The rest of the records there were when the first run started; the new one is the catch-up's.
    expect(second.records).toBe((await recordCount()) - 11);
    expect(await snapshot()).toEqual(live);
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

  it('resumes a rebuild stopped while building its indexes', async () => {
    await reindex(runtime.ctx, { stopAfter: 5, batch: 5 });
    // As if stopped between building the primary key's index and making it the constraint.
    await sql`CREATE UNIQUE INDEX event_index_pkey_rebuild ON event_index_rebuild (event_id)`.execute(runtime.ctx.db);
    const live = await snapshot();
    const rest = (await recordCount()) - 5;
    expect(await reindex(runtime.ctx, { batch: 5 })).toMatchObject({ records: rest, completed: true });
    expect(await snapshot()).toEqual(live);
    expect(await shape()).toEqual(migrated);
  });

  it('starts over a rebuild left by code computing another projection version', async () => {
    await reindex(runtime.ctx, { stopAfter: 5, batch: 5 });
    await sql`UPDATE reindex_progress SET version = version - 1`.execute(runtime.ctx.db);
    const live = await snapshot();
    expect(await reindex(runtime.ctx)).toMatchObject({ records: await recordCount(), completed: true });
    expect(await snapshot()).toEqual(live);
  });

  it('lets only one of two rebuilds run at a time copy, and the projection stays exact', async () => {
    const live = await snapshot();
    const runs = await Promise.allSettled([reindex(runtime.ctx, { batch: 3 }), reindex(runtime.ctx, { batch: 3 })]);
    // The second waits for the first to start, resumes its rebuild, and one of them stops at its next batch.
    expect(runs.filter((r) => r.status === 'fulfilled').length).toBe(1);
    expect(await reindex(runtime.ctx)).toMatchObject({ completed: true });
    expect(await snapshot()).toEqual(live);
    expect(await shape()).toEqual(migrated);
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
    expect(Math.min(...totals)).toBeGreaterThanOrEqual(27);
    const record = (await api.create(registrar, 'birth')).json();
    expect((await api.act(registrar, record.id, 'REGISTER', { declaration: birthDeclaration() })).statusCode).toBe(200);
  });
});
