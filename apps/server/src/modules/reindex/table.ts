import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** The table event_index is rebuilt into; its indexes and constraints carry this suffix until the swap. */
export const REBUILD_TABLE = 'event_index_rebuild';
const SUFFIX = '_rebuild';

/**
 * The new table: event_index's columns, defaults and checks, but no index yet (rows go in faster without them,
 * and one build per index at the end is faster than keeping them up to date row by row).
 */
export async function createRebuildTable(db: Db) {
  await sql.raw(`DROP TABLE IF EXISTS ${REBUILD_TABLE}`).execute(db);
  await sql.raw(`CREATE TABLE ${REBUILD_TABLE} (LIKE event_index INCLUDING ALL EXCLUDING INDEXES)`).execute(db);
}

interface LiveIndex {
  name: string;
  def: string;
  /** The constraint the index backs (primary key, unique), if any. */
  constraint: string | null;
  kind: 'p' | 'u' | null;
}

/**
 * Give the new table every index and constraint of event_index, under suffixed names: indexes are built
 * `parallel` at a time (GIN builds use one core each), then the unique ones become the same primary key and
 * unique constraints, and the foreign keys are added and validated without blocking writers of the tables they
 * refer to. Resumable: what a previous run already built is skipped.
 */
export async function buildIndexes(db: Db, parallel: number, memory: string) {
  const live = await sql<LiveIndex>`
    SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, con.conname AS constraint, con.contype AS kind
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
    WHERE i.indrelid = 'event_index'::regclass
    ORDER BY c.relname`.execute(db);
  const foreign = await sql<{ name: string; def: string; kind: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS def, contype AS kind FROM pg_constraint
    WHERE conrelid = 'event_index'::regclass AND contype NOT IN ('p', 'u', 'c', 'n')
    ORDER BY conname`.execute(db);
  const unknown = foreign.rows.find((c) => c.kind !== 'f');
  if (unknown) throw new Error(`reindex cannot copy constraint ${unknown.name} (${unknown.kind}) of event_index`);
  const done = await existing(db);

  // GIN builds first: they are the long ones, and each uses one core however many there are.
  const queue = live.rows
    // (ADD CONSTRAINT ... USING INDEX renames the index after the constraint.)
    .filter((i) => !done.indexes.has(i.name + SUFFIX) && !(i.constraint && done.indexes.has(i.constraint + SUFFIX)))
    .sort((a, b) => Number(/ USING gin /.test(b.def)) - Number(/ USING gin /.test(a.def)));
  const build = async () => {
    for (let index = queue.shift(); index; index = queue.shift()) {
      const def = index.def
        .replace(`INDEX ${index.name} ON`, `INDEX IF NOT EXISTS ${index.name}${SUFFIX} ON`)
        .replace(/ ON (\S+\.)?event_index /, ` ON ${REBUILD_TABLE} `);
      await db.transaction().execute(async (trx) => {
        // The default (64MB) makes large GIN builds spill to disk many times over.
        await sql.raw(`SET LOCAL maintenance_work_mem = '${memory}'`).execute(trx);
        await sql.raw(def).execute(trx);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, build));

  // Once all are built: ADD CONSTRAINT locks the whole table, which would wait for (or deadlock with) a build.
  for (const index of live.rows) {
    if (!index.constraint || done.constraints.has(index.constraint + SUFFIX)) continue;
    const kind = index.kind === 'p' ? 'PRIMARY KEY' : 'UNIQUE';
    await sql
      .raw(
        `ALTER TABLE ${REBUILD_TABLE} ADD CONSTRAINT ${index.constraint}${SUFFIX} ${kind} USING INDEX ${index.name}${SUFFIX}`,
      )
      .execute(db);
  }

  for (const fk of foreign.rows) {
    if (done.constraints.has(fk.name + SUFFIX)) continue;
    // NOT VALID then VALIDATE: the check of every row holds no lock that stops writers of the referred table.
    await sql.raw(`ALTER TABLE ${REBUILD_TABLE} ADD CONSTRAINT ${fk.name}${SUFFIX} ${fk.def} NOT VALID`).execute(db);
    await sql.raw(`ALTER TABLE ${REBUILD_TABLE} VALIDATE CONSTRAINT ${fk.name}${SUFFIX}`).execute(db);
  }
}

/** The indexes and the constraints the new table has already. */
async function existing(db: Db): Promise<{ indexes: Set<string>; constraints: Set<string> }> {
  const indexes = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = ${REBUILD_TABLE}::regclass`.execute(db);
  const constraints = await sql<{ name: string }>`
    SELECT conname AS name FROM pg_constraint WHERE conrelid = ${REBUILD_TABLE}::regclass`.execute(db);
  return {
    indexes: new Set(indexes.rows.map((r) => r.name)),
    constraints: new Set(constraints.rows.map((r) => r.name)),
  };
}

/** After the swap, indexes and constraints take back their usual names (migrations refer to them). */
export async function dropSuffixes(trx: Db) {
  const constraints = await sql<{ name: string }>`
    SELECT conname AS name FROM pg_constraint WHERE conrelid = 'event_index'::regclass`.execute(trx);
  for (const { name } of constraints.rows) {
    // Renaming a primary key or unique constraint renames its index too.
    if (name.endsWith(SUFFIX))
      await sql
        .raw(`ALTER TABLE event_index RENAME CONSTRAINT ${name} TO ${name.slice(0, -SUFFIX.length)}`)
        .execute(trx);
  }
  const indexes = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = 'event_index'::regclass`.execute(trx);
  for (const { name } of indexes.rows) {
    if (name.endsWith(SUFFIX))
      await sql.raw(`ALTER INDEX ${name} RENAME TO ${name.slice(0, -SUFFIX.length)}`).execute(trx);
  }
}
