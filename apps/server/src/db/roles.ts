import { sql } from 'kysely';
import type { Db } from './connect.ts';

/**
 * Tables the server may only read and append to: what makes the register's history its own evidence. Each has the
 * lifeline_forbid_change trigger too (for the owner's own mistakes); the app role cannot disable a trigger.
 */
export const APPEND_ONLY_TABLES = ['event_actions', 'audit_log', 'register_checkpoints', 'checkpoint_heads'] as const;

const ident = (name: string) => sql.id(name);

/** The role a PostgreSQL URL logs in as, and its password (URL-decoded). */
export function roleOf(url: string): { role: string; password: string } {
  const parsed = new URL(url);
  return { role: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}

/**
 * Create the app role when it does not exist (LOGIN, with the password of its URL, owning nothing): needs an owner
 * with CREATEROLE. Returns whether it was created.
 */
export async function ensureAppRole(owner: Db, role: string, password: string): Promise<boolean> {
  const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${role}`.execute(
    owner,
  );
  if (found.rows[0].n) return false;
  // CREATE ROLE takes no bind parameters: the password is quoted by PostgreSQL's own quote_literal.
  const quoted = (await sql<{ q: string }>`SELECT quote_literal(${password}) AS q`.execute(owner)).rows[0].q;
  await sql`CREATE ROLE ${ident(role)} LOGIN PASSWORD ${sql.raw(quoted)} NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`.execute(
    owner,
  );
  return true;
}

/** Append-only tables of this schema: those guarded by the lifeline_forbid_change trigger. */
export async function guardedTables(db: Db, schema: string): Promise<string[]> {
  const { rows } = await sql<{ t: string }>`
    SELECT DISTINCT c.relname AS t
    FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_proc p ON p.oid = g.tgfoid
    WHERE p.proname = 'lifeline_forbid_change' AND n.nspname = ${schema} AND NOT g.tgisinternal
    ORDER BY 1`.execute(db);
  return rows.map((r) => r.t);
}

/**
 * What the server's role may do, granted by the owner after every migration: read and write the working tables
 * (every table of the schema, now and created later by the owner, by default privileges), but only SELECT and
 * INSERT on the append-only ones (APPEND_ONLY_TABLES and every other table carrying the append-only trigger), and
 * no TRUNCATE, REFERENCES or TRIGGER anywhere. It owns nothing, so it can neither alter a table nor disable a trigger.
 */
export async function grantAppRole(owner: Db, role: string, schema: string): Promise<void> {
  const s = ident(schema);
  const r = ident(role);
  await sql`GRANT USAGE ON SCHEMA ${s} TO ${r}`.execute(owner);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`.execute(owner);
  await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`.execute(owner);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`.execute(
    owner,
  );
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${r}`.execute(owner);
  const guarded = await guardedTables(owner, schema);
  const missing = APPEND_ONLY_TABLES.filter((t) => !guarded.includes(t));
  if (missing.length) throw new Error(`append-only tables without their trigger: ${missing.join(', ')}`);
  for (const table of guarded) {
    await sql`REVOKE UPDATE, DELETE, TRUNCATE ON ${sql.table(`${schema}.${table}`)} FROM ${r}`.execute(owner);
  }
}

/** The schema tables live in for this connection (the first of its search path). */
export async function currentSchema(db: Db): Promise<string> {
  return (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0].s;
}

/** The role a connection is logged in as. */
export async function currentRole(db: Db): Promise<string> {
  return (await sql<{ r: string }>`SELECT current_user AS r`.execute(db)).rows[0].r;
}
