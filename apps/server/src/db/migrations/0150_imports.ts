import { sql, type Kysely } from 'kysely';

/**
 * Imports of legacy registers (`lifeline import`, POST /api/imports). One row per file and event type: the same
 * file (by SHA-256) is the same import, so running it again resumes it or, once done, adds nothing. `rows` is the
 * last data row handled, committed in the same transaction as the records of its batch: a resumed run starts after
 * it. Refused rows keep their reasons for the report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE imports (
      id uuid PRIMARY KEY,
      event_type text NOT NULL,
      format text NOT NULL,
      file_name text NOT NULL,
      sha256 text NOT NULL,
      bytes bigint NOT NULL,
      bytes_read bigint NOT NULL DEFAULT 0,
      status text NOT NULL,
      rows integer NOT NULL DEFAULT 0,
      imported integer NOT NULL DEFAULT 0,
      refused integer NOT NULL DEFAULT 0,
      skipped integer NOT NULL DEFAULT 0,
      error text,
      started_by text NOT NULL,
      started_by_role text NOT NULL,
      started_at_office text,
      started_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      finished_at timestamptz,
      UNIQUE (sha256, event_type, format)
    )`.execute(db);
  await sql`
    CREATE TABLE import_refusals (
      import_id uuid NOT NULL REFERENCES imports(id),
      row integer NOT NULL,
      registration_number text,
      reasons text[] NOT NULL,
      PRIMARY KEY (import_id, row)
    )`.execute(db);
}
