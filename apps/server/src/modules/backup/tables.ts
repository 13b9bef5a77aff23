import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Kysely's bookkeeping: a restore runs the code's own migrations first, and keeps their record. */
export const MIGRATION_TABLES = ['lifeline_migrations', 'lifeline_migrations_lock'];

/** The tables of the current schema (the register's), migrations' bookkeeping aside. */
export async function registerTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ t: string }>`
    SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`.execute(db);
  return rows.map((r) => r.t).filter((t) => !MIGRATION_TABLES.includes(t));
}

/** Every sequence of the schema and its last value (0 when never used). */
export async function sequenceValues(db: Db): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string; value: number | null }>`
    SELECT sequencename AS name, last_value AS value FROM pg_sequences WHERE schemaname = current_schema()`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.value ?? 0)]));
}

/** The tables in an order that inserts every referenced row before the rows referring to it. */
export async function insertOrder(db: Db, tables: string[]): Promise<string[]> {
  const { rows } = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, p.relname AS parent
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.oid <> p.oid`.execute(db);
  const ordered: string[] = [];
  const done = new Set<string>();
  const visit = (table: string, path: Set<string>) => {
    if (done.has(table) || path.has(table)) return;
    path.add(table);
    for (const r of rows) if (r.child === table && tables.includes(r.parent)) visit(r.parent, path);
    done.add(table);
    ordered.push(table);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

/** Columns a restore may write (generated ones are computed again). */
export async function writableColumns(db: Db, table: string): Promise<string[]> {
  const { rows } = await sql<{ c: string }>`
    SELECT column_name AS c FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} AND is_generated = 'NEVER'
    ORDER BY ordinal_position`.execute(db);
  return rows.map((r) => r.c);
}
