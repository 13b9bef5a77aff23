import { sql, type Kysely } from 'kysely';

/**
 * The declaration fields an integration client may see (a RECORD_SEARCH client's allow-list, set by the national
 * system administrator); NULL = every field, as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE system_clients ADD COLUMN fields text[]`.execute(db);
}
