import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Head } from './merkle.ts';
import { withCheckpoints, type RegisterCheckpointsTable } from './tables.ts';

export type CheckpointRow = Selectable<RegisterCheckpointsTable>;

const BATCH = 2000;

export function latestCheckpoint(db: Db): Promise<CheckpointRow | undefined> {
  return withCheckpoints(db)
    .selectFrom('register_checkpoints')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function checkpointById(db: Db, id: number): Promise<CheckpointRow | undefined> {
  return withCheckpoints(db).selectFrom('register_checkpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Checkpoints after `after`, in order, a page at a time. */
export function checkpointsAfter(db: Db, after: number, limit: number): Promise<CheckpointRow[]> {
  return withCheckpoints(db)
    .selectFrom('register_checkpoints')
    .selectAll()
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Record chains whose head moved since it was last covered (or never was). Read from the heads kept on each
 * record's row: one narrow scan of events against covered_heads, no read of the action log.
 */
export async function movedRecordHeads(trx: Db): Promise<Head[]> {
  const { rows } = await sql<Head>`
    SELECT 'record:' || e.id::text AS chain, e.last_seq AS position, e.last_hash AS hash
    FROM events e LEFT JOIN covered_heads h ON h.chain = 'record:' || e.id::text
    WHERE e.last_hash IS NOT NULL AND h.hash IS DISTINCT FROM e.last_hash`.execute(trx);
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

/** The last entry of each audit stream written after entry `after`, and the highest entry id read. */
export async function movedAuditHeads(trx: Db, after: number): Promise<{ heads: Head[]; upTo: number }> {
  const { rows } = await sql<Head>`
    SELECT DISTINCT ON (stream) 'audit:' || stream AS chain, id AS position, hash
    FROM audit_log WHERE id > ${after} ORDER BY stream, id DESC`.execute(trx);
  const heads = rows.map((r) => ({ ...r, position: Number(r.position) }));
  return { heads, upTo: heads.reduce((max, h) => Math.max(max, h.position), after) };
}

/** Store a checkpoint, the heads it covers, and move the working copy of covered heads. */
export async function insertCheckpoint(trx: Db, row: CheckpointRow, heads: Head[]): Promise<void> {
  const db = withCheckpoints(trx);
  await db.insertInto('register_checkpoints').values(row).execute();
  for (let i = 0; i < heads.length; i += BATCH) {
    const batch = heads.slice(i, i + BATCH);
    await db
      .insertInto('checkpoint_heads')
      .values(batch.map((h) => ({ checkpoint_id: row.id, ...h })))
      .execute();
    await db
      .insertInto('covered_heads')
      .values(batch)
      .onConflict((oc) =>
        oc.column('chain').doUpdateSet((eb) => ({
          position: eb.ref('excluded.position'),
          hash: eb.ref('excluded.hash'),
        })),
      )
      .execute();
  }
}

/** The heads one checkpoint covers. */
export async function headsOf(db: Db, checkpointId: number): Promise<Head[]> {
  const rows = await withCheckpoints(db)
    .selectFrom('checkpoint_heads')
    .select(['chain', 'position', 'hash'])
    .where('checkpoint_id', '=', checkpointId)
    .execute();
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

/** Covered heads no longer in the chains: the action or audit entry at that position is gone or has another hash. */
export async function vanishedHeads(db: Db): Promise<Array<Head & { checkpoint_id: number }>> {
  const { rows } = await sql<Head & { checkpoint_id: number }>`
    SELECT h.checkpoint_id, h.chain, h.position, h.hash
    FROM checkpoint_heads h
    LEFT JOIN event_actions a ON a.event_id::text = substr(h.chain, 8) AND a.seq = h.position
    WHERE h.chain LIKE 'record:%' AND a.hash IS DISTINCT FROM h.hash
    UNION ALL
    SELECT h.checkpoint_id, h.chain, h.position, h.hash
    FROM checkpoint_heads h
    LEFT JOIN audit_log l ON l.id = h.position AND l.stream = substr(h.chain, 7)
    WHERE h.chain LIKE 'audit:%' AND l.hash IS DISTINCT FROM h.hash
    ORDER BY 1, 2`.execute(db);
  return rows.map((r) => ({ ...r, position: Number(r.position), checkpoint_id: Number(r.checkpoint_id) }));
}
