import { sql, type Kysely } from 'kysely';

/**
 * Each printed certificate records the version of its template in force at the print (0: the country package's;
 * certificates printed before this migration carry 0, and their stored content draws them as they were).
 * Template versions themselves are layers of `settings_versions` named `certificate-template.<id>`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE certificates ADD COLUMN template_version integer NOT NULL DEFAULT 0`.execute(db);
}
