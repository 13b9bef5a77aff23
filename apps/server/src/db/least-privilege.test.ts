import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../lib/env.ts';
import { verifyRegister } from '../modules/audit/verify.ts';
import { certificatesClient, motherCollects } from '../modules/certificates/testing.ts';
import { writeCheckpoint } from '../modules/checkpoints/index.ts';
import { certificateKeys } from '../modules/verify/index.ts';
import { createRuntime, type Runtime } from '../server.ts';
import { birthDeclaration } from '../test/declarations.ts';
import { DEV_CODE, login, seedFixtureFiles, testDatabaseKind, type TestRuntime } from '../test/harness.ts';
import { migrateAndGrant } from './owner.ts';
import { APPEND_ONLY_TABLES, guardedTables } from './roles.ts';

/**
 * The server as a role that owns nothing (PostgreSQL server only: the embedded database is one session of one
 * process, see docs/security.md). `lifeline migrate` creates and grants the role; the server then works as it, and
 * what an attacker with its password would try first is refused by PostgreSQL itself.
 */
describe.runIf(testDatabaseKind() === 'postgres')('least privilege on PostgreSQL', () => {
  const id = randomBytes(5).toString('hex');
  const schema = `test_lp_${id}`;
  const role = `lifeline_app_${id}`;
  const ownerUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  ownerUrl.searchParams.set('options', `-c search_path=${schema},public`);
  const appUrl = new URL(ownerUrl);
  appUrl.username = role;
  appUrl.password = `pw-${id}`;
  let runtime: Runtime;

  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin(`CREATE SCHEMA ${schema}`);
    for (const e of ['pg_trgm', 'fuzzystrmatch', 'unaccent']) {
      await admin(`CREATE EXTENSION IF NOT EXISTS ${e} SCHEMA public`).catch(() => undefined);
    }
  });
  afterAll(async () => {
    await runtime?.close();
    await admin(`DROP SCHEMA ${schema} CASCADE`);
    await admin(`DROP OWNED BY ${role}`).catch(() => undefined);
    await admin(`DROP ROLE IF EXISTS ${role}`);
  });

  it('lifeline migrate creates the role and grants it; the server registers and prints as it', async () => {
    const env = { databaseUrl: appUrl.href, databaseOwnerUrl: ownerUrl.href, dataDir: '/nonexistent-test-data-dir' };
    const first = await migrateAndGrant(env);
    expect(first).toMatchObject({ appRole: role, createdRole: true });
    expect(first.applied.length).toBeGreaterThan(10);
    expect(await migrateAndGrant(env)).toEqual({ applied: [], appRole: role, createdRole: false });

    runtime = await createRuntime(
      readEnv({
        NODE_ENV: 'test',
        AUTH_DEV_CODE: DEV_CODE,
        LOG_LEVEL: 'silent',
        DATA_DIR: '/nonexistent-test-data-dir',
        DATABASE_URL: appUrl.href,
        DATABASE_OWNER_URL: ownerUrl.href,
      }),
      { ephemeralKeys: true },
    );
    expect((await sql<{ r: string }>`SELECT current_user AS r`.execute(runtime.ctx.db)).rows[0].r).toBe(role);
    await seedFixtureFiles(runtime);
    const api = certificatesClient(runtime);
    const rt = runtime as TestRuntime;
    const record = await api.registered(await login(rt, 'k.mweene'), 'birth', birthDeclaration());
    const printed = await api.print(await login(rt, 'f.katongo'), record.id, motherCollects(record, 5));
    expect(printed.statusCode, printed.body).toBe(200);
    expect(await writeCheckpoint(runtime.ctx.db, await certificateKeys(runtime.ctx))).not.toBeNull();
    expect((await verifyRegister(runtime.ctx, await certificateKeys(runtime.ctx))).problems).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the append-only tables, and any change of the schema', async () => {
    const db = runtime.ctx.db;
    for (const table of APPEND_ONLY_TABLES) {
      for (const statement of [`UPDATE ${table} SET hash = hash`, `DELETE FROM ${table}`, `TRUNCATE ${table}`]) {
        const attempt = sql.raw(
          statement.replace('SET hash = hash', table === 'register_checkpoints' ? 'SET jws = jws' : 'SET hash = hash'),
        );
        await expect(attempt.execute(db), statement).rejects.toThrow(/permission denied/);
      }
    }
    await expect(sql`ALTER TABLE event_actions DISABLE TRIGGER USER`.execute(db)).rejects.toThrow(/must be owner/);
    await expect(sql`DROP TABLE audit_log`.execute(db)).rejects.toThrow(/must be owner/);
    await expect(sql`CREATE TABLE sneaky (x int)`.execute(db)).rejects.toThrow(/permission denied/);
    await expect(sql`SET session_replication_role = replica`.execute(db)).rejects.toThrow(/permission denied/);
  });

  it('owns nothing, and every table of every migration is granted (append-only ones for SELECT and INSERT only)', async () => {
    const db = runtime.ctx.db;
    const owned = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`.execute(
      db,
    );
    expect(owned.rows[0].n).toBe(0);
    const guarded = await guardedTables(db, schema);
    expect(guarded).toEqual(expect.arrayContaining([...APPEND_ONLY_TABLES]));
    const { rows } = await sql<{ t: string; s: boolean; i: boolean; u: boolean; d: boolean; tr: boolean }>`
      SELECT tablename AS t,
        has_table_privilege(current_user, format('%I.%I', schemaname, tablename), 'SELECT') AS s,
        has_table_privilege(current_user, format('%I.%I', schemaname, tablename), 'INSERT') AS i,
        has_table_privilege(current_user, format('%I.%I', schemaname, tablename), 'UPDATE') AS u,
        has_table_privilege(current_user, format('%I.%I', schemaname, tablename), 'DELETE') AS d,
        has_table_privilege(current_user, format('%I.%I', schemaname, tablename), 'TRUNCATE') AS tr
      FROM pg_tables WHERE schemaname = ${schema} ORDER BY 1`.execute(db);
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const appendOnly = guarded.includes(row.t);
      expect({ table: row.t, select: row.s, insert: row.i, update: row.u, delete: row.d, truncate: row.tr }).toEqual({
        table: row.t,
        select: true,
        insert: true,
        update: !appendOnly,
        delete: !appendOnly,
        truncate: false,
      });
    }
  });
});
