import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { PROJECTION_VERSION } from '../events/projection.ts';
import { createRebuildTable } from './table.ts';

/**
 * Where a rebuild stands, kept in the database so that an interrupted one resumes: reindex_progress (one row), and
 * reindex_records, every record with the version its rebuilt row has (the catch-up compares it with the live one).
 */
export interface Progress {
  /** The copy has written every record of reindex_records up to this position. */
  last: number;
  done: number;
  /** The copy is over (records created since are the catch-up's). */
  copied: boolean;
}

/**
 * Resume the rebuild a previous run left, or start a new one (new table, progress at zero). A rebuild started by
 * code computing another projection version is started over: its rows are not what this code writes.
 */
export async function startOrResume(db: Db): Promise<Progress> {
  return db.transaction().execute(async (trx) => {
    // Two runs starting at once: the second waits here, then resumes the first's (and one of them stops at its
    // first batch, see advance).
    await sql`SELECT pg_advisory_xact_lock(hashtext('lifeline reindex ' || current_schema()))`.execute(trx);
    const exists = await sql<{ t: string | null }>`SELECT to_regclass('reindex_records')::text AS t`.execute(trx);
    if (exists.rows[0].t) {
      const row = (
        await sql<{ last_n: number; done: number; copied: boolean; version: number }>`
          SELECT * FROM reindex_progress WHERE id = 1`.execute(trx)
      ).rows[0];
      if (row?.version === PROJECTION_VERSION) return { last: row.last_n, done: row.done, copied: row.copied };
    }
    await sql`DROP TABLE IF EXISTS reindex_progress, reindex_records`.execute(trx);
    await createRebuildTable(trx);
    await sql`
      CREATE TABLE reindex_progress (
        id integer PRIMARY KEY,
        last_n bigint NOT NULL,
        done integer NOT NULL,
        copied boolean NOT NULL,
        version integer NOT NULL
      )`.execute(trx);
    await sql`INSERT INTO reindex_progress VALUES (1, 0, 0, false, ${PROJECTION_VERSION})`.execute(trx);
    // The records to copy, numbered in the order they lie on disk (roughly the order they were created, and their
    // actions with them): batches of neighbours read the action log's pages in runs, not one random page per
    // record as in id order. Records created from now on are the catch-up's (n is null for them).
    await sql`
      CREATE TABLE reindex_records AS
      SELECT row_number() OVER () AS n, id, type, tracking_id, version FROM events`.execute(trx);
    await sql`CREATE INDEX reindex_records_n ON reindex_records (n)`.execute(trx);
    await sql`CREATE UNIQUE INDEX reindex_records_id ON reindex_records (id)`.execute(trx);
    // Without statistics the catch-up's join of it with events goes by two index scans, seconds at a million.
    await sql`ANALYZE reindex_records`.execute(trx);
    return { last: 0, done: 0, copied: false };
  });
}

/**
 * The statement that moves the marker past a batch of `count` records ending at `last`, only if it is still where
 * this run left it: a second rebuild running at the same time then finds no row (and stops) instead of copying
 * the same records twice.
 */
export function advance(from: number, last: number, count: number) {
  return sql<{ id: number }>`
    UPDATE reindex_progress SET last_n = ${last}::bigint, done = done + ${count}::integer
    WHERE id = 1 AND last_n = ${from}::bigint
    RETURNING id`;
}

export async function markCopied(db: Db) {
  await sql`UPDATE reindex_progress SET copied = true WHERE id = 1`.execute(db);
}

/** Drop the rebuild's bookkeeping (inside the swap). */
export async function dropProgress(trx: Db) {
  await sql`DROP TABLE reindex_progress, reindex_records`.execute(trx);
}
