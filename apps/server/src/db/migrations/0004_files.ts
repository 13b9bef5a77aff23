import { sql, type Kysely } from 'kysely';

/** Uploaded documents and signatures, content-addressed: the id is the SHA-256 of the bytes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE files (
      id text PRIMARY KEY,
      content_type text NOT NULL,
      size integer NOT NULL,
      data bytea NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(db);
}
