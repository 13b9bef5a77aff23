import { sql, type Kysely } from 'kysely';

/**
 * Locations created or renamed through the API (FHIR Location) are the registry's own: `source = 'api'` keeps the
 * start-up seed from the country files from overwriting them, and the server loads them next to the configured ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE locations ADD COLUMN source text NOT NULL DEFAULT 'config'`.execute(db);
  await sql`ALTER TABLE locations ADD COLUMN IF NOT EXISTS updated_at timestamptz`.execute(db);
}
