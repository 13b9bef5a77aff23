import { sql, type Kysely } from 'kysely';

/**
 * Messages sent to families about their records, as the record shows them: which message, on which channel, and
 * whether it went (never the address nor the text). The job that sends it is in `outbox`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE family_messages (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id uuid NOT NULL,
      message text NOT NULL,
      channel text NOT NULL,
      status text NOT NULL DEFAULT 'queued',
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX family_messages_event ON family_messages (event_id, id)`.execute(db);
}
