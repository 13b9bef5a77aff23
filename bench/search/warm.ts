import { sql } from 'kysely';
import type { Db } from '../../apps/server/src/db/connect.ts';

/**
 * Read event_index, its indexes and the name lexicon into the operating system's file cache (pg_prewarm, mode
 * `read`), as a server that has been answering for a while has them. On this VM idle file cache is given back to
 * the host, so a register seeded or reused minutes earlier is otherwise read from disk by the first searches, and
 * the figures would measure the disk rather than the search. Returns what was read, or null where pg_prewarm is
 * not available (the embedded database keeps its data in this process's memory anyway).
 */
export async function warmCache(db: Db): Promise<{ seconds: number; megabytes: number } | null> {
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_prewarm SCHEMA public`.execute(db);
  } catch {
    return null;
  }
  const t0 = performance.now();
  const { rows } = await sql<{ blocks: number }>`
    SELECT public.pg_prewarm(c.oid, 'read') AS blocks
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema()
      AND (c.relname IN ('event_index', 'name_lexicon')
           OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN ('event_index'::regclass, 'name_lexicon'::regclass)))`.execute(
    db,
  );
  const blocks = rows.reduce((n, r) => n + Number(r.blocks), 0);
  return { seconds: (performance.now() - t0) / 1000, megabytes: Math.round((blocks * 8192) / 1e6) };
}
