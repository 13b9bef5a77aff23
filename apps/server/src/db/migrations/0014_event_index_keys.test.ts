import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../test/harness.ts';
import { up } from './0014_event_index_keys.ts';

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime?.close());

const constraints = async () =>
  (
    await sql<{ conname: string }>`
      SELECT conname FROM pg_constraint WHERE conrelid = 'event_index'::regclass ORDER BY conname`.execute(
      runtime.ctx.db,
    )
  ).rows.map((r) => r.conname);

describe('migration 0014: event_index keys', () => {
  it('puts back a primary key and foreign key an earlier reindex left out, and leaves a sound table alone', async () => {
    const sound = await constraints();
    expect(sound).toEqual(expect.arrayContaining(['event_index_pkey', 'event_index_event_id_fkey']));
    await up(runtime.ctx.db as never);
    expect(await constraints()).toEqual(sound);
    // As the old reindex left it: a unique index on event_id, no constraints.
    await sql`ALTER TABLE event_index DROP CONSTRAINT event_index_event_id_fkey`.execute(runtime.ctx.db);
    await sql`ALTER TABLE event_index DROP CONSTRAINT event_index_pkey`.execute(runtime.ctx.db);
    await sql`CREATE UNIQUE INDEX event_index_pkey_rebuild ON event_index (event_id)`.execute(runtime.ctx.db);
    expect(await constraints()).not.toContain('event_index_pkey');
    await up(runtime.ctx.db as never);
    expect(await constraints()).toEqual(sound);
  });
});
