import { sql, type Kysely } from 'kysely';

/**
 * Background jobs (messages to send, later webhook deliveries and national ID requests), written in the same
 * transaction as what caused them and claimed with FOR UPDATE SKIP LOCKED by any number of server copies.
 * `secrets` (e.g. a one-time code) is kept apart from `payload` so it is never listed and is erased once sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      secrets jsonb,
      status text NOT NULL DEFAULT 'pending',
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL,
      next_attempt_at timestamptz NOT NULL,
      last_error text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      done_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX outbox_failed ON outbox (kind, updated_at DESC) WHERE status = 'failed'`.execute(db);
  await sql`CREATE INDEX outbox_done ON outbox (done_at) WHERE status = 'sent'`.execute(db);
}
