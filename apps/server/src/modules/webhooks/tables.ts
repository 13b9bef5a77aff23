import type { ColumnType } from 'kysely';
import type { Db } from '../../db/connect.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The `webhook_subscriptions` table (migration 0111_webhooks). Only this module reads or writes it. */
export interface WebhookSubscriptionsTable {
  id: string;
  owner_id: string;
  url: string;
  events: string[];
  secret: string;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
}

export const withWebhooks = (db: Db) => db.withTables<{ webhook_subscriptions: WebhookSubscriptionsTable }>();
