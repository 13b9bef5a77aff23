import { sql, type Kysely } from 'kysely';

/**
 * Possible duplicates found by the country's duplicate rules when an import is run with them (issue 13): each
 * imported row that matched a record already in the register, or an earlier row of the same file, with the record
 * it matched, the rules and the score. Reported for review, never merged; written in the batch's transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE imports ADD COLUMN duplicates integer NOT NULL DEFAULT 0`.execute(db);
  await sql`
    CREATE TABLE import_duplicates (
      import_id uuid NOT NULL REFERENCES imports(id),
      row integer NOT NULL,
      registration_number text NOT NULL,
      event_id uuid NOT NULL,
      matched_event_id uuid NOT NULL,
      matched_registration_number text,
      matched_row integer,
      rules text[] NOT NULL,
      score real NOT NULL,
      PRIMARY KEY (import_id, row, matched_event_id)
    )`.execute(db);
}
