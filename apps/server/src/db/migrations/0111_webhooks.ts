import { sql, type Kysely } from 'kysely';

/**
 * Webhook subscriptions. The signing secret is kept as given (HMAC needs it); deliveries are outbox jobs of kind
 * `webhook`, and the index lets a delivery find an earlier one of the same subscription and record not yet done
 * (deliveries go out in order per record).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE webhook_subscriptions (
      id uuid PRIMARY KEY,
      owner_id text NOT NULL,
      url text NOT NULL,
      events text[] NOT NULL,
      secret text NOT NULL,
      created_at timestamptz NOT NULL,
      deleted_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX webhook_subscriptions_events ON webhook_subscriptions USING gin (events)
              WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX outbox_webhook_order ON outbox ((payload->>'orderKey'), id)
              WHERE kind = 'webhook' AND status <> 'sent'`.execute(db);
}
