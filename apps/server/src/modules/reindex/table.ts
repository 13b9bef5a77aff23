import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** The table event_index is rebuilt into; its indexes and constraints carry this suffix until the swap. */
export const REBUILD_TABLE = 'event_index_rebuild';
/** The statistics rows (registration_facts) are rebuilt beside it, from the same replay, and swapped with it. */
export const FACTS_REBUILD_TABLE = 'registration_facts_rebuild';
const SUFFIX = '_rebuild';

/** The tables a rebuild replaces: each live one and the table it is rebuilt into. */
export const REBUILT_TABLES = [
  { live: 'event_index', rebuild: REBUILD_TABLE },
  { live: 'registration_facts', rebuild: FACTS_REBUILD_TABLE },
] as const;
type RebuiltTable = (typeof REBUILT_TABLES)[number];

/**
 * The new tables: the live ones' columns, defaults and checks, but no index yet (rows go in faster without them,
 * and one build per index at the end is faster than keeping them up to date row by row).
 */
export async function createRebuildTable(db: Db) {
  for (const { live, rebuild } of REBUILT_TABLES) {
    await sql.raw(`DROP TABLE IF EXISTS ${rebuild}`).execute(db);
    await sql.raw(`CREATE TABLE ${rebuild} (LIKE ${live} INCLUDING ALL EXCLUDING INDEXES)`).execute(db);
  }
}

interface LiveIndex {
  name: string;
  def: string;
  /** The constraint the index backs (primary key, unique), if any. */
  constraint: string | null;
  kind: 'p' | 'u' | null;
}

/** Every rebuilt table gets its live table's indexes and constraints (see buildTableIndexes), one after another. */
export async function buildIndexes(db: Db, parallel: number, memory: string) {
  for (const table of REBUILT_TABLES) await buildTableIndexes(db, table, parallel, memory);
}

/**
 * Give the new table every index and constraint of the live one, under suffixed names: indexes are built
 * `parallel` at a time (GIN builds use one core each), then the unique ones become the same primary key and
 * unique constraints, and the foreign keys are added and validated without blocking writers of the tables they
 * refer to. Resumable: what a previous run already built is skipped.
 */
async function buildTableIndexes(db: Db, table: RebuiltTable, parallel: number, memory: string) {
  const { live: liveTable, rebuild } = table;
  const live = await sql<LiveIndex>`
    SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, con.conname AS constraint, con.contype AS kind
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
    WHERE i.indrelid = ${liveTable}::regclass
    ORDER BY c.relname`.execute(db);
  const foreign = await sql<{ name: string; def: string; kind: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS def, contype AS kind FROM pg_constraint
    WHERE conrelid = ${liveTable}::regclass AND contype NOT IN ('p', 'u', 'c', 'n')
    ORDER BY conname`.execute(db);
  const unknown = foreign.rows.find((c) => c.kind !== 'f');
  if (unknown) throw new Error(`reindex cannot copy constraint ${unknown.name} (${unknown.kind}) of ${liveTable}`);
  const done = await existing(db, rebuild);

  // GIN builds first: they are the long ones, and each uses one core however many there are.
  const queue = live.rows
    // (ADD CONSTRAINT ... USING INDEX renames the index after the constraint.)
    .filter((i) => !done.indexes.has(i.name + SUFFIX) && !(i.constraint && done.indexes.has(i.constraint + SUFFIX)))
    .sort((a, b) => Number(/ USING gin /.test(b.def)) - Number(/ USING gin /.test(a.def)));
  const build = async () => {
    for (let index = queue.shift(); index; index = queue.shift()) {
      const def = index.def
        .replace(`INDEX ${index.name} ON`, `INDEX IF NOT EXISTS ${index.name}${SUFFIX} ON`)
        .replace(new RegExp(` ON (\\S+\\.)?${liveTable} `), ` ON ${rebuild} `);
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
        `ALTER TABLE ${rebuild} ADD CONSTRAINT ${index.constraint}${SUFFIX} ${kind} USING INDEX ${index.name}${SUFFIX}`,
      )
      .execute(db);
  }

  for (const fk of foreign.rows) {
    if (done.constraints.has(fk.name + SUFFIX)) continue;
    // NOT VALID then VALIDATE: the check of every row holds no lock that stops writers of the referred table.
    await sql.raw(`ALTER TABLE ${rebuild} ADD CONSTRAINT ${fk.name}${SUFFIX} ${fk.def} NOT VALID`).execute(db);
    await sql.raw(`ALTER TABLE ${rebuild} VALIDATE CONSTRAINT ${fk.name}${SUFFIX}`).execute(db);
  }
}

/** The indexes and the constraints the new table has already. */
async function existing(db: Db, rebuild: string): Promise<{ indexes: Set<string>; constraints: Set<string> }> {
  const indexes = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = ${rebuild}::regclass`.execute(db);
  const constraints = await sql<{ name: string }>`
    SELECT conname AS name FROM pg_constraint WHERE conrelid = ${rebuild}::regclass`.execute(db);
  return {
    indexes: new Set(indexes.rows.map((r) => r.name)),
    constraints: new Set(constraints.rows.map((r) => r.name)),
  };
}

/** After the swap, indexes and constraints take back their usual names (migrations refer to them). */
export async function dropSuffixes(trx: Db) {
  for (const { live } of REBUILT_TABLES) await dropTableSuffixes(trx, live);
}

async function dropTableSuffixes(trx: Db, table: string) {
  const constraints = await sql<{ name: string }>`
    SELECT conname AS name FROM pg_constraint WHERE conrelid = ${table}::regclass`.execute(trx);
  for (const { name } of constraints.rows) {
    // Renaming a primary key or unique constraint renames its index too.
    if (name.endsWith(SUFFIX))
      await sql.raw(`ALTER TABLE ${table} RENAME CONSTRAINT ${name} TO ${name.slice(0, -SUFFIX.length)}`).execute(trx);
  }
  const indexes = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = ${table}::regclass`.execute(trx);
  for (const { name } of indexes.rows) {
    if (name.endsWith(SUFFIX))
      await sql.raw(`ALTER INDEX ${name} RENAME TO ${name.slice(0, -SUFFIX.length)}`).execute(trx);
  }
}
