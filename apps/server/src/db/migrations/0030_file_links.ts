import { sql, type Kysely } from 'kysely';

/**
 * Files belong to records: who uploaded each file (the same bytes may come from several users), and which record
 * (or which user's draft of it) references each file. A file is served under the access rule of the records
 * that reference it; one no record references yet, only to those who uploaded it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE file_uploads (
      file_id text NOT NULL,
      user_id text NOT NULL,
      uploaded_at timestamptz NOT NULL,
      PRIMARY KEY (file_id, user_id)
    )`.execute(db);
  await sql`INSERT INTO file_uploads (file_id, user_id, uploaded_at) SELECT id, created_by, created_at FROM files`.execute(
    db,
  );

  // holder: 'record' when the record's history references the file, else the id of the user whose draft does.
  await sql`
    CREATE TABLE file_links (
      file_id text NOT NULL,
      event_id uuid NOT NULL,
      holder text NOT NULL,
      linked_at timestamptz NOT NULL,
      PRIMARY KEY (file_id, event_id, holder)
    )`.execute(db);
  await sql`CREATE INDEX file_links_event ON file_links (event_id)`.execute(db);

  // Link what existing records and drafts already reference.
  await sql`
    INSERT INTO file_links (file_id, event_id, holder, linked_at)
    SELECT DISTINCT m[1], a.event_id, 'record', now()
    FROM event_actions a, regexp_matches(a.declaration::text, '/api/files/([0-9a-f]{64})', 'g') AS m
    WHERE a.declaration IS NOT NULL
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`
    INSERT INTO file_links (file_id, event_id, holder, linked_at)
    SELECT DISTINCT m[1], d.event_id, d.user_id, now()
    FROM drafts d, regexp_matches(d.declaration::text, '/api/files/([0-9a-f]{64})', 'g') AS m
    ON CONFLICT DO NOTHING`.execute(db);
}
