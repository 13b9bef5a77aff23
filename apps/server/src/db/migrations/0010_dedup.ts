import { sql, type Kysely } from 'kysely';

/** Phonetic keys of every name on a record, for finding duplicate candidates by sound with an index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE event_index ADD COLUMN name_keys text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`CREATE INDEX event_index_name_keys ON event_index USING gin (name_keys)`.execute(db);
}
