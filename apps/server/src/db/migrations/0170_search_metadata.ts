import { sql, type Kysely } from 'kysely';

/**
 * The record facts the reference 2.0 search grammar filters on and answers with: who created the record (a person
 * or a system), who last changed it and from where, and its legal statuses (who declared and registered it, when
 * and where). Filled by the projection rebuild the raised PROJECTION_VERSION starts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE event_index
      ADD COLUMN created_by_user_type text,
      ADD COLUMN updated_by text,
      ADD COLUMN updated_by_role text,
      ADD COLUMN updated_at_location text,
      ADD COLUMN legal_statuses jsonb`.execute(db);
}
