/**
 * `node --import tsx bench/migrate-schema.ts` with DATABASE_URL, BENCH_SCHEMA and BENCH_SEARCH_PATH (default:
 * the schema alone): bring one schema of a PostgreSQL server up to date, naming the schema to the migrator.
 * Run in its own process just before the server starts, so both load the same migration list.
 *
 * Why not let the server do it: started with only DATABASE_URL (the schema in `options=-c search_path=...`),
 * the server migrates without naming the schema, and Kysely's Migrator then looks for lifeline_migrations in
 * every schema of the database: when another schema has one (a concurrent `TEST_DB=postgres` test run), it
 * skips creating its own and fails with `relation "lifeline_migrations_lock" does not exist`.
 */
import { connectDatabase } from '../apps/server/src/db/connect.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';

const url = process.env.DATABASE_URL;
const schema = process.env.BENCH_SCHEMA;
if (!url || !schema) throw new Error('DATABASE_URL and BENCH_SCHEMA are required');
const searchPath = process.env.BENCH_SEARCH_PATH || schema;
const handle = await connectDatabase({ databaseUrl: url, searchPath, poolSize: 1 });
try {
  const applied = await migrateToLatest(handle.db, schema);
  console.log(`migrated ${schema}: ${applied.join(', ') || 'nothing to apply'}`);
} finally {
  await handle.close();
}
