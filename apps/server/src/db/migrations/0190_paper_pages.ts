import { sql, type Kysely } from 'kysely';

/**
 * Scanned pages of old paper registers, waiting to be transcribed (issue 13, part 5). One row per page: its scan
 * (a stored file), where it comes from (register, volume, page), the office and event type it belongs to, who has it
 * open, and how far its transcription is. Each typed entry is kept (`paper_entries`): two people type a page
 * independently when double entry is on, and a registrar's resolution is a third entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE paper_pages (
      id uuid PRIMARY KEY,
      file_id text NOT NULL REFERENCES files(id),
      content_type text NOT NULL,
      event_type text NOT NULL,
      office_id text NOT NULL,
      register_name text,
      volume text,
      page_label text,
      batch_id uuid NOT NULL,
      batch_position integer NOT NULL,
      double_entry boolean NOT NULL,
      status text NOT NULL,
      assigned_to text,
      uploaded_by text NOT NULL,
      uploaded_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      event_id uuid
    )`.execute(db);
  await sql`CREATE INDEX paper_pages_queue ON paper_pages (status, office_id, uploaded_at)`.execute(db);
  await sql`
    CREATE TABLE paper_entries (
      id uuid PRIMARY KEY,
      page_id uuid NOT NULL REFERENCES paper_pages(id),
      kind text NOT NULL,
      user_id text NOT NULL,
      declaration jsonb NOT NULL,
      registration jsonb NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(db);
  // One entry per person and page: the rule of double entry, held by the database too.
  await sql`CREATE UNIQUE INDEX paper_entries_one_per_person ON paper_entries (page_id, user_id) WHERE kind = 'entry'`.execute(
    db,
  );
}
