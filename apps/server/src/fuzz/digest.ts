import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';

/**
 * What a refused request may legitimately change: the bookkeeping of refusals themselves (failed-login counters,
 * lock-outs, code attempts, their audit entries). Everything else in every table of the schema, including tables
 * added later, must be exactly as it was.
 */
export const REFUSAL_BOOKKEEPING = {
  /** Columns left out of a table's digest. */
  columns: {
    users: ['failed_logins', 'locked_until'],
    login_challenges: ['attempts', 'consumed_at'],
    user_tokens: ['attempts'],
  } as Record<string, string[]>,
  /** Tables left out entirely (counters of refused or unknown requests). */
  tables: ['verification_misses', 'auth_rate_limits', 'login_throttle'],
  /** Audit entries that record a refusal (SQL LIKE patterns on `action`). */
  auditActions: ['login.%', 'recovery.%'],
};

/**
 * A fingerprint of every table: its row count and the newest row version's transaction id (`xmin`), which any
 * insert, update or delete changes; for tables with bookkeeping columns left out, a digest of their rows instead.
 */
export async function tableDigests(db: Db): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const parts = tables
    .map((t) => t.name)
    .filter((name) => !REFUSAL_BOOKKEEPING.tables.includes(name))
    .map((name) => {
      const left = REFUSAL_BOOKKEEPING.columns[name];
      const where =
        name === 'audit_log'
          ? sql`WHERE NOT (t.action LIKE ANY (${sql.val(REFUSAL_BOOKKEEPING.auditActions)}::text[]))`
          : sql``;
      if (!left) {
        return sql`SELECT ${name}::text AS name, count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) AS digest
          FROM ${sql.table(name)} t ${where}`;
      }
      const row = sql`(to_jsonb(t)${sql.join(
        left.map((c) => sql` - ${c}::text`),
        sql``,
      )})::text`;
      return sql`SELECT ${name}::text AS name, coalesce(md5(string_agg(md5(${row}), '' ORDER BY md5(${row}))), '') AS digest
        FROM ${sql.table(name)} t ${where}`;
    });
  if (!parts.length) return {};
  const { rows } = await sql<{ name: string; digest: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/**
 * The next transaction id the database will hand out. It moves only when some transaction writes, so an unchanged
 * value proves nothing was written, and the full digest is needed only when it moved.
 */
export async function nextTransactionId(db: Db): Promise<string> {
  const { rows } = await sql<{ xmax: string }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`.execute(
    db,
  );
  return rows[0].xmax;
}

/** Tables whose digest differs between two snapshots. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]);
}
