import { sql, type Kysely } from 'kysely';

/**
 * Possible duplicates found by the country's duplicate rules when an import is run with them (issue 13): each
 * imported row that matched a record already in the register, or an earlier row of the same file, with the record
 * it matched, the rules and the score. Reported for review, never merged; written in the batch's transaction.
 *
 * The exact rule (same names and date of event) looks up each row of a batch by date and names: with an index on
 * the date alone that read every record born the same days (at 200,000 records, 61,000 rows and 150 ms per batch of
 * 1,000, growing with the register). The date index becomes (date, md5(names)): the same index for date ranges,
 * one probe per row for the exact rule, and no extra index for every other write to maintain. md5 keeps the entry
 * small whatever the names' length.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS event_index_date_names ON event_index (date_of_event, md5(names))`.execute(db);
  await sql`DROP INDEX IF EXISTS event_index_date`.execute(db);
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
