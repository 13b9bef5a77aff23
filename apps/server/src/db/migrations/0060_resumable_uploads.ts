import { sql, type Kysely } from 'kysely';

/**
 * Resumable uploads (tus 1.0): one row per upload, its received chunks apart, so a slow or cut connection
 * resumes where the server's copy ends, also after a server restart. Chunks are dropped once the file is stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE resumable_uploads (
      id text PRIMARY KEY,
      created_by text NOT NULL,
      length integer NOT NULL,
      received integer NOT NULL DEFAULT 0,
      content_type text NOT NULL,
      filename text,
      sha256 text,
      file_id text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX resumable_uploads_expires ON resumable_uploads (expires_at)`.execute(db);
  await sql`
    CREATE TABLE resumable_upload_chunks (
      upload_id text NOT NULL REFERENCES resumable_uploads (id) ON DELETE CASCADE,
      start_at integer NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (upload_id, start_at)
    )`.execute(db);
}
