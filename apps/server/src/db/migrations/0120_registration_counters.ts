import { sql, type Kysely } from 'kysely';

/**
 * One registration number sequence per event type (births and deaths no longer share a counter). Each counter
 * starts where the shared sequence stood, so no number issued before can come round again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE registration_counters (
      event_type text PRIMARY KEY,
      last bigint NOT NULL CHECK (last >= 0)
    )`.execute(db);
  await sql`
    INSERT INTO registration_counters (event_type, last)
    SELECT DISTINCT e.type, s.last_value
    FROM events e, registration_number_seq s
    WHERE s.is_called`.execute(db);
}
