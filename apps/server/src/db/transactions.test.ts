import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../test/harness.ts';

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
  await sql`CREATE TABLE tx_probe (n integer)`.execute(runtime.ctx.db);
});
afterAll(() => runtime?.close());

// DESIGN.md "Known pitfall": on the one PGlite session, unserialised transactions interleave and a rollback
// takes other requests' rows with it. Exactly the committed transactions' rows must remain.
it('keeps exactly the committed rows of concurrent transactions, some rolling back', async () => {
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      runtime.ctx.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO tx_probe (n) VALUES (${i})`.execute(trx);
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        await sql`INSERT INTO tx_probe (n) VALUES (${i + 100})`.execute(trx);
        if (i % 5 === 0) throw new Error('roll back');
      }),
    ),
  );
  expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(4);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tx_probe`.execute(runtime.ctx.db);
  expect(rows[0].n).toBe(32);
});
