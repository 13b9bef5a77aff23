import { deriveState, type Action } from '@lifeline/domain';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/connect.ts';
import { toIndexRow } from '../events/projection.ts';
import { toAction } from '../events/repository.ts';

const NEW_TABLE = 'event_index_rebuild';
const BATCH = 1000;

export interface ReindexProgress {
  done: number;
  total: number;
  recordsPerSecond: number;
  phase: 'copy' | 'catch-up' | 'swap' | 'done';
}

export interface ReindexOptions {
  onProgress?: (p: ReindexProgress) => void;
  /** Stop after this many records (to test resuming); the next run continues where this one stopped. */
  stopAfter?: number;
}

/**
 * Rebuild event_index from the action log into a new table, then swap it in. Search reads the old table
 * throughout; records written meanwhile are caught up; the swap holds a lock only for the last catch-up and the
 * rename. Progress is kept in the database, so an interrupted rebuild resumes where it stopped.
 */
export async function reindex(
  ctx: AppContext,
  options: ReindexOptions = {},
): Promise<{ records: number; seconds: number; completed: boolean }> {
  const { db } = ctx;
  const started = Date.now();
  await prepare(db);
  const total = Number(
    (
      await db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  let { last_event_id: after, done } = await sql<{ last_event_id: string | null; done: number }>`
    SELECT last_event_id, done FROM reindex_progress WHERE id = 1`
    .execute(db)
    .then((r) => r.rows[0]);
  let copiedNow = 0;
  for (;;) {
    let q = db.selectFrom('events').select(['id', 'type', 'tracking_id', 'version']).orderBy('id').limit(BATCH);
    if (after) q = q.where('id', '>', after);
    const events = await q.execute();
    if (!events.length) break;
    await db.transaction().execute(async (trx) => {
      await writeRebuilt(ctx, trx, events);
      after = events[events.length - 1].id;
      done += events.length;
      await sql`UPDATE reindex_progress SET last_event_id = ${after}, done = ${done} WHERE id = 1`.execute(trx);
    });
    copiedNow += events.length;
    options.onProgress?.({ done, total, recordsPerSecond: rate(copiedNow, started), phase: 'copy' });
    if (options.stopAfter !== undefined && copiedNow >= options.stopAfter) {
      return { records: copiedNow, seconds: (Date.now() - started) / 1000, completed: false };
    }
  }
  await copyIndexes(db);
  // Records written while copying: bring them up to date without blocking anyone.
  await catchUp(ctx, db);
  options.onProgress?.({ done, total, recordsPerSecond: rate(copiedNow, started), phase: 'catch-up' });
  await db.transaction().execute(async (trx) => {
    // Writers wait here for the last few milliseconds; readers keep reading the old table until the rename.
    await sql`LOCK TABLE event_index IN EXCLUSIVE MODE`.execute(trx);
    await catchUp(ctx, trx);
    await sql.raw(`ALTER TABLE event_index RENAME TO event_index_retired`).execute(trx);
    await sql.raw(`ALTER TABLE ${NEW_TABLE} RENAME TO event_index`).execute(trx);
    await sql`DROP TABLE event_index_retired`.execute(trx);
    await renameIndexes(trx);
    await sql`DROP TABLE reindex_progress`.execute(trx);
  });
  options.onProgress?.({ done, total, recordsPerSecond: rate(copiedNow, started), phase: 'done' });
  return { records: copiedNow, seconds: (Date.now() - started) / 1000, completed: true };
}

const rate = (n: number, since: number) => Math.round(n / Math.max(0.001, (Date.now() - since) / 1000));

/** Create the new table and the progress row, unless a previous run left them (then resume). */
async function prepare(db: Db) {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('reindex_progress')::text AS t`.execute(db);
  if (exists.rows[0].t) return;
  await db.transaction().execute(async (trx) => {
    await sql.raw(`DROP TABLE IF EXISTS ${NEW_TABLE}`).execute(trx);
    await sql.raw(`CREATE TABLE ${NEW_TABLE} (LIKE event_index INCLUDING DEFAULTS)`).execute(trx);
    await sql`CREATE TABLE reindex_progress (id integer PRIMARY KEY, last_event_id uuid, done integer NOT NULL)`.execute(
      trx,
    );
    await sql`INSERT INTO reindex_progress (id, last_event_id, done) VALUES (1, NULL, 0)`.execute(trx);
  });
}

/** Replay each record's actions with the domain reducer and write its projection row into the new table. */
async function writeRebuilt(
  ctx: AppContext,
  trx: Db,
  events: Array<{ id: string; type: string; tracking_id: string; version: number }>,
) {
  const rows = await trx
    .selectFrom('event_actions')
    .selectAll()
    .where(
      'event_id',
      'in',
      events.map((e) => e.id),
    )
    .orderBy('event_id')
    .orderBy('seq')
    .execute();
  const byEvent = new Map<string, Action[]>();
  for (const row of rows) {
    const list = byEvent.get(row.event_id) ?? [];
    list.push(toAction(row));
    byEvent.set(row.event_id, list);
  }
  const values = [];
  for (const e of events) {
    const state = deriveState(byEvent.get(e.id) ?? []);
    const config = ctx.country.events.get(e.type);
    if (!state || state.deleted || !config) continue;
    values.push(toIndexRow(ctx.country, config, { id: e.id, trackingId: e.tracking_id }, state, e.version));
  }
  await sql`DELETE FROM ${sql.table(NEW_TABLE)} WHERE event_id IN (${sql.join(events.map((e) => e.id))})`.execute(trx);
  if (values.length)
    await trx
      .insertInto(NEW_TABLE as 'event_index')
      .values(values)
      .execute();
}

/** Rebuild the records whose live version differs from the rebuilt one, and drop rows of deleted records. */
async function catchUp(ctx: AppContext, db: Db) {
  const changed = await sql<{ id: string; type: string; tracking_id: string; version: number }>`
    SELECT e.id, e.type, e.tracking_id, e.version
    FROM events e
    LEFT JOIN ${sql.table(NEW_TABLE)} n ON n.event_id = e.id
    LEFT JOIN event_index l ON l.event_id = e.id
    WHERE (l.event_id IS NOT NULL AND (n.event_id IS NULL OR n.version <> e.version))
       OR (l.event_id IS NULL AND n.event_id IS NOT NULL)`.execute(db);
  for (let i = 0; i < changed.rows.length; i += BATCH) await writeRebuilt(ctx, db, changed.rows.slice(i, i + BATCH));
}

/** Give the new table the live table's indexes (unique ones included), under temporary names. */
async function copyIndexes(db: Db) {
  const { rows } = await sql<{ indexname: string; indexdef: string }>`
    SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'event_index' AND schemaname = current_schema()`.execute(
    db,
  );
  for (const { indexname, indexdef } of rows) {
    const def = indexdef
      .replace(`INDEX ${indexname} ON`, `INDEX IF NOT EXISTS ${indexname}_rebuild ON`)
      .replace(/ ON (\S+\.)?event_index /, ` ON ${NEW_TABLE} `);
    await sql.raw(def).execute(db);
  }
}

/** After the swap, the indexes take back their usual names (migrations refer to them). */
async function renameIndexes(trx: Db) {
  const { rows } = await sql<{ indexname: string }>`
    SELECT indexname FROM pg_indexes
    WHERE tablename = 'event_index' AND schemaname = current_schema() AND indexname LIKE '%\\_rebuild'`.execute(trx);
  for (const { indexname } of rows) {
    await sql.raw(`ALTER INDEX ${indexname} RENAME TO ${indexname.replace(/_rebuild$/, '')}`).execute(trx);
  }
}
