import { sql, type Kysely } from 'kysely';

/** Search columns of the projection: normalised names (trigram-indexed) and identity numbers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Extensions are per database, not per schema: keep them in public where every search_path finds them.
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch SCHEMA public`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`.execute(db);
  await sql`ALTER TABLE event_index ADD COLUMN names text NOT NULL DEFAULT ''`.execute(db);
  await sql`ALTER TABLE event_index ADD COLUMN ids text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`CREATE INDEX event_index_names ON event_index USING gin (names gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX event_index_ids ON event_index USING gin (ids)`.execute(db);
  await sql`CREATE INDEX event_index_place_path ON event_index USING gin (place_of_event_path gin_trgm_ops)`.execute(
    db,
  );
  await sql`CREATE INDEX event_index_office_path ON event_index USING gin (created_at_location_path gin_trgm_ops)`.execute(
    db,
  );
  await sql`CREATE INDEX event_index_date ON event_index (date_of_event)`.execute(db);
}
