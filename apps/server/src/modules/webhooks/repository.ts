import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { withWebhooks, type WebhookSubscriptionsTable } from './tables.ts';

export type SubscriptionRow = Selectable<WebhookSubscriptionsTable>;

export function insertSubscription(
  trx: Db,
  row: { id: string; ownerId: string; url: string; events: string[]; secret: string },
): Promise<SubscriptionRow> {
  return withWebhooks(trx)
    .insertInto('webhook_subscriptions')
    .values({
      id: row.id,
      owner_id: row.ownerId,
      url: row.url,
      events: row.events,
      secret: row.secret,
      created_at: sql<Date>`now()`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Live subscriptions, all or one owner's, newest first. */
export function listSubscriptions(db: Db, ownerId?: string): Promise<SubscriptionRow[]> {
  let q = withWebhooks(db).selectFrom('webhook_subscriptions').selectAll().where('deleted_at', 'is', null);
  if (ownerId) q = q.where('owner_id', '=', ownerId);
  return q.orderBy('created_at', 'desc').execute();
}

export function findSubscription(db: Db, id: string): Promise<SubscriptionRow | undefined> {
  return withWebhooks(db).selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSubscription(trx: Db, id: string): Promise<void> {
  await withWebhooks(trx)
    .updateTable('webhook_subscriptions')
    .set({ deleted_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Every live subscription (a small table: what the subscription cache keeps). */
export function liveSubscriptions(db: Db): Promise<SubscriptionRow[]> {
  return withWebhooks(db).selectFrom('webhook_subscriptions').selectAll().where('deleted_at', 'is', null).execute();
}

/** The first delivery of the same subscription and record, queued before `jobId`, not sent yet (or undefined). */
export async function earlierUndelivered(
  db: Db,
  orderKey: string,
  jobId: number,
): Promise<{ id: number; status: string; attempts: number; next_attempt_at: Date } | undefined> {
  const { rows } = await sql<{ id: number; status: string; attempts: number; next_attempt_at: Date }>`
    SELECT id, status, attempts, next_attempt_at FROM outbox
     WHERE kind = 'webhook' AND status <> 'sent' AND payload->>'orderKey' = ${orderKey} AND id < ${jobId}
     ORDER BY id LIMIT 1`.execute(db);
  return rows[0];
}
