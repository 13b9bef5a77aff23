import { sql, type Kysely } from 'kysely';

/**
 * Work only when something changed. `events.checked_hash`: the hash of the declaration (with the form and today's
 * date, see events/verdict.ts) that last passed complete validation and the duplicate check; VALIDATE and REGISTER
 * of the same declaration skip both. Not part of any chain: a missing or stale value only means checking again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE events ADD COLUMN checked_hash text`.execute(db);
}
