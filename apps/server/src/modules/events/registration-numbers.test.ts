import { formatRegistrationNumber } from '@lifeline/domain';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthDeclaration } from '../../test/declarations.ts';
import { login, startTestRuntime, testDatabaseKind, type TestRuntime, type Tokens } from '../../test/harness.ts';
import { recordsClient } from '../../test/records.ts';
import { formatInSql, formatParts, nextRegistrationNumber, raiseRegistrationSequence } from './identifiers.ts';

/** Registration numbers from a sequence per event type (issue 15): formatted alike in SQL and in code, no waiting. */

let runtime: TestRuntime;
let api: ReturnType<typeof recordsClient>;
let registrar: Tokens;

beforeAll(async () => {
  runtime = await startTestRuntime();
  api = recordsClient(runtime);
  registrar = await login(runtime, 'k.mweene');
});
afterAll(() => runtime?.close());

async function register() {
  const record = (await api.create(registrar, 'birth')).json();
  const res = await api.act(registrar, record.id, 'REGISTER', { declaration: birthDeclaration() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().registrationNumber as string;
}

describe('registration numbers', () => {
  it('are formatted by the database exactly as by the code, whatever the format and the sequence’s length', async () => {
    const formats = ['{eventCode}{year}{seq:7}', '{eventCode}/{year}/{seq:4}', 'RN-{seq:5}-{year}{eventCode}-{seq:4}'];
    for (const format of formats) {
      for (const sequence of [1, 42, 9999, 12345, 98765432]) {
        const { parts, widths } = formatParts(format, 'B', 2026);
        const { rows } = await runtime.ctx.db.executeQuery<{ n: string }>(
          CompiledQuery.raw(`SELECT ${formatInSql('$1::bigint', '$2', '$3')} AS n`, [sequence, parts, widths]),
        );
        expect(rows[0].n, `${format} ${sequence}`).toBe(
          formatRegistrationNumber(format, { eventCode: 'B', year: 2026, sequence }),
        );
      }
    }
  });

  it('follow a raised sequence, and are never moved back', async () => {
    const first = await register();
    const raised = await raiseRegistrationSequence(runtime.ctx.db, 'birth', Number(first.slice(-7)) + 100);
    const next = await register();
    expect(Number(next.slice(-7))).toBe(raised + 1);
    // Never back: raising below the current value changes nothing.
    expect(await raiseRegistrationSequence(runtime.ctx.db, 'birth', 5)).toBe(Number(next.slice(-7)));
  });

  it('start a new event type’s sequence on its first draw', async () => {
    const number = await runtime.ctx.db
      .transaction()
      .execute((trx) => nextRegistrationNumber(trx, '{eventCode}-{seq:4}', { id: 'test-only-type', code: 'T' }, 2026));
    expect(number).toBe('T-0001');
    const { rows } = await sql<{ event_type: string }>`
      SELECT event_type FROM registration_counters WHERE event_type = 'test-only-type'`.execute(runtime.ctx.db);
    expect(rows).toHaveLength(1);
  });

  it.runIf(testDatabaseKind() === 'postgres')(
    'are drawn without waiting for another registration’s transaction to end',
    async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let drawn!: (number: string) => void;
      const firstDrawn = new Promise<string>((resolve) => (drawn = resolve));
      // A registration that has drawn its number and not committed yet (the old counter row stayed locked here).
      const open = runtime.ctx.db
        .transaction()
        .execute(async (trx) => {
          drawn(await nextRegistrationNumber(trx, '{eventCode}{year}{seq:7}', { id: 'birth', code: 'B' }, 2026));
          await held;
          throw new Error('rolled back on purpose');
        })
        .catch(() => undefined);
      const gap = await firstDrawn;
      const other = await Promise.race([
        register(),
        new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10_000)),
      ]);
      release();
      await open;
      expect(Number(other.slice(-7))).toBe(Number(gap.slice(-7)) + 1);
    },
  );

  it.runIf(testDatabaseKind() === 'postgres')(
    'move on to the next number when an import commits the one just drawn',
    async () => {
      const db = runtime.ctx.db;
      const { rows } = await sql<{ last: string | null }>`
        SELECT last_value::text AS last FROM pg_sequences
        WHERE schemaname = current_schema() AND sequencename = 'registration_sequence_birth'`.execute(db);
      const next = Number(rows[0]?.last ?? 0) + 1;
      const year = Number(runtime.ctx.country.today().slice(0, 4));
      const number = formatRegistrationNumber('{eventCode}{year}{seq:7}', { eventCode: 'B', year, sequence: next });
      const record = (await api.create(registrar, 'birth')).json();
      let commit!: () => void;
      const committed = new Promise<void>((resolve) => (commit = resolve));
      let inserted!: () => void;
      const holding = new Promise<void>((resolve) => (inserted = resolve));
      // An import's batch holding that number, not committed yet: the registration's check cannot see it.
      const importing = db.transaction().execute(async (trx) => {
        await sql`
          INSERT INTO event_actions (id, event_id, seq, type, status, transaction_id, created_by, created_by_role,
            created_at_location, created_at, registration_number, prev_hash, hash)
          SELECT gen_random_uuid(), event_id, 1000, 'REGISTER', 'Accepted', 'import-race', created_by, created_by_role,
            created_at_location, created_at, ${number}, hash, hash
          FROM event_actions WHERE event_id = ${record.id} AND type = 'CREATE'`.execute(trx);
        inserted();
        await committed;
      });
      await holding;
      const registering = api.act(registrar, (await api.create(registrar, 'birth')).json().id, 'REGISTER', {
        declaration: birthDeclaration(),
      });
      // The registration waits on the number's unique key until the import commits, then draws again.
      await new Promise((resolve) => setTimeout(resolve, 500));
      commit();
      await importing;
      const res = await registering;
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().registrationNumber).toBe(
        formatRegistrationNumber('{eventCode}{year}{seq:7}', { eventCode: 'B', year, sequence: next + 1 }),
      );
    },
  );
});
