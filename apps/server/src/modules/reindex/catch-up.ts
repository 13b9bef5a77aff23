import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { replay, type RecordRef } from './replay.ts';
import { FACTS_REBUILD_TABLE, REBUILD_TABLE } from './table.ts';
import { addWords, insertFacts, insertRows } from './write.ts';

/**
 * Rebuild the records written since they were copied: their version moved on since (a deletion too), or they are
 * new. reindex_records has the version of each rebuilt row, so this compares two narrow tables rather than the two
 * projections. Returns how many records it rebuilt.
 */
export async function catchUp(ctx: AppContext, db: Db, batchSize: number, words: Set<string>): Promise<number> {
  const changed = db.isTransaction ? await changedRecords(db) : await db.transaction().execute(changedRecords);
  for (let i = 0; i < changed.length; i += batchSize) {
    const batch = await replay(ctx, db, changed.slice(i, i + batchSize));
    const write = async (trx: Db) => {
      const ids = batch.records.map((r) => r.id);
      const versions = batch.records.map((r) => r.version);
      await sql`DELETE FROM ${sql.table(REBUILD_TABLE)} WHERE event_id = ANY(${ids}::uuid[])`.execute(trx);
      await sql`DELETE FROM ${sql.table(FACTS_REBUILD_TABLE)} WHERE event_id = ANY(${ids}::uuid[])`.execute(trx);
      if (batch.rows.length) await insertRows(batch.rows).execute(trx);
      await insertFacts(batch.rows)?.execute(trx);
      await addWords(trx, batch.rows, words)?.execute();
      await sql`
        INSERT INTO reindex_records (id, version) SELECT * FROM unnest(${ids}::uuid[], ${versions}::integer[])
        ON CONFLICT (id) DO UPDATE SET version = excluded.version`.execute(trx);
    };
    // Inside the swap's transaction already, or in one of its own.
    if (db.isTransaction) await write(db);
    else await db.transaction().execute(write);
  }
  return changed.length;
}

/** Records whose live version is not their rebuilt row's (none yet for new ones). */
async function changedRecords(trx: Db): Promise<RecordRef[]> {
  // Enough memory to hash a million narrow rows without spilling: the last catch-up runs while writers wait.
  await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
  const { rows } = await sql<RecordRef>`
    SELECT e.id, e.type, e.tracking_id, e.version
    FROM events e LEFT JOIN reindex_records r ON r.id = e.id
    WHERE r.version IS DISTINCT FROM e.version`.execute(trx);
  return rows;
}
